"""Things with none of another noun: "how many customers with no orders", "customers who never
placed an order", "customers without orders", "没有订单的客户有多少".

Why: a per-entity condition compares each thing's value of a metric (``rules.entity_conditions``);
"none" is the thing having no row of that metric at all — MetricFlow's metric filter
``{{ Metric('orders', group_by=['customer']) }} is null`` (the per-customer orders joined to
the customers, NULL where a customer has none), which the semantic layer compiles the same way.
"no" and "never" were unknown words and every such question was refused.

Answered only as a count of the things by the model's own metric counting them (the things
with no rows are in no listing of the counted metric: without such a metric, refused), and
only when the counted noun is a count of rows (an amount of "no revenue" could be a zero sum).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nl2sql.lexicon import Sense
from nl2sql.rules.entity_conditions import entity_of, event_counts
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary import morphology
from semantic_layer.query import DimensionFilter

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
#: words between the things and the "none" word ("customers *who have* no orders")
_LINKS = frozenset(
    {"with", "who", "that", "which", "have", "has", "had", "is", "are", "was", "were", "been", "的"}
)
#: words between "never" and the counted noun ("never placed *an* order")
_ARTICLES = frozenset({"a", "an", "any", "one"})


@dataclass(frozen=True)
class AbsenceCondition:
    """No row of ``metric`` for the ``entity``."""

    entity: str
    metric: str

    def template(self) -> str:
        """The MetricFlow ``where`` filter.

        >>> AbsenceCondition("customer", "orders").template()
        "{{ Metric('orders', group_by=['customer']) }} is null"
        """
        return f"{{{{ Metric('{self.metric}', group_by=['{self.entity}']) }}}} is null"


def _pos(p: ParseState, it: Item) -> int:
    return next((k for k, x in enumerate(p.all) if x is it), -1)


def _before(p: ParseState, k: int) -> Item | None:
    """The first word before ``p.all[k]`` that is no link word or verb."""
    for x in reversed(p.all[:k]):
        if x.kind == "stop" and (x.text.strip().lower() in _LINKS or x.role == "verb"):
            continue
        if x.kind in ("stop", "unknown") and x.role == "verb":
            continue
        return x
    return None


def _after(p: ParseState, k: int) -> Item | None:
    """The counted noun after the "none" word at ``k``: across a verb and an article
    ("never *placed an* order")."""
    for x in p.all[k + 1 :]:
        if x.kind in ("stop", "unknown") and (
            x.text.strip().lower() in _ARTICLES or x.role == "verb" or x.kind == "unknown"
        ):
            continue
        return x
    return None


def _verb_event(p: ParseState, k: int) -> Item | None:
    """The event of the verb right after "never" ("never *ordered*"): the one count metric its
    noun names (``entity_conditions.event_counts``), as an item; None otherwise."""
    verb = p.all[k + 1] if k + 1 < len(p.all) else None
    if verb is None or verb.kind not in ("stop", "unknown") or verb.used:
        return None
    names = {
        n
        for lemma in morphology.verb_lemmas(verb.text.strip().lower())
        for n in event_counts(p, lemma)
    }
    if len(names) != 1:
        return None
    verb.used = True
    return Item("domain", verb.text, verb.start, verb.end, senses=[Sense("metric", names.pop())])


def _zh_shape(p: ParseState, k: int) -> tuple[Item, Item] | None:
    """(things, noun) of "没有订单的客户": the noun right after 没有, 的, then the things."""
    rest = [x for x in p.all[k + 1 :] if not (x.kind == "stop" and x.text.strip() != "的")]
    if len(rest) >= 3 and rest[1].text.strip() == "的":
        return rest[2], rest[0]
    return None


def read_absence(p: ParseState) -> None:
    """Read "<things> with no / never / without <noun>" as the things with no row of the
    noun's count metric; refuse the shape when it cannot be answered exactly."""
    for it in list(p.all):
        if it.used or not (it.kind == "role" and it.role in ("none", "neg")):
            continue
        k = _pos(p, it)
        if it.role == "neg" and it.text.strip().lower() != "without":
            continue
        zh = it.text.strip() == "没有"
        found = _zh_shape(p, k) if zh else (_before(p, k), _after(p, k))
        if found is None:
            continue
        subject, noun = found
        if not zh and (noun is None or noun.kind != "domain"):
            noun = _verb_event(p, k)  # "never ordered": the verb's event
        if subject is None or noun is None or subject.kind != "domain" or noun.kind != "domain":
            continue
        if subject.used or noun.used:
            continue
        _claim(p, it, subject, noun)


def _claim(p: ParseState, it: Item, subject: Item, noun: Item) -> None:
    entity = entity_of(p, subject)
    counted = p.count_metric(noun) if noun.is_kind("entity") else p.subject_metric(noun)
    if entity is None or counted is None or entity_of(p, noun) == entity:
        return
    m = p.catalog.metric(counted)
    counts_rows = m is not None and (
        bool(m.counts) or m.agg in ("count", "count_distinct") or m.measure_expr.strip() == "1"
    )
    own = p.subject_metric(subject)
    # the things' count must count the rows of their own table (a count of its primary key):
    # a distinct count of their key in the facts ("Bikes Used" over rides) never counts one
    # without rows, so "how many bikes were never ridden" would always be 0
    own_m = p.catalog.metric(own) if own else None
    if own_m is None or own_m.counts != entity or own_m.agg == "count_distinct":
        own = None
    if (
        not counts_rows
        or own is None
        or own == counted
        or not p.metric_allows(counted, entity)
        or not p.metric_allows(own, entity)
        or not (_NAME.match(entity) and _NAME.match(counted))
        or m is None
        or any(actor == entity for actor, _ in m.hop_actors)
    ):
        raise Refusal(
            f"'{subject.text} {it.text} {noun.text}': things with none of {noun.text} can only "
            f"be counted by a metric that counts {subject.text} themselves, and the model has "
            f"no such reading here; ask for {noun.text} by {subject.text} instead",
            zh=f"“{it.text}{noun.text}的{subject.text}”只能用统计{subject.text}本身的指标来数，"
            f"模型中没有这样的读法；可以改问按{subject.text}统计的{noun.text}",
            words=[it.text],
        )
    j = next((j for j, x in enumerate(p.its) if x is subject), -1)
    asked = [h for h in (j - 1, j + 1, j + 2) if p.role_at(h, "howmany")]
    if not asked:  # "customers with no orders": a list of them, which is not computed
        raise Refusal(
            f"'{subject.text} {it.text} {noun.text}' is answered as a count: ask 'how many "
            f"{subject.text} {it.text} {noun.text}'",
            zh=f"“{it.text}{noun.text}的{subject.text}”只能回答个数：请问“{it.text}{noun.text}的"
            f"{subject.text}有多少”",
            words=[it.text],
        )
    for h in asked:  # "how many customers": the count word is read with it
        p.its[h].used = True
    it.used = noun.used = subject.used = True
    p.add_metric(own)
    p.counted = True
    p.entity_conditions.append(AbsenceCondition(entity, counted))
    if not any(f.dimension == entity and f.op == "is not null" for f in p.filters):
        p.filters.append(DimensionFilter(dimension=entity, op="is not null"))
