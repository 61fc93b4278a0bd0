"""A Chinese word before a metric phrase several metrics share, naming the label word that only
some of them have: the question means those ("住院平均总支付" is the inpatient average total
payments, not the outpatient ones).

Why: a model that publishes one quantity per kind labels them "<Kind> <quantity>" (Inpatient /
Outpatient Avg Total Payments). The Chinese analyst says the kind as a modifier before the
quantity; the quantity alone (总支付) reads every kind, and the modifier (住院) is no model term
by itself — the dictionaries and the industry glossary render the label word "inpatient" as 住院,
but only whole labels became terms — so the question was refused, or asked back among all the
kinds. Here the word standing right before the metric phrase (的 or 平均 may stand between) is
kept as a modifier when it renders exactly one label word (the industry glossary of the model's
own industries, CC-CEDICT or ECDICT, whole word only) and the readings whose label has that word
are some, not all, of the phrase's readings; the phrase keeps those readings, and the grain and
tie rules that follow pick among them as they do for any metric phrase.

A word that is itself read as a metric (门诊, CC-CEDICT's "outpatient service") is taken as the
modifier only when its own metric's label has the same word: the kind said twice, not a second
metric. Anything else — no label word rendered, two words naming different subsets, every
reading or none having the word — is left as it was (asked back or refused).
"""

from __future__ import annotations

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item
from nl2sql.rules.partial_before_metric import label_words
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.chinese import glossary, model_industries
from nl2sql.vocabulary.compose_zh import word_keys
from nl2sql.vocabulary.english import singular
from nl2sql.vocabulary.industries import catalog_industries
from nl2sql.vocabulary.renderings import chinese_renderings
from semantic_layer.catalog import Catalog

#: items that may stand between the modifier and the metric phrase: 的, and 平均 (said inside
#: "平均总支付" before a metric that is itself an average)
_BETWEEN = frozenset({"的", "平均"})
#: the fewest characters of a modifier (one character renders too many English words)
MIN_CHARS = 2


def renders(zh: str, word: str, catalog: Catalog) -> bool:
    """Whether ``zh`` is, whole, a Chinese rendering of the English ``word``: the industry
    glossary for the model's own industries, or any CC-CEDICT / ECDICT sense.

    >>> from semantic_layer.catalog import CatalogDimension, CatalogEntity, CatalogMetric
    >>> cat = Catalog(
    ...     metrics=(CatalogMetric("inpatient_days", "Inpatient days"),),
    ...     dimensions=(CatalogDimension("admission__ward", "Ward"),),
    ...     entities=(CatalogEntity("patient", "patient"),),
    ... )
    >>> renders("住院", "inpatient", cat), renders("患者", "patient", cat)
    (True, True)
    >>> renders("住院", "outpatient", cat)
    False
    """
    if len(zh) < MIN_CHARS:
        return False
    forms = {word, singular(word), *word_keys(word)}  # covered: cover, too
    with model_industries(catalog_industries(catalog)):
        table = glossary()
        said = {w for f in forms for w, _score, _alone in table.get(f, ())}
    return zh in said or any(zh in chinese_renderings(f) for f in forms)


def _words(catalog: Catalog, name: str) -> set[str]:
    m = catalog.metric(name)
    text = (m.label or m.name) if m is not None else name
    return {singular(w) for w in label_words(text)}


def modifier_subset(catalog: Catalog, zh: str, names: list[str]) -> tuple[str, list[str]] | None:
    """(the label word ``zh`` renders, the readings whose label has it), when exactly one
    subset, neither empty nor all of ``names``, is named."""
    words = {n: _words(catalog, n) for n in names}
    shared = set().union(*words.values())
    picks: dict[frozenset[str], str] = {}
    for w in sorted(shared):
        having = frozenset(n for n in names if w in words[n])
        if len(having) == len(names) or not renders(zh, w, catalog):
            continue
        picks.setdefault(having, w)
    if len(picks) != 1:
        return None
    ((having, word),) = picks.items()
    return word, [n for n in names if n in having]


def _readings(p: ParseState, x: Item) -> list[Sense]:
    """A phrase's metric readings: a term's senses, or an unknown word's weak readings
    (费用, which several "… Charges" labels render)."""
    if x.kind == "unknown" and x.text.isascii():
        return []
    senses = p.metric_readings(x)
    return senses if len(senses) >= 2 else []


def _phrase_after(p: ParseState, k: int) -> int | None:
    """Index of the metric phrase read as several metrics after item ``k``, with only stop
    words (的, or words already read into the phrase) and 平均 between; None otherwise."""
    for j in range(k + 1, min(len(p.all), k + 5)):
        x = p.all[j]
        if x.kind == "stop" or (x.kind == "role" and x.text.strip() in _BETWEEN):
            continue  # 的, or a word already read into the phrase (加权: a description's)
        return j if _readings(p, x) else None
    return None


def settle_modifier_subsets(p: ParseState) -> None:
    """Keep, of a metric phrase's readings, those whose label has the word the Chinese
    modifier before it renders; the modifier becomes part of the phrase's reading. Again
    while one settles: 住院 | 平均 | 覆盖 | 费用 settles 覆盖费用 first, then 住院 before it."""
    for _ in range(len(p.all)):
        if not _settle_one(p):
            return


def _settle_one(p: ParseState) -> bool:
    for k, it in enumerate(p.all):
        said = it.text.strip()
        if it.text.isascii() or len(said) < MIN_CHARS:
            continue
        if it.kind == "domain":
            if not it.senses or any(s.kind != "metric" for s in it.senses):
                continue
        elif it.kind != "unknown":
            continue
        j = _phrase_after(p, k)
        if j is None:
            continue
        phrase = p.all[j]
        readings = _readings(p, phrase)
        names = list(dict.fromkeys(s.name for s in readings))
        got = modifier_subset(p.catalog, said, names)
        if got is None:
            continue
        word, kept = got
        if it.kind == "domain" and not all(word in _words(p.catalog, s.name) for s in it.senses):
            continue  # a metric of its own, not the kind said again
        # a description's word read into the phrase between them (加权: the "weighted" ones)
        said_between = [x for x in p.all[k + 1 : j] if x.kind == "stop" and x.senses]
        for x in said_between:
            named = {s.name for s in x.senses if s.kind == "metric"}
            kept = [n for n in kept if n in named] or kept
        p.all[j] = Item(
            "domain", phrase.text, phrase.start, phrase.end,
            senses=[s for s in readings if s.name in kept],
        )  # fmt: skip
        p.all[k] = Item("stop", it.text, it.start, it.end)
        p.its = [x for x in p.all if x.kind != "stop"]
        p.result.bridged.append(f"{said} → {word}")
        return True
    return False
