"""A time dimension over an integer YYYYMMDD date key is read as the date it spells.

A public distribution-operations project names its facts' conformed keys as time dimensions
(``expr: ship_date_key``, values like 20261105). Every time-bounded question failed on it:
DuckDB refuses ``ship_date_key >= DATE '2026-11-01'`` and ``DATE_TRUNC('month', <int>)``.
Original fixture: a library's loans, keyed by ``loan_day_key``; an integer column that is not
a date key (epoch seconds, or one value that is no date) must stay as it is.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from semantic_layer import SemanticQuery, TimeRange, compile_query, load_model
from semantic_layer.date_keys import read_date_keys

LOANS = """semantic_models:
  - name: loans
    model: ref('loans')
    defaults: {agg_time_dimension: loan_day}
    entities: [{name: loan, type: primary, expr: loan_id}]
    dimensions:
      - {name: loan_day, type: time, expr: loan_day_key, type_params: {time_granularity: day}}
      - {name: branch, type: categorical}
    measures:
      - {name: loans, agg: count, expr: loan_id}
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_at}
    entities: [{name: visit, type: primary, expr: visit_id}]
    dimensions:
      - {name: visited_at, type: time, expr: visited_epoch, type_params: {time_granularity: day}}
    measures:
      - {name: visits, agg: count, expr: visit_id}
metrics:
  - {name: loans, type: simple, type_params: {measure: loans}}
  - {name: visits, type: simple, type_params: {measure: visits}}
"""

ROWS = [  # loan_id, loan_day_key, branch
    (1, 20261028, "north"),
    (2, 20261101, "north"),
    (3, 20261115, "south"),
    (4, 20261130, "south"),
    (5, 20261201, "north"),
]


def _load(tmp_path, loan_keys=None):
    (tmp_path / "m.yml").write_text(LOANS)
    con = duckdb.connect()
    con.execute("create table loans (loan_id integer, loan_day_key integer, branch varchar)")
    rows = ROWS if loan_keys is None else [(i, k, "north") for i, k in enumerate(loan_keys, 1)]
    con.executemany("insert into loans values (?, ?, ?)", rows)
    con.execute("create table visits (visit_id integer, visited_epoch bigint)")
    con.execute("insert into visits values (1, 1793318400), (2, 1793404800)")
    return load_model(tmp_path, con=con), con


def _rows(model, con, q: SemanticQuery) -> list[tuple]:
    return con.execute(compile_query(model, q).sql).fetchall()


def test_a_date_key_filters_by_a_date_range(tmp_path) -> None:
    model, con = _load(tmp_path)
    november = TimeRange(start=dt.date(2026, 11, 1), end=dt.date(2026, 12, 1))
    assert _rows(model, con, SemanticQuery(metrics=["loans"], time_range=november)) == [(3,)]


def test_a_date_key_groups_by_month(tmp_path) -> None:
    model, con = _load(tmp_path)
    q = SemanticQuery(metrics=["loans"], group_by=["metric_time__month"])
    got = sorted((str(m)[:10], n) for m, n in _rows(model, con, q))
    assert got == [("2026-10-01", 1), ("2026-11-01", 3), ("2026-12-01", 1)]


def test_a_date_key_groups_with_a_category_and_a_range(tmp_path) -> None:
    model, con = _load(tmp_path)
    q = SemanticQuery(
        metrics=["loans"],
        group_by=["loan__branch"],
        time_range=TimeRange(start=dt.date(2026, 11, 1), end=dt.date(2026, 12, 1)),
    )
    assert sorted(_rows(model, con, q)) == [("north", 1), ("south", 2)]


def test_epoch_seconds_are_not_read_as_a_date_key(tmp_path) -> None:
    model, _ = _load(tmp_path)
    assert model.nodes["visits"].dimensions["visited_at"].expr == "visited_epoch"
    assert "STRPTIME" in model.nodes["loans"].dimensions["loan_day"].expr


@pytest.mark.parametrize("bad", [20261345, 2026110, 202611011])
def test_one_value_that_is_no_date_keeps_the_column_as_it_is(tmp_path, bad) -> None:
    model, con = _load(tmp_path, loan_keys=[20261101, bad])
    assert model.nodes["loans"].dimensions["loan_day"].expr == "loan_day_key"
    assert read_date_keys(model, con) == []


def test_a_date_column_is_left_alone(tmp_path) -> None:
    (tmp_path / "m.yml").write_text(LOANS.replace("expr: loan_day_key, ", ""))
    con = duckdb.connect()
    con.execute("create table loans (loan_id integer, loan_day date, branch varchar)")
    con.execute("insert into loans values (1, date '2026-11-02', 'north')")
    con.execute("create table visits (visit_id integer, visited_epoch bigint)")
    model = load_model(tmp_path, con=con)
    assert model.nodes["loans"].dimensions["loan_day"].expr == "loan_day"
