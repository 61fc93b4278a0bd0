"""Pass: values of dimensions ("京东", "channel jd", "not tmall") become filters.

Several values of one dimension make an IN filter ("京东和天猫"); negation next to a value
makes it an exclusion. Why a choice between values ("京东和天猫哪个GMV高", "jd vs tmall")
also groups by their dimension: the answer must show each side, not one sum.
"""

from __future__ import annotations

from nl2sql.flag_words import flag_values
from nl2sql.lexicon import Sense
from nl2sql.negation_words import POSTPOSED_ZH
from nl2sql.rules.company_forms import refuse_company_spellings
from nl2sql.rules.dimension_twins import refuse_dimension_twin
from nl2sql.rules.flag_twins import refuse_flag_twin
from nl2sql.rules.grade_compounds import refuse_grade_compound
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.negated_stage import refuse_negated_stage
from nl2sql.rules.passes.two_sides import flag_side
from nl2sql.rules.roles import check_direction, narrow_roles, question_metrics
from nl2sql.rules.state import ParseState
from nl2sql.rules.value_or_group import drop_unreachable_values
from nl2sql.vocabulary import morphology
from nl2sql.vocabulary.class_heads import is_class_word
from nl2sql.vocabulary.english import singular
from semantic_layer.query import DimensionFilter


def _claim_dimension_words(p: ParseState, i: int, dim: str) -> None:
    """ "channel jd" / "京东渠道" / "channel is jd": the dimension word is part of the filter.

    So is it before a negation ("airline is not United", "国家不是美国"): left unclaimed, it was
    read as a breakdown, and "flights whose airline is not United" answered one row per other
    airline instead of the one count asked for."""
    near = (i - 1, i + 1, i - 2) if p.role_at(i - 1, "neg") else (i - 1, i + 1)
    for j in near:
        x = p.at(j)
        if (
            x is not None
            and x.kind == "domain"
            and not x.used
            and any(s.kind == "dimension" and s.name == dim for s in x.senses)
        ):
            x.used = True
    _claim_class_word(p, i, dim)
    if p.role_at(i - 1, "cmp:"):
        p.its[i - 1].used = True
        x = p.at(i - 2)
        if (
            x is not None
            and x.kind == "domain"
            and any(s.kind == "dimension" and s.name == dim for s in x.senses)
        ):
            x.used = True


def _claim_class_word(p: ParseState, i: int, dim: str) -> None:
    """ "续约类型的交易", "renewal type deals": a class word right after a value says the value
    is a type of something; it is part of the filter, never a breakdown of its own.

    Why: the class word is a model term when another dimension is named by it (类型 for a
    ``forecast_category``), and read alone it grouped the answer by that other dimension
    while the filter kept the value's own — "续约类型交易的ARR" answered one row per forecast
    category instead of the renewals' one total (a wrong answer). The value's own dimension
    word may follow the class word ("续约类型交易"): that word is claimed too.
    """
    x = p.at(i + 1)
    if (
        x is None
        or x.kind != "domain"
        or x.used
        or not x.senses
        or not all(s.kind == "dimension" for s in x.senses)
        or not is_class_word(x.text)
        or _breakdown_after(p, x)
    ):
        return
    x.kind, x.used = "stop", True  # no reading of its own: not shown as a bridged word
    p.result.notes.append(f"'{p.its[i].text}{x.text}': '{x.text}' says what kind of thing it is")
    if _names_dimension(p, i + 2, dim) and not p.its[i + 2].used:
        p.its[i + 2].used = True


#: English words that ask for a breakdown of what precedes them. 分布 is left out: "taobao状态
#: 分布" read so counted status updates by reported status (the model's only "status"), where
#: the class-word reading refuses (no metric named), the safer of the two
_BREAKDOWN_WORDS = frozenset({"breakdown", "breakdowns", "split", "mix", "distribution"})


def _breakdown_after(p: ParseState, word: Item) -> bool:
    """Whether the word after ``word`` asks for a breakdown ("taobao status breakdown"): then
    the class word is the dimension broken down by, not part of the value.

    Why: "taobao status breakdown of orders" answered the one total of taobao orders where one
    row per status was asked (probes17, the built-in model without synonyms).
    """
    k = p.all.index(word) + 1
    while k < len(p.all) and not p.all[k].text.strip():
        k += 1
    if k >= len(p.all):
        return False
    return p.all[k].text.strip().lower() in _BREAKDOWN_WORDS


