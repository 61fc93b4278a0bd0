"""Pass: "average incurred loss per claim" is the model's own ratio of that amount to that count.

Why: a model that defines a ratio of an amount to the count of a thing ("Claim Severity =
incurred_loss / claim_count", "AOV = revenue / orders") has said what "the average amount per
thing" is. Read word by word, "per claim" grouped by every claim and "average" was refused as
an average of a total, so the question was refused although the model answers it. The reading is
taken only when every part is there — an average word, the amount metric, a "per" word and the
thing counted right after it — and exactly one ratio of the model has that numerator and a
denominator counting that thing; otherwise nothing is claimed and the other passes decide as
before (a refusal, never a made-up average).

Word orders read: "average M per E" (English), "每E(的)平均M" and "平均每E(的)M" (Chinese).
Chinese also says the one occasion without 每 or without its noun, and puts 平均 before it:
"平均单次停车收入", "平均一次订单的金额", "平均每笔收入", "每单平均收入", "平均订单收入" are the
same average per one of the rows the amount is counted on (:func:`read_average_per_one`).
"""

from __future__ import annotations

from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.money import is_count_metric
from nl2sql.rules.passes.average_one import read_average_per_one
from nl2sql.rules.passes.entity_metric import entity_amount_metric
from nl2sql.rules.passes.grouping import PER_WORDS
from nl2sql.rules.passes.thing_grain import thing_grain_ratios
from nl2sql.rules.people_counts import persons
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import singular
from semantic_layer.catalog import Catalog

#: "per" words that divide by one thing (not "each"/各, which also break down)
PER_ONE = frozenset(w for w in PER_WORDS if w == "per" or w.startswith("每"))


def _is_avg(it: Item) -> bool:
    return it.kind == "role" and it.role.startswith("avg")


def _is_per(it: Item) -> bool:
    return it.kind == "role" and it.role == "group" and it.text.strip().lower() in PER_ONE


def _pattern(window: list[Item]) -> tuple[Item, Item] | None:
    """(amount item, thing item) when ``window`` is one of the word orders read, else None."""
    a, b, c, d = window
    if _is_avg(a) and _is_per(c):  # average M per E
        return b, d
    if _is_per(a) and _is_avg(c):  # 每E(的)平均M
        return d, b
    if _is_avg(a) and _is_per(b):  # 平均每E(的)M
        return d, c
    return None


def _ratio_for(p: ParseState, amount: Item, thing: Item) -> str | None:
    """The one ratio metric = (a metric ``amount`` names) / (a count of what ``thing`` names)."""
    if amount.kind != "domain" or thing.kind != "domain":
        return None
    numerators = {s.name for s in amount.senses if s.kind == "metric"}
    if not numerators and (own := entity_amount_metric(p, amount)) is not None:
        numerators = {own}  # 燃料成本: the key entity named like the sum metric it holds
    if not numerators:  # "charge attempts": the thing, and the "Total charge attempts" metric
        numerators = labelled_totals(
            p.catalog, {s.name for s in amount.senses if s.kind == "entity"}
        )
    entities = {s.name for s in thing.senses if s.kind == "entity"}
    hits = _ratios_over(p.catalog, numerators, entities)
    if not hits:
        hits = thing_grain_ratios(p.catalog, numerators, entities)
    return hits[0] if len(hits) == 1 else None


def _ratios_over(catalog: Catalog, numerators: set[str], entities: set[str]) -> list[str]:
    """The model's ratios of one of ``numerators`` to a count of one of ``entities``: "average
    X per thing" and 人均X are the owner's own ratio when it has one, never an average the
    engine makes up."""
    hits = []
    for m in catalog.metrics:
        if len(m.ratio_of) != 2 or m.ratio_of[0] not in numerators:
            continue
        den = catalog.metric(m.ratio_of[1])
        if den is not None and den.counts in entities:
            hits.append(m.name)
    return hits


def labelled_totals(catalog: Catalog, entities: set[str]) -> set[str]:
    """The metrics labelled "(Total) <entity, plural>" ("Total charge attempts" for the
    ``charge_attempt`` entity): the total of those things, as the label says.

    Why: the lexicon reads "charge attempts" as the entity (a noun names the thing, not a metric
    that counts it), so "average charge attempts per visit" found no numerator and was refused
    although the model's "Average attempts per visit" is total charge attempts / visits.

    >>> from semantic_layer.catalog import Catalog, CatalogMetric
    >>> cat = Catalog((CatalogMetric("tca", "Total charge attempts"), CatalogMetric("v", "Visits")), ())
    >>> sorted(labelled_totals(cat, {"charge_attempt"})), sorted(labelled_totals(cat, {"visit"}))
    (['tca'], ['v'])
    """
    names = {e.replace("_", " ") for e in entities}
    out = set()
    for m in catalog.metrics:
        words = [singular(w) for w in (m.label or "").lower().split()]
        if words[:1] == ["total"]:
            words = words[1:]
        if " ".join(words) in names:
            out.add(m.name)
    return out


