"""What the ``orderlens`` commands print shows control characters, never runs them.

Why: the commands print warehouse values (customer cities and names from shop exports, bank
counterparties and memos, lanes, reasons that quote them) to a terminal. A value holding an
escape sequence was written as it was: a customer city ``Hangzhou`` + ``ESC ] 0;… BEL`` set
the analyst's window title through ``orderlens ask "order count by customer city"``
(session 24), and ``ESC ] 52`` writes the clipboard in terminals that allow it (Windows
Terminal, kitty, iTerm2, xterm with window ops); other sequences clear the screen or hide and
recolour text. Whoever can put a value in the data (a buyer's nickname, a payer's memo) could
do that to whoever reads the output. The fix is one place: the commands' standard output and
error streams show every C0/C1 control character other than tab, line feed and carriage
return as ``\\xNN``. The servers (``serve``, ``lab``) are left alone: their streams carry
Jupyter's coloured log lines, and the data they log is quoted (``%r``) already.

>>> visible_controls("Hangzhou\\x1b]0;x\\x07 ok\\tyes\\n")
'Hangzhou\\\\x1b]0;x\\\\x07 ok\\tyes\\n'
>>> visible_controls("\\x9b2J 京东")
'\\\\x9b2J 京东'
"""

from __future__ import annotations

import re
import sys
from typing import Any, TextIO

#: C0 controls except tab, line feed and carriage return; DEL; the C1 controls (a terminal may
#: read U+009B as CSI).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Commands whose streams are a server's log (Jupyter colours it): not wrapped.
SERVER_COMMANDS = frozenset({"serve", "lab"})


def visible_controls(text: str) -> str:
    """``text`` with each control character shown as ``\\xNN`` (tab and line breaks kept)."""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class VisibleControls:
    """A text stream that writes :func:`visible_controls` of what it is given to ``stream``;
    everything else (``buffer``, ``encoding``, ``isatty``, ``flush``...) is ``stream``'s."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` with its control characters shown; returns ``len(text)``."""
        self._stream.write(visible_controls(text) if isinstance(text, str) else text)
        return len(text)

    def writelines(self, lines: Any) -> None:
        """:meth:`write` each of ``lines``."""
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def guard_streams(argv: list[str]) -> None:
    """Show control characters on ``sys.stdout``/``sys.stderr`` for the command of ``argv``
    (the arguments after the program name); not for the servers, nor twice."""
    command = next((a for a in argv if not a.startswith("-")), "")
    if command in SERVER_COMMANDS:
        return
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, VisibleControls):
            setattr(sys, name, VisibleControls(stream))
