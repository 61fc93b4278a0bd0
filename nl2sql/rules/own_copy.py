"""A value (or dimension) found both in the counted rows' own column and in a qualified copy
of that column on another entity: the rows' own column.

Why: a ferry app's model keeps a trip's ``platform`` and its rider's ``first_platform``;
"phone trips" / "手机的行程数" reached both and was refused as ambiguous, although nothing in
the question says "first" — the plain reading is the trip's own platform. The same shape
(found on a fresh web-analytics project) refused a count of visits by their device beside the
visitor's first device, and a rate over funnel steps beside both.

Only when the metrics' own rows (the entity of their time axis) have the plain column and
every other reading is that column's name with a qualifier in front of it (``first_…``,
``last_…``) or a copy of the same name elsewhere. When the plain column belongs to another
entity and the rows' own column is the qualified one ("华东订单的GMV": the orders'
``destination_region`` beside the customers' ``region``) the question stays asked: that is a
real choice between two columns, not a qualifier the question left out. Roles the question
can name on both sides (origin / destination) never reach here: neither column is plain.
"""

from __future__ import annotations

from nl2sql.lexicon import Sense
from nl2sql.rules.view import StateView


def _base(name: str) -> str:
    """A qualified dimension name without its entity (``trip__platform``)."""
    return name.split("__", 1)[1] if "__" in name else name


def own_rows_entity(p: StateView, metric_names: list[str]) -> str | None:
    """The one entity whose rows all ``metric_names`` count (their time axis's entity)."""
    rows = set()
    for m in metric_names:
        cm = p.catalog.metric(m)
        if cm is None:
            return None
        # a ratio has no time axis of its own: its dimension list starts with its rows' own
        axis = cm.agg_time_dimension or next(
            (d for d in cm.dimensions if "__" in d and not d.startswith("metric_time")), None
        )
        if not axis:
            return None
        rows.add(axis.split("__")[0])
    return rows.pop() if len(rows) == 1 else None


def plain_own_copy(p: StateView, cands: list[Sense], metric_names: list[str]) -> Sense | None:
    """The candidate in the metrics' own rows when every other one qualifies its name.

    >>> from types import SimpleNamespace as NS
    >>> cat = NS(metric=lambda m: NS(agg_time_dimension="trip__trip_date", dimensions=()))
    >>> p = NS(catalog=cat)
    >>> own = Sense("value", "trip__platform", "phone")
    >>> first = Sense("value", "rider__first_platform", "phone")
    >>> plain_own_copy(p, [first, own], ["trips"]).name
    'trip__platform'

    The plain column on another entity and a qualified own column stay asked:

    >>> cat = NS(metric=lambda m: NS(agg_time_dimension="order__ordered_at", dimensions=()))
    >>> dest = Sense("value", "order__destination_region", "华东")
    >>> cust = Sense("value", "customer__region", "华东")
    >>> plain_own_copy(NS(catalog=cat), [dest, cust], ["gmv"]) is None
    True
    """
    if len(cands) < 2 or not all(s.kind in ("value", "dimension") for s in cands):
        return None
    if len({s.kind for s in cands}) != 1 or len({str(s.value).lower() for s in cands}) != 1:
        return None
    rows = own_rows_entity(p, metric_names)
    if rows is None:
        return None
    own = [s for s in cands if s.name.split("__")[0] == rows]
    if len({s.name for s in own}) != 1:
        return None
    plain = _base(own[0].name)
    others = [s for s in cands if s.name != own[0].name]
    if not others or not all(
        _base(s.name) == plain or _base(s.name).endswith(f"_{plain}") for s in others
    ):
        return None
    if not any(_base(s.name) != plain for s in others):
        return None  # copies of one name: rules.resolve.nearest_same_dimension decides
    return own[0]


def own_qualified_only(p: StateView, cands: list[Sense], metric_names: list[str]) -> Sense | None:
    """A dimension the metrics cannot reach, named plainly ("region"), when their own rows
    carry exactly one qualified column of that name (a rider's ``first_region``): that column.

    Why: "新乘客按地区" / "rider return rate by region" listed the trip and tap copies of
    ``region`` as the choice, none of which a rider-grain metric can be split by, and was
    refused; the only region a rider row has is the first one, and the answer names it
    ("按first region"). Only dimensions (a breakdown), only when no
    candidate is reachable and the own rows have exactly one such column.

    >>> from types import SimpleNamespace as NS
    >>> m = NS(agg_time_dimension="rider__joined_date",
    ...        dimensions=("rider__joined_date", "rider__first_region", "rider__plan"))
    >>> p = NS(catalog=NS(metric=lambda name: m))
    >>> c = [Sense("dimension", "trip__region"), Sense("dimension", "tap__region")]
    >>> own_qualified_only(p, c, ["new_riders"]).name
    'rider__first_region'
    >>> own_qualified_only(p, [Sense("dimension", "trip__vessel")], ["new_riders"]) is None
    True
    """
    if not cands or not all(s.kind == "dimension" for s in cands):
        return None
    bases = {_base(s.name) for s in cands}
    rows = own_rows_entity(p, metric_names)
    if len(bases) != 1 or rows is None:
        return None
    plain = bases.pop()
    found: set[str] = set()
    for m in metric_names:
        cm = p.catalog.metric(m)
        if cm is None:
            return None
        found |= {
            d for d in cm.dimensions if d.split("__")[0] == rows and _base(d).endswith(f"_{plain}")
        }
    return Sense("dimension", found.pop()) if len(found) == 1 else None
