"""Flattening a loaded model into a :class:`Catalog` for people and question engines.

Why values come from the warehouse: users name categorical values ("京东", "VIP客户"), so the
rules engine needs the values that actually occur (≤ 50 per dimension) plus the value synonyms
declared in ``config.meta.value_synonyms``.

Why values are read through a reader (:data:`ValueReader`): a dimension's expression over a
large table can be slow, and the catalog is built before the first question is answered. The
question engine passes a reader that stops each read at a time limit (``nl2sql.catalog_reads``);
a dimension whose values were not read in time is listed without them and named in
:attr:`Catalog.unread_values`. Without a reader the connection is read directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from sqlglot import exp

from semantic_layer.actor_roles import hop_actors, unlinked_roles
from semantic_layer.catalog import (
    Catalog,
    CatalogDimension,
    CatalogEntity,
    CatalogMetric,
    CatalogRole,
    CatalogSavedQuery,
)
from semantic_layer.derived_ratio import derived_ratio
from semantic_layer.display_text import shown
from semantic_layer.entity_codes import code_values
from semantic_layer.measure_facts import (
    counted_entity,
    filter_value,
    measure_facts,
    names_only,
    presence_flag,
)
from semantic_layer.model import GRAINS, JoinHop, MetricDef, Node, SemanticModel
from semantic_layer.ratio_formats import value_format
from semantic_layer.resolve import Resolver
from semantic_layer.value_twins import Twin, value_twins

MAX_VALUES = 50
#: ``read(sql, dimension)``: the rows of ``sql``, or None when they were not read in time
#: (``dimension``, qualified, is the one whose values they are).
ValueReader = Callable[[str, str], list[tuple[Any, ...]] | None]


class _Unread(Exception):
    """A dimension's values were not read in time (the reader returned None)."""


def direct_reader(con: Any) -> ValueReader:
    """Read ``con`` with no limit (a caller without a time limit of its own)."""

    def read(sql: str, dimension: str) -> list[tuple[Any, ...]] | None:
        return list(con.execute(sql).fetchall())

    return read


METRIC_TIME = CatalogDimension(
    name="metric_time",
    label="metric time",
    dim_type="time",
    description="The metric's own time axis (each metric's agg_time_dimension), e.g. metric_time__month.",
    synonyms=("time", "date", "period", "时间", "日期", "按时间", "趋势"),
    time_granularity="day",
)


def _is_key_column(node: Node, expr: str) -> bool:
    """Whether ``expr`` is the column of one of ``node``'s primary or unique entities."""
    col = expr.strip().strip('"').lower()
    return any(
        e.type in ("primary", "unique") and e.expr.strip().strip('"').lower() == col
        for e in node.entities.values()
    )


def _key_of(node: Node, expr: str) -> str:
    """The one entity of ``node`` whose key column is ``expr`` (any entity type), else ""."""
    col = expr.strip().strip('"').lower()
    names = [e.name for e in node.entities.values() if e.expr.strip().strip('"').lower() == col]
    return names[0] if len(names) == 1 else ""


def _label(name: str, label: str | None) -> str:
    return label or name.replace("_", " ")


def _implied_label(name: str) -> str:
    """An implied metric's label from its measure's name, without MetricFlow's word for what
    it is: ``alarm_rings_measure`` reads "alarm rings" (a user asks for the rings,
    never for "the rings measure"; with the word the label matched no question).

    >>> _implied_label("alarm_rings_measure"), _implied_label("measure"), _implied_label("gmv")
    ('alarm rings', 'measure', 'gmv')
    """
    words = name.split("_")
    if len(words) > 1 and words[-1].lower() == "measure":
        words = words[:-1]
    return " ".join(w for w in words if w)


def _synonyms(meta: dict[str, Any]) -> tuple[str, ...]:
    return tuple(shown(str(s)) for s in meta.get("synonyms") or [])


