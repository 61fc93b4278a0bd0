"""Passes: refuse a question with a word the engine cannot place; read and settle its verbs.

Why first: answering while skipping an unknown word ("颜色") risks answering a different
question; the closest model terms are offered instead.

Why verbs are settled last: a verb ("flown", "departed", 出发, "signed up") is no model term,
but its lemma may name the event of one (``nl2sql.vocabulary.morphology``). Whether it may be
absorbed depends on the reading the other passes built: a verb restating the question's own
metric, its entity, its own time or a dimension the question filters or groups by adds
nothing ("rides ridden", "crossings departed from SKR", "parcels sent to Norway" over a
destination country); a verb naming anything else would change the question ("orders refunded"
where refunds are a separate measure), and answering without it is a wrong answer — it is
refused. Support verbs ("placed", "given", 贡献) carry no event of their own and are absorbed.
Every absorbed verb is shown in the interpretation ("ridden → Total Mileage").
"""

from __future__ import annotations

import re

from nl2sql.lexicon import Sense, clarification, key_of
from nl2sql.rules.agent_nouns import read_agent_nouns
from nl2sql.rules.amount_after_money import absorb_amount_after_money
from nl2sql.rules.clause_verbs import read_clause_verbs
from nl2sql.rules.complement_de import read_complement_de
from nl2sql.rules.day_heads import absorb_day_heads, absorb_english_day_heads
from nl2sql.rules.day_mark_letters import settle_day_mark_letter
from nl2sql.rules.description_qualifiers import absorb_description_qualifiers
from nl2sql.rules.entity_attributes import settle_entity_attributes
from nl2sql.rules.general_phrases import read_general_phrases
from nl2sql.rules.grade_compounds import refuse_unknown_band
from nl2sql.rules.had_event_nouns import after_have, nominal_past_key
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.modifier_subset import settle_modifier_subsets
from nl2sql.rules.other_event_verbs import keep_event_rows
from nl2sql.rules.partial_before_metric import settle_partial_before_metric
from nl2sql.rules.partial_roles import settle_partial_roles
from nl2sql.rules.passes.average_per import PER_HEAD, read_per_head
from nl2sql.rules.passes.compose import read_compounds
from nl2sql.rules.passes.dropped_heads import refuse_dropped_heads
from nl2sql.rules.passes.dropped_qualities import refuse_dropped_qualities
from nl2sql.rules.passes.grain_twins import read_grain_twins
from nl2sql.rules.passes.grouping import ANY_PERSON
from nl2sql.rules.passes.hour_dimension import read_time_slots
from nl2sql.rules.passes.identifiers import settle_id_letters
from nl2sql.rules.people_words import read_people_words
from nl2sql.rules.piece_counts import absorb_piece_verbs
from nl2sql.rules.record_counts import read_record_counts
from nl2sql.rules.restated_label_word import absorb_restated_label_word
from nl2sql.rules.scattered_labels import (
    settle_amount_of_value_word,
    settle_scattered_labels,
    settle_told_apart,
)
from nl2sql.rules.source_phrase import read_source_phrases
from nl2sql.rules.state import ParseState
from nl2sql.rules.unknown_runs import join_unknown_runs
from nl2sql.rules.weak_pairs import settle_weak_pairs
from nl2sql.rules.window_phrases import read_window_phrases, refuse_unstated_window
from nl2sql.vocabulary import morphology
from nl2sql.vocabulary.class_heads import is_class_word
from semantic_layer.catalog import CatalogMetric

#: at most this many model terms are named when a verb is refused
MAX_NAMED = 3


def _has_date(p: ParseState) -> bool:
    """A time expression or a grain word ("in March", "by month", "每月") is in the question."""
    return any(
        it.kind == "time" or (it.kind == "role" and it.role.startswith(("grain:", "grainadj:")))
        for it in p.all
    )


def _time_senses(p: ParseState, senses: list[Sense]) -> list[Sense]:
    out = []
    for s in senses:
        d = p.catalog.dimension(s.name) if s.kind == "dimension" else None
        if d is not None and d.dim_type == "time":
            out.append(Sense("dimension", d.name))
    return out


