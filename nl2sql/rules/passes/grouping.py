"""Pass: "by channel and region", "按渠道", "by month" — the group-by after a "by" word.

Why "by GMV" is not a grouping: a metric after "by" is what to rank or sort by
(``p.by_metric``), as in "top 5 SKUs by GMV" or "按GMV排序".
Why a list needs "and" / "、" / "和" between its items: "各国家客户的交易金额" is the customers of
each country (one grouping), not country × customer. Why the list stops at a word such as
"where" or "for": "loans by genre *where the guest
member* lives in CA" names a condition after the list; reading on past it grouped by every
guest member as well (and left the condition's role behind).
"""

from __future__ import annotations

import re

from nl2sql.counters import PERSON_WORDS
from nl2sql.flag_words import flag_values
from nl2sql.rules.event_years import bridged_event, year_of_dimension
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from nl2sql.rules.value_or_group import drop_unreachable_values
from nl2sql.vocabulary.morphology import is_past

_CJK_CHAR = re.compile(r"^[\u3400-\u9fff]$")
#: words that may stand inside a list of groupings ("by channel and the region")
_INSIDE_LIST = frozenset({"the", "的"})
#: group words that never rank: "GMV *per* customer" divides or breaks down, it does not sort
#: by a customer count (read as "by", it answered GMV and the customer count side by side)
PER_WORDS = frozenset(
    {
        "per",
        "each",
        "every",
        "for each",
        "for every",
        "每",
        "每个",
        "每一个",
        "每家",
        "每一家",
        "各",
        "各个",
        "各家",
        "每位",
        "每名",
        # 每 + a measure word: one of the things counted that way (每张保单, 每笔订单, 每辆车,
        # 每次停车: 次 counts occasions)
        *"每张 每笔 每件 每条 每份 每台 每辆 每架 每间 每项 每本 每篇 每次 每趟".split(),  # noqa: SIM905
    }
)


def _list_goes_on(p: ParseState, prev: Item, nxt: Item) -> bool:
    """Whether ``nxt`` follows ``prev`` with no other word between them."""
    a = next(k for k, x in enumerate(p.all) if x is prev)
    b = next(k for k, x in enumerate(p.all) if x is nxt)
    return all(x.kind != "stop" or x.text.strip() in _INSIDE_LIST for x in p.all[a + 1 : b])


def _check_owned_dimension(p: ParseState, owner: Item, x: Item) -> None:
    """ "by guest home state": an entity word right before a dimension names whose dimension
    it is. When the dimension belongs to another entity (a guest is not a user), the grouping
    would split by every guest and by some other path's home state: refused, naming both."""
    entity = p.group_name(owner)
    if entity is None or p.catalog.dimension(entity) is not None:
        return  # the grouped word is a dimension itself, not an entity
    dims = [s.name for s in x.senses if s.kind == "dimension"]
    if not dims or any(d.startswith(f"{entity}__") for d in dims):
        return
    raise Refusal(
        f"'{owner.text} {x.text}': {x.text} is not something {owner.text} has in this model; "
        f"ask by {owner.text} alone, or name the {x.text} of what you mean",
        zh=f"“{owner.text}{x.text}”：模型中{owner.text}没有{x.text}；请只按{owner.text}统计，"
        f"或说明是谁的{x.text}",
        words=[x.text],
    )


def _agent_flag(p: ParseState, by: Item, x: Item) -> bool:
    """ "complaints *filed by* servicemembers", "orders *placed by* members": "by" after a past
    participle names who did it, and a yes/no flag named there (``tags_is_servicemember``) is
    a condition on its yes side, left to ``nl2sql.rules.flags``; grouped by the flag, the
    answer split every row into both sides, the "no" side never asked for."""
    if by.text.strip().lower() != "by" or x.kind != "domain" or not x.senses:
        return False
    if not all(
        s.kind == "dimension" and flag_values(p.catalog.dimension(s.name)) for s in x.senses
    ):
        return False
    if plural_people(x.text):
        return not _listed_on(p, x)
    k = next(n for n, y in enumerate(p.all) if y is by)
    prev = next((y for y in reversed(p.all[:k]) if y.text.strip()), None)
    return prev is not None and prev.kind != "domain" and is_past(prev.text.strip().lower())


