"""A count asked of a value alone: "how many oil changes", "保养有几次".

Why: an event table often has one row count and a dimension saying what kind of event each
row is (``service_kind``: oil_change, tire_rotation, …). Users name the kind and ask how
many — the value is the noun being counted — and no metric word is said, so the question was
refused ("names no metric I know") though the model counts exactly those rows.

The value's rows are counted by the model's own count of the rows the value's dimension lives
on, and only then:

- the question asks a count ("how many", "number of", 几次, 多少次, 次数 …);
- every filter the question set is on a dimension of one entity, and exactly one metric counts
  that entity's own rows: a simple, unfiltered ``count`` of a constant or ``*`` (or the
  metric :attr:`CatalogMetric.counts` marks as counting that entity), whose time axis is a
  dimension of the same entity — the rows the dimension describes, not the rows of a fact
  joined to it ("how many Electronics" on a shop counts products, never order lines);
- two such counts, or none, leave the refusal as it was.
"""

from __future__ import annotations

from nl2sql.rules.state import ParseState

#: the constant or star a row count aggregates (``count(1)``, ``count(*)``)
_ROW_EXPRS = frozenset({"1", "*", "'1'"})


def _entity_of(name: str) -> str:
    """The entity part of a qualified dimension name (``employee__event_type`` -> employee)."""
    return name.split("__", 1)[0] if "__" in name else ""


def row_count_of(p: ParseState, entity: str) -> list[str]:
    """The metrics that count ``entity``'s own rows (see the module docstring)."""
    out = []
    for m in p.catalog.metrics:
        if m.metric_type != "simple" or m.filtered or m.windowed:
            continue
        counts_rows = m.agg == "count" and m.measure_expr.strip() in _ROW_EXPRS
        if not (counts_rows or m.counts == entity):
            continue
        if _entity_of(m.agg_time_dimension or "") == entity:
            out.append(m.name)
    return out


def metric_by_value_rows(p: ParseState) -> None:
    """Add the one row count of the filtered values' rows when the question asks a count and
    names no metric (called by the metrics pass before it refuses)."""
    if p.metrics or not p.filters:
        return
    if not any(it.kind == "role" and it.role == "howmany" for it in p.its):
        return
    entities = {_entity_of(f.dimension) for f in p.filters}
    if len(entities) != 1 or "" in entities:
        return
    (entity,) = entities
    counts = row_count_of(p, entity)
    if len(counts) != 1:
        return
    p.add_metric(counts[0])
    p.counted = True
