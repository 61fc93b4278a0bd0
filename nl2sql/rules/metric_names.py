"""Which metric a phrase names when several metrics contain it: the one it names exactly.

Why: dbt projects often keep a metric and a variant of it whose label only extends the first
one's — "Orders" and "Orders (Fill nulls with 0)", "Revenue" and "Revenue (last 7 days)".
"orders" reaches both (the first by its label, the second by its name ``orders``), and refusing
it as ambiguous makes the plain metric unreachable by its own label. The rule: a metric whose
*label* is the phrase wins over metrics whose label only contains it; failing that, one whose
*name* is the phrase. Two exact matches stay ambiguous (the question is clarified).

An aggregation word before the phrase chooses the same way: "平均骑行里程", "average mileage"
between "Average Mileage" (``agg: average``) and "Total Mileage" (``agg: sum``) is the
average one; "total"/"总" the sum.

>>> from semantic_layer.catalog import Catalog, CatalogMetric
>>> cat = Catalog(metrics=(CatalogMetric("order_count", "Orders"),
...     CatalogMetric("orders", "Orders (Fill nulls with 0)")), dimensions=())
>>> exact_metric(cat, "orders", ["order_count", "orders"])
'order_count'
>>> exact_metric(cat, "order total", ["orders", "order_count"]) is None
True
"""

from __future__ import annotations

import re

from nl2sql.lexicon import key_of
from nl2sql.rules.items import Item
from nl2sql.vocabulary.aggregate_heads import TOTAL_BEFORE_NAME
from nl2sql.vocabulary.chinese import english_phrases
from nl2sql.vocabulary.english import AVERAGE_AGGS, name_words, singular
from semantic_layer.catalog import Catalog, CatalogMetric

_CJK = re.compile(r"[\u3400-\u9fff]")
_NOTE = re.compile(r"\s*[(（][^)）]*[)）]")

#: "per capita" said before its thing (人均 is "per capita")
_PER_HEAD_FIRST = re.compile(r"^(?:人均|per capita\s+)([a-z][a-z0-9 ]*)$")


def _same(said: tuple[str, ...], own: tuple[str, ...]) -> bool:
    """Whether two word tuples are the same phrase, a plural "s" on the last word aside."""
    if said == own:
        return True
    if len(said) != len(own) or not said or said[:-1] != own[:-1]:
        return False
    a, b = said[-1], own[-1]
    return a == b + "s" or b == a + "s"


def exact_metric(catalog: Catalog, text: str, names: list[str]) -> str | None:
    """The one metric of ``names`` whose label (else name) is ``text``, None otherwise.

    "per capita GDP" and 人均GDP are compared as "GDP per capita", the order labels use
    (``nl2sql.vocabulary.rate_anchors.per_head_anchors`` gave them the same metrics).
    """
    head = _PER_HEAD_FIRST.match(text.strip().lower())
    said = key_of(f"{head.group(1)} per capita" if head else text)
    metrics = [m for n in names if (m := catalog.metric(n)) is not None]
    if head:  # the label without its note: "GDP per Capita (Derived)"
        hits = [m.name for m in metrics if _same(said, key_of(_NOTE.sub("", m.label or "")))]
        if len(hits) == 1:
            return hits[0]
    for field in ("label", "name"):
        hits = [m.name for m in metrics if _same(said, key_of(getattr(m, field) or ""))]
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None
    if _CJK.search(text):  # a Chinese word bridged to the English labels ("订单" -> "orders")
        return plain_variant(metrics)
    return None


