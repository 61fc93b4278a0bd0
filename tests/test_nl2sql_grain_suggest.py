"""A question grouped finer than its data is recorded is refused with coarser questions.

The semantic layer refuses "goals by month" when goals are recorded per season (yearly): every
row would sit in the year's first month. ``ask`` then offers the question at the recorded grain
or coarser, each checked to be answerable, in the question's language. Two domains: a sports
league recorded by season (year) and a budget recorded by month.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from nl2sql import ask

MODEL = """
semantic_models:
  - name: {table}
    model: ref('{table}')
    defaults: {{agg_time_dimension: {time}}}
    entities:
      - {{name: {entity}, type: primary, expr: id}}
    dimensions:
      - name: {time}
        type: time
        type_params: {{time_granularity: {grain}}}
      - {{name: team, type: categorical}}
    measures:
      - {{name: {measure}, agg: sum, expr: amount}}
metrics:
  - {{name: {measure}, label: {label}, type: simple, type_params: {{measure: {measure}}}}}
"""

CASES = {
    "seasons": dict(
        entity="season", time="season_start", grain="year", measure="goals", label="Total Goals"
    ),
    "budgets": dict(
        entity="budget",
        time="budget_month",
        grain="month",
        measure="budgeted",
        label="Budgeted Amount",
    ),
}


def _project(tmp_path: Path, table: str) -> tuple[str, str]:
    c = CASES[table]
    (tmp_path / "model.yml").write_text(MODEL.format(table=table, **c))
    db = tmp_path / "wh.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        f"CREATE TABLE {table} (id INTEGER, {c['time']} DATE, team VARCHAR, amount DOUBLE);"
        f"INSERT INTO {table} VALUES (1, DATE '2023-01-01', 'a', 5), (2, DATE '2024-01-01', 'b', 7)"
    )
    con.close()
    return str(tmp_path), str(db)


@pytest.mark.parametrize(
    ("table", "question", "expected"),
    [
        ("seasons", "Total Goals by month", ["Total Goals by year"]),
        ("seasons", "每月的Total Goals", ["每年的Total Goals"]),
        ("seasons", "daily total goals by team", ["yearly total goals by team"]),
        (
            "budgets",
            "Budgeted Amount by week",
            ["Budgeted Amount by month", "Budgeted Amount by quarter", "Budgeted Amount by year"],
        ),
        (
            "budgets",
            "按周统计的Budgeted Amount",
            [
                "按月统计的Budgeted Amount",
                "按季度统计的Budgeted Amount",
                "按年统计的Budgeted Amount",
            ],
        ),
    ],
)
def test_a_too_fine_grain_is_refused_with_coarser_questions(tmp_path, table, question, expected):
    model, db = _project(tmp_path, table)
    a = ask(question, model=model, db=db, engine="rules", today="2024-07-01", chart=False)
    assert a.refused and "recorded by" in a.error
    assert a.suggestions == expected
    first = ask(expected[0], model=model, db=db, engine="rules", today="2024-07-01", chart=False)
    assert not first.refused
    assert sorted(first.df.iloc[:, -1].tolist()) == [5.0, 7.0]  # each row in its own period


OFFSET_MODEL = """
semantic_models:
  - name: {table}
    model: ref('{table}')
    defaults: {{agg_time_dimension: happened_on}}
    entities:
      - {{name: {entity}, type: primary, expr: id}}
    dimensions:
      - {{name: happened_on, type: time, type_params: {{time_granularity: day}}}}
      - {{name: status, type: categorical}}
    measures:
      - {{name: {measure}, agg: sum, expr: amount}}
metrics:
  - {{name: {measure}, label: {label}, type: simple, type_params: {{measure: {measure}}}}}
  - name: {measure}_change
    label: {label} change {period}
    type: derived
    type_params:
      expr: current - previous
      metrics:
        - {{name: {measure}, alias: current}}
        - {{name: {measure}, alias: previous, offset_window: 1 {unit}}}
"""


@pytest.mark.parametrize(
    ("table", "measure", "label", "period", "unit", "question", "expected"),
    [
        (
            "orders",
            "revenue",
            "Revenue",
            "MoM",
            "month",
            "Revenue change MoM by status",
            ["Revenue change MoM by status by month", "Revenue change MoM by status by quarter"],
        ),
        (
            "visits",
            "visits",
            "Gym Visits",
            "WoW",
            "week",
            "各status的Gym Visits change WoW",
            ["每周各status的Gym Visits change WoW", "每月各status的Gym Visits change WoW"],
        ),
    ],
)
def test_a_change_metric_asked_without_a_period_suggests_one(
    tmp_path, table, measure, label, period, unit, question, expected
):
    (tmp_path / "model.yml").write_text(
        OFFSET_MODEL.format(
            table=table, entity=table[:-1], measure=measure, label=label, period=period, unit=unit
        )
    )
    db = tmp_path / "wh.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        f"CREATE TABLE {table} (id INTEGER, happened_on DATE, status VARCHAR, amount DOUBLE);"
        f"INSERT INTO {table} VALUES (1, DATE '2024-01-03', 'a', 5), (2, DATE '2024-02-05', 'a', 7)"
    )
    con.close()
    kw = dict(model=str(tmp_path), db=str(db), engine="rules", today="2024-07-01", chart=False)
    a = ask(question, **kw)
    assert a.refused and "compares periods" in a.error
    assert a.suggestions == expected
    assert not ask(expected[0], **kw).refused
