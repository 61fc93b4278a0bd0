"""A dbt project whose YAML reads a column its tables lack still loads, as MetricFlow answers it.

The broken element is left out with a warning when nothing needs it; it stays an error when a
metric does (its answers would be impossible), and entities always stay errors (join paths).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from semantic_layer import ModelValidationError, SemanticQuery, compile_query, load_model
from semantic_layer.issues import ValidationIssue

WAREHOUSE = """
CREATE TABLE kilns (kiln_id INTEGER, kiln_name VARCHAR, built_day DATE, fuel_rate DOUBLE);
INSERT INTO kilns VALUES (1, 'North', DATE '2021-01-01', 0.5), (2, 'South', DATE '2022-01-01', 0.7);
CREATE TABLE firings (firing_id INTEGER, kiln_id INTEGER, fired_at DATE, pots INTEGER);
INSERT INTO firings VALUES (1, 1, DATE '2024-03-01', 10), (2, 2, DATE '2024-03-02', 4),
                           (3, 1, DATE '2024-04-01', 6);
"""

# `built_at` and the measure `kilns` (no expr: the column `kilns`) read columns that do not
# exist; only the unused measure `average_fuel_rate` depends on `built_at`.
MODEL = """
semantic_models:
  - name: kilns
    model: ref('kilns')
    defaults: {agg_time_dimension: built_at}
    entities: [{name: kiln, type: primary, expr: kiln_id}]
    dimensions:
      - {name: kiln_name, type: categorical}
      - {name: built_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: kilns, agg: count_distinct}
      - {name: average_fuel_rate, agg: average, expr: fuel_rate}
  - name: firings
    model: ref('firings')
    defaults: {agg_time_dimension: fired_at}
    entities:
      - {name: firing, type: primary, expr: firing_id}
      - {name: kiln, type: foreign, expr: kiln_id}
    dimensions:
      - {name: fired_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: pots, agg: sum}
metrics:
  - {name: pots_fired, label: Pots Fired, type: simple, type_params: {measure: pots}}
"""


def _project(tmp_path: Path, model: str) -> Path:
    (tmp_path / "models").mkdir()
    (tmp_path / "dbt_project.yml").write_text("name: kiln_shop\nmodel-paths: [models]\n")
    (tmp_path / "models" / "kilns.yml").write_text(model)
    return tmp_path


@pytest.fixture()
def con():
    c = duckdb.connect()
    c.execute(WAREHOUSE)
    yield c
    c.close()


def test_unused_elements_with_missing_columns_are_left_out_with_warnings(tmp_path, con):
    warnings: list[ValidationIssue] = []
    model = load_model(_project(tmp_path, MODEL), con=con, warnings=warnings)
    kilns = model.manifest.semantic_models[0]
    assert [d.name for d in kilns.dimensions] == ["kiln_name"]
    assert kilns.measures == []
    left_out = {w.element: w.message for w in warnings}
    assert (
        "column `kilns` does not exist in table `kilns`"
        in left_out["`kilns` of semantic model `kilns`"]
    )
    assert "left out" in left_out["`built_at` of semantic model `kilns`"]
    assert "`built_at` was left out" in left_out["`average_fuel_rate` of semantic model `kilns`"]
    sql = compile_query(
        model, SemanticQuery(metrics=["pots_fired"], group_by=["kiln__kiln_name"])
    ).sql
    assert sorted(con.execute(sql).fetchall()) == [("North", 16), ("South", 4)]


def test_a_missing_column_a_metric_needs_is_still_an_error(tmp_path, con):
    broken = MODEL.replace("{name: pots, agg: sum}", "{name: pots, agg: sum, expr: pot_count}")
    with pytest.raises(ModelValidationError) as err:
        load_model(_project(tmp_path, broken), con=con)
    assert "column `pot_count` does not exist in table `firings`" in str(err.value)
    assert "Fix: use one of: fired_at, firing_id, kiln_id, pots" in str(err.value)


def test_a_time_dimension_a_used_measure_needs_is_an_error(tmp_path, con):
    broken = MODEL.replace("{name: fired_at, type: time", "{name: fired_on, type: time").replace(
        "agg_time_dimension: fired_at", "agg_time_dimension: fired_on"
    )
    with pytest.raises(ModelValidationError, match="column `fired_on` does not exist"):
        load_model(_project(tmp_path, broken), con=con)


def test_an_entity_on_a_missing_column_is_an_error(tmp_path, con):
    broken = MODEL.replace(
        "{name: kiln, type: foreign, expr: kiln_id}", "{name: kiln, type: foreign}"
    )
    with pytest.raises(
        ModelValidationError, match="column `kiln` does not exist in table `firings`"
    ):
        load_model(_project(tmp_path, broken), con=con)