def _verb_item(p: ParseState, i: int, dated: bool) -> tuple[Item, int] | None:
    """The verb starting at ``p.all[i]`` (an unknown word, with its particle: "signed up") and
    how many items it spans, or None.

    Beside a date (``dated``) a past form that reaches a time dimension is that time axis
    ("members registered in May" over a ``registration_date``); the axis pass then checks it.
    """
    it = p.all[i]
    nxt = p.all[i + 1] if i + 1 < len(p.all) else None
    candidates = []
    if nxt is not None and nxt.kind in ("stop", "unknown") and nxt.text.isascii():
        candidates.append((nxt, 2))
    candidates.append((it, 1))
    for last, span in candidates:
        text = f"{it.text} {last.text}" if span == 2 else it.text
        key = key_of(text)
        if not p.lex.verbs.get(key) and span == 1 and _after_do(p, i):
            key = _past_key(p, text) or key
        if not p.lex.verbs.get(key) and span == 1 and after_have(p, i):
            key = nominal_past_key(p, text) or key
        senses = p.lex.verbs.get(key)
        if not senses:
            continue
        axes = _time_senses(p, senses) if dated and key in p.lex.dated_verbs else []
        if axes:
            return Item("role", text, it.start, last.end, senses=axes, role="axis"), span
        if all(s.kind == "value" for s in senses):
            # the verb of a status or a yes/no flag ("refunded", "cancelled") is its filter
            return Item("domain", text, it.start, last.end, senses=list(senses)), span
        verb = Item("stop", text, it.start, last.end, senses=list(senses), role="verb")
        return verb, span
    return None


#: the auxiliary "do": the plain form after it is a verb ("did we *make*", "did JetBlue *fly*")
_DO = frozenset({"do", "does", "did", "don't", "doesn't", "didn't"})


def _after_do(p: ParseState, i: int) -> bool:
    """Whether the auxiliary "do" stands before item ``i`` (with its subject between)."""
    return any(x.text.strip().lower() in _DO for x in p.all[max(0, i - 5) : i])


def _past_key(p: ParseState, word: str) -> tuple[str, ...] | None:
    """The lexicon key of the past form of the plain verb ``word``, when it has verb senses.

    Why: the vocabulary leaves out a verb form that is also a noun ("make", "sell", "fly"),
    which a question uses far more often as the noun; after "did" it can only be the verb,
    the same one as its past form ("made", "sold", "flew"), whose senses it takes.
    """
    w = word.strip().lower()
    if w not in morphology.verb_lemmas(w):
        return None  # not a plain form: "flown" is looked up as itself
    forms = morphology.all_inflections(w, "VERB")
    for past in (*forms.get("VBD", ()), *forms.get("VBN", ())):
        if p.lex.verbs.get(key_of(past)):
            return key_of(past)
    return None


#: the verb that, in a share question and before "from", says only where a part is taken from
_SHARE_FROM_VERB = "come"


def _share_from(p: ParseState, i: int) -> bool:
    """Whether unknown word ``i`` is "come" right before "from" in a question asking for a share
    ("what share of revenue *comes from* repeat customers"): there it says "is from".

    Why only there: as a support verb everywhere, "come" turned a right answer wrong ("came
    back" is an event, "sales that came from …" more than a filter); a share question already
    says the part is a subset of the whole, and "from" names that subset.
    """
    it, nxt = p.all[i], p.all[i + 1] if i + 1 < len(p.all) else None
    if nxt is None or nxt.text.strip().lower() != "from":
        return False
    if _SHARE_FROM_VERB not in morphology.verb_lemmas(it.text.lower()):
        return False
    return any(x.kind == "role" and x.role == "share" for x in p.all)