def _caveats(meta: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """``caveat: text`` (any language) or ``caveat: {en: ..., zh: ...}`` as (lang, text)."""
    raw = meta.get("caveat")
    if isinstance(raw, dict):
        return tuple((str(k), shown(str(v)).strip()) for k, v in raw.items() if v)
    return (("", shown(str(raw)).strip()),) if raw else ()


def _ratio_parts(m: MetricDef) -> tuple[str, ...]:
    """A ratio's (numerator, denominator) names when neither side is filtered or renamed; a
    derived metric that is one plain input over another counts too (:mod:`derived_ratio`)."""
    tp = m.pydantic.type_params
    if m.type == "derived":
        return derived_ratio(tp)
    if m.type != "ratio":
        return ()
    sides = [getattr(tp, side, None) for side in ("numerator", "denominator")]
    if any(x is None or getattr(x, "filter", None) or getattr(x, "alias", None) for x in sides):
        return ()
    return tuple(str(x.name) for x in sides if x is not None)


def _in_every_leaf(
    model: SemanticModel, name: str, names_of: Callable[[str], list[str]]
) -> list[str] | None:
    """``names_of`` each semantic model a metric aggregates, kept where all of them have it (in
    the first one's order); None for a metric with no source."""
    sets = [names_of(node) for node in model.leaf_nodes(name)]
    if not sets:
        return None
    return [n for n in sets[0] if all(n in s for s in sets[1:])]


def _own_entities(model: SemanticModel, name: str) -> tuple[str, ...]:
    """The entities declared on every semantic model a metric aggregates (its rows' own keys)."""
    return tuple(_in_every_leaf(model, name, lambda node: list(model.nodes[node].entities)) or ())


def metric_dimensions(model: SemanticModel, name: str) -> tuple[str, ...]:
    """Qualified names a metric can be grouped/filtered by (reachable from all its sources)."""
    common = _in_every_leaf(
        model,
        name,
        lambda node: (
            [q for q, _, _ in model.qualified_dimensions(node)] + model.reachable_entities(node)
        ),
    )
    return ("metric_time",) if common is None else ("metric_time", *common)


def _entity_label(model: SemanticModel, entity: str) -> str:
    for node in model.nodes.values():
        e = node.entities.get(entity)
        if e is not None and e.label and e.type == "primary":
            return e.label
    return entity.replace("_", " ")


def _role_label(
    model: SemanticModel, dim_label: str, ents: tuple[str, ...], owner: str | None
) -> str:
    """ "nation name (of the customer of the order)" for path order → customer → nation."""
    roles = list(ents[:-1] if ents and ents[-1] == owner else ents)
    if not roles:
        return dim_label
    return (
        f"{dim_label} (of the {' of the '.join(_entity_label(model, e) for e in reversed(roles))})"
    )


def dimension_roles(model: SemanticModel) -> dict[tuple[str, str], tuple[CatalogRole, ...]]:
    """Per (semantic model, dimension): the role paths from every model metrics aggregate.

    Only dimensions whose model is reached by more than one path from some source, or
    through an entity that is not the model's primary entity, get roles: for the others the
    plain ``entity__dimension`` name is unambiguous.
    """
    sources = sorted({m.simple.node for m in model.metrics.values() if m.simple is not None})
    out: dict[tuple[str, str], list[CatalogRole]] = {}
    for src in sources:
        by_target: dict[str, list[tuple[JoinHop, ...]]] = {}
        for path in model.all_join_paths(src):
            if path:
                by_target.setdefault(path[-1].node, []).append(path)
        for target, paths in by_target.items():
            node = model.nodes[target]
            if len(paths) == 1 and paths[0][-1].entity == node.primary_entity:
                continue
            for i, path in enumerate(paths):  # paths come shortest first, then by entity names
                ents = tuple(h.entity for h in path)
                for d in node.dimensions.values():
                    label = _role_label(model, _label(d.name, d.label), ents, node.primary_entity)
                    out.setdefault((target, d.name), []).append(
                        CatalogRole("__".join([*ents, d.name]), ents, label, src, default=i == 0)
                    )
    return {k: tuple(v) for k, v in out.items()}


def _values(
    model: SemanticModel,
    read: ValueReader,
    node_name: str,
    dim_expr: str,
    name: str = "",
    qualified: str = "",
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(names, whole-number labels) of a categorical dimension, from one DISTINCT query.

    Names are its values when there are at most :data:`MAX_VALUES` and none is a number (a
    question's number is a quantity, never a name). Whole-number labels are the values of a
    dimension that holds only whole numbers (seasons 2022..2024, model years, cohorts): no
    names, but a number written beside the dimension's name picks one
    (``nl2sql.rules.passes.number_labels``). Raises :class:`_Unread` when ``read`` ran out of
    time.
    """
    r = Resolver(model, node_name)
    e = r.expression(dim_expr)
    sel = exp.Select(expressions=[exp.alias_(e, "v")]).distinct()
    sel = r.from_clause(sel).where(exp.Not(this=exp.Is(this=e.copy(), expression=exp.Null())))
    sel = sel.limit(MAX_VALUES + 1)
    try:
        got = read(sel.sql(dialect="duckdb"), qualified)
    except Exception:  # a table the warehouse lacks: no values, the catalog still works
        return (), ()
    if got is None:
        raise _Unread(qualified)
    rows = got
    if _is_flag(name, [v for (v,) in rows]):
        return ("0", "1"), ()
    if len(rows) > MAX_VALUES:
        return (), ()
    if any(_is_quantity(v) for (v,) in rows):
        whole = all(isinstance(v, int) and not isinstance(v, bool) for (v,) in rows)
        return (), tuple(str(v) for v in sorted(v for (v,) in rows)) if whole else ()
    return tuple(sorted(_text(v) for (v,) in rows)), ()


def _is_flag(name: str, values: list[Any]) -> bool:
    """A yes/no flag stored as 0/1 (``is_food_item``): its two values are kept so the engine
    can filter on it ("food items"), although numbers are otherwise quantities, not names.

    Only a flag-like name (``is_``/``has_``/``was_``/``are_``) and exactly the integers 0 and 1.

    >>> _is_flag("is_food_item", [0, 1]), _is_flag("seats", [0, 1]), _is_flag("is_x", [1, 2])
    (True, False, False)
    """
    flag_name = name.lower().startswith(("is_", "has_", "was_", "are_"))
    ints = all(isinstance(v, int) and not isinstance(v, bool) for v in values)
    return flag_name and ints and sorted(values) == [0, 1]


def _is_quantity(v: Any) -> bool:
    """Numbers are quantities, not names: a question's "5%" is a threshold, never a value.

    >>> _is_quantity(3), _is_quantity(2.5), _is_quantity(True), _is_quantity("3")
    (True, True, False, False)
    """
    return isinstance(v, int | float | Decimal) and not isinstance(v, bool)


def _text(v: Any) -> str:
    """Values as users and SQL literals spell them (booleans lower-case, like YAML keys)."""
    return str(v).lower() if isinstance(v, bool) else str(v)


#: a division scaled to a hundred: "(no_shows * 1.0 / nullif(appointments, 0)) * 100"
_TIMES_100 = re.compile(r"\*\s*100(?:\.0*)?(?![\d.])|(?<![\d.])100(?:\.0*)?\s*\*")


def _percent_points(m: Any) -> bool:
    """Whether a derived metric is a division multiplied by 100: a percentage in points (60
    means 60 %), not a fraction. "no-show rate above 12%" then compares with 12.

    >>> class T: expr = "(no_shows * 1.0 / nullif(appointments, 0)) * 100"
    >>> class P: type_params = T()
    >>> class M: type, pydantic = "derived", P()
    >>> _percent_points(M())
    True
    >>> T.expr = "revenue / nullif(visits, 0) * 1000"
    >>> _percent_points(M())
    False
    """
    if m.type != "derived":
        return False
    expr = str(getattr(m.pydantic.type_params, "expr", "") or "")
    return "/" in expr and bool(_TIMES_100.search(expr))


def _windowed(m: Any) -> bool:
    """Whether a cumulative metric sums over a window or to a grain (not over all time): its
    value depends on the day it is read at (dbt's ``cumulative_type_params`` or the older
    ``type_params.window`` / ``grain_to_date``)."""
    if m.type != "cumulative":
        return False
    tp = m.pydantic.type_params
    ctp = getattr(tp, "cumulative_type_params", None)
    spans = [getattr(tp, "window", None), getattr(tp, "grain_to_date", None)]
    if ctp is not None:
        spans += [getattr(ctp, "window", None), getattr(ctp, "grain_to_date", None)]
    return any(x is not None for x in spans)


def _offset_grain(m: Any) -> str:
    """The unit a derived or ratio metric shifts an input by (``CatalogMetric.offset_grain``);
    "" without a shift or with a unit that is no standard grain (a custom one)."""
    if m.type not in ("derived", "ratio"):
        return ""
    tp = m.pydantic.type_params
    inputs = list(getattr(tp, "metrics", None) or [])
    inputs += [x for x in (getattr(tp, "numerator", None), getattr(tp, "denominator", None)) if x]
    for x in inputs:
        window = getattr(x, "offset_window", None)
        unit = getattr(window, "granularity", None) if window is not None else None
        unit = unit if unit is not None else getattr(x, "offset_to_grain", None)
        if unit is not None:
            g = str(getattr(unit, "value", unit)).lower().rstrip("s")
            return g if g in GRAINS else ""
    return ""


def _running(model: SemanticModel, name: str) -> bool:
    """Whether ``name`` is a running total over all time (``CatalogMetric.running``)."""
    m = model.metrics.get(name)
    if m is None:
        return False
    if m.type == "cumulative":
        return not _windowed(m)
    if m.type != "derived":
        return False
    inputs = getattr(m.pydantic.type_params, "metrics", None) or []
    return bool(inputs) and all(
        getattr(x, "offset_window", None) is None
        and getattr(x, "offset_to_grain", None) is None
        and _running(model, str(x.name))
        for x in inputs
    )


def _compares_periods(model: SemanticModel, name: str) -> bool:
    """Whether a derived metric reads an input at a time offset, at any depth
    (``CatalogMetric.compares_periods``): MetricFlow then needs a grain to compare periods."""
    m = model.metrics.get(name)
    if m is None or m.type != "derived":
        return False
    inputs = getattr(m.pydantic.type_params, "metrics", None) or []
    return any(
        getattr(x, "offset_window", None) is not None
        or getattr(x, "offset_to_grain", None) is not None
        or _compares_periods(model, str(x.name))
        for x in inputs
    )


def _latest_snapshot(model: SemanticModel, name: str) -> str:
    """The one metric reading the same column of the same rows as the plain sum ``name`` at its
    latest snapshot only (``non_additive_dimension`` with ``window_choice: max``), else "".

    Why: a model that reads a column that way has said it is a balance-like snapshot; summed
    over every snapshot it is no value anyone holds "now" (``CatalogMetric.latest``).
    """
    m = model.metrics[name]
    s = m.simple
    if s is None or s.agg != "sum" or s.non_additive is not None or s.filters:
        return ""
    hits = [
        o.name
        for o in model.metrics.values()
        if not o.hidden
        and o.simple is not None
        and o.simple.node == s.node
        and o.simple.expr == s.expr
        and o.simple.non_additive is not None
        and o.simple.non_additive.window_choice == "max"
        and not o.simple.filters
    ]
    return hits[0] if len(hits) == 1 else ""


def _plain_count(m: MetricDef, counted: str) -> str:
    """The entity ``m`` counts as "the" count of it: a published metric's counted entity, an
    implied one's only when its name is just that entity ("writer_count", not "active_drivers":
    the owner never said a qualified measure is the count of the entity)."""
    return counted if not m.implied or names_only(m.name, counted) else ""


def _over_leaves(model: SemanticModel, metric: str, facts: Callable[..., tuple[Any, ...]]) -> Any:
    """``facts`` of every semantic model the metric aggregates, in order, without repeats."""
    return tuple(dict.fromkeys(x for n in model.leaf_nodes(metric) for x in facts(model, n)))


def build_catalog(
    model: SemanticModel, con: Any = None, *, read: ValueReader | None = None
) -> Catalog:
    """The catalog of a model; with ``con``, low-cardinality categorical values are included
    (read through ``read`` when given: see :data:`ValueReader`).

    >>> from semantic_layer import load_model
    >>> cat = build_catalog(load_model())
    >>> "退货率" in cat.metric("return_rate").synonyms
    True
    >>> cat.dimension("order__channel").value_synonyms["jd"][0]
    '京东'
    """
    metrics = []
    for m in model.metrics.values():
        if m.hidden:
            continue
        agg_time = None
        if m.simple is not None and m.simple.agg_time:
            owner = model.nodes[m.simple.node].primary_entity
            agg_time = f"{owner}__{m.simple.agg_time}" if owner else m.simple.agg_time
        facts = measure_facts(model, m)
        metrics.append(
            CatalogMetric(
                name=m.name,
                label=m.label or _implied_label(m.name) if m.implied else _label(m.name, m.label),
                description=(m.description or "").strip(),
                description_zh=shown(str(m.meta.get("description_zh") or "")).strip(),
                synonyms=_synonyms(m.meta),
                metric_type=m.type,
                value_format=value_format(model, m),
                agg_time_dimension=agg_time,
                dimensions=metric_dimensions(model, m.name),
                unit=str(m.meta.get("unit") or facts.unit),
                caveats=_caveats(m.meta),
                agg=m.simple.agg if m.simple is not None else "",
                measure_expr=m.simple.expr if m.simple is not None else "",
                counts=_plain_count(m, counted := counted_entity(model, m)),
                counts_some=counted if counted != _plain_count(m, counted) else "",
                measure=facts.name,
                measure_description=facts.description,
                filtered=bool(m.simple is not None and m.simple.filters),
                flag=presence_flag(m),
                filter_value=filter_value(m),
                ratio_of=_ratio_parts(m),
                windowed=_windowed(m),
                hop_actors=_over_leaves(model, m.name, hop_actors),
                unlinked_roles=_over_leaves(model, m.name, unlinked_roles),
                own_entities=_own_entities(model, m.name),
                percent_points=_percent_points(m),
                implied=m.implied,
                offset_grain=_offset_grain(m),
            )
        )
    metrics = [
        replace(
            c,
            latest=_latest_snapshot(model, c.name),
            running=_running(model, c.name),
            compares_periods=_compares_periods(model, c.name),
        )
        for c in metrics
    ]
    dims: dict[str, CatalogDimension] = {"metric_time": METRIC_TIME}
    roles = dimension_roles(model)
    twins: list[Twin] = []
    unread: list[str] = []
    if con is not None and read is None:
        read = direct_reader(con)
    for node in model.nodes.values():
        if node.primary_entity is None:
            continue
        valued: list[tuple[str, str, tuple[str, ...]]] = []
        for d in node.dimensions.values():
            q = f"{node.primary_entity}__{d.name}"
            if q in dims:
                continue
            values: tuple[str, ...] = ()
            numbers: tuple[str, ...] = ()
            if read is not None and d.type == "categorical":
                try:
                    values, numbers = _values(model, read, node.name, d.expr, d.name, q)
                except _Unread:
                    unread.append(q)
                if values:
                    valued.append((q, d.expr, values))
            vs = {
                str(k): tuple(str(x) for x in v)
                for k, v in (d.meta.get("value_synonyms") or {}).items()
            }
            dims[q] = CatalogDimension(
                name=q,
                label=_label(d.name, d.label),
                dim_type=d.type,
                description=(d.description or "").strip(),
                description_zh=shown(str(d.meta.get("description_zh") or "")).strip(),
                synonyms=_synonyms(d.meta),
                entity=node.primary_entity,
                values=values,
                value_synonyms=vs,
                time_granularity=d.granularity,
                roles=roles.get((node.name, d.name), ()),
                expr=d.expr,
                is_key=_is_key_column(node, d.expr),
                number_values=numbers,
                key_of=_key_of(node, d.expr),
            )
        if read is not None and len(valued) > 1:
            twins += value_twins(model, read, node.name, valued)
    entities: dict[str, CatalogEntity] = {}
    held_in: dict[str, tuple[str, str]] = {}  # entity -> (a node holding it, its key column)
    for node in sorted(model.nodes.values(), key=lambda n: n.name):
        for e in node.entities.values():
            if e.expr and (e.type == "primary" or e.name not in held_in):
                held_in[e.name] = (node.name, e.expr)  # its own model's key, else a foreign one
            prev = entities.get(e.name)
            syn = tuple(dict.fromkeys([*(prev.synonyms if prev else ()), *_synonyms(e.meta)]))
            is_primary = e.type == "primary"
            label = (
                _label(e.name, e.label)
                if (prev is None or (is_primary and e.label))
                else prev.label
            )
            desc = (
                (e.description or "").strip()
                if (prev is None or is_primary) and e.description
                else (prev.description if prev else "")
            )
            key = e.expr if is_primary else (prev.key_expr if prev else "")
            models = (prev.models if prev else ()) + ((node.name,) if is_primary else ())
            fks = prev.foreign_exprs if prev else ()
            if not is_primary and e.expr and e.expr not in fks:
                fks = (*fks, e.expr)
            entities[e.name] = CatalogEntity(
                name=e.name,
                label=label,
                synonyms=syn,
                description=desc,
                key_expr=key,
                models=models,
                foreign_exprs=fks,
            )
    for name, (node_name, key) in held_in.items():
        if read is None:
            break
        # "T04": a short code key said alone names its entity (entity_codes); read within the
        # same time budget, and named to no one when it runs out: it is no dimension a
        # question names, so no "values not read" note is owed for it
        try:
            codes = code_values(_values(model, read, node_name, key, name, "")[0])
        except _Unread:
            codes = ()
        if codes:
            entities[name] = replace(entities[name], values=codes)
    examples = tuple(str(q) for q in model.project_meta.get("example_questions") or [])
    saved = []
    for name, sq in sorted(model.saved_queries.items()):
        sem = model.saved_query(name)
        saved.append(
            CatalogSavedQuery(
                name=name,
                label=_label(name, shown(getattr(sq, "label", None))),
                description=(sq.description or "").strip(),
                metrics=tuple(sem.metrics),
                group_by=tuple(sem.group_by),
                where=tuple(sem.where),
            )
        )
    return Catalog(
        metrics=tuple(metrics),
        dimensions=tuple(dims.values()),
        entities=tuple(entities.values()),
        example_questions=examples,
        saved_queries=tuple(saved),
        value_twins=tuple(twins),
        unread_values=tuple(unread),
    )
