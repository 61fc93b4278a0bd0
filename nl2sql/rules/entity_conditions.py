"""Conditions on a metric computed per entity: "customers who placed more than 3 orders".

Why: the number counts another noun (orders) than the things the question is about
(customers), so it is neither a HAVING on the answer's metric nor a row filter: it is a
condition on *each customer's* number of orders. MetricFlow writes exactly that as a metric
filter grouped by the entity, ``{{ Metric('order_count', group_by=['customer']) }} > 3``, which
the semantic layer compiles (``semantic_layer.compiler._metric_filter``). The rules engine
used to refuse these questions ("a condition on orders is not supported here").

What is read: an entity noun ("customers", 客户), a comparison with a number, and the noun
the number counts or measures (orders, 订单) when the model has a metric for it that can be
computed per that entity. Only conditions that an entity *without* any of those rows can
never meet (``> N`` with N ≥ 0, ``>= N`` with N > 0) are answered: a customer with no order
has no row in the per-customer metric (NULL, as in MetricFlow), so "fewer than 3 orders"
would silently leave those customers out — refused with the way to ask instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nl2sql.counters import PIECE_COUNTERS
from nl2sql.interpret import item_label, metric_label
from nl2sql.lexicon import Sense, key_of
from nl2sql.normalize import normalize
from nl2sql.rules.counted_rows import count_rows, safe_condition
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from nl2sql.rules.suggest import ask_metric
from nl2sql.vocabulary import morphology
from nl2sql.vocabulary.english import name_words, singular
from semantic_layer.query import DimensionFilter, MetricThreshold, ThresholdOp

#: metric and entity names that may be written into a filter template as they are
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class EntityCondition:
    """``metric`` computed per ``entity`` compared with ``value``."""

    entity: str
    metric: str
    op: ThresholdOp
    value: float

    def template(self) -> str:
        """The MetricFlow ``where`` filter for this condition.

        >>> EntityCondition("customer", "order_count", ">", 3.0).template()
        "{{ Metric('order_count', group_by=['customer']) }} > 3"
        """
        return (
            f"{{{{ Metric('{self.metric}', group_by=['{self.entity}']) }}}} "
            f"{self.op} {self.value:g}"
        )


def entity_of(p: ParseState, it: Item) -> str | None:
    """The entity ``it`` names: its entity sense, else the entity its count metric counts
    ("number of customers" is a metric counting customers)."""
    if it.kind != "domain" or it.is_kind("value"):
        return None
    ents = [s.name for s in it.senses if s.kind == "entity"]
    if len(ents) == 1:
        return ents[0]
    if ents:
        return None  # two entities: which one is ambiguous
    counted = p.subject_metric(it)
    m = p.catalog.metric(counted) if counted else None
    return m.counts if m is not None and m.counts else None


#: role items a relative clause may hold between the entity and the comparison
_CLAUSE_ROLES = frozenset({"verb", "axis", "howmany"})


def entity_subject(p: ParseState, cmp: Item) -> Item | None:
    """The noun right before the comparison, across a relative clause's light words ("customers
    *who placed* more than", "customers *with* more than"): the things the condition is on."""
    pos = next((k for k, x in enumerate(p.all) if x is cmp), -1)
    for x in reversed(p.all[:pos] if pos > 0 else []):
        if x.kind == "stop" or (x.kind == "role" and x.role in _CLAUSE_ROLES):
            continue
        return x if x.kind == "domain" and not x.used else None
    return None