def read_verbs(p: ParseState) -> None:
    """Turn unknown words that are verb forms of the model's events into verb items.

    A verb item is a stop word to every other pass (it claims nothing) until
    :func:`settle_verbs` decides; a verb that only reaches values becomes that value, and a
    dated one reaching a time dimension becomes a time axis (``passes.time_axis``).
    """
    dated = _has_date(p)
    i = 0
    while i < len(p.all):
        if p.all[i].kind == "unknown" and _share_from(p, i):
            p.all[i] = Item("stop", p.all[i].text, p.all[i].start, p.all[i].end)
        elif p.all[i].kind == "unknown":
            got = _verb_item(p, i, dated)
            if got is not None:
                p.all[i : i + got[1]] = [got[0]]
        i += 1
    for k, it in enumerate(p.all[:-1]):
        if it.kind == "unknown" and _new_before_joining(it, p.all[k + 1]):
            p.all[k] = Item("stop", it.text, it.start, it.end)
    p.its = [it for it in p.all if it.kind != "stop"]


#: "new" before a verb of joining ("新注册的用户", "newly signed up"): joining is being new
_NEW = frozenset({"新", "new", "newly"})


def _new_before_joining(it: Item, nxt: Item) -> bool:
    """Whether ``it`` is "new" right before a verb of joining, which it only restates."""
    return it.text.strip().lower() in _NEW and morphology.is_joining_form(nxt.text)


#: "new" as a word of its own before a counted thing ("new members this year", "今年新增了
#:多少会员"): general language
_NEW_THINGS = frozenset({"new", "newly", "新", "新增"})


def _new_before_counted(p: ParseState, k: int) -> list[CatalogMetric]:
    """Whether item ``k`` is "new" before a thing the model counts on its own time.

    Why: counting a thing's rows by the time of its own model (members by ``joined_on``, book
    loans by ``lent_on``) over a period *is* counting the ones that are new in it: "new
    members per year" restates the count. Only such a count qualifies — a simple, unfiltered
    metric counting the primary entity of the model whose time it is read on (distinct
    customers of an orders model are the active ones, not the new ones), never a snapshot or
    running total — and only when the question dates it (the caller checks): "how many new
    customers" with no period stays unknown. Only stop words and "how many" may stand between.
    """
    if p.all[k].text.strip().lower() not in _NEW_THINGS:
        return []
    for nxt in p.all[k + 1 :]:
        if nxt.kind == "stop" or (nxt.kind == "role" and nxt.role == "howmany"):
            continue
        return _own_time_counts(p, nxt) if nxt.kind == "domain" else []
    return []


def _own_time_counts(p: ParseState, thing: Item) -> list[CatalogMetric]:
    """The counts on their own date that ``thing`` names or whose entity it names."""
    out = []
    for s in thing.senses or ():
        if s.kind == "entity":
            out += [m for m in p.catalog.metrics if m.counts == s.name and _is_own_time_count(m)]
        elif s.kind == "metric":
            m = p.catalog.metric(s.name)
            if m is not None and _is_own_time_count(m):
                out.append(m)
    return list({m.name: m for m in out}.values())


#: verbs of bringing a thing into being, general language ("book loans issued in 2026",
#: "上个月发放了多少张优惠券", "members added last month"); "open" is not one ("open loans"
#: are the ones not yet repaid)
CREATION_VERBS = frozenset({"originate", "issue", "create", "add"})
CREATION_VERBS_ZH = frozenset({"新增", "发放", "新建", "创建", "新开"})


def _creating_the_counted(p: ParseState, k: int) -> list[CatalogMetric]:
    """Whether item ``k`` is a verb of creation in a dated question naming exactly one thing,
    which the model counts on its own date: creating it in a period is being new in it
    (see :func:`_new_before_counted`). Anywhere in the question, since a verb may follow its
    noun ("how many loans were issued in 2026")."""
    word = p.all[k].text.strip().lower()
    if word.isascii() and morphology.noun_lemmas(word):
        return []  # "tickets with issues": a noun, not the verb of creating them
    lemmas = set(morphology.verb_lemmas(word)) if word.isascii() else {word}
    if not lemmas & (CREATION_VERBS | CREATION_VERBS_ZH):
        return []
    things = [
        it
        for it in p.all
        if it.kind == "domain" and any(s.kind in ("entity", "metric") for s in it.senses or ())
    ]
    if len(things) != 1:  # "members who visited created in 2026": which one was created?
        return []
    return _own_time_counts(p, things[0]) or _dated_by_the_event(p, things[0], lemmas)


