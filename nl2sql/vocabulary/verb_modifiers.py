"""A metric label's first word said as the verb it is made from: "cancel rate" for
"Cancellation Rate", "accept rate" for "Acceptance Rate".

Why: people name a rate or a count by the event's verb ("cancel rate", "deliver time") where a
model's label uses the noun derived from it. The noun must be a derivation by one suffix
(-ation, -ery, -ance …: ``morphology.derived_from``), not itself a verb form ("order",
"return" are both already), and never a dictionary pivot ("repurchase" is no "redeem"). The rest of the label is kept word for word, so the phrase says
everything the label says; two metrics giving one phrase tie and are clarified.
"""

from __future__ import annotations

from nl2sql.vocabulary import morphology
from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.english import name_words

#: a little below a thesaurus neighbour of a whole name (0.85): the verb is a paraphrase
VERB_MODIFIER = 0.8


def verb_phrase(label: str) -> str | None:
    """The label with its first word replaced by that word's one source verb, or None.

    >>> verb_phrase("Cancellation Rate"), verb_phrase("Order Count"), verb_phrase("Revenue")
    ('cancel rate', None, None)
    """
    words = name_words(label)
    verb = morphology.derived_from(words[0]) if len(words) >= 2 else None
    return " ".join([verb, *words[1:]]) if verb else None


def noun_phrases(label: str) -> list[str]:
    """The label with its first word, a past participle, replaced by each event noun of its
    verb: "failure rate" for "Failed rate", "cancellation rate" for "Cancelled Rate" (the
    other direction of :func:`verb_phrase`).

    >>> noun_phrases("Failed rate"), noun_phrases("Order Count"), noun_phrases("Booked")
    (['failure rate'], [], [])
    """
    words = name_words(label)
    if len(words) < 2 or not morphology.is_past(words[0]):
        return []
    verbs = morphology.verb_lemmas(words[0])
    nouns = morphology.event_nouns(verbs[0]) if len(verbs) == 1 else ()
    return [" ".join([n, *words[1:]]) for n in nouns]


def verb_modifier_anchors(metrics: list[tuple[str, str]]) -> list[Anchor]:
    """One anchor per ``(name, label)`` metric whose label starts with a derived noun, and one
    per event noun of a label that starts with a past participle."""
    out = []  # source "stem": a source starting with "verb" is read as a verb, never a term
    for name, label in metrics:
        phrase = verb_phrase(label or name)
        if phrase:
            out.append(Anchor(phrase, "metric", name, None, label, "stem", VERB_MODIFIER))
        for noun in noun_phrases(label or name):
            out.append(Anchor(noun, "metric", name, None, label, "stem", VERB_MODIFIER))
    return out