#: words that list a second side after a grouping ("by members and guests", "members vs others")
_LIST_WORDS = frozenset({"and", "or", "vs", "vs.", "versus", "&"})


def _listed_on(p: ParseState, x: Item) -> bool:
    """Whether a list word follows ``x``: "orders by club members and VIP members" compares
    the sides (a breakdown), never the rows of people who are both."""
    k = next(n for n, y in enumerate(p.all) if y is x)
    nxt = next((y for y in p.all[k + 1 :] if y.text.strip()), None)
    return nxt is not None and nxt.text.strip().lower() in _LIST_WORDS


def plural_people(text: str) -> bool:
    """Whether an English phrase ends in a plural word for people ("VIP *members*").

    Why: "visits by VIP members", "bookings by loyalty customers" name who made the rows (the
    agent), the way "visits made by VIP members" does; a breakdown is asked "by VIP status" or
    "by whether VIP". Grouped by the flag, the answer showed the "no" side nobody asked for.
    Only a plural of a person word (``counters.PERSON_WORDS``) counts: "by weekends", "by VIP
    membership", "by VIP member" keep the breakdown.

    >>> plural_people("VIP members"), plural_people("weekends"), plural_people("vip member")
    (True, False, False)
    """
    words = text.strip().lower().split()
    last = words[-1] if words else ""
    return last.endswith("s") and last[:-1] in PERSON_WORDS


def _grouped_not_agent(p: ParseState, by: Item, x: Item) -> bool:
    """ "score by program": a word that is both a thing the model groups by (the ``program``
    entity) and a value of some dimension (a review scope ``'program'``) is the grouping after a group
    word, unless "by" follows a past participle ("paid by card", "filed by members"), where
    it names who or how and the value is the condition.

    Why: read as the value, "score by program" was refused ("Score cannot be filtered by
    review scope") and "各program的score" likewise, although the model groups it by program.
    Only a strong grouping sense counts (the model's own name for it, not a loose match);
    a weaker one (a bridged Chinese word) only when no metric of the question reaches the value
    (:mod:`nl2sql.rules.value_or_group`).
    """
    if not any(s.strong and s.kind in ("dimension", "entity") for s in x.senses):
        return drop_unreachable_values(p, x)
    if by.text.strip().lower() != "by":
        return True
    k = next(n for n, y in enumerate(p.all) if y is by)
    prev = next((y for y in reversed(p.all[:k]) if y.text.strip()), None)
    return prev is None or prev.kind == "domain" or not is_past(prev.text.strip().lower())


#: group words that, before "all", span the rows rather than split them
_SPANNING = frozenset({"across"})
#: the words after which a spanning word takes in every row ("across all orders")
_ALL = frozenset({"all"})


def _across_all(p: ParseState, it: Item) -> bool:
    """ "total amount claimed *across all* claims": "across" before "all" spans the rows it
    names, as "for all claims" does; it does not announce a breakdown.

    Why: read as a group word, the "all" after it ended the list of groupings at once, and the
    question was refused for a "by" word with nothing to group by. What follows is read as it
    is after "for all": a noun of the metric's own rows is the total, a dimension its rows.
    """
    if it.text.strip().lower() not in _SPANNING:
        return False
    k = next(n for n, y in enumerate(p.all) if y is it)
    nxt = next((y for y in p.all[k + 1 :] if y.text.strip()), None)
    return nxt is not None and nxt.text.strip().lower() in _ALL