#: a verb stem shorter than this matches too many words by its start ("add" -> "address")
_MIN_STEM = 4


def _dated_by_the_event(p: ParseState, thing: Item, lemmas: set[str]) -> list[CatalogMetric]:
    """The plain sums and counts ``thing`` names whose own time dimension says, in its name,
    label or description, the creating event the verb names ("Origination cohort month of the
    assets" for "originated").

    Why: a pre-aggregated model counts its things in a column (``SUM(n_assets)`` by
    ``cohort_month``), so the count is no count of its primary rows and
    :func:`_is_own_time_count` cannot tell that its date is the things' birth; "How many assets
    were originated in March 2025?" was refused for the unknown verb. The model's own words
    for that date say it: only a date described by the very event the verb names qualifies
    ("issued" over an origination date, "settled" over any date stays unknown).
    """
    stems = {w[:-1] if w.endswith("e") else w for w in lemmas if w.isascii()}
    stems = {w for w in stems if len(w) >= _MIN_STEM}
    if not stems:
        return []
    out = []
    for s in thing.senses or ():
        m = p.catalog.metric(s.name) if s.kind == "metric" else None
        if m is None or m.metric_type != "simple" or m.filtered or not m.agg_time_dimension:
            continue
        if m.latest or m.windowed or m.running or m.agg.lower() not in _PLAIN_AGGS:
            continue
        d = p.catalog.dimension(m.agg_time_dimension)
        if d is None or set(key_of(d.name.split("__")[-1])) & _NOT_BIRTH_TIMES:
            continue
        said = re.findall(r"[a-z]+", f"{d.name} {d.label} {d.description}".lower())
        if any(w.startswith(stem) for w in said for stem in stems):
            out.append(m)
    return out


#: aggregations that add things up (a sum of a count column, a count of rows)
_PLAIN_AGGS = frozenset({"sum", "count", "count_distinct"})


#: words of a time dimension that dates a thing by something other than its coming into being
#: (a members model dated by ``last_visit_on`` counts the recently active, not the new)
_NOT_BIRTH_TIMES = frozenset(
    """last latest recent updated modified end ended closed close churn churned cancel
    cancelled canceled expired expiry expiration due snapshot as of""".split()  # noqa: SIM905
)


def _is_own_time_count(m: CatalogMetric) -> bool:
    """Whether ``m`` plainly counts its own model's primary rows on that model's own time,
    a time that does not name a later event of the thing (``_NOT_BIRTH_TIMES``)."""
    if not m.counts or not m.agg_time_dimension:
        return False
    entity, _, time_name = m.agg_time_dimension.partition("__")
    return (
        m.metric_type == "simple"
        and not m.filtered
        and not (m.latest or m.windowed or m.running)
        and entity == m.counts
        and not set(key_of(time_name)) & _NOT_BIRTH_TIMES
    )


def absorb_creation_words(p: ParseState) -> None:
    """Turn "new" / a verb of creation into a stop word where it restates a dated count of
    the thing it qualifies (:func:`_new_before_counted`, :func:`_creating_the_counted`).

    After the compounds are read: "新建建筑" is a value of its own (new_building), not 新建
    before 建筑.
    """
    if not _has_date(p):
        return
    for k, it in enumerate(p.all):
        if it.kind != "unknown":
            continue
        counts = _new_before_counted(p, k) or _creating_the_counted(p, k)
        if counts:
            # a verb item: settle_verbs absorbs it only when one of these counts is the
            # reading ("今年新增贷款余额" read as a balance is refused, not answered)
            senses = [Sense("metric", m.name, via=m.label or m.name) for m in counts]
            p.all[k] = Item("stop", it.text, it.start, it.end, senses=senses, role="verb")
    p.its = [it for it in p.all if it.kind != "stop"]


