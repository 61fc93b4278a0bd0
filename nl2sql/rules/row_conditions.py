"""A condition on each row's own value: "number of rides with a pickup wait over 1 hour".

Why: the things counted (rides) are the rows the compared metric aggregates (the rides
model's pickup wait), so the condition is on *each ride's* value, not on the one total
(or average) of all rides. The semantic layer filters only on dimensions and on metrics
grouped by an entity, as MetricFlow does; a measure's column (``wait_min``) is no dimension,
but the metric computed per the rows' own entity is that row's value:
``{{ Metric('average_pickup_wait', group_by=['ride']) }} > 60`` — MetricFlow writes
exactly that. The rule applies only when

- the metric aggregates one row's value into itself (sum, average, min, max, median,
  percentile — never a count, which would be 1 per row);
- its rows are the counted entity's own rows: its time dimension is that entity's
  (``ride__start_hour``: dbt qualifies a model's dimensions by its primary entity);
- the entity has a key to group by (a ``primary_entity`` name alone has none: refused, see
  ``entity_conditions._refuse_keyless``).

Anything else keeps the refusal "the condition would apply to the one overall total". A unit
in the threshold ("over 1 hour" on a metric in minutes) was converted before this reads it
(:mod:`nl2sql.rules.units`); the interpretation line says the conversion.
"""

from __future__ import annotations

from nl2sql.interpret import metric_label
from nl2sql.rules.entity_conditions import EntityCondition
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.row_values import ROW_VALUE_AGGS
from nl2sql.rules.state import ParseState
from nl2sql.rules.units import metric_unit
from nl2sql.unit_words import convertible, kind_of


def per_row_condition(p: ParseState) -> bool:
    """Turn the one ungrouped threshold into a condition on each counted row; False (nothing
    changed) when the question is not of that shape."""
    if len(p.having) != 1 or len(p.metrics) != 2 or p.entity_conditions:
        return False
    h = p.having[0]
    cond = p.catalog.metric(h.metric)
    counted_name = next((m for m in p.metrics if m != h.metric), None)
    counted = p.catalog.metric(counted_name) if counted_name else None
    if cond is None or counted is None or counted_name is None:
        return False
    entity = counted.counts
    if cond.metric_type != "simple" or cond.agg not in ROW_VALUE_AGGS or not entity:
        return False
    if cond.filtered or cond.latest:  # some rows only / one snapshot of several: not each row's
        return False
    if not (cond.agg_time_dimension or "").startswith(f"{entity}__"):
        return False  # another model's rows: a per-entity number, not each row's own value
    if not any(e.name == entity and e.models for e in p.catalog.entities):
        return False
    if not p.metric_allows(h.metric, entity) or not p.metric_allows(counted_name, entity):
        return False
    p.having = []
    p.metrics = [counted_name]
    p.entity_conditions.append(EntityCondition(entity, h.metric, h.op, h.value))
    p.row_value_metrics.add(h.metric)
    return True


#: light words between the counted noun and its condition ("trips *with a* distance over")
_WITH = frozenset({"with", "a", "an", "having", "whose", "that", "which", "where", "has", "have"})


def _said_of_each_row(p: ParseState, metric: str, counted: str) -> bool:
    """Whether the condition on ``metric`` qualifies the counted noun itself: "trips *with*
    a distance over 300" (the noun right before it, across with / a / whose …) or "距离超过300
    *的*行程" (the noun right after the number and 的)."""
    subject = next(
        (x for x in p.threshold_items if x.kind == "domain" and p.subject_metric(x) == metric),
        None,
    )
    if subject is None:
        return False
    pos = next(k for k, x in enumerate(p.all) if x is subject)
    k = pos - 1
    while k >= 0 and p.all[k].kind == "stop" and p.all[k].text.strip().lower() in _WITH:
        k -= 1
    before = p.all[k] if 0 <= k < pos - 1 else None  # at least one light word between
    if before is not None and before.kind == "domain" and p.count_metric(before) == counted:
        return True
    nums = [x for x in p.threshold_items if x.kind == "num"]
    at = next((k for k, x in enumerate(p.all) if nums and x is nums[0]), -1)
    after = p.all[at + 1 : at + 3] if at > pos else []
    return (
        len(after) == 2
        and after[0].text.strip() == "的"
        and after[1].kind == "domain"
        and p.count_metric(after[1]) == counted
    )


