"""A metric named for a breakdown ("revenue_by_region") answers "revenue by region" by region.

Why: the whole name was a term, so the question matched it word for word and one total came
back where one row per region was asked — a wrong answer (seen on a public dbt project whose
``revenue_by_customer_segment`` is a plain sum). An original retail fixture; a tail that names
nothing in the model leaves the name whole, and a head that already names something of the model keeps the name whole.
"""

from __future__ import annotations

import duckdb
import pytest

from nl2sql import ask
from semantic_layer import load_model

MODEL = """semantic_models:
  - name: sales
    model: ref('sales')
    defaults: {agg_time_dimension: sold_on}
    entities: [{name: sale, type: primary, expr: sale_id}]
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
      - {name: is_new_buyer, type: categorical}
    measures:
      - {name: amount, agg: sum}
      - {name: sales_count, agg: count, expr: sale_id}
metrics:
  - name: revenue_by_region
    label: Revenue (by region / month)
    type: simple
    type_params: {measure: amount}
  - name: sales_by_walk_ins
    label: Sales by walk-ins
    type: simple
    type_params: {measure: sales_count}
EXTRA
"""

ROWS = [
    (1, "2026-03-02", "north", True, 100.0),
    (2, "2026-03-03", "north", False, 50.0),
    (3, "2026-03-04", "south", False, 70.0),
    (4, "2026-04-01", "west", True, 30.0),
]


def _setup(tmp_path, extra: str = ""):
    (tmp_path / "m.yml").write_text(MODEL.replace("EXTRA", extra))
    con = duckdb.connect()
    con.execute(
        "create table sales (sale_id int, sold_on date, region varchar, is_new_buyer boolean, "
        "amount double)"
    )
    con.executemany("insert into sales values (?, ?, ?, ?, ?)", ROWS)
    return load_model(tmp_path, con=con), con


@pytest.mark.parametrize("question", ["revenue by region", "各地区的收入", "Revenue by region"])
def test_the_breakdown_in_the_name_is_a_breakdown(tmp_path, question: str) -> None:
    model, con = _setup(tmp_path)
    got = ask(question, model=model, con=con, today="2026-04-30")
    assert got.ok, got.reason
    rows = {r[0]: r[1] for r in got.df.itertuples(index=False)}
    assert rows == {"north": 150.0, "south": 70.0, "west": 30.0}


def test_the_head_alone_is_the_metric(tmp_path) -> None:
    model, con = _setup(tmp_path)
    got = ask("revenue in March 2026", model=model, con=con, today="2026-04-30")
    assert got.ok and got.df.iloc[0, -1] == 220.0


def test_a_tail_that_names_nothing_keeps_the_name(tmp_path) -> None:
    model, con = _setup(tmp_path)  # no walk-in dimension: "by walk-ins" is part of the name
    got = ask("sales by walk-ins", model=model, con=con, today="2026-04-30")
    assert got.ok, got.reason
    assert got.df.iloc[0, -1] == 4


def test_a_head_that_names_something_else_keeps_the_name(tmp_path) -> None:
    extra = "  - {name: revenue, type: simple, type_params: {measure: amount}}"
    model, con = _setup(tmp_path, extra)  # "revenue" is another metric: the names stay whole
    got = ask("revenue", model=model, con=con, today="2026-04-30")
    assert got.ok and got.query.metrics == ["revenue"]
