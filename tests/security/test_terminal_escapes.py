"""Red team, session 24: escape sequences in warehouse values printed by the ``orderlens``
commands.

A customer city ``Hangzhou`` + ``ESC ] 0;PWNED BEL`` in a copy of the demo warehouse reached
the terminal as written through ``orderlens ask "order count by customer city"`` (it set the
window title; ``ESC ] 52`` writes the clipboard in terminals that allow it). The commands'
output now shows control characters as ``\\xNN``. The subprocess test failed on 29d6991 (the
raw ESC in the output); it prints a bank account number kept in the warehouse, the cheapest
command that prints a value from the data.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from lab import terminal_text
from lab.terminal_text import VisibleControls, guard_streams, visible_controls

HOSTILE = "DE89\x1b]0;PWNED\x07\x1b[2J\x9b31m"


def test_a_value_from_the_data_reaches_the_terminal_without_its_escapes(tmp_path: Path) -> None:
    from connectors.warehouse import connect, ensure_schema

    db = tmp_path / "w.duckdb"
    con = connect(db)
    ensure_schema(con, ["bank_accounts"])
    con.execute(
        "INSERT INTO bank_accounts VALUES (?, 'EUR', TIMESTAMP '2026-11-20 08:00')", [HOSTILE]
    )
    con.close()
    out = subprocess.run(
        [sys.executable, "-m", "lab.cli", "accounts", "list", "--db", str(db)],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert "\x1b" not in out.stdout and "\x07" not in out.stdout and "\x9b" not in out.stdout
    # (click drops ``ESC [2J`` itself when the output is not a terminal; the rest is shown)
    assert "DE89\\x1b]0;PWNED\\x07" in out.stdout and "\\x9b31m\tEUR\tset 2026-11-20" in out.stdout


def test_text_keeps_tabs_line_breaks_and_every_printable_character() -> None:
    text = "渠道\tGMV\r\n京东\t¥1,234.00 — ok ✓\n"
    assert visible_controls(text) == text
    assert visible_controls("a\x00b\x7fc\x85d") == "a\\x00b\\x7fc\\x85d"


def test_the_streams_are_wrapped_once_and_not_for_the_servers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    guard_streams(["serve", "--port", "1"])
    guard_streams(["lab", "--no-browser"])
    assert sys.stdout is out and sys.stderr is err
    guard_streams(["ask", "x"])
    guard_streams(["ask", "x"])
    assert isinstance(sys.stdout, VisibleControls) and sys.stdout._stream is out
    print("a\x1bb", file=sys.stderr)
    sys.stdout.writelines(["\x07", "ok\n"])
    assert (out.getvalue(), err.getvalue()) == ("\\x07ok\n", "a\\x1bb\n")
    assert sys.stdout.getvalue() == out.getvalue()  # anything else is the stream's
    assert {"serve", "lab"} == terminal_text.SERVER_COMMANDS
