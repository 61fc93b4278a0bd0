"""A metric named by a noun of its label that nothing else in the model uses ("downtime").

Why: users name a metric by its one telling word: "downtime by machine family" for "Average
Downtime Hours per Machine". The word is neither the label's last word (the uncontested head,
:mod:`nl2sql.vocabulary.heads`) nor one of its suffixes, so the question was refused although
nothing else could be meant. The word is answered on under the same conditions as a head word,
and scores as one (:data:`~nl2sql.vocabulary.heads.HEAD_ALONE`, below any phrase of two words):

* it is a noun and no adjective or past form ("active" of "Active Members", "maintained" of
  "Maintained Machine Count" say which rows, they name no measure), no generic head word
  ("total", "rate", "number") and no aggregation word;
* no other metric, dimension, entity, time dimension or value uses it anywhere in its name or
  label ("maintenance" of "Total Maintenance Cost" beside a "Maintenance Cost per Machine" and
  a "maintenance date" stays a clarification);
* the metric's name and its label both say it (``shipping_fee_income`` labelled "Shipping
  fees charged" is no "income" of the model's), and no grammar word stands before it in the
  label ("receipt" of "Refunds without receipt" is what the refunds lack);
* of a rate or ratio ("Cancellation Rate") only a word that names a ratio itself
  ("utilization" of "Fleet Utilization Rate"): "cancellations" asks for a count;
* of a published metric only: a measure the owner published no metric for is reached by its
  whole name, part of it is offered (``semantic_layer.implied``).

English only: its Chinese would be a guess on a guess (收入 from "income" made 上个月收入
ambiguous on the built-in model), so :mod:`nl2sql.vocabulary.chinese_anchors` skips it.

The bridge is shown in the interpretation ("downtime → Average Downtime Hours per Machine").
"""

from __future__ import annotations

from nl2sql.vocabulary import morphology
from nl2sql.vocabulary.aggregate_heads import SUMMED_THING_HEADS
from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.english import GENERIC_HEADS, name_words, singular
from nl2sql.vocabulary.heads import HEAD_ALONE
from nl2sql.vocabulary.label_cores import RATIO_WORDS
from nl2sql.vocabulary.participles import LEAD_WORDS

#: the model's own wording: what can contest a word
_OWN = frozenset({"name", "label", "qualifier"})
#: the shortest word read alone (shorter ones are codes and abbreviations: "usd", "kwh")
MIN_LETTERS = 5
#: a label's last word that makes the metric a proportion (see the module note)
_PROPORTION_HEADS = frozenset({"rate", "ratio", "%", "percent", "percentage", "pct", "share"})
#: grammar words after which a label word says what the rows lack or relate to
_GRAMMAR = frozenset({"without", "with", "of", "per", "by", "for", "from", "non", "no", "not"})
#: the source of these anchors (chinese_anchors leaves them in English)
SOURCE = "sole word"


def _plain_noun(word: str) -> bool:
    """A noun that is no adjective, past form or generic word ("downtime", not "active")."""
    return (
        len(word) >= MIN_LETTERS
        and word.isalpha()
        and word not in GENERIC_HEADS
        and word not in LEAD_WORDS
        and bool(morphology.noun_lemmas(word))
        and not morphology.adjective_lemmas(word)
        and not morphology.is_past(word)
    )


def sole_word_anchors(anchors: list[Anchor], metrics: list[tuple[str, str]]) -> list[Anchor]:
    """An anchor for each label noun of a metric that only that metric's name and label use.

    ``anchors`` are the model's own (names, labels and their parts: what may contest a word);
    ``metrics`` the (name, label) pairs.

    >>> label = "Average Downtime Hours per Machine"
    >>> a = [Anchor("average downtime hour per machine", "metric", "d", None, label, "name", 1.0),
    ...      Anchor("machine", "entity", "machine", None, "machine", "name", 1.0)]
    >>> [(x.phrase, x.score) for x in sole_word_anchors(a, [("d", label)])]  # not in the name
    []
    >>> a[0] = Anchor(a[0].phrase, "metric", "avg_downtime", None, label, "name", 1.0)
    >>> [(x.phrase, x.score) for x in sole_word_anchors(a, [("avg_downtime", label)])]
    [('downtime', 0.7)]
    >>> b = a + [Anchor("downtime", "dimension", "x", None, "d", "name", 1.0)]
    >>> sole_word_anchors(b, [("avg_downtime", label)])
    []
    """
    owners: dict[str, set[tuple[str, str]]] = {}
    for a in anchors:
        if a.source in _OWN:
            for w in a.phrase.split():
                owners.setdefault(w, set()).add((a.kind, a.name))
    out: list[Anchor] = []
    for name, label in metrics:
        words = [singular(w) for w in (label or "").lower().split()]
        named = {singular(w) for w in name_words(name)}
        ratio = bool(words) and words[-1] in _PROPORTION_HEADS
        for k, w in enumerate(words[:-1]):  # the last word is the head rule's (heads.py)
            if (
                owners.get(w) == {("metric", name)}
                and w in named
                and (k == 0 or words[k - 1] not in _GRAMMAR)
                and (not ratio or w in RATIO_WORDS)
                and _plain_noun(w)
                # a noun before a total ("Order Total") names what is totalled: the bare noun
                # ("orders by branch") asks how many, which the total does not answer
                and words[k + 1] not in SUMMED_THING_HEADS
            ):
                out.append(Anchor(w, "metric", name, None, label or name, SOURCE, HEAD_ALONE))
    return list({(a.phrase, a.name): a for a in out}.values())
