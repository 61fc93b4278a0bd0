"""Semantic-model element names, and the references to them, in lower case before any check.

Why: dbt-semantic-interfaces' ``LowerCaseNamesRule`` lower-cases the names of semantic models,
measures, entities, dimensions and ``defaults.agg_time_dimension`` before it validates, so dbt
parses a measure ``Fare`` that a metric names ``fare``, or a default time dimension written
``Started_At``. OrderLens checked those references (``checks.check_references``) before that
transformation ran and refused such a project ("unknown measure `fare`, did you mean `Fare`?").
The references dbt's rule leaves alone (a metric's measure, a measure's own
``agg_time_dimension``, a non-additive dimension and its groupings, a conversion's measures and
entity, ``primary_entity``) are lower-cased too, so names match whatever their case, as DuckDB
matches columns. Metric names are not touched: dbt keeps them as written and refuses upper case.
"""

from __future__ import annotations

from typing import Any


def _low(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _low_ref(value: Any) -> Any:
    """A measure reference: a name, or a mapping with ``name`` (and filter, alias...)."""
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return {**value, "name": value["name"].lower()}
    return _low(value)


def lower_element_names(sms: list[tuple[str, dict]], metrics: list[tuple[str, dict]]) -> None:
    """Lower-case, in place, element names of the semantic-model dicts and the metrics' refs.

    >>> sm = {"name": "Trips", "defaults": {"agg_time_dimension": "Started_At"},
    ...       "measures": [{"name": "Fare", "agg_time_dimension": "Started_At"}]}
    >>> md = {"name": "fares", "type_params": {"measure": {"name": "FARE"}}}
    >>> lower_element_names([("m.yml", sm)], [("m.yml", md)])
    >>> sm["name"], sm["defaults"], sm["measures"][0], md["type_params"]["measure"]
    ('trips', {'agg_time_dimension': 'started_at'}, {'name': 'fare', 'agg_time_dimension': 'started_at'}, {'name': 'fare'})
    """
    for _, sm in sms:
        if sm.get("name") is not None:
            sm["name"] = _low(sm["name"])
        if sm.get("primary_entity") is not None:
            sm["primary_entity"] = _low(sm["primary_entity"])
        defaults = sm.get("defaults")
        if isinstance(defaults, dict) and defaults.get("agg_time_dimension") is not None:
            defaults["agg_time_dimension"] = _low(defaults["agg_time_dimension"])
        for key in ("entities", "dimensions", "measures"):
            for element in sm.get(key) or []:
                if isinstance(element, dict) and isinstance(element.get("name"), str):
                    element["name"] = element["name"].lower()
        for ms in sm.get("measures") or []:
            if not isinstance(ms, dict):
                continue
            if ms.get("agg_time_dimension") is not None:
                ms["agg_time_dimension"] = _low(ms["agg_time_dimension"])
            nad = ms.get("non_additive_dimension")
            if isinstance(nad, dict):
                nad["name"] = _low(nad.get("name"))
                if isinstance(nad.get("window_groupings"), list):
                    nad["window_groupings"] = [_low(g) for g in nad["window_groupings"]]
    for _, md in metrics:
        tp = md.get("type_params")
        if not isinstance(tp, dict):
            continue
        if tp.get("measure") is not None:
            tp["measure"] = _low_ref(tp["measure"])
        ctp = tp.get("conversion_type_params")
        if isinstance(ctp, dict):
            for key in ("base_measure", "conversion_measure"):
                if ctp.get(key) is not None:
                    ctp[key] = _low_ref(ctp[key])
            if ctp.get("entity") is not None:
                ctp["entity"] = _low(ctp["entity"])
