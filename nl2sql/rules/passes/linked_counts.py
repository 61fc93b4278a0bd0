"""Pass: a sum of per-row counts of a thing, broken down or filtered by that thing's own
dimension, is refused, offering the counts kept on the thing's own rows.

Why: ``SUM(charge_count)`` over visits counts the charges of each visit; a visit links to *one*
charge by its foreign key (its last, its first). Grouped by a dimension of the charge ("by stop
reason"), every charge of a visit is put under the one linked charge's value — a number that
looks like "charges by stop reason" but counts something else (issue #12, session 27: a trap
question over an external EV-charging model answered so). When the model keeps rows of those
things with a count of their own, that count is the one the words ask for; the refusal offers
it by the same dimension. A dimension of the summing rows themselves (by visit's location) and a
time grain are untouched.

>>> counted_entity("charge_attempt_count", ("visit", "charge_attempt", "driver"))
'charge_attempt'
>>> counted_entity("passenger_count", ("flight", "airline")) is None
True
"""

from __future__ import annotations

from nl2sql.rules.items import Refusal
from nl2sql.rules.money import is_count_metric, sums_count_column
from nl2sql.rules.state import ParseState

#: at most this many counts are offered
_OFFERED = 3
_COUNT_ENDINGS = ("_count", "_cnt")


def counted_entity(column: str, entities: tuple[str, ...]) -> str | None:
    """The entity whose count the column holds per row (``charge_attempt_count`` ->
    ``charge_attempt``) when one of ``entities`` is named so, else None."""
    col = column.strip().lower()
    for end in _COUNT_ENDINGS:
        if col.endswith(end) and col[: -len(end)] in entities:
            return col[: -len(end)]
    return None


def _owner(dimension: str) -> str:
    """The entity a qualified dimension belongs to (``charge_attempt__reason`` -> its entity)."""
    parts = dimension.split("__")
    return parts[-2] if len(parts) >= 2 else ""


def refuse_linked_counts(p: ParseState) -> None:
    """Refuse a summed count of X grouped or filtered by a dimension of X's own rows."""
    used = [*p.group_by, *(f.dimension for f in p.filters)]
    for name in p.metrics:
        m = p.catalog.metric(name)
        if m is None or not sums_count_column(m):
            continue
        thing = counted_entity(m.measure_expr, m.own_entities)
        if thing is None or thing == m.rows_entity:
            continue
        by = [d for d in used if _owner(d) == thing]
        if not by:
            continue
        own = [
            x
            for x in p.catalog.metrics
            if x.name != m.name
            and x.metric_type == "simple"
            and x.rows_entity == thing
            and is_count_metric(x)
            and x.value_format != "percent"
            and not x.filtered
            and all(p.metric_allows(x.name, d) for d in by)
        ][:_OFFERED]
        if not own:
            continue
        label, words = m.label or m.name, thing.replace("_", " ")
        dim = p.catalog.dimension(by[0])
        said = (dim.label or by[0]) if dim is not None else by[0]
        zh = p.result.lang == "zh"
        raise Refusal(
            f"'{label}' adds up each {m.rows_entity.replace('_', ' ')}'s count of {words}s, "
            f"but a {m.rows_entity.replace('_', ' ')} links to one {words}: by {said} every "
            f"{words} would count under that one's value; ask for a count of the {words} rows",
            zh=f"“{label}”是把每条{m.rows_entity}记录上的{words}个数相加，而每条记录只关联一个"
            f"{words}：按{said}统计会把所有{words}都算到那一个的取值下；请问{words}自己的计数",
            words=[
                f"按{said}统计的{x.label or x.name}" if zh else f"{x.label or x.name} by {said}"
                for x in own
            ],
            kind="questions",
        )
