"""A metric named by the last word of its label alone ("revenue" for "Net Revenue").

Why: users drop a label's modifiers ("GPA" for "Final GPA", "revenue" for "Net Revenue").
The suffix rule offers such a word only in a clarification (it is what many metrics share:
"sales" of "Line Sales" beside "Sales Tax"), which refused plain questions on models where
nothing else could be meant. The word is answered on when exactly one metric ends in it and
no other metric, dimension, entity, time dimension or value of the model uses it anywhere in
its name or label (a proportion of it, "Takings Margin" beside "Net Takings", does not count: the
word there names what the margin is of); any such term keeps the clarification. The word must end the metric's
name and its label alike (`avg_p_late` labelled "Average Late Risk" has no such word: "late"
is an adjective there), and is never a past form ("placed" of "Orders placed and later returned"
says what happened to the rows, it names nothing). The bridge is shown in the
interpretation ("revenue → Net Revenue"), so the reader sees which metric answered.
"""

from __future__ import annotations

from dataclasses import replace

from nl2sql.vocabulary import morphology
from nl2sql.vocabulary.anchors import ACCEPT, Anchor
from nl2sql.vocabulary.shared_heads import PROPORTION_HEADS

#: a metric's uncontested head word: understood, but below every phrase of two words or more
#: and below a thesaurus neighbour of a whole name (0.85), so any of those wins a tie
HEAD_ALONE = 0.7
#: the model's own wording: what can contest a head word
_OWN = frozenset({"name", "label", "qualifier"})


def promote_uncontested_heads(anchors: list[Anchor]) -> list[Anchor]:
    """``anchors`` with each uncontested one-word metric suffix raised to :data:`HEAD_ALONE`.

    >>> a = [Anchor("net revenue", "metric", "net_revenue", None, "Net Revenue", "name", 1.0),
    ...      Anchor("revenue", "metric", "net_revenue", None, "Net Revenue", "suffix", 0.55)]
    >>> [x.score for x in promote_uncontested_heads(a)]
    [1.0, 0.7]
    >>> b = a + [Anchor("revenue band", "dimension", "o__revenue_band", None, "r", "name", 1.0)]
    >>> [x.score for x in promote_uncontested_heads(b)]
    [1.0, 0.55, 1.0]
    >>> c = a + [Anchor("revenue margin", "metric", "rev_margin", None, "r", "label", 1.0)]
    >>> [x.score for x in promote_uncontested_heads(c)]  # a proportion of it does not contest
    [1.0, 0.7, 1.0]
    """
    owners: dict[str, set[tuple[str, str]]] = {}
    finals: dict[str, set[str]] = {}  # metric -> the last words of its name and label
    for a in anchors:
        if a.source in _OWN:
            words = a.phrase.split()
            for w in words:
                if a.kind == "metric" and w != words[-1] and words[-1] in PROPORTION_HEADS:
                    continue  # "takings" of "Takings Margin" is what the margin is of
                owners.setdefault(w, set()).add((a.kind, a.name))
        if a.kind == "metric" and a.source in ("name", "label"):
            finals.setdefault(a.name, set()).add(a.phrase.split()[-1])
    restricting = _restricting_words(anchors)
    modifiers: dict[str, set[str]] = {}  # metric -> the words before the head of its label
    for a in anchors:
        if a.kind == "metric" and a.source in ("name", "label"):
            modifiers.setdefault(a.name, set()).update(a.phrase.split()[:-1])
    out = []
    for a in anchors:
        if (
            a.kind == "metric"
            and a.source == "suffix"
            and " " not in a.phrase
            and a.score < ACCEPT
            and finals.get(a.name) == {a.phrase}
            and owners.get(a.phrase) == {("metric", a.name)}
            # "emergency visits" counts the visits of one kind: "visits" alone are all of
            # them, which this metric is not
            and not modifiers.get(a.name, set()) & restricting
            # a participle ends a label that says what happened to the rows ("orders placed
            # and later returned"), it does not name the metric
            and not morphology.is_past(a.phrase)
        ):
            a = replace(a, source="head", score=HEAD_ALONE)
        out.append(a)
    return out


def _restricting_words(anchors: list[Anchor]) -> frozenset[str]:
    """One-word values of the model's categorical dimensions and the words of its yes/no
    dimensions ("emergency" of a value or of `is_emergency`): a label modifier that is one of
    them picks some of the rows, so the label's head alone names more than the metric.

    >>> sorted(_restricting_words([
    ...     Anchor("emergency", "value", "v__kind", "emergency", "e", "name", 1.0),
    ...     Anchor("is member", "dimension", "c__is_member", None, "is member", "name", 1.0)]))
    ['emergency', 'member']
    """
    out: set[str] = set()
    for a in anchors:
        words = a.phrase.split()
        if a.kind == "value" and a.source == "name" and len(words) == 1:
            out.add(words[0])
        elif a.kind == "dimension" and a.source == "name" and words[:1] in (["is"], ["has"]):
            out.update(words[1:])
    return frozenset(out)
