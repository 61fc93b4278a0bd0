"""A ratio whose side multiplies its column by a constant is on its own scale, not a fraction.

A public football project writes its per-90 rates as ``sum(goals * 90) / sum(minutes)`` and its
percentages in points as ``sum(passes_completed * 100) / sum(passes_total)``; both were read as
fractions (``value_format`` percent), so 0.20 goals per 90 showed as "20.0%" and 77.25 % pass
accuracy as "7,725.2%" — wrong numbers in every answer and chart. Two domains: football and a
factory's defects per 1,000 units; a plain ratio (returns over orders) stays a percent.
"""

from __future__ import annotations

import duckdb
import pytest

from nl2sql.columns import format_value
from semantic_layer import build_catalog, load_model

FOOTBALL = """semantic_models:
  - name: stints
    model: ref('stints')
    defaults: {agg_time_dimension: started_on}
    entities: [{name: stint, type: primary, expr: stint_id}]
    dimensions: [{name: started_on, type: time, type_params: {time_granularity: day}}]
    measures:
      - {name: goals_scaled, agg: sum, expr: goals * 90}
      - {name: completed_points, agg: sum, expr: passes_completed * 100}
      - {name: passes, agg: sum, expr: passes_total}
      - {name: minutes, agg: sum}
metrics:
  - {name: goals_scaled, type: simple, type_params: {measure: goals_scaled}}
  - {name: completed_points, type: simple, type_params: {measure: completed_points}}
  - {name: passes, type: simple, type_params: {measure: passes}}
  - {name: minutes, type: simple, type_params: {measure: minutes}}
  - {name: goals_per90, type: ratio, type_params: {numerator: goals_scaled, denominator: minutes}}
  - {name: pass_accuracy_pct, type: ratio,
     type_params: {numerator: completed_points, denominator: passes}}
"""

FACTORY = """semantic_models:
  - name: batches
    model: ref('batches')
    defaults: {agg_time_dimension: made_on}
    entities: [{name: batch, type: primary, expr: batch_id}]
    dimensions: [{name: made_on, type: time, type_params: {time_granularity: day}}]
    measures:
      - {name: defects_scaled, agg: sum, expr: 1000 * defects}
      - {name: units, agg: sum}
      - {name: returns, agg: sum}
      - {name: orders, agg: sum}
metrics:
  - {name: defects_scaled, type: simple, type_params: {measure: defects_scaled}}
  - {name: units, type: simple, type_params: {measure: units}}
  - {name: returns, type: simple, type_params: {measure: returns}}
  - {name: orders, type: simple, type_params: {measure: orders}}
  - {name: defects_per_1000, type: ratio,
     type_params: {numerator: defects_scaled, denominator: units}}
  - {name: return_rate, type: ratio, type_params: {numerator: returns, denominator: orders}}
"""


def _catalog(tmp_path, text: str, table: str, columns: str):
    (tmp_path / "m.yml").write_text(text)
    con = duckdb.connect()
    con.execute(f"create table {table} ({columns})")
    return build_catalog(load_model(tmp_path, con=con), con)


@pytest.mark.parametrize(
    ("domain", "metric", "value", "shown"),
    [
        ("football", "goals_per90", 0.2, "0.20"),
        ("football", "pass_accuracy_pct", 77.25, "77.25"),
        ("factory", "defects_per_1000", 3.5, "3.50"),
        ("factory", "return_rate", 0.125, "12.5%"),
    ],
)
def test_a_scaled_ratio_reads_as_a_number(tmp_path, domain, metric, value, shown) -> None:
    if domain == "football":
        cat = _catalog(
            tmp_path,
            FOOTBALL,
            "stints",
            "stint_id int, started_on date, goals int, passes_completed int, "
            "passes_total int, minutes int",
        )
    else:
        cat = _catalog(
            tmp_path,
            FACTORY,
            "batches",
            "batch_id int, made_on date, defects int, units int, returns int, orders int",
        )
    m = cat.metric(metric)
    assert m is not None
    assert format_value(value, m.value_format) == shown