#: Chinese words glued after a dimension's word that name its groups, not another thing:
#: 年龄段 (age bracket), 年龄组, 收入层, 价格档 — the dimension's values are those groups
BRACKET_SUFFIXES = frozenset({"段", "组", "层", "档"})


def absorb_bracket_suffixes(p: ParseState) -> None:
    """Turn a bracket suffix glued to a categorical dimension's word into a stop word.

    Why: "每个年龄段的用户数" on a model whose ``age`` dimension holds brackets ("18-24",
    "25-34") was refused for the unknown 段 (zhsense15 held-back set). Glued right after a word
    whose every reading is a categorical dimension, the suffix says "the groups of" that
    dimension, which are its values. After anything else (a metric, an entity, a space, a
    time dimension) it stays unknown: "一段时间", "第二组".
    """
    for k, it in enumerate(p.all):
        if it.kind != "unknown" or it.text not in BRACKET_SUFFIXES or k == 0:
            continue
        before = p.all[k - 1]
        if before.kind != "domain" or before.end != it.start or not before.senses:
            continue
        dims = [p.catalog.dimension(s.name) for s in before.senses if s.kind == "dimension"]
        if len(dims) != len(before.senses) or any(
            d is None or d.dim_type != "categorical" for d in dims
        ):
            continue
        p.all[k] = Item("stop", it.text, it.start, it.end)
    p.its = [it for it in p.all if it.kind != "stop"]


def absorb_class_words_after_values(p: ParseState) -> None:
    """Turn an unknown class word ("level", 等级, 类型) right after a value into a stop word.

    Why: "gold等级申请的数量" (the gold-level applications' count) was refused for the
    unknown 等级 although "gold" is a value the model holds; right after a value, a word that
    only says something classifies (:func:`nl2sql.vocabulary.class_heads.is_class_word`)
    says the value is a level / type of something, as ``passes.values`` already reads such a
    word when the model has it as a term. Anywhere else it stays unknown ("等级分布").
    """
    for k, it in enumerate(p.all):
        if it.kind != "unknown" or k == 0 or not is_class_word(it.text):
            continue
        before = next((x for x in reversed(p.all[:k]) if x.text.strip()), None)
        if before is None or before.kind != "domain" or not before.is_kind("value"):
            continue
        p.all[k] = Item("stop", it.text, it.start, it.end)
        p.result.notes.append(
            f"'{before.text}{it.text}': '{it.text}' says what kind of thing it is"
        )
    p.its = [it for it in p.all if it.kind != "stop"]


def superlative_of(word: str) -> str:
    """The adjective an English superlative ranks by ("coldest" -> "cold"), else "".

    Why: a superlative of a quality the model does not name ("coldest", "busiest") is no typo
    of a model word and no metric; the refusal says to name the metric and highest / lowest.

    >>> superlative_of("coldest"), superlative_of("busiest"), superlative_of("forest")
    ('cold', 'busy', '')
    """
    if not word.isascii() or not word.lower().endswith("est"):
        return ""
    lemmas = morphology.adjective_lemmas(word.lower())
    return lemmas[0] if lemmas and lemmas[0] != word.lower() else ""


def _is_metric(it: Item) -> bool:
    return any(s.kind == "metric" for s in it.senses)