def _names_dimension(p: ParseState, j: int, dim: str) -> bool:
    """Whether item ``j`` is the word for dimension ``dim`` ("渠道" after "京东")."""
    x = p.at(j)
    return (
        x is not None
        and x.kind == "domain"
        and any(s.kind == "dimension" and s.name == dim for s in x.senses)
    )


def _names_owner(p: ParseState, j: int, dim: str) -> bool:
    """Whether item ``j`` names the entity whose dimension ``dim`` is ("tools" before "not from
    Japan" for ``tool__maker_country``): the things the value is denied of. The rows with no
    such thing (loans of no tool) are none of them, so they stay out — kept, "loans of tools not
    from Japan" counted the loans of no tool as well (a held-out set's wrong, issue #12)."""
    x, asked = p.at(j), p.at(j - 1)
    owner = dim.rpartition("__")[0]

    def names_owner(it: Item | None) -> bool:
        return it is not None and any(s.kind == "entity" and s.name == owner for s in it.senses)

    # the things are another noun's ("loans *of* tools"): "tea orders excluding sencha"
    # takes the value out of the rows themselves, which keep their rows of no value
    return (
        bool(owner)
        and x is not None
        and x.kind == "domain"
        and names_owner(x)
        and asked is not None
        and asked.kind == "domain"
        and not names_owner(asked)
        and p.count_metric(asked) != p.count_metric(x)
    )


def _is_negated(p: ParseState, i: int, it: Item, dim: str, excluding: set[str]) -> bool:
    """Whether the value at ``i`` is excluded ("not jd", "非京东", "除了京东渠道以外": the
    value's own dimension word may stand between it and the negation); claims the negation
    word, and adds ``dim`` to ``excluding`` when it takes the value out of all rows — any
    negation but one with the dimension's word on its far side (:func:`_from_the_values`)."""
    after = i + 2 if _names_dimension(p, i + 1, dim) else i + 1
    # "excluding status status_4": the value's dimension word between the negation and it
    before = i - 2 if i >= 2 and _names_dimension(p, i - 1, dim) else i - 1
    neg = it.role == "negated"
    words: list[int] = []  # the negation words claimed
    for j in (before, i + 1, after):
        if p.role_at(j, "neg") and not (j > i and _negates_next(p, j, dim)):
            p.its[j].used = True
            neg = True
            words.append(j)
    if neg and not any(_from_the_values(p, i, j, dim) for j in words):
        excluding.add(dim)  # out of all the rows: those of no value stay
    if p.role_at(i - 1, "none") and flag_values(p.catalog.dimension(dim)) is not None:
        # "没有取消的预订", "never cancelled bookings": before one side of a yes/no flag a
        # "none" word says the state does not hold, which is the flag's other side; before
        # any other value ("没有京东的订单") it stays unread and is refused
        p.its[i - 1].used = True
        neg = True
    return neg


def _from_the_values(p: ParseState, i: int, j: int, dim: str) -> bool:
    """Whether the exclusion word at ``j`` takes the value at ``i`` out of the dimension's own
    values: its word stands on the far side of the exclusion ("categories except Books",
    "除了Books以外的品类", "across all categories except Books"). The rows of no value are in
    none of those values, so they stay out, as "across all <dim>" leaves them out (4af50f0);
    "net takings excluding Books" takes Books out of all rows and keeps them.

    A breakdown word before the dimension's word ("net takings by category excluding Books",
    "除jd外各渠道的GMV") asks for every group but the excluded one: the group of no value is
    shown as a plain breakdown shows it."""
    k = j - 1 if j < i else j + 1
    if not _names_dimension(p, k, dim) and not _names_owner(p, k, dim):
        return False
    by = p.at(k - 1)
    return not (p.role_at(k - 1, "group") and by is not None and by.text.strip() != "across")


def _negates_next(p: ParseState, j: int, dim: str) -> bool:
    """Whether the negation at ``j`` (after a value) belongs to the model word after it.

    Why: a negation stands before what it negates; "crossings to Harbor were not cancelled"
    excluded Harbor as well as the cancelled crossings (far too few crossings counted). Only a
    negation with no other model word after it ("京东除外"-like tails) is the value's.
    """
    if p.its[j].text.strip() in POSTPOSED_NEGATIONS:
        return False  # "电汇方式以外的手续费": written after what it excludes
    x = p.at(j + 1)
    return (
        x is not None and x.kind == "domain" and not x.used and not _names_dimension(p, j + 1, dim)
    )


