"""A metric named by its label's modifier when the head word is one many metrics share.

Why: in a model where a dozen labels end in the same word ("Quota ARR", "Open pipeline ARR",
"Weighted pipeline ARR", "New ARR"), that word says nothing about which metric is meant and
users leave it out: "total quota", "open pipeline by stage", "weighted pipeline by team". The
words before the shared head are a bridge to the metric when no other term of the model says
them (name, label or a dimension value), the head is no generic word ("Rental value",
"Average rental value", "Max rental value": "average rentals" is not the average value), they
are not one general word ("new": dropped with
every general word by ``nl2sql.vocabulary.bridges``) and not a past
form ("won" of "Won opps", which says what happened to the rows). Shown in the interpretation
("quota → Quota ARR ($)").
"""

from __future__ import annotations

from nl2sql.counters import QUANTITY_WORDS
from nl2sql.vocabulary import morphology
from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.english import GENERIC_HEADS, PREPOSITIONS

#: heads ending this many metric labels or more say nothing about which one is meant
SHARED = 3
#: understood, below any phrase the model itself says, as an uncontested head word is
MODIFIER = 0.7
#: a shared head that is a unit of quantity ("Free Sample Units", "Return Units", "Market
#: Units"): the modifier is what is counted and Chinese says just it, or it with 数量
#: (免费样品数量), so it names the metric as surely as the label's own suffix does; at
#: :data:`MODIFIER` its word-by-word Chinese (免费样品) fell below acceptance and stayed unknown
QUANTITY_MODIFIER = 0.9
#: the quantity words as anchors write them (singular)
_QUANTITY_HEADS = QUANTITY_WORDS | {"unit", "piece"}
#: heads that make a proportion of what the modifier counts: "win" of "Win rate" is the wins,
#: never the rate, so such a modifier is not read as the metric
PROPORTION_HEADS = frozenset(
    "rate ratio percent percentage pct share margin multiple coverage retention".split()  # noqa: SIM905
)
#: the model's own wording (what contests a modifier phrase)
_OWN = frozenset({"name", "label", "qualifier"})


def shared_head_anchors(anchors: list[Anchor], values: set[str]) -> list[Anchor]:
    """Modifier anchors for the metrics whose labels end in a shared head (see the module).

    >>> own = [Anchor(p, "metric", n, None, p, "label", 0.95) for p, n in [
    ...     ("quota arr", "quota_arr"), ("open pipeline arr", "open_pipeline_arr"),
    ...     ("new arr", "new_arr"), ("churn arr", "churn_arr"), ("pipeline coverage", "cov")]]
    >>> [(a.phrase, a.name) for a in shared_head_anchors(own, {"churn"})]  # "new": see bridges
    [('quota', 'quota_arr'), ('open pipeline', 'open_pipeline_arr'), ('new', 'new_arr')]
    >>> vals = [Anchor(p, "metric", p, None, p, "label", 0.95) for p in
    ...     ["rental value", "average rental value", "max rental value"]]
    >>> shared_head_anchors(vals, set())  # "average rentals" is no average rental value
    []
    >>> rates = [Anchor(p + " rate", "metric", p, None, p, "label", 0.95) for p in "abc"]
    >>> shared_head_anchors(rates, set())  # "a" of "a rate" counts a's, it is not the rate
    []
    >>> other = own + [Anchor("quota", "dimension", "team__quota", None, "Quota", "name", 1.0)]
    >>> [a.phrase for a in shared_head_anchors(other, set())]
    ['open pipeline', 'new', 'churn']
    """
    # a label without a parenthesised note is anchored as "name", with one as "label"
    labels = [a for a in anchors if a.kind == "metric" and a.source in ("name", "label")]
    heads: dict[str, set[str]] = {}
    for a in labels:
        heads.setdefault(a.phrase.split()[-1], set()).add(a.name)
    said = [(f" {a.phrase} ", a.name) for a in anchors if a.source in _OWN]
    out: list[Anchor] = []
    seen: set[tuple[str, str]] = set()
    for a in labels:
        words = a.phrase.split()
        if len(words) < 2 or len(heads[words[-1]]) < SHARED or words[-1] in PROPORTION_HEADS:
            continue
        if GENERIC_HEADS.intersection(words):
            # "rental value" is no number of rentals, "average rental" no rental: a
            # generic head (value, amount, count, total) or aggregation word stays said
            continue
        if PREPOSITIONS.intersection(words):  # "revenue per user": the head comes first
            continue
        modifier = " ".join(words[:-1])
        if (modifier, a.name) in seen:
            continue
        seen.add((modifier, a.name))
        if modifier in values or (len(words) == 2 and morphology.is_past(words[0])):
            continue
        # said by no other term: only this metric's own name and label hold the words
        if any(f" {modifier} " in text for text, name in said if name != a.name):
            continue
        score = QUANTITY_MODIFIER if words[-1] in _QUANTITY_HEADS else MODIFIER
        out.append(Anchor(modifier, "metric", a.name, None, a.via, "shared head", score))
    return out
