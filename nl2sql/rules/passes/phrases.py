"""Build checks: phrases whose meaning the semantic query cannot carry, refused not dropped.

Why each is a refusal (or, where the model says how, a rewrite) and not a reading:

- "members *with* library cards", "shelves with loans" count the members (shelves)
  that have some card (loan): a semi-join. Read as the metric after "with", the
  answer counted the cards (loans) themselves;
- "customers *who* made a transaction in April" counts customers; the answer counted the
  transactions. "members who borrowed in 2002", where the only member count is dated by the
  first loan, filtered the first loan date: the members who *first* borrowed in 2002;
- "average loan length *for express loans*" names rows by a metric that counts a subset;
  read as a second metric, the answer averaged *all* loans beside the express ones' count.
  The subset's yes/no column filters the first metric when a dimension exposes it.

Each message names the words, what the answer would have been, and a question that runs.
"""

from __future__ import annotations

import re

from nl2sql.interpret import item_label, metric_label
from nl2sql.lexicon_base import Sense
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.measure_words import same_column
from nl2sql.rules.state import ParseState
from semantic_layer.catalog import CatalogMetric
from semantic_layer.measure_facts import counts_rows
from semantic_layer.query import DimensionFilter

#: words that attach a condition of existence to the noun before them ("users with …")
_WITH = frozenset({"with", "having", "that have", "that had", "who have", "who had"})
#: Chinese: "有B的A" (the A that have B)
_HAVE_ZH = frozenset({"有", "带有", "含有", "拥有"})
#: relative pronouns: "customers *who* …" describes the customers by what they did
_RELATIVE = frozenset({"who", "that", "which", "whose"})


def _position(p: ParseState, it: Item) -> int:
    return next(k for k, x in enumerate(p.all) if x is it)


def _metric_named(it: Item) -> str | None:
    """The metric an item was read as, if it was read as one."""
    if it.kind != "domain" or it.sense is None or it.sense.kind != "metric":
        return None
    return it.sense.name


def _counted_by(p: ParseState, it: Item) -> str | None:
    """The metric counting the thing ``it`` names (its own metric reading, else the count)."""
    return _metric_named(it) or p.count_metric(it)


def _semi_join_pair(p: ParseState) -> tuple[Item, Item] | None:
    """(A, B) for "A with B" (English) or "有B的A" (Chinese), the words adjacent."""
    for k in range(1, len(p.all) - 1):
        word = p.all[k].text.strip().lower()
        before, after = p.all[k - 1], p.all[k + 1]
        if word in _WITH and before.kind == "domain" and after.kind == "domain":
            return before, after
        if word in _HAVE_ZH and after.kind == "domain" and k + 3 <= len(p.all) - 1:
            link, noun = p.all[k + 2], p.all[k + 3]
            if link.text.strip() == "的" and noun.kind == "domain":
                return noun, after
    return None


def _count_within(p: ParseState, metric: str, things: set[str], own: str | None) -> bool:
    """Answer "orders with returns" by the model's one metric that counts the orders over the
    returns' rows (same rows: the same time dimension), e.g. "orders with a return"; True when
    the query now asks that metric instead of the returns' count (and of all orders')."""
    rows = p.catalog.metric(metric)
    if rows is None or not rows.agg_time_dimension:
        return False
    fits = [
        m.name
        for m in p.catalog.metrics
        if m.counts in things and m.agg_time_dimension == rows.agg_time_dimension
    ]
    if len(fits) != 1:
        return False
    p.metrics[:] = [fits[0] if m == metric else m for m in p.metrics if m != own]
    return True


def check_semi_join(p: ParseState) -> None:
    """ "A with B" where B was read as a metric of the answer: the A that have B, which the
    answer (B's count, or A's count of all rows) does not say. Refused with runnable forms."""
    pair = _semi_join_pair(p)
    if pair is None:
        return
    thing, having = pair
    if any(having is x for x in p.threshold_items) or having.is_kind("value"):
        return  # "customers with more than 3 orders", "orders with status paid": read there
    metric = _metric_named(having)
    if metric is None or metric not in p.metrics:
        return
    if _counted_by(p, thing) == metric:
        return  # "orders with orders": the same rows said twice
    cm, own = p.catalog.metric(metric), p.catalog.metric(_counted_by(p, thing) or "")
    things = {s.name for s in thing.senses if s.kind == "entity"} | {own.counts if own else ""}
    things.discard("")
    if cm is None or (cm.counts and cm.counts in things):
        return  # the model's own "orders with a return": it counts those very things
    if _count_within(p, metric, things, own.name if own else None):
        return
    thing_sense = p.resolve(thing, ("dimension", "entity"))
    if thing_sense is not None and any(
        g == thing_sense.name or g.startswith(f"{thing_sense.name}__") for g in p.group_by
    ):
        return  # "airlines with flights to HNL": listed by airline, each with its flights
    en, zh = metric_label(p.catalog, metric, "en"), metric_label(p.catalog, metric, "zh")
    raise Refusal(
        f"'{thing.text} {p.all[_position(p, thing) + 1].text.strip()} {having.text}' counts "
        f"the {thing.text} that have {having.text}; this model has no metric for that, and "
        f"{en} would count the {having.text} themselves; ask for {en} by {thing.text}",
        zh=f"“{having.text}”在这里是{thing.text}要满足的条件（有{having.text}的{thing.text}），"
        f"模型中没有这样的指标，{zh}数的是{having.text}本身；可以改问按{thing.text}统计的{zh}",
        words=[having.text],
    )


