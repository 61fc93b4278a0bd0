"""A question whose condition contradicts its metric's own filter is refused, not answered empty.

zhfresh20 found it on a public project: the only order count was defined over orders that are
not cancelled, and "how many cancelled orders" answered an empty table (read as "none") where 116
were cancelled. The model here is original (a library's loans); the check is on the compiled SQL.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from nl2sql import ask
from semantic_layer import load_model

pytestmark = pytest.mark.usefixtures("own_cache")  # no plan or catalog of another run

MODEL = """
semantic_models:
  - name: loans
    model: ref('loans')
    defaults: {agg_time_dimension: lent_on}
    entities:
      - {name: loan, type: primary, expr: loan_id}
    dimensions:
      - {name: lent_on, type: time, type_params: {time_granularity: day}}
      - {name: loan_state, type: categorical}
      - {name: branch, type: categorical}
    measures:
      - {name: loan_count, agg: count, expr: loan_id}
metrics:
  - name: active_loans
    label: Active Loans
    description: Loans that were not written off.
    type: simple
    type_params: {measure: loan_count}
    filter: "{{ Dimension('loan__loan_state') }} <> 'written_off'"
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, duckdb.DuckDBPyConnection]:
    root = tmp_path_factory.mktemp("library")
    (root / "m.yml").write_text(MODEL, encoding="utf-8")
    db = root / "w.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        "CREATE TABLE loans AS SELECT i AS loan_id, DATE '2026-03-01' + (i % 20)::INT AS lent_on,"
        " CASE WHEN i % 5 = 0 THEN 'written_off' WHEN i % 5 = 1 THEN 'returned' ELSE 'out' END"
        " AS loan_state, CASE WHEN i % 2 = 0 THEN 'north' ELSE 'south' END AS branch"
        " FROM range(1, 101) t(i)"
    )
    con.close()
    con = duckdb.connect(str(db), read_only=True)
    return load_model(Path(root), con=con), con


def _ask(library: tuple[object, duckdb.DuckDBPyConnection], q: str):  # type: ignore[no-untyped-def]
    model, con = library
    return ask(q, model=model, con=con, engine="rules", today=dt.date(2026, 4, 1), chart=False)


def test_the_opposite_of_the_metrics_filter_is_refused_naming_both_conditions(library) -> None:  # type: ignore[no-untyped-def]
    a = _ask(library, "active loans where loan state is written_off")
    assert a.refused
    assert "loan_state = 'written_off'" in a.error and "loan_state <> 'written_off'" in a.error
    assert "Active Loans" in a.error and "Active Loans" in a.suggestions


def test_conditions_that_leave_rows_are_answered(library) -> None:  # type: ignore[no-untyped-def]
    a = _ask(library, "active loans where loan state is returned")
    assert not a.refused and int(a.df.iloc[0, -1]) == 20
    b = _ask(library, "active loans by branch")
    assert not b.refused and sorted(int(v) for v in b.df.iloc[:, -1]) == [40, 40]
