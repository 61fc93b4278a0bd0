"""Dimensions and measures that read a missing column: an error only when something needs them.

Why: a public dbt project is often slightly out of step with the tables it builds — a measure
without ``expr`` whose name is no column, a dimension still naming a column the model SQL
renamed. dbt parses such a project, and MetricFlow answers every query that does not touch the
broken element. Failing the whole load on it refused every question about the rest of the
project. So a dimension or measure that reads a missing column and that no metric, metric
filter or saved query needs is left out of the model with a warning naming the column and the
fix (questions about it are then refused as unknown); one that *is* needed stays an error,
because the metrics built on it could not be answered at all. Entities stay errors too: they
decide join paths, and dropping one would silently change which tables join.

>>> from types import SimpleNamespace as NS
>>> m = NS(name="revenue", filter=None, dict=lambda: {"type_params": {"measure": {"name": "rev"}}})
>>> sorted(_names(m.dict(), {"measure"}))
['rev']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from semantic_layer.issues import IssueCollector

_MEASURE_KEYS = {"measure", "base_measure", "conversion_measure"}
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class MissingColumn:
    """One dimension or measure whose expression reads a column the table does not have."""

    model: str
    element: str
    file: str
    line: int | None
    message: str
    fix: str


def _names(node: Any, keys: set[str]) -> set[str]:
    """Every ``name`` under one of ``keys`` anywhere in a metric's dict (any metric type)."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in keys and isinstance(value, dict) and isinstance(value.get("name"), str):
                found.add(value["name"])
            elif key in keys and isinstance(value, str):
                found.add(value)
            found |= _names(value, keys)
    elif isinstance(node, list):
        for item in node:
            found |= _names(item, keys)
    return found


def _words(node: Any) -> set[str]:
    """Each ``__``-separated part of every identifier in the strings of ``node`` (filters)."""
    if isinstance(node, str):
        return {part for w in _WORD.findall(node) for part in w.split("__") if part}
    if isinstance(node, dict):
        return set().union(*(_words(v) for v in node.values())) if node else set()
    if isinstance(node, list):
        return set().union(*(_words(v) for v in node)) if node else set()
    return set()


def _needed(sms: list[Any], metrics: list[Any], saved: Iterable[Any]) -> tuple[set[str], set[str]]:
    """Measure names and dimension names that some metric or saved query depends on.

    Dimension names are compared without their entity prefix: a filter that mentions a
    dimension of that name anywhere keeps every dimension so named (conservative on purpose).
    """
    measures: set[str] = set()
    dims: set[str] = set()
    for metric in metrics:
        d = metric.dict()
        measures |= _names(d, _MEASURE_KEYS)
        dims |= _words(d.get("filter")) | _words(d.get("type_params"))
    for sq in saved:
        dims |= _words(sq.dict().get("query_params"))
    for sm in sms:
        default = sm.defaults.agg_time_dimension if sm.defaults else None
        for ms in sm.measures:
            if getattr(ms, "create_metric", False):
                measures.add(ms.name)
            if ms.name in measures:
                dims.add(ms.agg_time_dimension or default or "")
                if ms.non_additive_dimension is not None:
                    dims.add(ms.non_additive_dimension.name)
    return measures, dims


def settle_missing_columns(
    sms: list[Any],
    metrics: list[Any],
    saved: Iterable[Any],
    missing: list[MissingColumn],
    col: IssueCollector,
) -> None:
    """Report each missing column as an error (needed) or leave its element out (a warning).

    A measure whose aggregation time dimension is left out goes with it (it could not be
    aggregated over time); when such a measure is needed, the dimension is needed too, so the
    first rule already made it an error.
    """
    if not missing:
        return
    measures, dims = _needed(sms, metrics, list(saved))
    by_model = {sm.name: sm for sm in sms}
    dropped: dict[str, set[str]] = {}
    for m in missing:
        sm = by_model.get(m.model)
        is_measure = sm is not None and any(ms.name == m.element for ms in sm.measures)
        if sm is None or m.element in (measures if is_measure else dims):
            col.add(
                m.file, m.line, f"`{m.element}` of semantic model `{m.model}`", m.message, m.fix
            )
            continue
        dropped.setdefault(m.model, set()).add(m.element)
        col.warn(
            m.file,
            m.line,
            f"`{m.element}` of semantic model `{m.model}`",
            f"{m.message}; no metric uses it, so it is left out of the model",
            m.fix,
        )
    for name, gone in dropped.items():
        sm = by_model[name]
        default = sm.defaults.agg_time_dimension if sm.defaults else None
        for ms in sm.measures:
            time_dim = ms.agg_time_dimension or default
            if ms.name not in gone and time_dim in gone:
                gone.add(ms.name)
                col.warn(
                    _file_of(sm),
                    None,
                    f"`{ms.name}` of semantic model `{name}`",
                    f"its time dimension `{time_dim}` was left out; so is this measure",
                    f"fix the column of `{time_dim}`",
                )
        sm.dimensions = [d for d in sm.dimensions if d.name not in gone]
        sm.measures = [ms for ms in sm.measures if ms.name not in gone]
        if sm.defaults is not None and sm.defaults.agg_time_dimension in gone and not sm.measures:
            sm.defaults = None


def _file_of(sm: Any) -> str:
    """The file a semantic model was read from (its dbt metadata), for a warning's location."""
    meta = getattr(sm, "metadata", None)
    return str(meta.repo_file_path) if meta is not None else sm.name
