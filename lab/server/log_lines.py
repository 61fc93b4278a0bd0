"""Every OrderLens server log record is one line: client text cannot forge another.

Why: the body check (:mod:`lab.server.payload`) lets line breaks through, since questions,
saved names and comments may hold them, and the server logs refusals that quote what the
client sent (an unknown field's name, a saved-question id from the URL, a redacted error).
Until session 25 an ask user's field name ``/etc/passwd`` + a line break + ``[C 07:00
ServerApp] ali: root ok`` put that forged line into the server log as a line of its own, and
a carriage return made a terminal print it over the real one. Escaping at each call site
would miss the next one; the filter sits on the logger every server module writes to, so a
record's message (format and arguments together) leaves as one line: line breaks, the other
control characters and the bidirectional controls are shown as escapes. A traceback is the
formatter's (``exc_info``), never touched, and keeps its lines.

>>> one_line("unknown field \\"/etc\\n[C forged]\\"")
'unknown field "/etc\\\\n[C forged]"'
"""

from __future__ import annotations

import logging
import re
from typing import Any

#: The loggers the server's own modules write to (:mod:`lab.server.users` quotes with ``%r``).
SERVER_LOGGERS = ("orderlens.server", "lab.server.users")

#: What must not reach a log line as it is: C0 controls but tab, DEL, C1 controls (U+0085 is a
#: line break to some readers), the Unicode line and paragraph separators, and the
#: bidirectional embedding, override and isolate controls (a line displayed in another order).
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _shown(char: str) -> str:
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def one_line(text: str) -> str:
    """``text`` with each line break and control character shown as an escape (tab kept)."""
    return _UNSAFE.sub(lambda m: _shown(m.group()), text)


#: What :func:`no_controls` shows as escapes: as :data:`_UNSAFE`, but line feeds are kept.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def no_controls(text: str) -> str:
    """``text`` with every control character but line feed and tab shown as an escape.

    >>> no_controls("GET /x\\x9b2J\\x85 ok\\nnext")
    'GET /x\\\\x9b2J\\\\x85 ok\\nnext'
    """
    return _CONTROLS.sub(lambda m: _shown(m.group()), text)


class NoControls(logging.Filter):
    """On the server log's *handlers*: no record leaves with a terminal control in it.

    Why on the handlers, not a logger: Jupyter's access lines, its 403/404 warnings and
    tornado's messages are made on several loggers (``ServerApp``, ``tornado.access`` renamed,
    the extension app's) and reach the same handlers; a logger's filter sees only the records
    made on it. tornado refuses C0 controls in a request line but reads its bytes as Latin-1,
    so bytes 0x80-0x9f arrived as C1 controls (``CSI`` U+009B, ``OSC`` U+009D, ``NEL`` U+0085)
    and were written to the log as they came (session 27). Line feeds stay: Jupyter's own
    messages have several lines, and a request line cannot carry one.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: logging's own error handling reports it
            return True
        shown = no_controls(message)
        if shown != message:
            record.msg, record.args = shown, None
        return True


def guard_handlers(*loggers: Any) -> None:
    """Put one :class:`NoControls` on every handler the records of ``loggers`` reach (each
    logger's own and, while it propagates, its parents'); a LoggerAdapter counts as its logger."""
    for item in loggers:
        logger = getattr(item, "logger", item)
        while isinstance(logger, logging.Logger):
            for handler in logger.handlers:
                if not any(isinstance(f, NoControls) for f in handler.filters):
                    handler.addFilter(NoControls())
            if not logger.propagate:
                break
            logger = logger.parent


class OneLineRecords(logging.Filter):
    """Make a record's message one line (:func:`one_line`); the record always passes."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        shown = one_line(message)
        if shown != message:
            record.msg, record.args = shown, None
        return True


class ToServerLog(logging.Handler):
    """Hand each record to the running server's own log handlers (its format: time, level).

    Why: nothing configures the ``orderlens.server`` logger under ``orderlens serve``. Until
    session 25 its INFO records (each refused request) were dropped and its warnings (a role
    refused a resource, an unreadable users entry) were printed by Python's last-resort
    handler with neither time nor level, so the operator could not place them among
    Jupyter's lines. One instance per logger; ``target`` follows the server last loaded.
    """

    def __init__(self) -> None:
        super().__init__()
        self.target: logging.Logger | None = None

    def emit(self, record: logging.LogRecord) -> None:
        target = self.target
        if target is None or record.levelno < target.getEffectiveLevel():
            return
        for handler in target.handlers:  # not target.handle: no second trip up to the root
            if record.levelno >= handler.level:
                handler.handle(record)


def install(server_log: Any = None, names: tuple[str, ...] = SERVER_LOGGERS) -> None:
    """Put one :class:`OneLineRecords` on each logger of ``names`` (not twice) and, with the
    server's own logger ``server_log``, send their records to its handlers at its level.

    A logger's filters see only the records made on that logger, not its children's, hence
    the exact names the server's modules use.
    """
    target = getattr(server_log, "logger", server_log)  # a LoggerAdapter's logger
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, OneLineRecords) for f in logger.filters):
            logger.addFilter(OneLineRecords())
        if not isinstance(target, logging.Logger):
            continue
        forward = next((h for h in logger.handlers if isinstance(h, ToServerLog)), None)
        if forward is None:
            forward = ToServerLog()
            logger.addHandler(forward)
        forward.target = target
        if logger.level == logging.NOTSET:  # else records below WARNING are never made
            logger.setLevel(target.getEffectiveLevel())