def _refuse_measure_word_rate(p: ParseState, i: int) -> None:
    """每 + one character + a metric, all touching (每炉合格面包): the character may be a measure
    word of the thing measured ("per one batch": loaves per unit), not a breakdown. A model
    term the one character happens to be bridged to would group the total by it, a wrong
    answer that reads right; it is refused, with 每个<character> as the way to break down."""
    it = p.its[i]
    if it.text != "每" or i + 2 >= len(p.its):
        return
    x, after = p.its[i + 1], p.its[i + 2]
    if len(x.text) != 1 or not _CJK_CHAR.match(x.text) or x.kind != "domain":
        return
    if x.start != it.end or after.start != x.end or not after.is_kind("metric"):
        return
    raise Refusal(
        f"I can't tell what '每{x.text}' measures per; name the thing to break down by "
        f"(e.g. 每个{x.text}) or ask for a per-unit metric",
        zh=f"无法确定“每{x.text}”是按什么计算；请说明按什么分组（如 每个{x.text}），或询问单位指标",
        words=[x.text],
    )


#: general words for "a person" that no model names: "per person", "per head", "per capita"
ANY_PERSON = frozenset({"person", "persons", "people", "head", "heads", "capita"})
ANY_PERSON |= {"individual", "individuals", "人", "个人"}


def _refuse_per_person(per: Item, x: Item, name: str) -> None:
    """ "freight cost per person": an amount per person is an average over people, which no
    metric of the model gives; the word only reached the model's person through a general
    bridge ("person → customer") and was answered customer by customer (3,959 rows).

    "per customer" (the model's own word) stays the breakdown it names; a per-person ratio the
    model defines is found by its label before this pass."""
    if x.text.strip().lower() not in ANY_PERSON:
        return
    thing = name.split("__")[-1].replace("_", " ")
    said = f"{per.text} {x.text}"
    raise Refusal(
        f"'{said}' asks for an amount per person (an average), and the model has no per-person "
        f"metric for it; ask for it by {thing} (one row each), or ask for the {thing} count "
        "beside it",
        zh=f"“{said}”是按人平均的数，模型没有这样的人均指标；可以按{thing}分别查看，或同时查询{thing}数",
        words=[per.text, x.text],
    )


def de_between(p: ParseState, it: Item, nxt: Item) -> bool:
    """Whether a 的 stands between items ``it`` and ``nxt``: "各类的销售额" says each kind's sales
    (the kind left unsaid), never "by sales" the way "按销售额" ranks."""
    return any(x.text == "的" for x in p.all if it.end <= x.start and x.end <= nxt.start)


def read_group_markers(p: ParseState) -> None:
    """Group by every dimension/entity/grain listed after a "by" word."""
    for i, it in enumerate(p.its):
        if it.kind != "role" or it.role != "group":
            continue
        if i + 1 < len(p.its) and _agent_flag(p, it, p.its[i + 1]):
            it.used = True
            continue
        if _across_all(p, it):
            it.used = True  # read as "for all …": the words after it say which rows
            continue
        _refuse_measure_word_rate(p, i)
        j = i + 1
        got = False
        while j < len(p.its):
            x = p.its[j]
            if not _list_goes_on(p, p.its[j - 1], x):
                break
            if x.kind == "domain" and x.is_kind("metric") and not got:
                if it.text in PER_WORDS or de_between(p, it, x):
                    break  # left unclaimed: the build refuses it rather than drop it
                p.by_metric = p.subject_metric(x)
                x.used = it.used = True
                break
            if (
                x.kind == "domain"
                and (x.is_kind("dimension") or x.is_kind("entity"))
                and (not x.is_kind("value") or _grouped_not_agent(p, it, x))
                and not x.used  # "top 2 locations by visits": the rank counts the visits
            ):
                if got and p.its[j - 1].kind == "domain":
                    _check_owned_dimension(p, p.its[j - 1], x)
                    break  # "各国家客户的…": a noun right after the grouping describes, not lists
                name = p.group_name(x)
                if name and it.text in PER_WORDS:
                    _refuse_per_person(it, x, name)
                if name and bridged_event(x) and year_of_dimension(p, x, name):
                    # "rides by bikes made in 1999": the year is a value of Year Made, not
                    # a range on the ride date (which answered an empty table by year made)
                    x.used = it.used = got = True
                elif name:
                    p.add_group(name)
                    x.used = it.used = got = True
            elif x.kind == "role" and x.role.startswith(("grain:", "grainadj:")):
                x.used = it.used = got = True
            elif x.kind == "role" and x.role == "and" and got:
                x.used = True
            else:
                break
            j += 1
