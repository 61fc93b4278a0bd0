"""An event noun after "had" is the event's past form: "machines that had maintenance".

Why apart from the verb pass (``rules.passes.unknown``): the verb pass reads verb forms; this
reads the one noun shape that says the same event as a passive ("had maintenance" = "were
maintained", "had inspections" = "were inspected") and hands the verb pass that form's key.
"""

from __future__ import annotations

from nl2sql.lexicon import key_of
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary import morphology
from nl2sql.vocabulary.english import singular

#: "had" before an event noun: "machines that had maintenance" were maintained
_HAVE = frozenset({"had", "has", "have"})


def after_have(p: ParseState, i: int) -> bool:
    """Whether the word right before item ``i`` (spaces skipped) is a form of "have"."""
    j = i - 1
    while j >= 0 and not p.all[j].text.strip():
        j -= 1
    return j >= 0 and p.all[j].text.strip().lower() in _HAVE


def nominal_past_key(p: ParseState, word: str) -> tuple[str, ...] | None:
    """The lexicon key of the past form of the verb an event noun is derived from, when that
    form has verb senses ("maintenance" -> maintained, "cancellation" -> cancelled).

    Why: "how many machines had maintenance in 2025" says "were maintained in 2025", which a
    model's "Maintained Machine Count" answers, but the noun reached nothing. Only a noun
    derived by a suffix (the verb is another word): "had returns" may be a count of returns,
    not returned things, and stays as it was.
    """
    w = singular(word.strip().lower())
    for lemma in morphology.source_verbs(w):
        if lemma == w:
            continue
        forms = morphology.all_inflections(lemma, "VERB")
        for past in (*forms.get("VBN", ()), *forms.get("VBD", ())):
            if p.lex.verbs.get(key_of(past)):
                return key_of(past)
    return None
