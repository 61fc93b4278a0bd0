"""Which way is bad for a metric: "the worst no-show rate" is the highest one.

Why: "best" and "worst" rank by whether a higher or a lower value is better, which a model
almost never states. Guessing "higher is better" answers "the worst cancellation rate" with
the lowest one — a wrong answer, worse than a refusal. But a metric whose own words name a
thing nobody wants (a fault, a delay, a cancellation, waiting, a no-show) says it plainly: more
of it is worse. So a metric is *adverse* when its label, or its description where that names
one quantity, says such a thing; "best" then ranks from the lowest value and "worst" from the
highest. Any other metric — and a ratio whose description names an adverse thing on one side
only ("Cost of goods sold divided by average inventory", where more turns are better) — is
left as it was: "best/worst" refused, asking for the highest or the lowest.

The adverse words are general English (the kinds of trouble any operation counts), compared
by lemma; a hyphenated "no-…" / "non-…" word ("no-show", "non-compliant") is adverse by its
negation. A word one or two words after a word that turns it around ("without delay", "time
between failures", "not in outage", "free of defects") does not count, nor a negated trouble
("non-cancelled").

>>> from semantic_layer.catalog import CatalogMetric as M
>>> lower_is_better(M("no_show_rate", "No-Show Rate", "Share of visits that were no-shows"))
True
>>> lower_is_better(M("cancel_rate", "Cancellation Rate", "Percentage of bookings cancelled"))
True
>>> lower_is_better(M("uptime", "Average uptime", "Share of time that was up, not in outage"))
False
>>> lower_is_better(M("mttr", "Hours per Failure", "Repair hours divided by failures"))
False
>>> lower_is_better(M("ordered", "Ordered Quantity", "Units on non-cancelled lines"))
False
>>> lower_is_better(M("mtbf", "Mean Time Between Failures", "Average hours between failures"))
False
>>> lower_is_better(M("revenue", "Revenue", "Sum of order revenue"))
False
"""

from __future__ import annotations

import functools
import re

from nl2sql.vocabulary.morphology import derived_from, noun_lemmas, verb_lemmas
from semantic_layer.catalog import CatalogMetric

#: general-English names of trouble, as lemmas (noun or verb): more of any of them is worse
ADVERSE_LEMMAS = frozenset(
    {
        "abandon",
        "accident",
        "backlog",
        "breach",
        "cancel",
        "complaint",
        "churn",
        "defect",
        "delay",
        "dispute",
        "downtime",
        "error",
        "fail",
        "failure",
        "fault",
        "fraud",
        "idle",
        "incident",
        "injury",
        "late",
        "lateness",
        "loss",
        "miss",
        "outage",
        "overdue",
        "penalty",
        "queue",
        "reject",
        "rejection",
        "shortage",
        "unavailable",
        "unfilled",
        "unpaid",
        "unresolved",
        "unsuccessful",
        "violation",
        "wait",
        "waste",
    }
)

#: words that turn the next word around or put it on the other side of a ratio: "without
#: delay", "time between failures", "hours per failure", "resolved before breach"
_TURNING = frozenset(
    {"without", "between", "free", "avoided", "prevented", "no", "not", "never", "per", "before"}
)

#: where a text's first quantity ends: "Critical fault events divided by all fault events"
_DENOMINATOR = re.compile(r"\bdivided by\b|\bper\b|/|\bover\b", re.IGNORECASE)

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def _is_adverse(word: str) -> bool:
    """A word naming trouble: by lemma, by the verb of its -ion/-ure noun, or a negated
    hyphenated compound ("no-show", "non-compliant")."""
    head, _, rest = word.partition("-")
    if head in ("no", "non") and len(rest) >= 3:
        return not _is_adverse(rest)  # "non-compliant" is trouble, "non-cancelled" is not
    for part in word.split("-"):
        forms = {part, *verb_lemmas(part), *noun_lemmas(part)}
        forms |= {base for f in tuple(forms) if (base := derived_from(f))}
        if forms & ADVERSE_LEMMAS:
            return True
    return False


def _says_adverse(text: str) -> bool:
    """Whether the text's first quantity (before "divided by", "per", "/", "over") names
    trouble, not turned around by the word before it."""
    words = _WORD.findall(_DENOMINATOR.split(text.lower(), maxsplit=1)[0])
    return any(
        _is_adverse(word) and not _TURNING.intersection(words[max(0, k - 2) : k])
        for k, word in enumerate(words)
    )


@functools.lru_cache(maxsize=4096)
def _adverse(label: str, description: str) -> bool:
    # "Delay Analysis: How often the stage ran": the group name before a label's colon is the
    # source table's, not this metric's
    return _says_adverse(label.rpartition(":")[2]) or _says_adverse(description)


def lower_is_better(metric: CatalogMetric) -> bool:
    """Whether the metric's own words say more of it is worse (see the module doc)."""
    return _adverse(metric.label or "", metric.description or "")
