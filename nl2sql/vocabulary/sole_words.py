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
  a "maintenance date" stays a clarification).

The bridge is shown in the interpretation ("downtime → Average Downtime Hours per Machine").
"""

from __future__ import annotations

from nl2sql.vocabulary import morphology
from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.english import GENERIC_HEADS
from nl2sql.vocabulary.heads import HEAD_ALONE
from nl2sql.vocabulary.participles import LEAD_WORDS

#: the model's own wording: what can contest a word
_OWN = frozenset({"name", "label", "qualifier"})
#: the shortest word read alone (shorter ones are codes and abbreviations: "usd", "kwh")
MIN_LETTERS = 5


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


def sole_word_anchors(anchors: list[Anchor]) -> list[Anchor]:
    """An anchor for each label noun of a metric that only that metric's name and label use.

    >>> a = [Anchor("average downtime hour per machine", "metric", "d", None, "Avg", "label", 1.0),
    ...      Anchor("machine", "entity", "machine", None, "machine", "name", 1.0)]
    >>> [(x.phrase, x.name, x.score) for x in sole_word_anchors(a)]
    [('downtime', 'd', 0.7)]
    >>> sole_word_anchors(a + [Anchor("downtime", "dimension", "x", None, "d", "name", 1.0)])
    []
    """
    owners: dict[str, set[tuple[str, str]]] = {}
    for a in anchors:
        if a.source in _OWN:
            for w in a.phrase.split():
                owners.setdefault(w, set()).add((a.kind, a.name))
    out: dict[tuple[str, str], Anchor] = {}
    for a in anchors:
        if a.kind != "metric" or a.source not in ("name", "label"):
            continue
        for w in a.phrase.split():
            if owners.get(w) == {("metric", a.name)} and _plain_noun(w):
                out.setdefault(
                    (w, a.name), Anchor(w, "metric", a.name, None, a.via, "sole word", HEAD_ALONE)
                )
    return list(out.values())
