"""Which of a model's metrics a question is about, when the word that named one is unknown.

Why its own module: the suggestions for a refused question (:mod:`nl2sql.rules.suggest`) put
these metrics in place of the unknown word, and how they are ranked — by the entities,
dimensions, values and English words the question does name, an average asked for, a Chinese
word that renders a metric's English — is a job of its own, tested on its own.
"""

from __future__ import annotations

import re

from nl2sql.lexicon import Lexicon, Sense, normalize, segment
from nl2sql.normalize import has_cjk
from nl2sql.vocabulary.english import singular
from nl2sql.vocabulary.renderings import renders
from semantic_layer.catalog import Catalog, CatalogMetric


def _named_senses(question: str, lex: Lexicon) -> list[Sense]:
    """The model senses the question's own words name (runs of up to four words)."""
    units = [u for u in (normalize(w) for w in segment(question, lex)) if u.strip()]
    found: list[Sense] = []
    for size in (4, 3, 2, 1):
        for i in range(len(units) - size + 1):
            for sense in lex.lookup(tuple(units[i : i + size])) or []:
                if sense not in found:
                    found.append(sense)
    return found


_WORD = re.compile(r"[a-z][a-z0-9]+")


def english_words(text: str) -> set[str]:
    """The English words of ``text``, lower case and singular: how suggestions compare texts."""
    return {singular(w) for w in _WORD.findall(text.lower())}


#: general words that ask for an average (and the model's words that name one)
AVERAGE = re.compile(r"\baverage\b|\bmean\b|\bavg\b|平均|均值|人均", re.IGNORECASE)


def related_metrics(
    question: str, lex: Lexicon, catalog: Catalog, unknown: list[str] | tuple[str, ...] = ()
) -> list[str]:
    """The model's metrics, those related to what ``question`` names first.

    Why rank: when a question's key word is unknown, the metrics of the *thing it talks about*
    ("average claim size by line of business": claims) are the likely readings, not the first
    metrics of the file. Related, in order of weight: the metric itself is named (3); the
    question asks for an average (average, mean, 平均, 人均) and the metric is one (3); it
    counts a named entity (2); a named dimension or value is one it can be broken down by, when
    not every metric can (1); it shares an English word with the question (1 each); an
    ``unknown`` Chinese word of the question renders, in either dictionary, a word of its
    name or label (2) or of its description (1) (:mod:`nl2sql.vocabulary.renderings`: 传球 ->
    "passes"). Ties keep the model's order.

    >>> from semantic_layer.catalog import Catalog, CatalogMetric, CatalogEntity
    >>> cat = Catalog(metrics=(CatalogMetric("premium", "Written Premium"),
    ...     CatalogMetric("claim_count", "Claim Count", counts="claim"),
    ...     CatalogMetric("severity", "Claim Severity", description="Average claim amount.")),
    ...     dimensions=(), entities=(CatalogEntity("claim", "Claim"),))
    >>> from nl2sql.lexicon import build_lexicon
    >>> related_metrics("average claim size", build_lexicon(cat), cat)
    ['severity', 'claim_count', 'premium']
    >>> related_metrics("各州的赔案件数", build_lexicon(cat), cat, ["赔案件数"])[0]
    'claim_count'
    """
    senses = _named_senses(question, lex)
    averaged = bool(AVERAGE.search(question))
    words = english_words(question)
    named = {s.name for s in senses if s.kind == "metric"}
    dims_named = {s.name for s in senses if s.kind in ("dimension", "value")}
    entities = {s.name.split("__")[-1] for s in senses if s.kind == "entity"}
    metrics = list(catalog.metrics)
    shared = {d for d in dims_named if all(d in m.dimensions for m in metrics)}
    chinese = [w for w in unknown if has_cjk(w)]

    def score(m: CatalogMetric) -> int:
        s = 3 * (m.name in named)
        s += 2 * bool(m.counts and m.counts.split("__")[-1] in entities)
        s += sum(1 for d in dims_named - shared if d in m.dimensions)
        text = " ".join([m.name.replace("_", " "), m.label, m.description])
        s += len(words & english_words(text))
        if averaged and is_average(m, text):
            s += 3  # "average …" asks for an average: the model's averages come first
        if chinese:
            named_by = english_words(m.name.replace("_", " ") + " " + m.label)
            s += sum(
                2 if renders(w, named_by) else renders(w, english_words(m.description))
                for w in chinese
            )
        return s

    # sorted is stable: ties keep the model's order, plainer metrics first (:func:`plainness`)
    return [m.name for m in sorted(metrics, key=lambda m: (-score(m), plainness(m)))]


def plainness(metric: CatalogMetric) -> int:
    """0 for a simple metric, 1 a ratio, derived or conversion one, 2 a running total or any
    cumulative or windowed one: among metrics the question relates equally, the plainer reading
    first (then the model's order).

    Why: a model may declare its running totals and period-over-period metrics first, and with
    nothing in the question to rank by, "上个月的毛利" was offered as "上个月的Revenue Running
    Total" (a total since the beginning of time), "Revenue Earned Before Trailing 30 Days" next.

    >>> plainness(CatalogMetric("rt", "Revenue Running Total", metric_type="cumulative"))
    2
    >>> plainness(CatalogMetric("margin", "Margin")), plainness(CatalogMetric("t", "T", metric_type="derived"))
    (0, 1)
    """
    if metric.running or metric.windowed or metric.metric_type == "cumulative":
        return 2
    return int(metric.metric_type != "simple")


def is_average(metric: CatalogMetric | None, words: str) -> bool:
    """Whether a metric is an average: its aggregation, or ``words`` naming it say so."""
    return bool(metric and metric.agg in ("average", "avg")) or bool(AVERAGE.search(words))