def grouped_row_condition(p: ParseState) -> bool:
    """ "number of trips with a length over 300 by origin": with a breakdown the threshold was
    read on each origin's total length (HAVING), although the words put it on each trip.
    When the condition qualifies the counted noun itself, it is each counted row's own value,
    as without a breakdown (:func:`per_row_condition`); "origins with distance over 5000" (the
    groups' own total) stays a HAVING."""
    if len(p.having) != 1 or len(p.metrics) != 2:
        return False
    h = p.having[0]
    counted = next((m for m in p.metrics if m != h.metric), None)
    if counted is None or not _said_of_each_row(p, h.metric, counted):
        return False
    return per_row_condition(p)


def check_row_value_picks(p: ParseState) -> None:
    """Refuse a word read as one of several statistics of a column ("departure delay":
    average or median) unless it became a condition on each row, where they agree
    (``nl2sql.rules.row_values``)."""
    for it, names in p.row_value_picks:
        if any(n in p.row_value_metrics for n in names):
            continue
        en = [metric_label(p.catalog, n, "en") for n in names]
        zh = [metric_label(p.catalog, n, "zh") for n in names]
        raise Refusal(
            f"'{it.text}' is ambiguous: it could be " + " or ".join(en) + "; say which one",
            zh=f"“{it.text}”有歧义：可能是" + "或".join(zh) + "；请说明是哪一个",
            words=[it.text],
            senses=[s for s in it.senses if s.name in names],
        )


def refuse_unit_on_count(p: ParseState, metric: str, num: Item, word: Item, unit: str) -> None:
    """A count compared with a measured number ("rides delayed more than an hour": 1 hour is
    no number of rides): refused, naming the counted rows' own measures in a unit of that
    kind, each offered as "<count> with <measure> over <number> <unit>" (read by
    :func:`per_row_condition`). Nothing is raised for a metric that is not a count."""
    m = p.catalog.metric(metric)
    counts = m.counts if m is not None else ""
    if m is None or not counts or not convertible(unit, unit):
        return
    seen: set[str] = set()
    measures: list[str] = []
    for x in p.catalog.metrics:
        own = metric_unit(x)
        if own is None or not convertible(own, unit) or x.metric_type != "simple":
            continue
        if x.agg not in ROW_VALUE_AGGS or x.filtered or x.measure_expr in seen:
            continue
        if (x.agg_time_dimension or "").startswith(f"{counts}__"):
            seen.add(x.measure_expr)
            measures.append(x.name)
    en_c, zh_c = metric_label(p.catalog, metric, "en"), metric_label(p.catalog, metric, "zh")
    en = [metric_label(p.catalog, n, "en") for n in measures]
    zh = [metric_label(p.catalog, n, "zh") for n in measures]
    amount = f"{num.text} {word.text}"
    kind = kind_of(unit)
    raise Refusal(
        f"'{amount}' is a {kind}, and {en_c} is a count: say which {kind} of each is compared"
        + (f" ({', '.join(en)})" if en else " (the model has no such measure of them)"),
        zh=f"“{num.text}{word.text}”不是{zh_c}的数目：请说明比较的是每一个的哪项数值"
        + (f"（{'、'.join(zh)}）" if zh else "（模型中没有这样的数值）"),
        words=[f"{en_c} with {e} over {amount}" for e in en]
        + [f"{z}超过{num.text}{word.text}的{zh_c}" for z in zh],
        kind="questions",
    )