def _own_average(p: ParseState, amount: Item, thing: Item) -> str | None:
    """The average metric ``amount`` names when ``thing`` is the entity of its own rows.

    Why: "average duration per session" / "每次停车的平均时长" on a model whose metric is the
    average session duration asks for that average; read word by word, "per session" broke
    it down session by session and listed each session's own duration.
    """
    if amount.kind != "domain" or thing.kind != "domain":
        return None
    entities = {s.name for s in thing.senses if s.kind == "entity"}
    hits = [
        m.name
        for s in amount.senses
        if s.kind == "metric"
        and (m := p.catalog.metric(s.name)) is not None
        and m.agg == "average"
        and (
            (m.agg_time_dimension and m.rows_entity in entities)
            or label_per_thing(m.label) in entities
        )
    ]
    return hits[0] if len(set(hits)) == 1 else None


def label_per_thing(label: str) -> str:
    """The entity name an average's own label says it is taken per ("Average Delay Minutes per
    Ferry" -> ``ferry``), or "" when the label says no "per <thing>".

    Why: a table of one row per ferry may key its rows by its own id (``ferry_status``) and
    carry the ferry only as a reference, so the rows' entity is not the one the question
    names; the label then says what the average is over. "每艘渡轮的平均延误分钟数" restated that
    label and was broken down ferry by ferry (each ferry's own figure, a wrong answer) instead
    of the one average the metric is.

    >>> label_per_thing("Average Delay Minutes per Ferry"), label_per_thing("Avg Hours per Work Order")
    ('ferry', 'work_order')
    >>> label_per_thing("Average Delay Minutes"), label_per_thing("Per Ferry Minutes")
    ('', '')
    """
    words = label.lower().replace("-", " ").split()
    at = max((i for i, w in enumerate(words) if w == "per"), default=0)
    rest = words[at + 1 :]
    if at == 0 or not rest or not all(w.isalpha() for w in rest):
        return ""
    return "_".join(singular(w) for w in rest)


def _asked_window(its: list[Item], k: int) -> tuple[list[Item], list[Item]]:
    """The four words from ``k`` the word orders are read on, and the 多少 left out of them.

    Why: Chinese asks "平均每个会话带来多少收入" ("on average, how much revenue does a session
    bring"): the support verb is absorbed, and 多少 stood between the thing and the amount, so
    "平均每E(的)M" was not seen and the question was refused (平均 of a total) although
    "平均每个会话的收入" was answered. Only 多少 right before the amount is skipped.

    >>> avg, per, thing, how, amount = (Item("role", w, 0, 1) for w in ("平均", "每个", "a", "多少", "b"))
    >>> avg.role, per.role, how.role = "avg", "group", "howmany"
    >>> thing.kind = amount.kind = "domain"
    >>> [x.text for x in _asked_window([avg, per, thing, how, amount], 0)[0]]
    ['平均', '每个', 'a', 'b']
    >>> [x.text for x in _asked_window([avg, per, thing, amount, how], 0)[0]]
    ['平均', '每个', 'a', 'b']
    """
    window = its[k : k + 4]
    if (
        k + 4 < len(its)
        and _is_avg(window[0])
        and _is_per(window[1])
        and window[3].kind == "role"
        and window[3].role == "howmany"
    ):
        return [*window[:3], its[k + 4]], [window[3]]
    return window, []


def read_average_per(p: ParseState) -> None:
    """Claim "average <amount> per <thing>" as the model's ratio of the two, when it has one
    (or as the model's average of the amount over that thing's own rows)."""
    its = p.its
    for k in range(len(its) - 3):
        window, asked = _asked_window(its, k)
        if any(x.used for x in window):
            continue
        parts = _pattern(window)
        if parts is None:
            continue
        name = _ratio_for(p, *parts) or _own_average(p, *parts)
        if name is None:
            continue
        for x in [*window, *asked]:
            x.used = True
            if _is_per(x):
                x.role = "per_ratio"  # divides: the group pass must not break down by the thing
        p.add_metric(name)
    _read_plain_per(p)
    read_average_per_one(p, _ratio_for, _own_average, row_ratio)


#: "per head" said before the amount (人均GDP, 人均消费): an average over people
PER_HEAD = frozenset({"人均"})


