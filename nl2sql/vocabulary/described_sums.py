"""A metric's description that spells out what it sums ("Sum of expected goals against.").

Why: owners abbreviate labels and names ("Team xGoals Against", ``team_xgoals_against_total``)
and write the words out in the description. "expected goals against by team" matched only
"expected goals" (another metric) and dropped "against": a wrong answer; 预期失球 had no term.
The description's own "Sum of <phrase>" names the metric as its label does, at a
description's confidence, when the phrase ends in the label's (or name's) head word — the
same thing said in full, not other context ("Sum of goals scored" of "Total Goals" ends in
"scored" and gives nothing).
"""

from __future__ import annotations

import re

from nl2sql.vocabulary.aggregate_heads import DESCRIPTION_TRAILING
from nl2sql.vocabulary.anchors import DESCRIPTION, Anchor
from nl2sql.vocabulary.english import name_words, singular
from semantic_layer.catalog import CatalogMetric

_LEAD = re.compile(r"^(?:the\s+)?(?:sum|total|count|number)\s+of\s+(?:the\s+|all\s+)?", re.I)
_TAIL = re.compile(r"[.;,(:\n]")
#: a phrase ending in a word that opens a breakdown ("for each", "by", "per") would take that
#: word from the question's grouping: "expected goals for each player" read "Sum of expected
#: goals for" (Team xGoals For) and refused the player breakdown
_GROUP_STARTS = frozenset({"for", "by", "per", "across"})


def _head(text: str) -> str:
    words = [singular(w) for w in name_words(text)]
    while words and words[-1] in DESCRIPTION_TRAILING:
        words.pop()
    return words[-1] if words else ""


def described_sum_anchors(m: CatalogMetric) -> list[Anchor]:
    """The anchor a "Sum of …" description gives ``m`` (see the module doc).

    >>> m = CatalogMetric("team_xgoals_against_total", "Team xGoals Against",
    ...     description="Sum of expected goals against. Used as input to team_xgoals_pct.")
    >>> [a.phrase for a in described_sum_anchors(m)]
    ['expected goal against', 'expected goals against']
    >>> described_sum_anchors(CatalogMetric("xgf", "Team xGoals For",
    ...     description="Sum of expected goals for."))
    []
    >>> m = CatalogMetric("total_goals", "Total Goals", description="Sum of goals scored.")
    >>> described_sum_anchors(m)
    []
    """
    first = (m.description or "").strip()
    lead = _LEAD.match(first)
    if not lead:
        return []
    phrase = _TAIL.split(first[lead.end() :], maxsplit=1)[0]
    said = name_words(phrase)
    words = [singular(w) for w in said]
    if not 2 <= len(words) <= 5:
        return []
    heads = {_head(m.label or ""), _head(m.name)} - {""}
    if words[-1] not in heads or words[-1] in _GROUP_STARTS:
        return []
    # as written too: a plural inside the phrase ("goals against") is no plural of its end
    return [
        Anchor(" ".join(ws), "metric", m.name, None, m.label, "description", DESCRIPTION)
        for ws in dict.fromkeys((tuple(words), tuple(said)))
    ]
