"""A later CC-CEDICT sense read only where it is the word's one link to this model.

Why: CC-CEDICT lists a word's senses in its own order, not by how a business model uses them.
故障 is "malfunction / breakdown / defect / shortcoming / fault / ..." — its fifth sense is the
"fault" of a fleet model's "Total Fault Events", so 各国家的故障次数 was refused. A third or later
sense in general stays out (:func:`nl2sql.vocabulary.chinese._later_sense_kept`): those were the
guesses that linked everyday words to unrelated terms, and session 24's model-blind attempt was
reverted. Here the model decides, at bridge-building time: a later sense is read only when

* it is the word's *earliest* sense that is any phrase of this model (its first senses reach
  nothing the model names), and
* every sense of the word that is a phrase of the model reaches the same one term, and
* it is an exact noun gloss of a content word (no verb, no phrase of grammar words), and
* ECDICT agrees (it lists the word among the English word's translations: "fault" 过错, 故障,
  毛病) and the word is no everyday word (jieba frequency below ECDICT's :data:`COMMON`):
  国家's third sense "state" reached a parking model's US ``state`` on its own, and 国家 asks
  for countries.

The link then scores as a second sense does (``cedict_factor(1, 2)``), and the answer shows the
bridge ("故障 → Total Fault Events"), so a reader sees which sense was taken. A model that also
names a first sense of the word (a "breakdown" dimension beside the faults) keeps the word to
that first sense, as before.
"""

from __future__ import annotations

from collections.abc import Iterable

from nl2sql.vocabulary import cedict, ecdict
from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.chinese import word_frequency
from nl2sql.vocabulary.ecdict_anchors import COMMON

#: the first sense position this rule reads (the first two are the ordinary rules' own)
FIRST_LATER = 2
#: the shortest English word a later sense may render ("by", "per" are grammar)
MIN_LETTERS = 4

Term = tuple[str, str, str | None]


def model_later_senses(anchors: Iterable[Anchor]) -> dict[str, Term]:
    """Chinese word -> the one model term its earliest model-phrase sense reaches, for words
    whose earliest such sense is a later one (position :data:`FIRST_LATER` or beyond).

    >>> from nl2sql.vocabulary.anchors import Anchor
    >>> a = Anchor("fault", "metric", "total_fault_events", None, "Total Fault Events", "x", 0.9)
    >>> model_later_senses([a]).get("故障")
    ('metric', 'total_fault_events', None)
    """
    hits: dict[str, list[tuple[int, Term]]] = {}
    for a in anchors:
        if a.kind == "value" or a.source == "acronym":
            continue
        for form in dict.fromkeys([a.phrase, a.phrase + "s"]):
            for word, pos, how in cedict.chinese_for(form):
                if how == "exact":
                    hits.setdefault(word, []).append((pos, (a.kind, a.name, a.value)))
    out: dict[str, Term] = {}
    for word, found in hits.items():
        terms = {term for _, term in found}
        if len(terms) != 1 or min(pos for pos, _ in found) < FIRST_LATER:
            continue
        out[word] = next(iter(terms))
    return out


def later_sense_reads(
    word: str, anchor: Anchor, pos: int, how: str, later: dict[str, Term]
) -> bool:
    """Whether ``word``, hit at ``pos`` for ``anchor``'s phrase, is that anchor's model-aware
    later sense (see the module note): a content word's exact gloss."""
    return (
        how == "exact"
        and pos >= FIRST_LATER
        and later.get(word) == (anchor.kind, anchor.name, anchor.value)
        and len(anchor.phrase) >= MIN_LETTERS
        and cedict.gloss_tokens(anchor.phrase) == tuple(anchor.phrase.split())
        and word_frequency(word) < COMMON
        and any(zh == word for zh, _, _ in ecdict.chinese_for(anchor.phrase))
    )
