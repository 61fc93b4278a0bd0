"""A proportion word after a word of several metrics picks the one that is a proportion.

Why: "compliant share by activity" was asked back ("'compliant' could mean Found compliant or
Share found compliant") and "waiting share by workflow stage" refused (its one weak reading,
"Share of elapsed time spent waiting", was not enough alone), though the word after says
which: a share. Share, percentage, percent, proportion, fraction, rate and ratio are general
words for one thing — a part over a whole — and a model that keeps a count beside its share
names the share with one of them ("Share found compliant", ``pct_compliant``).

What is read: an unknown word whose weak readings (or, for an -ance/-ence noun, its -ant/-ent
adjective's: "compliance" of "compliant") are all metrics, followed right away by one
proportion word (the "share" role's single words, or "rate" / "ratio"), when exactly one of
those metrics is a proportion — a ratio metric, or one whose own label or measure says share,
percentage, percent, pct, proportion, fraction, rate or ratio (or "%"). The word then names that
metric and the proportion word is absorbed (shown as a bridge). Two proportion readings, or
none, leave the question as it was: asked back or refused. A word already read as one metric
("revenue share by region") is not touched — there the word asks for a share of the total —
except that an unknown "rate" / "ratio" / "pct" after a word read as one proportion metric is
absorbed: it only restates it ("month-over-month inflation rate", Monthly Inflation (%)).
"""

from __future__ import annotations

import re

from nl2sql.lexicon import normalize
from nl2sql.lexicon_base import Sense
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from nl2sql.rules.stop_compounds import COMPOUND
from semantic_layer.catalog import CatalogMetric

#: general words for a part over a whole (said after a measure word)
PROPORTION_WORDS = frozenset(
    {"share", "percentage", "percent", "pct", "proportion", "fraction", "rate", "ratio"}
)

_TOKENS = re.compile(r"[a-z]+|%")


def is_proportion(metric: CatalogMetric) -> bool:
    """Whether the metric is a part over a whole by its type, its own label (the part after a
    group's colon) or its measure's column name.

    >>> is_proportion(CatalogMetric("q_pct_ok", "Quality: Share found compliant"))
    True
    >>> is_proportion(CatalogMetric("q_ok", "Quality: Found compliant", measure_expr="ok_count"))
    False
    """
    if metric.metric_type == "ratio":
        return True
    said = f"{metric.label.rpartition(':')[2]} {metric.measure_expr}".lower().replace("_", " ")
    return bool(PROPORTION_WORDS.intersection(_TOKENS.findall(said)) or "%" in said)


def _next(items: list[Item], k: int) -> int | None:
    j = k + 1
    while j < len(items) and not items[j].text.strip():
        j += 1
    return j if j < len(items) else None


def _is_proportion_word(it: Item) -> bool:
    word = it.text.strip().lower()
    if word not in PROPORTION_WORDS:
        return False
    return (it.kind == "role" and it.role == "share") or it.kind == "unknown"


def _restated(p: ParseState) -> None:
    """Absorb an unknown "rate" / "ratio" / "pct" right after a word read as one proportion
    metric: it restates what the metric is ("Monthly Inflation (%)" said "inflation rate")."""
    for k, it in enumerate(p.all):
        j = _next(p.all, k)
        if it.kind != "domain" or j is None or p.all[j].kind != "unknown":
            continue
        if p.all[j].text.strip().lower() not in PROPORTION_WORDS:
            continue
        names = {s.name for s in it.senses if s.kind == "metric"}
        metric = p.catalog.metric(names.pop()) if len(names) == 1 == len(it.senses) else None
        if metric is not None and is_proportion(metric):
            word = p.all[j]
            p.all[j] = Item("stop", word.text, word.start, word.end)
            p.its = [x for x in p.all if x.kind != "stop"]


def _readings(p: ParseState, word: str) -> list[Sense]:
    """The word's weak readings, else those of its adjective when it is the -ance/-ence noun
    of one ("compliance rate" of "Share found compliant": the rate of being compliant)."""
    key = normalize(word)
    found = list(p.lex.clarify.get(key, []))
    for noun, adjective in (("ance", "ant"), ("ence", "ent")):
        if not found and key.endswith(noun) and len(key) > len(noun) + 3:
            found = list(p.lex.clarify.get(key[: -len(noun)] + adjective, []))
    return found


def _weak_metrics(it: Item) -> list[Sense]:
    """A particle compound's readings when each is a metric read only weakly ("on time" of
    ``pct_on_time``, ``rules.stop_compounds``): the same choice as an unknown word's weak
    readings. A term read by name is never taken ("revenue share" is a share of the total
    revenue), nor another weak term ("conversion percentage" where only a description says
    "Conversion percentage" of "CVR %": refused offering it, ``test_nl2sql_percent_metrics``)."""
    if it.role != COMPOUND:  # any other weak term ("conversion" of CVR %) stays refused
        return []
    if it.senses and all(s.kind == "metric" and not s.strong for s in it.senses):
        return list(it.senses)
    return []


def read_proportion_words(p: ParseState) -> None:
    """Read "<word> share/percentage/rate" as the one proportion among the word's metrics."""
    _restated(p)
    for k, it in enumerate(p.all):
        if it.kind not in ("unknown", "domain") or not it.text.isascii():
            continue
        senses = _readings(p, it.text) if it.kind == "unknown" else _weak_metrics(it)
        if not senses or any(s.kind != "metric" for s in senses):
            continue
        j = _next(p.all, k)
        if j is None or not _is_proportion_word(p.all[j]):
            continue
        metrics = [m for s in senses if (m := p.catalog.metric(s.name)) is not None]
        shares = [m for m in metrics if is_proportion(m)]
        if len(shares) != 1:
            continue
        (metric,) = shares
        word = p.all[j]
        p.all[k] = Item("domain", it.text, it.start, it.end, [Sense("metric", metric.name)])
        p.all[j] = Item("stop", word.text, word.start, word.end)
        said = f"{it.text.strip()} {word.text.strip()}"
        p.result.bridged.append(f"{said} → {metric.label or metric.name}")
        p.its = [x for x in p.all if x.kind != "stop"]
        return