def refuse_unknown_words(p: ParseState) -> None:
    """Raise :class:`Refusal` listing every unknown word with the closest model terms."""
    read_record_counts(p)  # 多少条门诊记录: the outpatient row count, not a verb
    settle_entity_attributes(p)  # APC代码: the APC's code column
    read_window_phrases(p)  # "rolling 12-month unemployment": the metric stating that window
    read_agent_nouns(p)  # "top 5 scorers": the players, by the metric of scoring
    read_general_phrases(p)  # "on time share", "compliant findings", "product category" …
    read_verbs(p)
    read_clause_verbs(p)  # 下过单的客户: the clause's verb, settled like an English one
    read_source_phrases(p)
    read_people_words(p)
    read_per_head(p)  # 人均<amount>: the model's ratio of it to its people
    read_complement_de(p)
    read_compounds(p)
    refuse_dropped_qualities(p)
    refuse_dropped_heads(p)
    absorb_creation_words(p)
    absorb_bracket_suffixes(p)
    absorb_class_words_after_values(p)
    absorb_description_qualifiers(p)
    settle_partial_roles(p)
    settle_scattered_labels(p)
    settle_told_apart(p)
    settle_weak_pairs(p)  # "inventory value … on hand": the one both name
    absorb_restated_label_word(p)  # "HICP inflation": the one inflation HICP names
    settle_modifier_subsets(p)  # 住院平均总支付: the inpatient ones
    read_grain_twins(p)  # 各州的出院人次: the discharges kept per hospital, not per year
    settle_partial_before_metric(p)  # 休息室的升级率: the lounge one
    settle_day_mark_letter(p)  # D3回访率: the D of D3
    settle_amount_of_value_word(p)
    absorb_amount_after_money(p)  # 分配金额: the money metric said with 金额
    absorb_day_heads(p)  # 不在周末的日子: the days the calendar word names
    absorb_english_day_heads(p)  # "on weekend days": the same, in English
    settle_id_letters(p)  # 客户C003: the C of the client's id
    read_time_slots(p)  # 各时段: the hour of the day (passes.hour_dimension)
    absorb_piece_verbs(p)  # 卖掉了多少件: the piece count's verb (rules.piece_counts)
    refuse_unknown_band(p)  # 中低风险: a band of two grades, not the closest values
    unknown = [it for it in p.its if it.kind == "unknown"]
    if unknown:
        # the word the characters belong to ("复购率", "天猫"), not the characters one by one
        unknown = [it for it in join_unknown_runs(p.all) if it.kind == "unknown"]
        # each word once, in the order first said: a repeated unknown word is one thing to fix
        words = list(dict.fromkeys(it.text for it in unknown))
        refuse_unstated_window(p, words)  # "rolling 4-week": which windows the model has
        asked = clarification(words, p.lex)
        if asked is not None:  # every unknown word has weak readings: ask which one
            reason, zh, senses = asked
            raise Refusal(reason, zh=zh, words=words[:1], senses=senses)
        quoted = ", ".join(f"'{w}'" for w in words)
        ranked = [w for w in words if superlative_of(w)]
        if ranked and not any(it.kind == "domain" and it.senses for it in p.its if _is_metric(it)):
            w = ranked[0]
            raise Refusal(
                f"I don't know {quoted} in this semantic model: '{w}' ranks by how "
                f"'{superlative_of(w)}' something is, which no metric of the model names; ask "
                "for the highest or lowest of a metric (e.g. 'the … with the lowest <metric>')",
                zh=f"语义模型中没有 “{w}”：它按“{superlative_of(w)}”排序，但模型没有这样的指标；"
                "请说出指标并用“最高”或“最低”",
                words=words,
            )
        per_head = [w for w in words if w in PER_HEAD]
        if per_head:
            w = per_head[0]
            # read_per_head found no one ratio of the amount to a count of people: say so,
            # rather than only that the word is unknown (人均 is plain Chinese for "per person")
            raise Refusal(
                f"I don't know {quoted} in this semantic model: '{w}' asks for a value per "
                "person, and the model has no one metric dividing it by a count of people "
                "(like 'revenue per customer'); ask for the total, or add such a ratio metric "
                "to the model",
                zh=f"语义模型中没有 {'、'.join(f'“{x}”' for x in words)}：“{w}”要求按人平均，"
                "但模型中没有唯一一个把它除以人数的比率指标（如“每位客户的收入”）；"
                "可以改问总量，或在模型中定义这样的比率指标",
                words=words,
            )
        per_person = [
            f"per {x.text}"
            for i, x in enumerate(p.its)
            if x.kind == "unknown"
            and x.text.strip().lower() in ANY_PERSON
            and (y := p.at(i - 1)) is not None
            and y.text.strip().lower() == "per"
        ]
        if per_person:
            # "takings per person": an amount per person, which no ratio of the model gives
            raise Refusal(
                f"'{per_person[0]}' asks for an amount per person (an average over people), and "
                "the model has no per-person metric for this question; ask for the amount and "
                "a count of people side by side, or for the amount by person",
                zh=f"“{per_person[0]}”是按人平均的数，模型没有对应的人均指标；"
                "可以同时查询该数值和人数，或按人分别查看",
                words=words,
            )
        # nothing of the model named at all: a greeting or another topic
        offtopic = not any(it.kind in ("domain", "time", "num") for it in p.its)
        raise Refusal(
            f"I don't know {quoted} in this semantic model",
            zh=f"语义模型中没有 {'、'.join(f'“{w}”' for w in words)}",
            words=words,
            kind="offtopic" if offtopic else "",
        )


