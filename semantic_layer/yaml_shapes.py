"""The shapes dbt requires of semantic-layer YAML entries, checked before anything reads them.

Why: the loader reads entries with ``.get`` and iterates their lists. A file that only looks like a
semantic layer (``metrics:`` written as a mapping of names, a template with ``name: [METRIC]``,
``entities: primary``, ``type_params: x``) crashed it with a Python error — AttributeError,
"unhashable type: 'list'", "'int' object is not iterable" — instead of the file, line and key
that are wrong. dbt rejects these files too (its schema check), so each such entry is reported
and left out; the shapes are only those of keys OrderLens reads, so every other key dbt
accepts still passes. The check is a JSON Schema, validated with ``jsonschema`` (the library
dbt-semantic-interfaces validates its own YAML with).
"""

from __future__ import annotations

from typing import Any

from connectors.yaml_shape import shape_problems as problems_of
from semantic_layer.issues import IssueCollector

#: the key under which yaml_reader stores each mapping's line (for messages)
LINE = "__line__"

_NAME = {"type": "string", "minLength": 1}
_TEXT = {"type": ["string", "null"]}
_MAP = {"type": ["object", "null"]}
_NAME_OR_MAP = {"type": ["string", "object", "null"]}
_TEXTS = {"type": ["array", "null"], "items": {"type": "string"}}
_FILTER = {"type": ["string", "array", "null"], "items": {"type": "string"}}


def _named(**properties: Any) -> dict:
    return {"type": "object", "required": ["name"], "properties": {"name": _NAME, **properties}}


def _list_of(item: dict) -> dict:
    return {"type": ["array", "null"], "items": item}


_CONFIG = {"config": {"type": ["object", "null"], "properties": {"meta": _MAP}}, "meta": _MAP}
_ELEMENT = _named(
    type=_TEXT,
    type_params=_MAP,
    agg_params=_MAP,
    non_additive_dimension=_MAP,
    **_CONFIG,
)
#: a measure or input metric: its name, or a mapping with its name and options
_REF = {"type": ["string", "object", "null"], "properties": {"name": _NAME, "filter": _FILTER}}
_INPUTS = {"type": ["array", "null"], "items": _REF}
_TYPE_PARAMS = {
    "type": ["object", "null"],
    "properties": {
        "measure": _REF,
        "numerator": _REF,
        "denominator": _REF,
        "metrics": _INPUTS,
        "cumulative_type_params": {
            "type": ["object", "null"],
            "properties": {"metric": _REF},
        },
        "conversion_type_params": {
            "type": ["object", "null"],
            "properties": {"base_measure": _REF, "conversion_measure": _REF, "entity": _TEXT},
        },
    },
}

#: one schema per top-level list key of a dbt YAML file
SCHEMAS: dict[str, dict] = {
    "semantic_models": _named(
        model=_TEXT,
        defaults=_MAP,
        primary_entity=_TEXT,
        entities=_list_of(_ELEMENT),
        dimensions=_list_of(_ELEMENT),
        measures=_list_of(_ELEMENT),
        **_CONFIG,
    ),
    "metrics": _named(
        type=_TEXT,
        type_params=_TYPE_PARAMS,
        filter=_FILTER,
        input_metrics=_INPUTS,
        input_metric=_REF,
        base_metric=_REF,
        conversion_metric=_REF,
        numerator=_REF,
        denominator=_REF,
        **_CONFIG,
    ),
    "saved_queries": _named(
        query_params={
            "type": ["object", "null"],
            "properties": {"metrics": _TEXTS, "group_by": _TEXTS, "where": _FILTER},
        },
        exports=_list_of({"type": "object"}),
        **_CONFIG,
    ),
    # dbt's model patches: only those with a semantic model are read for the semantic layer,
    # but every one is iterated for configs and time spines
    "models": {
        "type": "object",
        "properties": {
            "name": _NAME,
            "columns": _list_of(
                {
                    "type": "object",
                    "properties": {
                        "name": _TEXT,
                        "entity": _NAME_OR_MAP,
                        "dimension": _NAME_OR_MAP,
                    },
                }
            ),
            "metrics": _list_of(_named(type=_TEXT, filter=_FILTER, **_CONFIG)),
            "semantic_model": {"type": ["boolean", "object", "null"]},
            "time_spine": {
                "type": ["object", "null"],
                "properties": {
                    "standard_granularity_column": _TEXT,
                    "custom_granularities": _list_of(_named(column_name=_TEXT)),
                },
            },
            **_CONFIG,
        },
    },
}

