"""The one way tests start a real server (:mod:`tests.server_starts`), and what its error says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lab.server.launch import START_TIMEOUT_S, ServerStartError, start_server
from tests.server_starts import refused_start

TESTS = Path(__file__).resolve().parent


def test_no_test_starts_a_server_but_through_the_helper() -> None:
    """Session 29: seven start-up tests each had their own timeout (60-240 s); the short ones
    failed on a loaded machine. A new direct call would bring that back."""
    direct = [
        str(path.relative_to(TESTS))
        for path in TESTS.rglob("*.py")
        if path.name != "server_starts.py"
        and re.search(r"\bstart_server\(", path.read_text(encoding="utf-8"))
        and path != Path(__file__).resolve()
    ]
    assert direct == []
    assert START_TIMEOUT_S >= 240  # a start took over 60 s at load 29


def test_a_server_that_exits_is_a_refusal_with_its_status(tmp_path: Path) -> None:
    """A Python start of the CLI (~1 s idle, 8 s at load 10): the cheapest process that exits."""
    log = refused_start("no-such-command", [], tmp_path)  # the CLI exits 2 at once
    assert "did not start (exited with status 2)" in log and "no-such-command" in log


def test_a_server_still_starting_at_the_deadline_is_not_a_refusal(tmp_path: Path) -> None:
    with pytest.raises(ServerStartError) as raised:
        start_server("serve", ["--db", str(tmp_path / "none.duckdb")], tmp_path, timeout_s=0.01)
    assert raised.value.exit_code is None
    assert "did not start (did not answer within 0.01 s)" in str(raised.value)
