"""A model term "<noun> <participle>" written as an English passive: "loaves were baked" for a
bakery's label "Loaves Baked".

Why a module of its own: it is one reading rule of the term matcher (``rules.tokenize``), kept
apart so the matcher stays one job. English asks "how many tickets were refunded" as often as
"how many tickets refunded"; the auxiliary between the noun and the participle broke the
term, and the participle alone was read as a verb of another metric (a wrong answer) or the
question was refused.
"""

from __future__ import annotations

from collections.abc import Mapping

from nl2sql.lexicon import Sense
from nl2sql.vocabulary import morphology

#: the forms of "to be" that make an English passive ("were sold", "was shipped")
PASSIVE_AUX = frozenset({"is", "are", "was", "were", "been", "being"})


def passive_term(seq: tuple[str, ...], terms: Mapping[tuple[str, ...], list[Sense]]) -> list[Sense]:
    """The senses of the term (of ``terms``, a lexicon's) that ``seq`` names once the one auxiliary right before its last word
    is taken out, or [].

    Only that shape: words, then one form of "to be", then a past participle that closes a
    model term of at least two words which the words before spell exactly ("loaves were
    baked" = "loaves baked"). A negation ("were not baked"), an auxiliary elsewhere ("were
    loaves baked") or a last word that is no past form ("revenue is total") reads nothing, so those stay as
    they were (refused or read word by word).

    >>> terms = {("loaves", "baked"): [Sense("metric", "loaves_baked")]}
    >>> [s.name for s in passive_term(("loaves", "were", "baked"), terms)]
    ['loaves_baked']
    >>> passive_term(("loaves", "were", "not", "baked"), terms), passive_term(("loaves", "baked"), terms)
    ([], [])
    """
    if len(seq) < 3 or seq[-2] not in PASSIVE_AUX or any(w in PASSIVE_AUX for w in seq[:-2]):
        return []
    if not morphology.is_past(seq[-1]):
        return []
    return list(terms.get(seq[:-2] + seq[-1:], ()))