#: negation words written after what they exclude ("京东以外", "美国之外")
POSTPOSED_NEGATIONS = frozenset(POSTPOSED_ZH)


def _postposed(p: ParseState, i: int) -> bool:
    """Whether a negation written after what it excludes follows the value at ``i`` (its
    dimension word may stand between: "status_1状态之外")."""
    return any(
        (x := p.at(j)) is not None and x.text.strip() in POSTPOSED_NEGATIONS and x.used
        for j in (i + 1, i + 2)
    )


def _metric_alone(p: ParseState, it: Item) -> bool:
    """Whether ``it`` (a value that also names a metric) is the question's only metric word:
    then it is the metric ("收入" = net revenue, not bank lines of direction "in"), since a value
    alone would leave nothing to measure. A follow-up keeps the value reading ("那京东呢")."""
    if not it.is_kind("metric") or p.metrics or p.context is not None or p.pending_rank:
        return False
    return not any(
        x is not it and x.kind == "domain" and x.is_kind("metric") for x in p.its
    ) and not any(x.kind == "role" and x.role == "howmany" for x in p.its)


def _spells_its_entity(p: ParseState, i: int, sense: Sense) -> bool:
    """Whether the value at ``i`` is a form of its own entity's name word, typed without its
    dimension ("charging visits" where ``charge_attempt__next_status`` has a value "Charging").

    Why: such a word names the domain (the charge attempts the question is about), not the
    state its entity is in; reading it as a filter counted only the visits whose last attempt
    went on to "Charging" (1,267 of 1,401, a wrong answer on a fresh public dbt project). With
    the dimension named ("next status Charging", "status is Charging") it stays a filter.

    >>> sorted(_lemmas("Charging")), sorted(_lemmas("orders"))
    (['charge', 'charging'], ['order', 'orders'])
    """
    parts = sense.name.split("__")
    value = sense.value or ""
    # an -ing form before a noun names an activity ("charging station", "parking lot"); a past
    # form names a state ("returned items" of a `return` entity stays a filter)
    if len(parts) < 2 or not value.isalpha() or not value.lower().endswith("ing"):
        return False
    if _names_dimension(p, i - 1, sense.name) or _names_dimension(p, i + 1, sense.name):
        return False
    if p.role_at(i - 1, "cmp:"):
        return False
    entity_words = {singular(w) for w in parts[-2].lower().split("_") if w}
    return bool(_lemmas(value) & entity_words)


#: auxiliaries before a past participle: "orders *were* placed", "has been made"
_AUXILIARIES = frozenset("was were is are be been being get got gets has have had".split())  # noqa: SIM905


def _refuse_support_verb(p: ParseState, i: int, it: Item, sense: Sense) -> None:
    """Refuse a value that is a support verb's past form used as a verb ("how many orders
    were placed last month", where `status` has a value "placed"), its dimension unnamed.

    Why: "placed" there says the orders came about, as "place an order" does
    (:data:`nl2sql.vocabulary.morphology.LIGHT_VERBS`); read as the status it counted only
    the orders still in status "placed" (25 of 42, a wrong answer on a fresh public dbt
    project). It may also mean the status ("orders that are placed but not shipped"), so
    neither reading is taken: the refusal offers the status filter and the question without
    the word. Only after an auxiliary or right after the noun it tells of ("orders placed in
    March"); before a noun ("placed orders") or with its dimension ("status placed") the
    word is the value it names.
    """
    word = it.text.strip().lower()
    if not it.text.isascii() or _names_dimension(p, i - 1, sense.name):
        return
    if _names_dimension(p, i + 1, sense.name) or p.role_at(i - 1, "cmp:"):
        return
    lemmas = set(morphology.verb_lemmas(word))
    if not lemmas & morphology.LIGHT_VERBS or word in lemmas:
        return
    before = p.result.question[: it.start].split()
    prev = before[-1].lower().strip(",.?!") if before else ""
    noun = p.at(i - 1)
    after_noun = (
        noun is not None
        and noun.kind == "domain"
        and noun.end <= it.start
        and prev == noun.text.lower().split()[-1]
    )
    if prev not in _AUXILIARIES and not after_noun:
        return
    dim = sense.name.split("__")[-1].replace("_", " ")
    raise Refusal(
        f"'{it.text}' may say how the rows came about or name the {dim} {sense.value}; "
        f"say '{dim} {sense.value}' for that {dim} only, or leave the word out for all",
        zh=f"“{it.text}”可能只是说明记录的产生，也可能指{dim}为{sense.value}；"
        f"只看该{dim}请说“{dim} {sense.value}”，否则请去掉这个词",
        words=[it.text],
        senses=[sense],
    )