def _zh_shape(p: ParseState, it: Item, num: Item) -> tuple[Item, Item] | None:
    """(entity, counted noun) of "订单超过3个的客户", "有超过3个订单的客户", "订单数超过3的客户数":
    the things come after 的, the counted noun after the number or right before the comparison."""
    pos = next((k for k, x in enumerate(p.all) if x is num), -1)
    noun: Item | None = None
    k = pos + 1
    while k < len(p.all):
        x = p.all[k]
        if x.kind == "stop" and x.text == "的":
            break
        if x.kind == "stop" and len(x.text) == 1 and "\u4e00" <= x.text <= "\u9fff":
            k += 1  # a classifier: 个, 次, 笔
            continue
        if x.kind == "domain" and noun is None and not x.used:
            noun, k = x, k + 1
            continue
        return None
    if k + 1 >= len(p.all) or p.all[k + 1].kind != "domain" or p.all[k + 1].used:
        return None
    subject = p.all[k + 1]
    if noun is None:  # "订单数超过3": the noun before the comparison (its 数 read with it)
        at = next((j for j, x in enumerate(p.all) if x is it), 0)
        pieces = any(x.text.strip() in PIECE_COUNTERS for x in p.all[pos + 1 : k])
        while at > 0 and p.all[at - 1].kind == "role" and p.all[at - 1].role == "howmany":
            pieces = pieces or p.all[at - 1].text.strip() in PIECE_COUNTERS
            at -= 1
        before = p.all[at - 1] if at > 0 else None
        noun = before if before is not None and before.kind == "domain" else None
        if before is not None and before.kind == "stop" and noun is None and not pieces:
            # "下单超过3次": the verb's event (orders); never with pieces counted ("购买超过3件",
            # "购买件数超过3件"): those are units bought, not how often the event happened
            noun = _zh_verb_event(p, before)
    return (subject, noun) if noun is not None and not noun.used else None


def _zh_verb_event(p: ParseState, verb: Item) -> Item | None:
    """The one count metric whose noun's event a dictionary renders with the Chinese verb
    ("下单" for order: Orders), as an item; None when none or several do."""
    text = verb.text.strip()
    if len(text) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in text):
        return None
    names = set()
    for m in p.catalog.metrics:
        if m.metric_type != "simple" or m.filtered:
            continue
        if not (m.counts or m.agg in ("count", "count_distinct") or m.measure_expr.strip() == "1"):
            continue
        for w in {singular(w) for w in name_words(m.label or m.name)}:
            for lemma in morphology.source_verbs(w):
                zh = morphology.chinese_verbs(lemma) + morphology.glossary_verbs(lemma)
                if text in zh:
                    names.add(m.name)
    if len(names) != 1:
        return None
    return Item("domain", text, verb.start, verb.end, senses=[Sense("metric", names.pop())])


def _times_event(p: ParseState, it: Item, num: Item) -> tuple[Item, Item, Item] | None:
    """``(verb, times, event)`` of "customers who *ordered* more than 3 *times*": the number
    counts the verb's event, the one count metric of the noun the verb is a form of (order ->
    Orders). None when the words differ, or when the verb names no such count or several."""
    pos = next((k for k, x in enumerate(p.all) if x is num), -1)
    times = p.all[pos + 1] if 0 <= pos < len(p.all) - 1 else None
    if times is None or times.role != "counter_times" or times.used:
        return None
    k = next((k for k, x in enumerate(p.all) if x is it), -1)
    verb = p.all[k - 1] if k > 0 else None
    if verb is None or verb.used or verb.kind not in ("unknown", "stop"):
        return None
    counts: dict[str, Item] = {}
    for lemma in morphology.verb_lemmas(verb.text.strip().lower()):
        senses = list(p.lex.terms.get(key_of(lemma)) or [])
        event = Item("domain", lemma, verb.start, verb.end, senses=senses)
        metric = p.count_metric(event) if senses else None
        if metric is not None:
            counts[metric] = event
    if not counts:  # "booked more than twice": no term "book", the count of "bookings"
        for lemma in morphology.verb_lemmas(verb.text.strip().lower()):
            for name in event_counts(p, lemma):
                counts[name] = Item(
                    "domain", lemma, verb.start, verb.end, senses=[Sense("metric", name)]
                )
    if len(counts) != 1:
        return None
    return verb, times, next(iter(counts.values()))