def spelled_metric(catalog: Catalog, text: str, names: list[str]) -> str | None:
    """The one metric of ``names`` whose label or name holds every English word ``text`` says,
    as the model writes it; None when not exactly one does.

    Why: "goals against" reached "Team Goals Against" and "Team xGoals Against" alike (the
    camelCase split reads "xGoals" as "x goals", and "goals against" is a suffix of both), and
    was refused as ambiguous. The model writes "xgoals" as one word (the name
    ``team_xgoals_against_total``, the label's own spelling): only "Team Goals Against" says
    "goals". Only when every reading holds the words once camelCase is split (the readings
    differ in spelling alone): a reading from a description ("CVR %", described "Conversion
    percentage: ...") is left to the rules that weigh it. A Chinese word is spelled as the
    English phrases the glossary renders it from (失球: "goal against").

    >>> from semantic_layer.catalog import CatalogMetric
    >>> cat = Catalog(metrics=(CatalogMetric("team_total_goals_against", "Team Goals Against"),
    ...     CatalogMetric("team_xgoals_against_total", "Team xGoals Against")), dimensions=())
    >>> spelled_metric(cat, "goals against", ["team_total_goals_against",
    ...     "team_xgoals_against_total"])
    'team_total_goals_against'
    >>> spelled_metric(cat, "against", ["team_total_goals_against", "team_xgoals_against_total"])
    """
    if _CJK.search(text):
        # a Chinese word the glossary renders from English phrases: spelled as those are
        # (失球 is "goal against"), when every phrase settles on the same one metric
        found = {_spelled(catalog, e, names) for e in english_phrases(text.strip())} - {None}
        return found.pop() if len(found) == 1 else None
    return _spelled(catalog, text, names)


def _spelled(catalog: Catalog, text: str, names: list[str]) -> str | None:
    said = {singular(w) for w in key_of(text)}
    if not said:
        return None
    hits = []
    for n in names:
        m = catalog.metric(n)
        if m is None:
            return None
        split = {singular(w) for w in (*name_words(m.label or ""), *name_words(m.name))}
        if not said <= split:
            return None  # a reading from elsewhere (a description): not a spelling question
        own = {singular(w) for w in (*key_of(m.label or ""), *m.name.lower().split("_"))}
        if said <= own:
            hits.append(n)
    return hits[0] if len(hits) == 1 and len(names) > 1 else None


def named_beside(before: list[Item], after: list[Item], names: list[str]) -> str | None:
    """The one metric of ``names`` that the word right beside the phrase names on its own:
    the statistic written after it ("取车等待*中位数*", "取车等待的中位数", "pickup wait
    median") or before it ("*中位*取车等待"), with only stop words such as 的 between.

    Why: the phrase names the column two metrics aggregate (Average and Median Pickup
    Wait); the neighbour names one of them by its aggregation, and read apart the two were
    refused as two metrics written as one phrase. A neighbour naming both, or none, decides
    nothing; "and" or any other word between is a list, not a neighbour.
    """
    near = [
        next((x for x in reversed(before) if x.kind != "stop"), None),
        next((x for x in after if x.kind != "stop"), None),
    ]
    hits = {
        s.name
        for x in near
        if x is not None and x.kind == "domain"
        for s in x.senses
        if s.kind == "metric" and s.name in names
    }
    return hits.pop() if len(hits) == 1 else None


def verb_beside(before: list[Item], after: list[Item], names: list[str]) -> str | None:
    """The one metric of ``names`` whose event the verb right before the phrase names
    (违约票面价值, 违约的票面价值: "Defaulted Face Value" among three "… Face Value" metrics).

    Why: a label that opens with a past participle ("Defaulted Face Value", "Settled Face
    Value") is written in Chinese with the bare verb before the noun -- Chinese drops the 已
    of a completed action before a noun (违约金额, 结清金额). The verb is no model term
    (``nl2sql.vocabulary.verb_bridges``): it is read as a verb and absorbed later, so the noun
    it qualifies was refused as ambiguous between every "… Face Value" although the verb
    said which. Only the verb directly before the phrase counts (stop words such as 的
    between), and only when it names exactly one of ``names``; a negated verb (非违约, 未结清)
    is preceded by a negation word, which is no stop word, and decides nothing here.
    """
    k = len(before) - 1
    while k >= 0 and before[k].kind == "stop" and before[k].role != "verb":
        k -= 1
    if k < 0 or before[k].role != "verb" or before[k].used:
        return None
    if k > 0 and before[k - 1].kind == "role" and before[k - 1].role in ("neg", "not", "none"):
        return None
    hits = {s.name for s in before[k].senses if s.kind == "metric" and s.name in names}
    return hits.pop() if len(hits) == 1 else None


