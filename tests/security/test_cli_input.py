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


def test_planning_knobs_are_finite_and_in_range(tmp_path) -> None:
    """Red team, session 13: ``orderlens windows recommend --min-saving nan`` (or ``inf``)
    stored no proposal and said nothing; ``--max-extra-risk inf`` let a delay add any lateness
    risk. Each is a usage error naming the option before the warehouse is opened."""
    from lab.cli import cli

    db = tmp_path / "never-made.duckdb"
    cases = [
        (["recommend", "--min-saving", "nan"], "--min-saving", "finite amount"),
        (["recommend", "--min-saving", "inf"], "--min-saving", "finite amount"),
        (["recommend", "--min-saving", "-5"], "--min-saving", "at least 0"),
        (["recommend", "--max-extra-risk", "inf"], "--max-extra-risk", "probability in [0, 1]"),
        (["recommend", "--max-extra-risk", "nan"], "--max-extra-risk", "probability in [0, 1]"),
        (["backtest", "--max-extra-risk", "1.5"], "--max-extra-risk", "probability in [0, 1]"),
    ]
    for args, option, says in cases:
        got = CliRunner().invoke(cli, ["windows", *args, "--db", str(db)])
        assert got.exit_code == 2, (args, got.output)
        assert option in got.output and says in got.output, got.output
    assert not db.exists()  # refused before anything was opened or made
    got = CliRunner().invoke(cli, ["windows", "recommend", "--db", str(db)])
    assert got.exit_code == 1 and f"warehouse {db} does not exist" in got.output, got.output
    assert "pg_index" not in got.output and not db.exists()  # no empty file made, no DuckDB text
