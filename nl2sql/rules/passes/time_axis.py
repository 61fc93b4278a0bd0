"""Pass: a time axis named in the question ("paid last month", "按签收日期每月") moves the time
range and the time grain from the metric's own time onto that dimension.

Why filters and a grain of the dimension: the semantic query's ``time_range`` is on metric
time; another axis is an ordinary dimension, so its range is ``>= start`` and ``< end`` on it
and its grain is ``<dimension>__<grain>``. An axis the metric cannot reach, or two axes, are
refused — answering on the metric's own time would be a different question.
"""

from __future__ import annotations

from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.other_event_verbs import dated, refuse_dated_event
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.morphology import LIGHT_VERBS, TRADE_VERBS, verb_lemmas
from semantic_layer.query import DimensionFilter


def _owner_before(p: ParseState, it: Item, dims: list[str]) -> str | None:
    """The date of the thing named right before the axis word: "GMV of *customers* created
    last month" is the customers' creation date, not the orders' (the metric's own), which
    answered a different question."""
    idx = p.its.index(it)
    noun = p.at(idx - 1)
    if noun is None or noun.kind != "domain":
        return None
    entities = {s.name for s in noun.senses if s.kind == "entity"}
    own = [d for d in dims if d.rsplit("__", 1)[0] in entities]
    if len(own) > 1:
        # two models keyed by the same entity both have a date of this name ("policies that
        # expired": `policy_expiration_date` of the policy and `expiration_date` of a role
        # row keyed by policy): the one whose own name says it is the entity's
        own = [d for d in own if d.rsplit("__", 1)[1].startswith(d.rsplit("__", 1)[0] + "_")]
    return own[0] if len(own) == 1 else None


def _siblings(p: ParseState, dims: list[str]) -> list[str]:
    """``dims`` and the time dimensions that end with one of their names under the same entity
    (`policy_expiration_date` beside `expiration_date`, both keyed by policy).

    Why: a bridged word (到期 from "expiration date") names the shorter one only, so "2020年到期
    的保单数" filtered on the expiration date of a role row keyed by policy (all empty) instead
    of the policy's own — a wrong answer. With both in view the usual rules choose, or refuse.
    """
    out = list(dims)
    for d in dims:
        entity, _, name = d.rpartition("__")
        for cd in p.catalog.dimensions:
            other_entity, _, other = cd.name.rpartition("__")
            if (
                cd.dim_type == "time"
                and cd.name not in out
                and other_entity == entity
                and other.endswith("_" + name)
            ):
                out.append(cd.name)
    return out


def _owner_after(p: ParseState, it: Item, dims: list[str]) -> str | None:
    """The date of the thing counted right after a Chinese relative clause: "2020年到期的*保单数*"
    counts policies, so 到期 is the policy's own expiration date (the one whose name says it is
    the policy's, as in :func:`_owner_before`)."""
    idx = p.its.index(it) + 1
    while (nxt := p.at(idx)) is not None and nxt.text == "的":
        idx += 1
    if nxt is None or nxt.kind != "domain" or not nxt.is_kind("metric"):
        return None
    counted = {cm.counts for s in nxt.senses if (cm := p.catalog.metric(s.name)) and cm.counts}
    own = [
        d
        for d in dims
        if d.rsplit("__", 1)[0] in counted
        and d.rsplit("__", 1)[1].startswith(d.rsplit("__", 1)[0] + "_")
    ]
    return own[0] if len(own) == 1 else None


def _owner_grouped(p: ParseState, idx: int, dim: str) -> bool:
    """ "按文章发布月份": 按 + the date's owner + the date groups by the date; the owner only
    says whose date it is. The grouping an earlier pass gave the owner is taken back."""
    owner = dim.rsplit("__", 1)[0]
    noun = p.at(idx - 1)
    if noun is None or noun.kind != "domain" or not p.role_at(idx - 2, "group"):
        return False
    if owner not in {s.name for s in noun.senses if s.kind == "entity"}:
        return False
    p.group_by = [g for g in p.group_by if g != owner and not g.startswith(owner + "__")]
    p.its[idx - 2].used = True
    return True