def _light_verb_after(p: ParseState, k: int) -> Item | None:
    """The verb the relative clause starting after position ``k`` uses, if one was absorbed
    as a support verb of the metric ("who *bought*")."""
    for x in p.all[k + 1 : k + 3]:
        if x.role == "verb" and any(s.kind == "light" for s in x.senses):
            return x
    return None


def check_relative_clause(p: ParseState) -> None:
    """ "customers who …": the question is about the customers. An answer whose metric does
    not count them, or counts them by their own date while the time words date what they
    did, answers another question: refused."""
    for k in range(len(p.all) - 1):
        head, word = p.all[k], p.all[k + 1].text.strip().lower()
        if word not in _RELATIVE or head.kind != "domain" or head.is_kind("value"):
            continue
        if any(x.kind == "domain" for x in p.all[:k]):
            continue  # "sales of items that are not red": the items only narrow the sales
        counted = _counted_by(p, head)
        entity = next((s.name for s in head.senses if s.kind == "entity"), None)
        if counted is None and entity is None:
            continue
        if entity is not None and any(g == entity or g.startswith(entity) for g in p.group_by):
            continue  # listed by the entity: each customer's own number
        if counted not in p.metrics:
            shown = ", ".join(metric_label(p.catalog, m, "en") for m in p.metrics)
            raise Refusal(
                f"the question is about {head.text} ('{head.text} {word} …'), but the answer "
                f"would be {shown} of them; ask for {shown} by {head.text}, or name a metric "
                f"that counts {head.text}",
                zh=f"问题问的是{head.text}，但答案会是他们的{shown}；"
                f"可以改问按{head.text}统计的{shown}，或说出统计{head.text}数量的指标",
                words=[head.text],
            )
        verb = _light_verb_after(p, k + 1)
        m = p.catalog.metric(counted)
        has_time = p.result.time is not None and p.result.time.range is not None
        if verb is None or m is None or not has_time or not m.agg_time_dimension:
            continue
        date = item_label(p.catalog, m.agg_time_dimension, "en")
        date_zh = item_label(p.catalog, m.agg_time_dimension, "zh")
        raise Refusal(
            f"'{verb.text}' with a date dates something the {head.text} did, but "
            f"{metric_label(p.catalog, counted, 'en')} is counted by {date}, so the date "
            f"would filter {date} instead; ask for {head.text} by {date}, or name a metric "
            f"of what they did",
            zh=f"“{verb.text}”的时间说的是{head.text}做某件事的时间，但"
            f"{metric_label(p.catalog, counted, 'zh')}按{date_zh}计，时间会筛选{date_zh}；"
            f"可以改问按{date_zh}统计的{head.text}，或说出那件事的指标",
            words=[verb.text],
        )


#: words after which a noun names the rows a metric is taken over, not a second metric;
#: "from" as in "revenue from new customers" (wrongfix28's dev probe answered Revenue of every
#: customer beside a count of first orders, a metric whose label is New Customers)
_ROWS_WORDS = frozenset({"for", "of", "among", "across", "on", "from"})
#: "all" / "every" between a rows word and the metric ("of all cancelled orders")
_ALL_WORDS = frozenset({"all", "every"})


def subset_flag_filter(p: ParseState, subset: CatalogMetric, first: str) -> bool:
    """ "… for express loans" where Express Loans sums a yes/no column of the same rows
    that a dimension also exposes: the rows are that dimension's yes value. The subset metric
    leaves the query and the flag filters the first metric; True when it did."""
    own = (subset.agg_time_dimension or "").split("__")[0]
    if subset.agg != "sum_boolean" or not own:
        return False
    flags = [
        d
        for d in p.catalog.dimensions
        if d.entity == own
        and same_column(d.expr, subset.measure_expr)
        and p.metric_allows(first, d.name)
    ]
    if len(flags) != 1:
        return False
    p.metrics.remove(subset.name)
    p.filters.append(DimensionFilter(dimension=flags[0].name, op="=", values=[True]))
    return True