def plain_variant(metrics: list[CatalogMetric]) -> str | None:
    """The metric whose label the others only extend with a note in brackets ("Orders" among
    "Orders (Fill nulls with 0)"), None when there is no such single plain one.

    Why only for a bridged word: an English phrase is compared with the labels themselves
    (:func:`exact_metric`); a Chinese word reaches the labels through their English, so the
    label it names exactly is the one without the note — the same rule in the other language.

    >>> from semantic_layer.catalog import CatalogMetric as M
    >>> plain_variant([M("a", "Orders"), M("b", "Orders (Fill nulls with 0)")])
    'a'
    >>> plain_variant([M("a", "Orders"), M("b", "Order Total")]) is None
    True
    """
    stems = {_NOTE.sub("", m.label or m.name).strip().lower() for m in metrics}
    plain = [m.name for m in metrics if not _NOTE.search(m.label or m.name)]
    return plain[0] if len(stems) == 1 and len(plain) == 1 and len(metrics) > 1 else None


def _period(x: Item) -> bool:
    """Whether ``x`` is a period word ("daily", "monthly", "每天", "每月")."""
    return x.kind == "role" and x.role.startswith("grainadj:")


def aggregated_metric(catalog: Catalog, before: list[Item], names: list[str]) -> str | None:
    """The one metric of ``names`` whose measure aggregation the words ``before`` the phrase
    name ("average" -> ``average``, "total"/"总" -> ``sum``), None otherwise.

    ``before`` are the question's items right before the phrase, nearest last; the search
    stops at the second one that is neither a stop word nor the aggregation word, and at a
    period word ("daily", "每月"): an average across one is of the period's total.
    """
    want: frozenset[str] = frozenset()
    seen = 0
    for k in range(len(before) - 1, -1, -1):
        x = before[k]
        if _period(x):
            # "average daily distance": the average is of the day's total, not the average
            # metric by day (answered so, the daily averages stood for the mean daily total)
            break
        if x.kind == "role" and x.role == "avg":
            if k > 0 and _period(before[k - 1]) and _CJK.search(before[k - 1].text):
                break  # "每天平均距离": the mean daily total as much as the daily average
            want = AVERAGE_AGGS
            break
        if x.text.strip().lower() in TOTAL_BEFORE_NAME:
            want = frozenset({"sum"})
            break
        if x.kind != "stop":
            seen += 1
            if seen >= 2:
                break
    hits = [n for n in names if (m := catalog.metric(n)) is not None and m.agg.lower() in want]
    return hits[0] if len(hits) == 1 else None


#: a metric name's first word that says the period each value covers ("monthly_inflation")
PERIOD_PREFIXES = {
    "daily": "day",
    "weekly": "week",
    "monthly": "month",
    "quarterly": "quarter",
    "annual": "year",
    "yearly": "year",
}


def period_metric(items: list[Item], catalog: Catalog, names: list[str]) -> str | None:
    """The one metric of ``names`` whose period word matches the question's one time grain.

    Why: a model may keep one quantity per period under names that differ only in that word
    (``monthly_inflation`` / ``annual_inflation``); "每月的通胀率" (inflation by month) named
    both and was refused, although the breakdown by month says which one. Only when every
    name is <period>_<same rest>, the question has exactly one grain (按月, by month, 每月,
    年度) and exactly one name's period is that grain; without a grain the word stays asked.

    >>> from semantic_layer.catalog import CatalogMetric
    >>> cat = Catalog(metrics=(CatalogMetric("monthly_x", "M"), CatalogMetric("annual_x", "A")),
    ...               dimensions=())
    >>> month = Item("role", "每月", 0, 2, role="grainadj:month")
    >>> period_metric([month], cat, ["annual_x", "monthly_x"]), period_metric([], cat, ["annual_x", "monthly_x"])
    ('monthly_x', None)
    """
    split = [n.lower().split("_", 1) for n in names]
    if len(split) < 2 or any(len(s) < 2 or s[0] not in PERIOD_PREFIXES for s in split):
        return None
    if len({s[1] for s in split}) != 1:
        return None
    grains = {
        x.role.split(":", 1)[1]
        for x in items
        if x.kind == "role" and x.role.startswith(("grain:", "grainadj:"))
    }
    if len(grains) != 1:
        return None
    hits = [n for n, s in zip(names, split, strict=True) if PERIOD_PREFIXES[s[0]] in grains]
    return hits[0] if len(hits) == 1 else None


