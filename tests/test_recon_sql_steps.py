"""The matcher's SQL step files: every file parses, is run, and binds only known parameters."""

from __future__ import annotations

import re

import duckdb
import pytest
from sqlglot import exp

from lab.reconciliation import sql_steps
from lab.reconciliation.config import Period, ReconConfig
from lab.reconciliation.errors import ReconciliationError
from lab.reconciliation.matching import STEPS, fuzzy_params, step_params
from lab.reconciliation.sql_steps import SQL_DIR, load_step, parse_step, run_step

STEP_FILES = sorted(p.stem for p in SQL_DIR.glob("*.sql"))
# SQL files run by the Python steps rather than listed as steps themselves
RUN_BY_PYTHON = {"02_memo_texts", "03_refs", "05_fuzzy_candidates", "08_goods_or_full_gaps",
                 "09_goods_or_full_apply"}  # fmt: skip
FUZZY_LOOP_PARAMS = set(fuzzy_params(13))


def test_step_files_are_numbered_in_run_order_and_all_used():
    assert all(re.fullmatch(r"\d\d_[a-z_]+", name) for name in STEP_FILES)
    listed = [s.name for s in STEPS if s.python is None]
    assert listed == sorted(listed), "SQL steps must run in the order of their numbers"
    assert set(listed) | RUN_BY_PYTHON == set(STEP_FILES)
    assert not set(listed) & RUN_BY_PYTHON


@pytest.mark.parametrize("name", STEP_FILES)
def test_every_step_file_parses_with_sqlglot(name):
    trees = parse_step(name)
    assert len(trees) == len(load_step(name)) >= 1
    for tree in trees:
        assert isinstance(tree, exp.Create | exp.Insert | exp.Update | exp.Delete | exp.Query)


@pytest.mark.parametrize("name", STEP_FILES)
def test_every_parameter_is_bound_by_the_matcher(name):
    used = set().union(*(s.params for s in load_step(name)))
    known = set(step_params(Period.parse("2026-01"), ReconConfig()))
    allowed = known | (FUZZY_LOOP_PARAMS if name == "05_fuzzy_candidates" else set())
    assert used <= allowed


def test_statements_split_on_semicolons_outside_strings(tmp_path, monkeypatch):
    (tmp_path / "99_demo.sql").write_text(
        "-- a comment; not a split\ncreate temp table t as select '; ' as sep, $x as x;\n"
        "insert into t select ';', $x + $y;\n-- trailing comment only\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sql_steps, "SQL_DIR", tmp_path)
    load_step.cache_clear()
    try:
        stmts = load_step("99_demo")
        assert [sorted(s.params) for s in stmts] == [["x"], ["x", "y"]]
        con = duckdb.connect()
        run_step(con, "99_demo", {"x": 1, "y": 2, "unused": 3})
        assert con.execute("select sep, x from t order by x").fetchall() == [("; ", 1), (";", 3)]
        with pytest.raises(ReconciliationError, match=r"99_demo\.sql uses parameter\(s\) \['y'\]"):
            run_step(con, "99_demo", {"x": 1})
        with pytest.raises(ReconciliationError, match=r"98_missing\.sql is missing"):
            load_step("98_missing")
    finally:
        load_step.cache_clear()


def test_matcher_reports_one_timing_per_step(tmp_path):
    from connectors.warehouse import connect, ensure_schema
    from lab.reconciliation.engine import reconcile_period

    con = connect(tmp_path / "empty.duckdb")
    ensure_schema(con)
    result = reconcile_period(con, "2026-01")
    assert [k for k in result.timings if k.startswith("match.")] == [
        f"match.{s.name}" for s in STEPS
    ]
    assert result.flows == 0