def event_counts(p: ParseState, lemma: str) -> list[str]:
    """The count metrics named by a noun of ``lemma``'s event: the verb itself as a noun
    ("visits"), its gerund ("bookings": book), a noun derived from it ("shipments": ship) or
    glossed with it ("flights": fly) — ``morphology.source_verbs``."""
    out = []
    for m in p.catalog.metrics:
        if m.metric_type != "simple" or m.filtered:
            continue
        if not (m.counts or m.agg in ("count", "count_distinct") or m.measure_expr.strip() == "1"):
            continue
        words = {singular(w) for w in name_words(m.label or m.name)}
        if any(w == lemma or lemma in morphology.source_verbs(w) for w in words):
            out.append(m.name)
    return out


def read_entity_condition(
    p: ParseState, it: Item, num: Item, noun: Item | None, op: ThresholdOp
) -> bool:
    """Read "<entities> with/who … <cmp> N <noun>" (or "<noun>超过N的<entities>") as a condition
    on ``noun``'s metric per entity; False when the words do not have that shape (the caller
    reads them as before). ``noun`` is what the number counts when written after it; "<verb>
    more than N times" counts the verb's event."""
    event = _times_event(p, it, num) if noun is None else None
    if event is None:
        return _read_condition(p, it, num, noun, op, None)
    verb, times, counted = event
    if not _read_condition(p, it, num, counted, op, entity_subject(p, verb)):
        return False
    verb.used = times.used = True
    label = metric_label(p.catalog, p.count_metric(counted) or "", "en")
    p.result.bridged.append(f"{verb.text} → {label}")
    return True


def _read_condition(
    p: ParseState,
    it: Item,
    num: Item,
    noun: Item | None,
    op: ThresholdOp,
    given: Item | None,
) -> bool:
    """:func:`read_entity_condition` with the things (``given``) found already, if any."""
    subject = given or (entity_subject(p, it) if noun is not None else None)
    if subject is None or subject is noun:
        zh = _zh_shape(p, it, num)
        if zh is None:
            return False
        subject, noun = zh
    if noun is None:
        return False
    entity = entity_of(p, subject)
    counted = p.subject_metric(noun)
    if entity is None or counted is None or num.pct or num.number is None:
        return False
    if counted == p.subject_metric(subject):
        return False  # "orders with more than 3 orders" says one thing twice
    if entity_of(p, noun) == entity or not p.metric_allows(counted, entity):
        return False
    _refuse_keyless(p, subject, entity, counted)
    if not (_NAME.match(entity) and _NAME.match(counted)):
        return False
    m = p.catalog.metric(counted)
    if m is not None and any(actor == entity for actor, _ in m.hop_actors):
        return False  # the entity is reached in several roles: the caller refuses
    value = float(num.number)
    k = next((k for k, x in enumerate(p.its) if x is subject), -1)
    counts = p.role_at(k - 1, "howmany") or p.role_at(k + 1, "howmany")
    named_count = subject.is_kind("metric") and not subject.is_kind("entity")
    # "how many customers placed more than 3 orders" with no metric counting customers: the
    # number of rows of the listing below (nl2sql.derived kind ``rows``)
    rows = (
        counts
        and not named_count
        and p.derived is None
        and p.subject_metric(subject) is None
        and not _other_metric(p, subject, noun)
    )
    if rows and not safe_condition(op, value):
        _refuse_unsafe(p, it, num, noun, entity, counted)
    if rows or (not counts and not named_count and not _other_metric(p, subject, noun)):
        # "customers with more than 3 orders": each such customer with its number, the plain
        # condition on the grouped metric (a listing shows only the things that have rows)
        it.used = num.used = noun.used = subject.used = True
        p.threshold_items.extend((it, num, noun))
        p.add_group(entity)
        p.add_metric(counted)
        p.having.append(MetricThreshold(metric=counted, op=op, value=value))
        if rows:
            count_rows(p, subject, entity)
        return True
    if not safe_condition(op, value):
        _refuse_unsafe(p, it, num, noun, entity, counted)
    it.used = num.used = noun.used = True
    p.threshold_items.extend((it, num, noun))
    # "how many customers …", "number of customers with …", 客户数: the count of the subject
    # reads it later; "GMV of customers with …": the condition restricts that metric
    subject.used = subject.used or (not counts and _other_metric(p, subject, noun))
    p.entity_conditions.append(EntityCondition(entity, counted, op, value))
    # the rows without the entity (flights with no plane) are no such thing, though as one
    # NULL key group they may meet the condition: kept out, and the line says so
    if not any(f.dimension == entity and f.op == "is not null" for f in p.filters):
        p.filters.append(DimensionFilter(dimension=entity, op="is not null"))
    return True