def _support_verb(it: Item) -> bool:
    """Whether the axis word is a form of a support verb ("saw", "got", "placed"), not a trade
    verb ("sold", "bought": a sale has a date of its own).

    Why: a support verb says nothing of its own about when ("total runs I *saw* in 2024");
    it names a model's date only because the model happens to call one after it (a
    `first_spotted_date` of another table). Where the question's metrics cannot reach that date
    the word is the support verb it always is, and the range stays on the metrics' own time,
    as it does on every model without such a date.
    """
    lemmas = set(verb_lemmas(it.text.lower()))
    return bool(lemmas & LIGHT_VERBS) and not lemmas & TRADE_VERBS


def _axis_dimension(p: ParseState, it: Item) -> str | None:
    """The one time dimension the axis names that every metric of the question reaches
    (None: a support verb whose date no metric reaches, see :func:`_support_verb`)."""
    dims = _siblings(p, [s.name for s in it.senses])
    ok = [d for d in dims if all(p.metric_allows(m, d) for m in p.metrics)]
    if len(ok) == 1:
        return ok[0]
    labels = ", ".join(p.metrics)
    if not ok and p.metrics and _support_verb(it):
        return None
    if not ok:
        raise Refusal(
            f"{labels} cannot be filtered or grouped by '{it.text}' ({', '.join(dims)})",
            zh=f"{labels}不能按“{it.text}”筛选或分组",
        )
    owner = _owner_before(p, it, ok) or _owner_after(p, it, ok)
    if owner is not None:
        return owner
    own_time = {cm.agg_time_dimension for m in p.metrics if (cm := p.catalog.metric(m))}
    own = [d for d in ok if d in own_time]
    if len(own) == 1:
        return own[0]
    raise Refusal(
        f"'{it.text}' could be {' or '.join(ok)}; say which date",
        zh=f"“{it.text}”可能是 {' 或 '.join(ok)}；请说明是哪个日期",
    )


def apply_time_axis(p: ParseState) -> None:
    """Put the question's time range and grain on the named time dimension."""
    axes = [it for it in p.its if it.kind == "role" and it.role == "axis" and not it.used]
    if not axes:
        return
    if len(axes) > 1:
        raise Refusal(
            "the question names more than one date ("
            + ", ".join(a.text for a in axes)
            + "); ask about one at a time",
            zh="问题中有多个日期（" + "、".join(a.text for a in axes) + "）；请一次问一个",
        )
    axis = axes[0]
    axis.used = True
    dim = _axis_dimension(p, axis)
    if dim is None:
        return
    own = {cm.agg_time_dimension for m in p.metrics if (cm := p.catalog.metric(m))}
    if own == {dim} and dated(p):
        refuse_dated_event(p, axis, dim)  # "guests booked in June" on guests by first booking
    if own == {dim}:
        # the metrics' own time ("orders placed this year"): metric time as usual; "by" right
        # before it ("loans by checkout date", "by settlement month") groups by that time,
        # at the grain said or else the dimension's own
        k = p.its.index(axis)
        if p.role_at(k - 1, "group"):
            p.its[k - 1].used = True
            if not any(g.startswith("metric_time__") for g in p.group_by):
                d = p.catalog.dimension(dim)
                p.add_group(f"metric_time__{(d.time_granularity if d else None) or 'day'}")
        return
    tm = p.result.time
    if tm is not None:
        if tm.range.start is not None:
            p.filters.append(
                DimensionFilter(dimension=dim, op=">=", values=[tm.range.start.isoformat()])
            )
        if tm.range.end is not None:
            p.filters.append(
                DimensionFilter(dimension=dim, op="<", values=[tm.range.end.isoformat()])
            )
        p.axis_time = tm
        p.result.time = None
    grains = [g for g in p.group_by if g.startswith("metric_time__")]
    idx = p.its.index(axis)
    grouped = p.role_at(idx - 1, "group")
    if grouped:
        p.its[idx - 1].used = True
    elif _owner_grouped(p, idx, dim):
        grouped = True
    if grains:
        p.group_by = [f"{dim}__{g.split('__')[1]}" if g in grains else g for g in p.group_by]
    elif grouped or tm is None:
        d = p.catalog.dimension(dim)
        p.add_group(f"{dim}__{(d.time_granularity if d else None) or 'day'}")
