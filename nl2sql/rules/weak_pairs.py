"""Two words of a question, each read weakly as metrics, that together name one of them.

Why: "how much inventory value is currently on hand" reads "inventory value" as three
inventory values and "on hand" (``rules.stop_compounds``) as five on-hand metrics; the
question was asked back ("'inventory value' is ambiguous"), though only two metrics fit both
words and only one of those, On-Hand Inventory Value, is the label the question says in full
(Average On-Hand Inventory Value has a word it does not say). Likewise "units on hand" (the
quantities "units" reaches and the on-hand metrics share only On-Hand Quantity) and
"applications still open" ("applications" reaches the finished and arrived counts, "open" the
open and the overdue ones; the metric whose own column, ``applications_open``, both words
spell is the open one), and "excess and obsolete inventory value" (the one metric "excess and
obsolete" names is described as an inventory value).

What is read: exactly two items each read only weakly as metrics (an unknown word's weak
readings, a term whose every reading is a weak metric, or a verb whose readings are: "open"
of ``applications_open``), no metric named by name in the
question and no "and" / "or" / "vs" between them. The metrics both read, else the metrics
either reads whose own words (label, name, measure) spell both items' words, else the one
reading of one item whose description says the other item's words; when one is
left, or when exactly one of several has its label said in full (else its measure column),
both items are that metric. Anything else is left as it was: asked back.
"""

from __future__ import annotations

from nl2sql.lexicon import normalize
from nl2sql.lexicon_base import Sense
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from nl2sql.rules.stop_compounds import COLUMN, WORDS, spelled_words
from nl2sql.vocabulary import morphology
from nl2sql.vocabulary.english import singular
from semantic_layer.catalog import CatalogMetric

#: words that join two metrics instead of narrowing one
_JOINING = frozenset({"and", "or", "vs", "versus", ",", "plus", "&"})


def word_forms(word: str) -> set[str]:
    """A word's lower case, singular and verb lemmas ("called" → call).

    >>> sorted(word_forms("Applications"))
    ['application', 'applications']
    """
    w = word.lower()
    return {w, singular(w), *morphology.verb_lemmas(w)}


def _weak(p: ParseState, it: Item) -> list[Sense]:
    if not it.text.isascii():
        return []
    if it.kind == "unknown":
        senses = list(p.lex.clarify.get(normalize(it.text), []))
    elif (it.kind == "domain" or it.role == "verb") and not any(s.strong for s in it.senses):
        senses = list(it.senses)
    else:
        return []
    return senses if senses and all(s.kind == "metric" for s in senses) else []


def _spells_all(metric: CatalogMetric, words: list[str]) -> bool:
    """Whether every word is among the metric's own words (by form)."""
    own = {f for run in spelled_words(metric) for w in run for f in word_forms(w)}
    return all(word_forms(w) & own for w in words)


def _said_in_full(run: list[str], said: set[str]) -> bool:
    return bool(run) and all(word_forms(w) & said for w in run)


def _own_runs(metric: CatalogMetric) -> tuple[list[str], list[str]]:
    """The metric's label words (after a group's colon) and its bare measure column's words."""
    label = WORDS.findall(metric.label.rpartition(":")[2].lower())
    column = metric.measure_expr if COLUMN.fullmatch(metric.measure_expr) else ""
    return label, WORDS.findall(column.lower())


def _one_said_in_full(metrics: list[CatalogMetric], said: set[str]) -> CatalogMetric | None:
    """The one metric whose label the question says in full, else the one whose measure
    column it says in full."""
    for tier in (0, 1):
        full = [m for m in metrics if _said_in_full(_own_runs(m)[tier], said)]
        if len(full) == 1:
            return full[0]
    return None


def _described_by_the_other(
    one: tuple[Item, list[Sense]], two: tuple[Item, list[Sense]], p: ParseState
) -> list[CatalogMetric]:
    """The one reading of one item whose description says the other item's words as they
    stand ("excess and obsolete" of a metric described "Period-end inventory value for …",
    said with "inventory value")."""
    for (_, senses), (other, _) in ((one, two), (two, one)):
        m = p.catalog.metric(senses[0].name) if len(senses) == 1 else None
        said = WORDS.findall(other.text.lower())
        described = WORDS.findall(m.description.lower()) if m is not None else []
        n = len(said)
        if m is not None and n and any(described[i : i + n] == said for i in range(len(described))):
            return [m]
    return []


def settle_weak_pairs(p: ParseState) -> None:
    """Read two weak items as the one metric both name (see the module docstring)."""
    if any(
        it.kind == "domain" and any(s.kind == "metric" and s.strong for s in it.senses)
        for it in p.its
    ):
        return
    weak = [(k, it, _weak(p, it)) for k, it in enumerate(p.all)]
    weak = [(k, it, senses) for k, it, senses in weak if senses]
    if len(weak) != 2:
        return
    (ka, a, sa), (kb, b, sb) = weak
    if any(x.text.strip().lower() in _JOINING or x.role in ("and", "or") for x in p.all[ka:kb]):
        return
    names_a, names_b = [s.name for s in sa], [s.name for s in sb]
    common = [n for n in names_a if n in names_b]
    if not common:
        words = normalize(a.text).split() + normalize(b.text).split()
        common = [
            n
            for n in dict.fromkeys(names_a + names_b)
            if (m := p.catalog.metric(n)) is not None and _spells_all(m, words)
        ]
    metrics = [m for n in common if (m := p.catalog.metric(n)) is not None]
    if not metrics:
        metrics = _described_by_the_other((a, sa), (b, sb), p)
    if not metrics:
        return
    said = {f for x in p.all for w in normalize(x.text).split() for f in word_forms(w)}
    metric = metrics[0] if len(metrics) == 1 else _one_said_in_full(metrics, said)
    if metric is None:
        return
    sense = Sense("metric", metric.name, strong=False, via=metric.label)
    p.all[ka] = Item("domain", a.text, a.start, a.end, [sense])
    p.all[kb] = Item("stop", b.text, b.start, b.end)
    p.its = [x for x in p.all if x.kind != "stop"]