def _lemmas(word: str) -> set[str]:
    """The word lower-cased, its singular and its verb lemmas ("Charging" → charge)."""
    w = word.lower()
    return {w, singular(w), *morphology.verb_lemmas(w)}


def _reached_values(p: ParseState, readings: list[Sense]) -> list[Sense]:
    """The value readings every metric of the question can be filtered by, when some are and
    some are not ("Portugal": the stations' stored name and the rides' code PT; a count of
    rides reaches only the code). Otherwise all of them."""
    metrics = [m for m in question_metrics(p) if p.catalog.metric(m) is not None]
    if not metrics:
        return readings
    reached = [s for s in readings if all(p.metric_allows(m, s.name) for m in metrics)]
    return reached or readings


def _collect(
    p: ParseState, excluding: set[str]
) -> tuple[dict[str, tuple[list[str], bool]], list[str]]:
    """The values named per dimension (in question order) and whether they are excluded;
    ``excluding`` receives the dimensions excluded by an exclusion word."""
    its = p.its
    by_dim: dict[str, tuple[list[str], bool]] = {}
    order: list[str] = []
    last: dict[str, tuple[Item, Sense]] = {}  # the latest value item named per dimension
    for i, it in enumerate(its):
        if it.kind != "domain" or not it.is_kind("value") or it.used:
            continue
        # a word that is both a value and a metric/dimension: values win only when nothing
        # else claimed it (the earlier passes)
        if _metric_alone(p, it):
            continue  # "上个月收入": a filter needs a metric, and the word itself names one
        if drop_unreachable_values(p, it):
            continue  # "score for program X": the entity; no metric reaches the value 'program'
        readings = [s for s in it.senses if s.kind == "value"]
        if it.sense is None and len(readings) > 1:
            readings = _reached_values(p, readings)
            kept = narrow_roles(p, it, readings, p.group_by)
            it.senses = [s for s in it.senses if s.kind != "value" or s in kept]
        sense = p.resolve(it, ("value",))
        if sense is None:
            continue
        if _spells_its_entity(p, i, sense) and not any(s.kind != "value" for s in it.senses):
            it.used = True  # the domain word: shown, never a filter
            p.result.bridged.append(f"{it.text} → {sense.name.split('__')[-2].replace('_', ' ')}")
            continue
        _refuse_support_verb(p, i, it, sense)
        check_direction(p, it, sense)
        refuse_company_spellings(p, it.text, sense.name, sense.value or "")
        refuse_flag_twin(p, i, sense.name, sense.value or "")
        refuse_dimension_twin(p, i, sense.name, sense.value or "")
        refuse_grade_compound(p, it, sense)
        it.used = True
        if not sense.strong:  # a partial name or a near spelling: checked against the answer
            p.result.guessed_values.append((it.text, sense.name, sense.value or ""))
        neg = _is_negated(p, i, it, sense.name, excluding)
        _claim_dimension_words(p, i, sense.name)
        dim = sense.name
        joined = p.role_at(i - 1, "and") or p.role_at(i - 1, "or")
        if dim in by_dim:
            if not joined and _side_by_side(p, last[dim], it):
                _refuse_side_by_side(last[dim], it, sense)
            vals, was_neg = by_dim[dim]
            if neg != was_neg and not joined:
                raise Refusal(
                    f"both including and excluding values of {dim}",
                    zh=f"同时包含又排除了{dim}的取值",
                )
            if neg and not was_neg and _postposed(p, i):
                # "status_0和status_1之外": a negation written after a list excludes all of
                # it; kept on the last value only, the list was read as IN (a wrong answer)
                by_dim[dim] = (vals, True)
            vals.append(sense.value or "")
            if joined:
                its[i - 1].used = True
        else:
            by_dim[dim] = ([sense.value or ""], neg)
            order.append(dim)
        last[dim] = (it, sense)
    return by_dim, order


