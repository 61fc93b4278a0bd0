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


def verb_modifier_anchors(metrics: list[tuple[str, str]]) -> list[Anchor]:
    """One anchor per ``(name, label)`` metric whose label starts with a derived noun."""
    out = []  # source "stem": a source starting with "verb" is read as a verb, never a term
    for name, label in metrics:
        phrase = verb_phrase(label or name)
        if phrase:
            out.append(Anchor(phrase, "metric", name, None, label, "stem", VERB_MODIFIER))
    return out
