"""The synonym-stripped run refuses a warehouse whose data ends on another day than its sets.

Session 28: ``python -m lab.evals.heldout --nosyn-db .orderlens/demo.duckdb`` scored the tuned
sets (asked as of 2026-11-20) on a demo warehouse built to the day it was built: "GMV so far
this month" was counted wrong against gold run on a month with no data, an error of the
harness. ``lab.evaluate`` builds its own warehouse to 2026-11-20 and was right.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from lab.evals.heldout import sets


def test_a_demo_warehouse_knows_its_end_date(demo_db: Path) -> None:
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        assert sets.warehouse_end_date(con) == dt.date(2026, 11, 20)
        sets.check_end_date(con, demo_db, "2026-11-20")  # the sets' today: accepted
    finally:
        con.close()


def test_a_warehouse_of_another_end_date_is_refused_naming_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warehouse whose freight index ends on 2026-12-07 (the day of this session), as
    ``orderlens demo`` builds it today; the generator's contract that its last day is the end
    date is pinned above (a 100-order build here took 10 s under load, this takes none)."""
    db = tmp_path / "today.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        "CREATE TABLE freight_index AS "
        "SELECT DATE '2026-12-07' - CAST(i AS INTEGER) AS index_date FROM range(730) t(i)"
    )
    con.close()
    scored: list[object] = []
    monkeypatch.setattr(sets, "score_questions", lambda *a, **k: scored.append(a))
    assert sets.main(["--nosyn-db", str(db)]) == 2
    err = capsys.readouterr().err
    assert f"the warehouse {db} ends on 2026-12-07, but the sets ask as of 2026-11-20" in err
    assert "`orderlens demo --db FILE --end-date 2026-11-20`" in err
    assert "--nosyn-db` without a file" in err
    assert scored == []  # refused before a question was scored


def test_a_warehouse_that_is_not_a_demo_has_no_end_date() -> None:
    con = duckdb.connect()
    assert sets.warehouse_end_date(con) is None
    con.execute("CREATE TABLE freight_index (index_date DATE)")
    assert sets.warehouse_end_date(con) is None  # empty: nothing to compare