def _reading(p: ParseState) -> set[tuple[str, str]]:
    """The (kind, name) pairs the question's reading consists of: its metrics, their entities
    and own time dimensions, and every dimension (and its entity) it filters or groups by."""
    out: set[tuple[str, str]] = set()
    for name in p.metrics:
        out.add(("metric", name))
        m = p.catalog.metric(name)
        if m is not None and m.agg_time_dimension:
            out.add(("dimension", m.agg_time_dimension))
            out.add(("entity", m.rows_entity))
    used = [*p.group_by, *(f.dimension for f in p.filters)]
    for f in p.filters:
        if f.op in ("=", "in") and f.values:
            # "parcels sent to Norway" filters the parcel's destination country: a verb
            # reaching the parcel's destination country names the same column's meaning
            out.add(("filtered", f.dimension.split("__")[-1]))
    for dim in used:
        parts = dim.split("__")
        for k in range(1, len(parts) + 1):  # "origin_dock__code__month" and its stems
            out.add(("dimension", "__".join(parts[:k])))
        out.update(("entity", e) for e in parts[:-1])
    return out


def _restates(sense: Sense, reading: set[tuple[str, str]], p: ParseState) -> bool:
    if sense.kind == "light":
        return True
    if (
        sense.kind == "dimension"
        and ("filtered", sense.name.split("__")[-1]) in reading
        and not any(p.metric_allows(m, sense.name) for m in p.metrics)
    ):
        # a dimension of the same name the values filter, through another entity that the
        # metrics cannot reach: no other reading of the verb is open to the question (one the
        # metrics could reach would be a second, different condition: refused)
        return True
    return (sense.kind, sense.name) in reading


def settle_verbs(p: ParseState) -> None:
    """Absorb each verb that restates part of the reading; refuse one that names anything else."""
    verbs = [it for it in p.all if it.role == "verb" and it.kind == "stop" and not it.used]
    if not verbs:
        return
    reading = _reading(p)
    for it in verbs:
        # the interpretation names the most telling reading: the metric, then its thing
        order = {"metric": 0, "entity": 1, "value": 2, "dimension": 3, "light": 4}
        hits = sorted(
            (s for s in it.senses if _restates(s, reading, p)), key=lambda s: order[s.kind]
        )
        hit = hits[0] if hits else None
        if hit is not None and morphology.is_joining_form(it.text) and len(set(p.metrics)) > 1:
            # "fees paid by new members who registered in March": the verb says whose fees,
            # a condition the second metric cannot put on the first — never absorbed there
            hit = None
        if hit is None:
            names = list(dict.fromkeys(s.via for s in it.senses))
            if len(names) > MAX_NAMED:
                names = [*names[:MAX_NAMED], "…"]
            raise Refusal(
                f"'{it.text}' is about {' / '.join(names)}, which this question does not ask "
                "for; ask about it by name",
                zh=f"“{it.text}”涉及 {'、'.join(names)}，而问题并未问到它；请直接用它的名称提问",
                kind="verb",  # no rewrite: dropping the verb would answer another question
            )
        if hit.kind == "light" and p.metrics:
            # a support verb restates the metric's event: show it against that metric
            m = p.catalog.metric(p.metrics[0])
            hit = Sense("metric", p.metrics[0], via=(m.label if m else "") or p.metrics[0])
        it.used, it.sense = True, hit
        keep_event_rows(p, it, hit)  # "customers ordered": those whose order date is set