def _refuse_keyless(p: ParseState, subject: Item, entity: str, counted: str) -> None:
    """Refuse a condition per an entity the model gives no key column.

    A semantic model may name its rows with ``primary_entity: rental`` and no entity of that
    name: its dimensions are ``rental__…``, but there is no column to group rentals by, so
    MetricFlow has no ``Metric('rental_value', group_by=['rental'])`` and neither has the
    semantic layer ("cannot build a query: unknown dimension `rental`"). A condition on each
    row's own column (a measure's expression) is no dimension filter either: refused, offering
    the metrics asked about, each without the condition.
    """
    m = p.catalog.metric(counted)
    if m is None or not m.dimensions or entity in m.dimensions:
        return
    if any(e.name == entity for e in p.catalog.entities):
        return  # an entity with a key (a catalog that lists only its dimensions)
    en_e, zh_e = item_label(p.catalog, entity, "en"), item_label(p.catalog, entity, "zh")
    en_m, zh_m = metric_label(p.catalog, counted, "en"), metric_label(p.catalog, counted, "zh")
    asked = [s for s in (p.subject_metric(subject), counted) if s]
    raise Refusal(
        f"the model has no key for each {en_e} (it names its rows only), so {en_m} cannot be "
        f"computed per {en_e} and compared; ask for {en_m} without the condition or by one of its "
        "dimensions",
        zh=f"模型没有标识每个{zh_e}的键（只给出了行的名称），无法按每个{zh_e}计算{zh_m}并比较；"
        f"可以改问不带条件的{zh_m}，或按它的某个维度统计",
        senses=[Sense("metric", name) for name in dict.fromkeys(asked)],
        kind="metrics",
    )


#: the comparison that holds for the things a refused condition leaves over, per language:
#: "fewer than 2" is every thing minus those with "at least 2"
_COMPLEMENT = {"<": ("at least", "不少于"), "<=": ("more than", "超过")}


def _refuse_unsafe(
    p: ParseState, it: Item, num: Item, noun: Item, entity: str, counted: str
) -> None:
    """Refuse a condition an entity without any rows meets ("fewer than 3 orders"), offering
    the questions that are answered and make it up: the things meeting the complement ("at
    least 3 orders") and those with none ("customers with no orders"), then the counted metric
    on its own (kind ``questions``, each verified by the engine).

    Why not the question with the noun dropped: that kept the comparison and moved it onto
    another metric ("订单少于2个的客户数" offered "少于2个的客户数的Customers", which compared
    each customer's own customer count with 2 and listed every customer — an answer to another
    question). "Orders by customer" is not named either: a model that counts customers as a
    metric reads "by customer" as that metric, not a breakdown (the reason used to say it)."""
    en_e, zh_e = item_label(p.catalog, entity, "en"), item_label(p.catalog, entity, "zh")
    en_m, zh_m = metric_label(p.catalog, counted, "en"), metric_label(p.catalog, counted, "zh")
    op = it.role.split(":")[1] if ":" in it.role else ""
    en_c, zh_c = _COMPLEMENT.get(op, ("", ""))
    zh = p.result.lang == "zh"
    q = normalize(p.result.question).strip()
    asks = []
    if en_c and it.text in q:
        asks.append(q.replace(it.text, zh_c if zh else en_c, 1))
    if not zh and f"{it.text} {num.text}" in q:
        asks.append(q.replace(f"{it.text} {num.text}", "no", 1))
    elif zh:
        asks.append(f"没有{noun.text}的{zh_e}有多少")
    asks.append(ask_metric(zh_m, "zh") if zh else en_m)
    rest_en = (
        f"; it is every {en_e} minus those with {en_c} {num.text}: ask for those, or how many "
        f"have no {noun.text}"
        if en_c
        else f"; ask for {en_e} with no {noun.text}, or for {en_m}"
    )
    rest_zh = (
        f"；它等于全部{zh_e}减去{noun.text}{zh_c}{num.text}的{zh_e}：可以改问后者，或没有{noun.text}的{zh_e}"
        if zh_c
        else f"；可以改问没有{noun.text}的{zh_e}，或{zh_m}"
    )
    raise Refusal(
        f"'{it.text} {num.text} {noun.text}' would leave out every {en_e} with no "
        f"{noun.text} at all (they have no rows to count){rest_en}",
        zh=f"“{it.text}{num.text}{noun.text}”会漏掉完全没有{noun.text}的{zh_e}（没有可计数的行）{rest_zh}",
        words=asks,
        kind="questions",
    )


