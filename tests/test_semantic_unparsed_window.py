"""A cumulative metric whose window dbt cannot parse is left out, not the whole model.

The shape is `SimonVegelahn/dbt-economic-indicators-eu`'s (`cumulative_type_params: {window:
unbounded}` beside sound simple and derived metrics): before, the load failed with "Invalid
window (unbounded)" and no question about GDP or population could be asked.
"""

from __future__ import annotations

import duckdb
import pytest

from semantic_layer import load_model
from semantic_layer.errors import ModelValidationError

MODEL = """
semantic_models:
  - name: annual
    model: ref('rpt_annual')
    defaults: {agg_time_dimension: fiscal_year}
    entities:
      - {name: summary, type: primary, expr: summary_key}
    dimensions:
      - name: fiscal_year
        type: time
        type_params: {time_granularity: year}
        expr: make_date(reference_year, 1, 1)
      - {name: region, type: categorical}
    measures:
      - {name: gdp_million_eur, agg: sum}
      - {name: population, agg: sum, expr: population_count}
      - {name: gdp_growth_rate, agg: average, expr: gdp_yoy_growth_pct}
metrics:
  - {name: total_gdp, type: simple, type_params: {measure: gdp_million_eur}}
  - {name: population, type: simple, type_params: {measure: population}}
  - name: cumulative_gdp_growth
    type: cumulative
    type_params:
      measure: gdp_growth_rate
      cumulative_type_params: {window: WINDOW}
  - name: gdp_per_capita
    type: derived
    type_params:
      expr: total_gdp * 1000000 / population
      metrics: [{name: total_gdp}, {name: population}]
  - name: growth_share
    type: derived
    type_params:
      expr: cumulative_gdp_growth / 100
      metrics: [{name: cumulative_gdp_growth}]
"""

DATA = """
CREATE TABLE rpt_annual (summary_key INTEGER, reference_year INTEGER, region VARCHAR,
    gdp_million_eur DOUBLE, population_count BIGINT, gdp_yoy_growth_pct DOUBLE);
INSERT INTO rpt_annual VALUES (1, 2023, 'West', 300.0, 3000000, 1.5),
    (2, 2024, 'West', 330.0, 3000000, 10.0), (3, 2024, 'East', 120.0, 4000000, -2.0);
"""


def _project(tmp_path, window: str):
    (tmp_path / "annual.yml").write_text(MODEL.replace("WINDOW", window))
    con = duckdb.connect()
    con.execute(DATA)
    return tmp_path, con


def test_unparseable_window_leaves_out_the_metric_and_what_uses_it(tmp_path):
    root, con = _project(tmp_path, "unbounded")
    warnings: list = []
    model = load_model(root, con=con, warnings=warnings)
    assert "cumulative_gdp_growth" not in model.metrics
    assert "growth_share" not in model.metrics  # computed from the left-out metric
    assert {"total_gdp", "population", "gdp_per_capita"} <= set(model.metrics)
    said = {w.element: w.message for w in warnings}
    assert "Invalid window (unbounded)" in said["metric `cumulative_gdp_growth`"]
    assert "computed from `cumulative_gdp_growth`" in said["metric `growth_share`"]


def test_the_rest_of_the_model_still_answers(tmp_path):
    from nl2sql import ask

    root, con = _project(tmp_path, "unbounded")
    model = load_model(root, con=con)
    answer = ask("total GDP in 2024", model=model, con=con, engine="rules", today="2025-02-10")
    assert answer.df.iloc[0, -1] == pytest.approx(450.0)


def test_a_parseable_window_keeps_the_metric(tmp_path):
    root, con = _project(tmp_path, "2 years")
    model = load_model(root, con=con)
    assert {"cumulative_gdp_growth", "growth_share"} <= set(model.metrics)


def test_other_metric_parse_errors_still_stop_the_load(tmp_path):
    (tmp_path / "annual.yml").write_text(
        MODEL.replace("WINDOW", "2 years").replace(
            "type: derived\n    type_params:\n      expr: total_gdp",
            "type: derivd\n    type_params:\n      expr: total_gdp",
        )
    )
    con = duckdb.connect()
    con.execute(DATA)
    with pytest.raises(ModelValidationError, match="gdp_per_capita"):
        load_model(tmp_path, con=con)
