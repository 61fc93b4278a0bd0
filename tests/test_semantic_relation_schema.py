"""A dbt project whose models' ``.sql`` files are not beside its YAML, on a warehouse dbt built
with custom schemas: ``ref('x')`` has no known schema, so it reads as the bare ``x``.

Validation used to accept the bare name (some schema holds a table ``x``) and every query then
failed with DuckDB's "table does not exist" (only ``main`` is searched). Now the one table of
that name in another schema is read, with a warning; two candidates are still not guessed.
Two domains: the dbt shop fixture and a small fleet project.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from semantic_layer import ModelValidationError, SemanticQuery, load_model, query
from semantic_layer.issues import ValidationIssue
from tests.semantic_helpers import df_rows, norm_rows
from tests.test_semantic_dbt import PROJECT, WAREHOUSE_SQL

FLEET_PROJECT = """name: fleet
model-paths: ["models"]
models:
  fleet:
    marts:
      +schema: core
"""

FLEET_YAML = """semantic_models:
  - name: trips
    model: ref('fct_trips')
    defaults: {agg_time_dimension: started_on}
    entities: [{name: trip, type: primary, expr: trip_id}]
    dimensions:
      - {name: started_on, type: time, type_params: {time_granularity: day}}
      - {name: vehicle_class, type: categorical}
    measures:
      - {name: distance_km, agg: sum}
metrics:
  - {name: distance_km, type: simple, type_params: {measure: distance_km}}
"""


def _without_sql(tmp_path: Path) -> Path:
    root = tmp_path / "dbt_shop"
    shutil.copytree(PROJECT, root)
    for sql in root.rglob("*.sql"):
        if "alias" not in sql.read_text():  # the alias lives in its .sql file
            sql.unlink()
    return root


def test_shop_tables_in_a_custom_schema_are_read_there(tmp_path):
    con = duckdb.connect()
    con.execute(WAREHOUSE_SQL.replace("main_marts", "marts"))
    warnings: list[ValidationIssue] = []
    model = load_model(_without_sql(tmp_path), con=con, warnings=warnings)
    said = [w.message for w in warnings if "is read instead" in w.message]
    assert any("`marts.orders`" in m for m in said), said
    got = query(SemanticQuery(metrics=["revenue"]), model=model, con=con).df
    assert norm_rows(df_rows(got), ordered=False) == norm_rows([(200,)], ordered=False)


def test_fleet_tables_in_a_custom_schema_are_read_there(tmp_path):
    root = tmp_path / "fleet"
    (root / "models" / "semantic").mkdir(parents=True)
    (root / "dbt_project.yml").write_text(FLEET_PROJECT)
    (root / "models" / "semantic" / "trips.yml").write_text(FLEET_YAML)
    con = duckdb.connect()
    con.execute(
        "create schema core; create table core.fct_trips (trip_id int, started_on date, "
        "vehicle_class varchar, distance_km double); insert into core.fct_trips values "
        "(1, '2026-01-02', 'van', 10), (2, '2026-01-03', 'truck', 25), (3, '2026-01-04', 'van', 5)"
    )
    model = load_model(root, con=con)
    q = SemanticQuery(metrics=["distance_km"], group_by=["trip__vehicle_class"])
    got = query(q, model=model, con=con).df
    assert norm_rows(df_rows(got), ordered=False) == norm_rows(
        [("truck", 25), ("van", 15)], ordered=False
    )


def test_a_bare_name_held_by_two_other_schemas_is_not_guessed(tmp_path):
    con = duckdb.connect()
    con.execute(WAREHOUSE_SQL.replace("main_marts", "x1"))
    con.execute(WAREHOUSE_SQL.replace("main_marts", "x2"))
    with pytest.raises(ModelValidationError):
        load_model(_without_sql(tmp_path), con=con)