def _both_flag_sides(p: ParseState, dim: str, named: set[bool]) -> bool:
    """Whether a comparison names both sides of the yes/no dimension ``dim`` ("orders
    weekend vs weekday", "周末和工作日的订单数对比"): then it is grouped by ``dim``, each item
    naming a side is used, and no filter is added.

    Why: the dimension's own word names its yes side (weekend: ``is_weekend``) and a value
    word its no side (weekday: ``is_weekend = false``); read apart, the comparison word was
    left over and the question refused. Only when both sides are named: one side compared
    with nothing is still refused by the leftovers pass.
    """
    sides = set(named)
    items = []
    for it in p.its:
        side = flag_side(it, dim)
        if side is not None:
            sides.add(side)
            items.append(it)
    if sides != {True, False}:
        return False
    for it in items:
        it.used = True
    p.add_group(dim)
    return True


def _side_by_side(p: ParseState, before: tuple[Item, Sense], it: Item) -> bool:
    """Whether two English words naming values of one dimension stand next to each other with
    nothing but a space between them ("casual members", where `member_type` has both "casual"
    and "member").

    Why: such a pair is a modifier and its head, not a list: "trips by casual members" asks
    for the casual riders, and reading it as ``member_type in (casual, member)`` answered all
    of them. A list is written with a separator ("casual, member", "casual and member"); a
    Chinese list may do without one ("北京上海的销售额"), so only English words count here.
    """
    prev = before[0]
    between = p.result.question[prev.end : it.start]
    return (
        prev.end <= it.start
        and not between.strip()
        and prev.text.isascii()
        and it.text.isascii()
        and any(ch.isalpha() for ch in prev.text + it.text)
    )


def _refuse_side_by_side(before: tuple[Item, Sense], it: Item, sense: Sense) -> None:
    """Refuse a modifier+head pair of one dimension's values, offering each value alone."""
    prev, prev_sense = before
    dim = sense.name.split("__")[-1].replace("_", " ")
    raise Refusal(
        f"'{prev.text} {it.text}' names two values of {dim} side by side; say which one "
        f"(or join them with 'and' to ask for both)",
        zh=f"“{prev.text} {it.text}”并列了{dim}的两个取值；请说明是哪一个（要两个都算，用“和”连接）",
        words=[prev.text, it.text],
        senses=[prev_sense, sense],
    )


#: words that ask for each named value on its own (a stop word otherwise: 分别 "respectively")
RESPECTIVELY = frozenset({"分别", "分别是", "各自", "respectively"})


def read_values(p: ParseState) -> None:
    """Turn the named values into one filter per dimension."""
    compare = p.open_which or any(x.kind == "role" and x.role == "compare" for x in p.its)
    # "新闻类和观点类文章的收入分别是多少": several values asked for one by one, never summed
    each = any(x.text in RESPECTIVELY for x in p.all)
    compare = compare or each
    excluding: set[str] = set()
    by_dim, order = _collect(p, excluding)
    if each and len(order) > 1 and all(len(set(by_dim[d][0])) == 1 for d in order):
        # "美国和手机端的浏览量分别是多少": one value of each of two dimensions asked for
        # separately is two questions; one filter on both would answer neither
        raise Refusal(
            "'respectively' over values of different dimensions asks several questions; "
            "ask for each value on its own",
            zh="“分别”针对的是不同维度的取值，相当于几个问题；请分别提问",
        )
    for dim in order:
        named, neg = by_dim[dim]
        vals: list[str | int | float | bool] = list(dict.fromkeys(named))
        if dim in p.lex.boolean_dims:
            flags = {v == "true" for v in vals}
            if compare and _both_flag_sides(p, dim, {f != neg for f in flags}):
                continue  # "weekend vs weekday": the two sides side by side
            if len(flags) != 1:
                raise Refusal(f"both yes and no asked for {dim}", zh=f"{dim}同时要求是和否")
            flag = flags.pop() != neg
            p.filters.append(DimensionFilter(dimension=dim, op="=", values=[flag]))
            continue
        if len(vals) == 1:
            if neg:
                refuse_negated_stage(p, dim, str(vals[0]))
            p.filters.append(
                DimensionFilter(
                    dimension=dim,
                    op="!=" if neg else "=",
                    values=vals,
                    keep_null=neg and dim in excluding,
                )
            )
        else:
            p.filters.append(
                DimensionFilter(
                    dimension=dim,
                    op="not in" if neg else "in",
                    values=vals,
                    keep_null=neg and dim in excluding,
                )
            )
            if compare:
                p.add_group(dim)
    # a comparison word is understood only when the answer shows the sides side by side (a
    # list of values grouped, or a breakdown); "GMV vs last month" is left to the leftovers
    # pass to refuse, never answered as "GMV last month"
    if p.group_by:
        for x in p.its:
            if x.kind == "role" and x.role == "compare":
                x.used = True