#: the keys of ``dbt_project.yml`` OrderLens reads
PROJECT_SCHEMA = {
    "type": "object",
    "properties": {
        "name": _TEXT,
        "model-paths": _TEXTS,
        "source-paths": _TEXTS,
        "models": _MAP,
        "vars": _MAP,
    },
}
SCHEMAS["dbt_project"] = PROJECT_SCHEMA


def shape_problems(key: str, entry: Any) -> list[str]:
    """What is wrong with the shape of one entry under the top-level ``key`` ([] when none).

    >>> shape_problems("semantic_models", {"name": "trips", "entities": "primary"})
    ['`entities` is text; dbt expects a list']
    >>> shape_problems("metrics", {"name": "fares", "type_params": {"metrics": [7]}})
    ['`type_params.metrics[1]` is a number; dbt expects text or a mapping']
    >>> shape_problems("metrics", {"type": "simple"})
    ['has no `name`']
    """
    return problems_of(SCHEMAS[key], entry, "dbt expects", skip=frozenset({LINE}))


#: aggregations the dbt_metrics package spelled as a metric's ``type`` before ``calculation_method``
_DBT_METRICS_TYPES = frozenset({"count", "count_distinct", "sum", "average", "min", "max"})


def retired_spec(entry: dict) -> tuple[str, str] | None:
    """(what, how to fix) when a metric is written in a spec that dbt no longer reads, else None.

    Why: two older specs are still common in public projects. dbt 1.3–1.5's dbt_metrics
    (``calculation_method``/``expression``, and before it ``type: sum`` with ``sql:``) was
    removed in dbt 1.6; MetricFlow before dbt (``type: measure_proxy`` / ``expr``, beside
    ``data_source:`` documents) was renamed. Reported as pydantic's "field required" or "not
    a valid enumeration member", the user could not tell that the file, not a typo, is old.

    >>> retired_spec({"name": "revenue", "calculation_method": "sum", "expression": "amount"})[0]
    'is written in the dbt_metrics spec (dbt 1.5 and earlier: `calculation_method`), which dbt 1.6 removed'
    >>> retired_spec({"name": "orders", "type": "measure_proxy"})[1][:42]
    'write `type: simple` (measure_proxy) or `t'
    >>> retired_spec({"name": "orders", "type": "simple"}) is None
    True
    """
    kind = str(entry.get("type") or "").lower()
    if "calculation_method" in entry or (kind in _DBT_METRICS_TYPES and "sql" in entry):
        return (
            "is written in the dbt_metrics spec (dbt 1.5 and earlier: `calculation_method`), "
            "which dbt 1.6 removed",
            "move its model, expression, timestamp and dimensions into a semantic model (a "
            "measure, a time dimension, categorical dimensions) and define the metric as "
            "`type: simple` on that measure — dbt's 'upgrading to v1.6' guide describes it",
        )
    if kind in ("measure_proxy", "expr"):
        return (
            f"uses `type: {kind}` of MetricFlow's spec before dbt (with `data_source:`)",
            "write `type: simple` (measure_proxy) or `type: derived` (expr), and the "
            "`data_source:` documents as `semantic_models:`",
        )
    return None


def checked(
    file: str, key: str, entries: list[Any], line: int | None, col: IssueCollector
) -> list[dict]:
    """The ``entries`` under ``key`` whose shape is one dbt accepts; each other one is reported
    (file, its line, what is wrong, how to fix it) and left out, so the load fails with every
    problem listed instead of a Python error."""
    what = key.removesuffix("s").replace("_querie", " query").replace("_", " ")
    out: list[dict] = []
    for i, entry in enumerate(entries):
        problems = shape_problems(key, entry)
        if not problems:
            out.append(entry)
            continue
        name = entry.get("name") if isinstance(entry, dict) else None
        element = f"{what} `{name}`" if isinstance(name, str) else f"{what} {i + 1} under `{key}:`"
        at = entry.get(LINE) if isinstance(entry, dict) else None
        col.add(
            file,
            at or line,
            element,
            "; ".join(problems),
            "write it as dbt's semantic-layer spec does (docs/semantic_layer.md): lists as "
            "`- item` lines, mappings as indented `key: value` lines",
        )
    return out
