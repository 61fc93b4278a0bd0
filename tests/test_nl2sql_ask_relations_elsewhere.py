"""Asking with a warehouse reads the model's relations where that warehouse holds them.

``orderlens ask --semantic-model DIR --db FILE`` loads the model without a connection (it is
cached apart from any warehouse), so a dbt project that overrides ``generate_schema_name``
(``+schema: core`` built into ``core``, not ``main_core``) kept dbt's default names and every
question failed with "table does not exist"; ``load_model(path, con=...)`` already read them
where they are (``semantic_layer.rehome``). Two domains: the dbt shop fixture and a fleet.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb

from tests.test_semantic_dbt import PROJECT, WAREHOUSE_SQL
from tests.test_semantic_query_relations_elsewhere import FLEET_SQL, fleet_project

TODAY = dt.date(2026, 5, 1)


def _ask(question: str, path: Path, con: duckdb.DuckDBPyConnection):
    from nl2sql import ask

    answer = ask(question, model=str(path), con=con, engine="rules", today=TODAY, chart=False)
    assert not answer.refused, answer.error
    return answer


def test_shop_built_into_its_custom_schema_as_named(tmp_path):
    root = tmp_path / "shop"
    shutil.copytree(PROJECT, root)
    con = duckdb.connect()
    con.execute(WAREHOUSE_SQL.replace("main_marts", "marts"))
    answer = _ask("total revenue", root, con)
    assert float(answer.df.iloc[0, -1]) == 200


def test_fleet_built_into_its_custom_schema_as_named(tmp_path):
    root = tmp_path / "fleet"
    fleet_project(root)
    con = duckdb.connect()
    con.execute(FLEET_SQL)
    answer = _ask("distance km by vehicle class", root, con)
    got = sorted((r[0], float(r[-1])) for r in answer.df.itertuples(index=False))
    assert got == [("truck", 25.0), ("van", 15.0)]