def _other_metric(p: ParseState, subject: Item, noun: Item) -> bool:
    """Whether another unread metric word is in the question."""
    return any(
        x.kind == "domain"
        and not x.used
        and x is not subject
        and x is not noun
        and not x.is_kind("value")
        and (x.is_kind("metric") or p.count_metric(x) is not None)
        for x in p.its
    )


def check_entity_conditions(p: ParseState) -> list[str]:
    """The ``where`` filters of the conditions, after checking every metric of the answer can
    be computed for those entities (refused otherwise)."""
    for c in p.entity_conditions:
        _check_time_axis(p, c)
        for metric in p.metrics:
            if not p.metric_allows(metric, c.entity):
                en_m = metric_label(p.catalog, metric, "en")
                zh_m = metric_label(p.catalog, metric, "zh")
                en_e = item_label(p.catalog, c.entity, "en")
                zh_e = item_label(p.catalog, c.entity, "zh")
                raise Refusal(
                    f"{en_m} cannot be related to each {en_e}, so the condition on "
                    f"{metric_label(p.catalog, c.metric, 'en')} cannot restrict it",
                    zh=f"{zh_m}无法关联到每个{zh_e}，所以不能用"
                    f"{metric_label(p.catalog, c.metric, 'zh')}的条件来限定它",
                )
    own = [c.template() for c in p.entity_conditions]
    return [*p.inherited_where, *(w for w in own if w not in p.inherited_where)]


def _check_time_axis(p: ParseState, c: EntityCondition) -> None:
    """A date filters every metric on its own time axis, the condition's metric included: an
    answer counted by another date ("customers" by sign-up date while the orders are dated by
    order date) would count the entities that signed up then — refused."""
    has_time = p.result.time is not None and p.result.time.range is not None
    if not has_time and p.inherited_time is None:
        return
    cond = p.catalog.metric(c.metric)
    for metric in p.metrics:
        m = p.catalog.metric(metric)
        if m is None or cond is None or m.agg_time_dimension == cond.agg_time_dimension:
            continue
        date = item_label(p.catalog, m.agg_time_dimension or "", "en")
        date_zh = item_label(p.catalog, m.agg_time_dimension or "", "zh")
        raise Refusal(
            f"the date would filter {metric_label(p.catalog, metric, 'en')} by {date}, not "
            f"the {metric_label(p.catalog, c.metric, 'en')} of the condition; ask without the "
            "date, or for a metric dated like them",
            zh=f"时间会按{date_zh}筛选{metric_label(p.catalog, metric, 'zh')}，而不是条件里的"
            f"{metric_label(p.catalog, c.metric, 'zh')}；请去掉时间，或改问按同一时间统计的指标",
        )