def read_per_head(p: ParseState) -> None:
    """ "人均<amount>" is the model's ratio of that amount to the count of its person, when
    exactly one ratio has that numerator and a denominator counting a person entity.

    Why: 人均 is "per person" and names no model word, so "每个州的人均借阅册数" was refused for
    the unknown '人均' although the model's "Avg Volumes per Member" (volumes borrowed / members)
    answers it, as "每位会员平均借阅册数" already read. Which people is left to the model: with
    no such ratio, or two (per member and per employee), 人均 stays unknown (refused).
    """
    its = p.all  # 人均 names no model word: it is an unknown item until read here
    if not any(it.text.strip() in PER_HEAD for it in its):
        return  # the model's people are read only when asked (~3 ms a question otherwise)
    people = persons(p.catalog)
    for k in range(len(its) - 1):
        head, amount = its[k], its[k + 1]
        if head.used or amount.used or head.text.strip() not in PER_HEAD:
            continue
        if amount.kind != "domain":
            continue
        numerators = {s.name for s in amount.senses if s.kind == "metric"}
        hits = _ratios_over(p.catalog, numerators, people)
        if len(hits) != 1:
            continue
        p.all[k] = Item("stop", head.text, head.start, head.end)  # read: no longer unknown
        amount.used = True
        p.add_metric(hits[0])
    p.its = [it for it in p.all if it.kind != "stop"]


def _read_plain_per(p: ParseState) -> None:
    """ "loans per reader" (no average word) is the model's ratio of the metric to the count
    of the thing, when it has exactly one: "per" divides. "average mileage per ride" (the
    average word inside the metric's own label) is that average metric when the thing is the
    entity of its own rows (:func:`_own_average`): "per ride" restates what it averages over.

    Why: read word by word, "per reader" broke the loans down reader by reader (a row per
    reader where the model's own loans-per-borrower ratio answers it, a wrong answer on a
    held-out model), and "average mileage per ride" listed each ride's own mileage (one row per
    ride, capped at the row limit) and refused "… by origin" beside it. Only the English
    "per" (每 also means "each", a breakdown), and only with the model's ratio or its own
    average; without one the breakdown reading stays.
    """
    its = p.its
    for k in range(len(its) - 2):
        amount, per, thing = its[k : k + 3]
        if amount.used or per.used or thing.used or not _is_per(per):
            continue
        if per.text.strip().lower() != "per":
            continue
        name = _ratio_for(p, amount, thing) or _own_average(p, amount, thing)
        if name is None:
            _refuse_own_rows(p, amount, per, thing)
            continue
        amount.used = per.used = thing.used = True
        per.role = "per_ratio"
        p.add_metric(name)


def _own_sum(p: ParseState, amount: Item, thing: Item) -> str | None:
    """The one sum metric ``amount`` names when ``thing`` is the entity of its own rows."""
    if amount.kind != "domain" or thing.kind != "domain":
        return None
    entities = {s.name for s in thing.senses if s.kind == "entity"}
    names = {s.name for s in amount.senses if s.kind == "metric"}
    if len(names) != 1 or len(amount.senses) != 1:
        return None
    m = p.catalog.metric(next(iter(names)))
    if m is None or m.metric_type != "simple" or m.agg != "sum" or is_count_metric(m):
        return None
    own = (m.agg_time_dimension or "").split("__")[0]
    return m.name if own in entities else None


def _refuse_own_rows(p: ParseState, amount: Item, per: Item, thing: Item) -> None:
    """ "GMV per order" where each order is one row of GMV and the model has no average of it.

    Why: with no ratio to take, "per order" broke GMV down order by order — one row per row
    of the table, cut at the row limit — where the asker most likely wanted a figure per order
    (the average). The model does not define that average, so the question is refused, and the
    two readings it does answer are offered: the listing ("by order") and the total.
    """
    if _own_sum(p, amount, thing) is None:
        return
    q = p.result.question
    span = q[amount.start : thing.end]
    a, t = q[amount.start : amount.end], q[thing.start : thing.end]
    raise Refusal(
        f"'{span}': each {t} is one row of {a}, so this would list every {t}'s own {a}; the "
        f"model defines no average {a} per {t}. Ask for '{a} by {t}' to list them, or '{a}'",
        zh=f"“{span}”：每个{t}就是{a}的一行，这样会逐个列出每个{t}的{a}；模型中没有每个{t}的平均{a}"
        f"指标。请改问“按{t}的{a}”或“{a}”",
        words=[span, f"{a} by {t}", a],
        kind="replace",
    )


def row_ratio(catalog: Catalog, metric: str) -> str | None:
    """The model's ratio of sum ``metric`` to the count of its own rows, None when it has none
    or several: "average incurred loss" = incurred loss / claims when the model defines that.

    Why only the own rows: an average of an amount is over the rows that carry it (each claim's
    loss). A ratio over a count of other things (loss per *policy*) is another average, and a
    filtered side is a subset; neither is taken.
    """
    m = catalog.metric(metric)
    if m is None or m.agg != "sum" or m.filtered or not m.agg_time_dimension:
        return None
    own = m.rows_entity
    hits = []
    for r in catalog.metrics:
        if len(r.ratio_of) != 2 or r.ratio_of[0] != metric:
            continue
        den = catalog.metric(r.ratio_of[1])
        if (
            den is not None
            and not den.filtered
            and den.counts == own
            # a distinct count of the own entity's key counts its rows too (each row is one)
            and den.agg in ("count", "count_distinct")
            and den.agg_time_dimension == m.agg_time_dimension
        ):
            hits.append(r.name)
    return hits[0] if len(hits) == 1 else None