def unit_metric(items: list[Item], catalog: Catalog, names: list[str]) -> str | None:
    """The one metric of ``names`` counted in the unit the question names.

    Why: a model may keep one quantity in two units under labels that differ only in the unit
    ("Average Oven Temperature (°F)" / "Average Oven Temperature (°C)", ``revenue_usd`` /
    ``revenue_cny``); "average oven temperature in Fahrenheit", "平均炉温（摄氏度）" named both and
    were refused as ambiguous although the unit says which one. Only a unit word of the
    question (never a guess from the data), only when exactly one of the metrics is counted in
    one of the named units (as :func:`nl2sql.rules.units.metric_unit` reads it); a unit none
    of them has, or two of them share, decides nothing (the word stays asked).

    >>> from semantic_layer.catalog import CatalogMetric
    >>> cat = Catalog(metrics=(CatalogMetric("t_f", "Temp (°F)"), CatalogMetric("t_c", "Temp (°C)")),
    ...               dimensions=())
    >>> c = Item("role", "摄氏度", 0, 3, role="unit")
    >>> unit_metric([c], cat, ["t_f", "t_c"]), unit_metric([], cat, ["t_f", "t_c"])
    ('t_c', None)
    """
    from nl2sql.rules.units import metric_unit, unit_of_word  # lazy: units imports the catalog

    said = {
        u
        for x in items
        if x.kind == "role" and x.role == "unit" and (u := unit_of_word(x.text)) is not None
    }
    if not said:
        return None
    hits = []
    for name in names:
        m = catalog.metric(name)
        if m is not None and metric_unit(m) in said:
            hits.append(name)
    return hits[0] if len(hits) == 1 else None


def unit_twin_metric(catalog: Catalog, names: list[str]) -> str | None:
    """Of metrics that are one quantity in different units, the one the model defines first.

    Why: "average oven temperature" reached "Average Oven Temperature (°F)" and "Average Oven
    Temperature (°C)" and was refused as ambiguous, although both readings give the same quantity and the
    answer's heading states its unit. Only when every metric of ``names`` has a unit of one
    kind (a temperature, a length — never money or data sizes, whose conversions are rates or
    conventions), the units differ, the aggregation is the same and the labels are the same
    once the unit is taken out; the model's own order picks (its first-defined metric), and a
    question naming a unit is settled before this by :func:`unit_metric`.

    >>> from semantic_layer.catalog import CatalogMetric
    >>> cat = Catalog(metrics=(CatalogMetric("t_f", "Temp (°F)", agg="average"),
    ...     CatalogMetric("t_c", "Temp (°C)", agg="average"),
    ...     CatalogMetric("r_f", "Range (°F)", agg="average")), dimensions=())
    >>> unit_twin_metric(cat, ["t_c", "t_f"]), unit_twin_metric(cat, ["t_f", "r_f"])
    ('t_f', None)
    """
    from nl2sql.rules.units import metric_unit  # lazy: units imports the catalog
    from nl2sql.unit_words import kind_of

    ms = [catalog.metric(n) for n in names]
    if len(ms) < 2 or any(m is None for m in ms):
        return None
    found = [m for m in ms if m is not None]
    units = [metric_unit(m) for m in found]
    if any(u is None for u in units) or len(set(units)) != len(units):
        return None
    kinds = {kind_of(u) for u in units if u is not None}
    if len(kinds) != 1 or kinds & {"money", "data"}:
        return None
    if len({(m.metric_type, m.agg) for m in found}) != 1:
        return None
    if len({_NOTE.sub("", m.label).strip().lower() for m in found}) != 1:
        return None
    order = [m.name for m in catalog.metrics]
    return min(names, key=lambda n: order.index(n) if n in order else len(order))
