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
from semantic_layer.warehouse_checks import Known, built_relation, read_relation, table_columns

#: dbt-duckdb's target schema when the project's profile is not read
TARGET_SCHEMA = "main"


def rehome(model: SemanticModel, con: Any) -> SemanticModel:
    """``model`` itself when the warehouse holds every relation as named, else a copy whose
    nodes and time spine read the tables this warehouse holds them under (one table of that
    name only); a spine the warehouse does not hold at all is marked missing, so periods are
    generated instead of read from a table that is not there (as ``check_time_spine`` does).

    >>> import duckdb
    >>> from semantic_layer.model import Node
    >>> con = duckdb.connect()
    >>> _ = con.execute("create schema core; create table core.trips (id int)")
    >>> node = Node("trips", "trips", "m.yml", {}, {}, None, None, schema="main_core")
    >>> m = SemanticModel(nodes={"trips": node}, metrics={}, manifest=None)
    >>> (rehome(m, con).nodes["trips"].schema, m.nodes["trips"].schema)
    ('core', 'main_core')

    The spine of a dbt >= 1.9 ``time_spine:`` entry, loaded without a warehouse, is named as
    written; the warehouse built it into its custom schema:

    >>> _ = con.execute("create table core.dim_date (calendar_date date)")
    >>> spine = {"model": "dim_date", "relation": "dim_date", "column": "calendar_date"}
    >>> m = SemanticModel(nodes={}, metrics={}, manifest=None, project_meta={"time_spine": spine})
    >>> rehome(m, con).time_spine["relation"], m.time_spine["relation"]
    ('core.dim_date', 'dim_date')
    """
    known = table_columns(con)
    spine = _rehomed_spine(model.time_spine, known)
    moved: dict[str, Any] = {}
    for name, node in model.nodes.items():
        if node.view_sql is not None:
            continue
        rel = f"{node.schema}.{node.table}" if node.schema else node.table
        found = built_relation(rel, known, TARGET_SCHEMA)
        if found is None:
            continue
        schema, _, table = found.rpartition(".")
        moved[name] = dataclasses.replace(
            node, schema=None if schema in ("", TARGET_SCHEMA) else schema, table=table
        )
    if not moved and spine is model.time_spine:
        return model
    meta = model.project_meta if spine is model.time_spine else {**model.project_meta}
    if spine is not model.time_spine:
        meta["time_spine"] = spine
    return dataclasses.replace(model, nodes={**model.nodes, **moved}, project_meta=meta)


def _rehomed_spine(spine: dict[str, Any] | None, known: Known) -> dict[str, Any] | None:
    """``spine`` itself when it reads as named (or is known missing), else a re-pointed copy."""
    if spine is None or spine.get("missing") or not spine.get("relation"):
        return spine
    found = read_relation(str(spine["relation"]), known, TARGET_SCHEMA)
    if found == spine["relation"]:
        return spine
    if found is None:
        return {**spine, "missing": True}
    schema, _, table = found.rpartition(".")
    return {**spine, "relation": table if schema == TARGET_SCHEMA else found}