def check_metric_as_rows(p: ParseState) -> None:
    """ "average loan length for express loans": the words after "for" say which rows,
    but they name a metric that counts a subset (loans that are express). Read as a second
    metric, the answer showed the average over *all* loans beside the express ones' count.
    When the subset is a yes/no column a dimension of the same rows also exposes, that flag
    filters the first metric instead (:func:`subset_flag_filter`); a condition hidden in a metric
    filter ("cancelled orders" as a filtered count) cannot filter another metric: refused.
    A plain count of things ("net takings of members born in …") is left to the other rules."""
    if len(p.metrics) < 2:
        return
    _check_metric_de_metric(p)
    for k in range(1, len(p.all)):
        word, it = p.all[k - 1].text.strip().lower(), p.all[k]
        if word in _ALL_WORDS and k >= 2:
            # "GMV of all cancelled orders": "all" between says the same rows (probes18; it
            # answered GMV of every order beside the cancelled ones' count)
            word = p.all[k - 2].text.strip().lower()
        metric = _metric_named(it)
        if word not in _ROWS_WORDS or metric is None or metric == p.metrics[0]:
            continue
        m = p.catalog.metric(metric)
        # "from" never joins two metrics: a sum of per-row counts after it ("revenue from new
        # patients", New Patients summing a daily count column) names rows too
        row_count = counts_rows(m.agg, m.measure_expr) if m is not None else False
        if m is None or not (row_count or word == "from") or m.counts or metric not in p.metrics:
            continue
        if subset_flag_filter(p, m, p.metrics[0]):
            continue
        first = metric_label(p.catalog, p.metrics[0], "en")
        first_zh = metric_label(p.catalog, p.metrics[0], "zh")
        senses = value_senses(p, it.text, p.metrics[0])
        # no value reading: offer both metrics asked plainly, the reading the answer had
        spaced = r"[\s-]+".join(re.escape(w) for w in it.text.split())
        said = re.compile(rf"\b{word}\s+(?:all\s+|every\s+)?{spaced}", re.I)
        both = said.sub(f"and {it.text}", p.result.question, count=1)
        raise Refusal(
            f"'{word} {it.text}' says which rows to take, but {it.text} is a metric of its own "
            f"({metric_label(p.catalog, metric, 'en')}), whose condition cannot filter "
            f"{first}; ask for {first} by the dimension that condition uses, or for "
            f"{it.text} alone",
            zh=f"“{it.text}”在这里表示取哪些行，但它本身是一个指标，其条件不能用来筛选"
            f"{first_zh}；可以按该条件对应的维度统计{first_zh}，或单独问{it.text}",
            words=[it.text] if senses else [both],
            senses=senses,
            kind="" if senses else "questions",
        )


def _check_metric_de_metric(p: ParseState) -> None:
    """ "New Customers的Revenue", "Large Orders的收入": in Chinese the rows come before 的 —
    a filtered count there says whose figure is asked, as "revenue of new customers" does.
    Read as two metrics, the answer gave Revenue of every row beside the subset's count (a
    suggestion of the engine's own led there). Refused like the English phrase, offering the
    value reading when the words hold one, else both metrics joined by 和."""
    for k in range(1, len(p.all) - 1):
        if p.all[k].text.strip() != "的":
            continue
        rows, asked = _metric_named(p.all[k - 1]), _metric_named(p.all[k + 1])
        if rows is None or asked is None or rows == asked or rows not in p.metrics:
            continue
        m = p.catalog.metric(rows)
        if m is None or not counts_rows(m.agg, m.measure_expr) or m.counts:
            continue
        if subset_flag_filter(p, m, asked):
            return
        said, label = p.all[k - 1].text.strip(), metric_label(p.catalog, asked, "zh")
        senses = value_senses(p, said, asked)
        raise Refusal(
            f"'{said}' before 的 says whose {label} to take, but it is a metric of its own "
            f"({metric_label(p.catalog, rows, 'en')}), whose condition cannot filter {label}",
            zh=f"“{said}”在“的”前面表示取哪些行，但它本身是一个指标"
            f"（{metric_label(p.catalog, rows, 'zh')}），其条件不能用来筛选{label}；"
            f"可以按该条件对应的维度统计{label}，或用“和”分别问两个指标",
            words=[said] if senses else [p.result.question.replace("的", "和", 1)],
            senses=senses,
            kind="" if senses else "questions",
        )


def value_senses(p: ParseState, text: str, metric: str) -> list[Sense]:
    """The dimension values among the words of ``text`` that ``metric`` can be filtered by:
    the other reading of "new customers" when New Customers is a metric (first orders) and
    `new` a customer type. Offered as the refusal's readings, so its suggestion is the
    question with that value ("revenue from customer type new"), which runs; without them
    the suggestion dropped the words and left "revenue from"."""
    out: list[Sense] = []
    for word in text.lower().split():
        for sense in p.lex.terms.get((word,), ()):
            if sense.kind == "value" and p.metric_allows(metric, sense.name):
                out.append(sense)
    return list(dict.fromkeys(out))
