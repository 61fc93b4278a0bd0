"""dbt-semantic-interfaces' own YAML format: one ``semantic_model:`` / ``metric:`` per document.

Why a third format: dbt-semantic-interfaces (the library dbt and MetricFlow share) reads
folders of YAML documents, each holding exactly one object under a singular key —
``semantic_model:``, ``metric:``, ``saved_query:`` or ``project_configuration:`` — and
MetricFlow's own example projects (e.g. ``simple_manifest`` inside the ``metricflow`` wheel)
are written this way. A semantic model there names its table with ``node_relation``
(``schema_name`` and ``alias``) instead of ``model: ref('x')``, and the project configuration
lists the time spines.

Those projects write the schema as a template placeholder (``schema_name: $source_schema``)
that dbt-semantic-interfaces fills from a ``template_mapping`` its caller passes. OrderLens has
no such mapping: an unfilled placeholder is read as the default schema (``main``) with a
warning, so the project loads as its owners wrote it.

>>> relation_of({"schema_name": "$source_schema", "alias": "fct_loans"})
('main', 'fct_loans', ['$source_schema'])
>>> relation_of({"schema_name": "analytics", "alias": "orders", "database": "db"})
('analytics', 'orders', [])
"""

from __future__ import annotations

import re
from typing import Any

from semantic_layer.issues import IssueCollector
from semantic_layer.yaml_reader import DEFAULT_TARGET_SCHEMA, LINE, strip_lines

# the singular document keys dbt-semantic-interfaces' YAML parser accepts, plus its version key
DSI_DOCUMENT_KEYS = frozenset(
    {"semantic_model", "metric", "saved_query", "project_configuration", "mf_config_schema"}
)
_PLACEHOLDER = re.compile(r"^\$\{?([A-Za-z_]\w*)\}?$")


def relation_of(node_relation: Any) -> tuple[str, str, list[str]]:
    """(schema, table, unfilled placeholders) of a ``node_relation`` mapping.

    The database part is dropped: a DuckDB warehouse is one database. A schema that is a
    template placeholder (``$name`` or ``${name}``) becomes the default schema.
    """
    rel = node_relation if isinstance(node_relation, dict) else {}
    schema = str(rel.get("schema_name") or DEFAULT_TARGET_SCHEMA)
    table = str(rel.get("alias") or "")
    placeholders = [schema] if _PLACEHOLDER.match(schema) else []
    return (DEFAULT_TARGET_SCHEMA if placeholders else schema), table, placeholders


def _warn_placeholders(
    placeholders: list[str],
    file: str,
    line: int | None,
    what: str,
    col: IssueCollector,
    seen: set[str],
) -> None:
    """One warning per placeholder and load (a project writes it on every model)."""
    for value in placeholders:
        if value in seen:
            continue
        seen.add(value)
        col.warn(
            file,
            line,
            what,
            f"schema `{value}` is a dbt-semantic-interfaces template placeholder with no "
            f"value here: every relation written with it is read in the default schema "
            f"`{DEFAULT_TARGET_SCHEMA}`",
            "nothing to do when the tables are in that schema; otherwise write the schema name",
        )


def dsi_semantic_model(file: str, doc: dict, col: IssueCollector, seen: set[str]) -> dict:
    """A ``semantic_model:`` document as a standalone-spec model dict with its relation.

    ``__table__`` and ``__relation__`` carry the table the loader would otherwise take from
    ``model: ref('x')``.
    """
    sm = dict(doc)
    schema, table, placeholders = relation_of(sm.pop("node_relation", None))
    what = f"semantic model `{sm.get('name')}`"
    _warn_placeholders(placeholders, file, sm.get(LINE), what, col, seen)
    if table:
        sm["__table__"] = table
        sm["__relation__"] = f"{schema}.{table}"
    return sm


def dsi_time_spine(
    file: str, config: dict, col: IssueCollector, seen: set[str]
) -> dict[str, Any] | None:
    """The daily time spine of a ``project_configuration:`` document, else None.

    OrderLens reads periods at day grain and coarser (and custom grains defined on the day
    spine), so of the listed spines the one whose primary column is at day grain is taken;
    finer spines (hour, minute, ...) are for sub-daily queries, which the loader's other
    formats do not declare either. The older ``time_spine_table_configurations`` entry
    (``location: schema.table``) is used when no daily ``time_spines`` entry exists.
    """
    cfg = strip_lines(config)
    line = config.get(LINE)
    for spine in cfg.get("time_spines") or []:
        primary = spine.get("primary_column") or {}
        if str(primary.get("time_granularity", "")).lower() != "day":
            continue
        schema, table, placeholders = relation_of(spine.get("node_relation"))
        _warn_placeholders(placeholders, file, line, f"time spine `{table}`", col, seen)
        custom = {
            str(c["name"]).lower(): str(c.get("column_name") or c["name"])
            for c in spine.get("custom_granularities") or []
            if isinstance(c, dict) and c.get("name")
        }
        return {
            "model": table,
            "column": str(primary.get("name") or "ds"),
            "custom": custom,
            "relation": f"{schema}.{table}",
        }
    for legacy in cfg.get("time_spine_table_configurations") or []:
        if str(legacy.get("grain", "day")).lower() != "day" or not legacy.get("location"):
            continue
        *schema_parts, table = str(legacy["location"]).replace('"', "").split(".")
        schema, _, placeholders = relation_of({"schema_name": ".".join(schema_parts[-1:])})
        _warn_placeholders(placeholders, file, line, f"time spine `{table}`", col, seen)
        return {
            "model": table,
            "column": str(legacy.get("column_name") or "ds"),
            "custom": {},
            "relation": f"{schema}.{table}",
            "legacy": True,
        }
    return None
