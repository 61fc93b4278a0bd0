"""Red team, session 5: ``orderlens ask --today`` follows the server's date rule."""

from __future__ import annotations

from click.testing import CliRunner

from lab.commands.ask import ask_command


def test_a_today_outside_the_calendar_range_is_a_usage_error_naming_the_range() -> None:
    """Before: exit 2 with "Cannot answer: ValueError: year -9 is out of range"."""
    for value in ("0001-01-01", "9999-12-31", "2026-02-30", "yesterday"):
        got = CliRunner().invoke(ask_command, ["GMV last 10 years", "--today", value])
        assert got.exit_code == 2 and "Invalid value for '--today'" in got.output, got.output
        assert "ValueError" not in got.output and "must be a date YYYY-MM-DD" in got.output
    got = CliRunner().invoke(ask_command, ["GMV", "--today", "1899-12-31"])
    assert "between 1900-01-01 and 2999-12-31" in got.output
