"""``orderlens query`` and ``semantic_layer.query`` read relations where the warehouse holds them.

``orderlens validate`` finds a dbt project's relations with ``warehouse_checks.built_relation``
(a project that overrides ``generate_schema_name`` builds ``+schema: core`` into ``core``, not
``main_core``) and ``ask`` re-points them (``semantic_layer.rehome``), but ``query`` loaded the
model without a connection and ran dbt's default names: "Catalog Error: Table ... does not
exist". The query path now resolves relations with the same function. Two domains: the dbt shop
fixture and a fleet project.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
from click.testing import CliRunner

from lab.cli import cli
from semantic_layer import query
from tests.test_semantic_dbt import PROJECT, WAREHOUSE_SQL


def fleet_project(root: Path) -> None:
    """A dbt fleet project whose marts are built into ``core`` (``+schema: core``); its rows
    are :data:`FLEET_SQL` (also read by ``test_nl2sql_ask_relations_elsewhere``)."""
    (root / "models" / "marts").mkdir(parents=True)
    (root / "dbt_project.yml").write_text(
        'name: fleet\nmodel-paths: ["models"]\nmodels:\n  fleet:\n    marts:\n      +schema: core\n'
    )
    (root / "models" / "marts" / "fct_trips.sql").write_text("select 1 as trip_id")
    (root / "models" / "marts" / "trips.yml").write_text(
        "semantic_models:\n"
        "  - name: trips\n"
        "    model: ref('fct_trips')\n"
        "    defaults: {agg_time_dimension: started_on}\n"
        "    entities: [{name: trip, type: primary, expr: trip_id}]\n"
        "    dimensions:\n"
        "      - {name: started_on, type: time, type_params: {time_granularity: day}}\n"
        "      - {name: vehicle_class, type: categorical}\n"
        "    measures: [{name: distance_km, agg: sum}]\n"
        "metrics:\n"
        "  - {name: distance_km, label: Distance km, type: simple,\n"
        "     type_params: {measure: distance_km}}\n"
    )


FLEET_SQL = (
    "create schema core; create table core.fct_trips (trip_id int, started_on date, "
    "vehicle_class varchar, distance_km double); insert into core.fct_trips values "
    "(1, '2026-01-02', 'van', 10), (2, '2026-01-03', 'truck', 25), (3, '2026-01-04', 'van', 5)"
)


def test_query_api_reads_the_shop_in_its_custom_schema(tmp_path):
    root = tmp_path / "shop"
    shutil.copytree(PROJECT, root)
    con = duckdb.connect()
    con.execute(WAREHOUSE_SQL.replace("main_marts", "marts"))
    res = query(model=root, con=con, metrics=["revenue"])
    assert float(res.df.iloc[0, 0]) == 200


def test_query_cli_reads_the_fleet_in_its_custom_schema(tmp_path):
    root = tmp_path / "fleet"
    fleet_project(root)
    db = tmp_path / "fleet.duckdb"
    con = duckdb.connect(str(db))
    con.execute(FLEET_SQL)
    con.close()
    res = CliRunner().invoke(
        cli,
        [
            "query",
            "--metrics",
            "distance_km",
            "--group-by",
            "trip__vehicle_class",
            "--semantic-model",
            str(root),
            "--db",
            str(db),
            "--json",
        ],
        catch_exceptions=False,
    )
    assert res.exit_code == 0, res.output
    rows = sorted((r[0], float(r[1])) for r in json.loads(res.output)["rows"])
    assert rows == [("truck", 25.0), ("van", 15.0)]
