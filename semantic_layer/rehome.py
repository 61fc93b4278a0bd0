"""A model's relations, re-read where the warehouse of the question holds them.

Why: ``load_model(path, con=...)`` reads each dbt ``ref()`` where the warehouse built it
(``warehouse_checks.built_relation``: a project that overrides ``generate_schema_name`` builds
``+schema: core`` into ``core``, not ``main_core``). A model loaded without a connection, as
``orderlens ask --semantic-model DIR --db FILE`` loads it (the model is cached apart from any
warehouse), kept dbt's default names, and every question failed with "table does not exist".
Asking with a warehouse now re-points those relations, once per model and warehouse.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from semantic_layer.model import SemanticModel
from semantic_layer.warehouse_checks import built_relation, table_columns

#: dbt-duckdb's target schema when the project's profile is not read
TARGET_SCHEMA = "main"


def rehome(model: SemanticModel, con: Any) -> SemanticModel:
    """``model`` itself when the warehouse holds every relation as named, else a copy whose
    nodes read the tables this warehouse holds them under (one table of that name only).

    >>> import duckdb
    >>> from semantic_layer.model import Node
    >>> con = duckdb.connect()
    >>> _ = con.execute("create schema core; create table core.trips (id int)")
    >>> node = Node("trips", "trips", "m.yml", {}, {}, None, None, schema="main_core")
    >>> m = SemanticModel(nodes={"trips": node}, metrics={}, manifest=None)
    >>> (rehome(m, con).nodes["trips"].schema, m.nodes["trips"].schema)
    ('core', 'main_core')
    """
    nodes = {n: node for n, node in model.nodes.items() if node.view_sql is None}
    if not nodes:
        return model
    known = table_columns(con)
    moved: dict[str, Any] = {}
    for name, node in nodes.items():
        rel = f"{node.schema}.{node.table}" if node.schema else node.table
        found = built_relation(rel, known, TARGET_SCHEMA)
        if found is None:
            continue
        schema, _, table = found.rpartition(".")
        moved[name] = dataclasses.replace(
            node, schema=None if schema in ("", TARGET_SCHEMA) else schema, table=table
        )
    if not moved:
        return model
    return dataclasses.replace(model, nodes={**model.nodes, **moved})
