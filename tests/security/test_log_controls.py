"""No byte of a request reaches the server's log as a terminal control (session 27).

tornado refuses C0 controls in a request line, but reads its bytes as Latin-1, so the bytes
0x80-0x9f arrive as the C1 controls U+0080-U+009F: ``CSI`` (U+009B) and ``OSC`` (U+009D) act
like ``ESC [`` and ``ESC ]`` in terminals that honour 8-bit controls, and ``NEL`` (U+0085) is
a line break to Python's ``splitlines`` and some log readers. Session 25's one-line filter
covers only OrderLens's own loggers; Jupyter's access lines, its 403/404 warnings and the
identity provider's "may not open" line (all on Jupyter's loggers) wrote the path as it came,
for anyone, signed in or not.
"""

from __future__ import annotations

import logging
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

from lab.server.log_lines import NoControls, no_controls

C1 = ("\x85", "\x9b", "\x9d", "\x9c")


def _send(port: int, target: bytes, token: str | None) -> bytes:
    head = b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % port
    head += b"Referer: http://x/\x9b2J\x9d0;PWNED\x9c\r\n"  # in the access line of an error
    if token:
        head += b"Authorization: token " + token.encode() + b"\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(head + b"Connection: close\r\n\r\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data.split(b"\r\n", 1)[0]


def test_no_controls_keeps_line_feeds_and_tabs_and_shows_the_rest() -> None:
    assert no_controls("GET /x\x9b2J\x9d0;T\x9c\x85\u2028\u202e\x1b\r") == (
        "GET /x\\x9b2J\\x9d0;T\\x9c\\x85\\u2028\\u202e\\x1b\\r"
    )
    assert no_controls("line one\n\tline two é 中") == "line one\n\tline two é 中"


def test_the_filter_on_a_handler_covers_records_of_every_logger() -> None:
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(self.format(record))

    handler = Keep()
    handler.addFilter(NoControls())
    logger = logging.getLogger("test_log_controls.jupyter")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("404 GET %s (%s)", "/a\x9b2J", "ana")
    finally:
        logger.removeHandler(handler)
    assert seen[0] == "404 GET /a\\x9b2J (ana)"


def test_c1_controls_in_a_request_path_reach_the_log_escaped(ask_server: dict) -> None:
    port = urlsplit(ask_server["base"]).port
    assert port is not None
    log = Path(ask_server["log"])
    marks = []
    for n, (path, token) in enumerate(
        [
            (b"/orderlens/api/x%d\x9b2J\x9d0;PWNED\x9c", ask_server["token"]),  # JSON 404
            (b"/api/contents/x%d\x9b2J\x85", ask_server["token"]),  # 403, the ask role
            (b"/api/contents/x%d\x9b2J\x85", None),  # signed out
        ]
    ):
        mark = f"x{n}{time.monotonic_ns()}"
        marks.append(mark)
        status = _send(port, path.replace(b"x%d", mark.encode()), token)
        assert status.split()[1] in (b"302", b"403", b"404"), status
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")
        if all(m in text for m in marks):
            break
        time.sleep(0.1)
    lines = [line for line in text.split("\n") if any(m in line for m in marks)]
    assert lines, "no log line names the paths"
    for line in lines:
        assert not any(c in line for c in C1), repr(line)
    assert any("\\x9b2J" in line for line in lines)
