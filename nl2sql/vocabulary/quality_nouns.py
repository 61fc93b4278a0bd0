"""The noun of the quality an English adjective names ("compliant" -> "compliance").

Why: Chinese names the quality where an English label uses the adjective. A model's "Share
found compliant" is 合规比例 to a Chinese reader, yet CC-CEDICT glosses 合规 only as
"compliance"; its words for "compliant" are 濡忍 / 屁颠屁颠 (submissive), no word of a
compliance check, so every 合规 question on such a model was refused. English makes the noun
of an -ant / -ent adjective with a regular suffix (-ance / -ancy, -ence / -ency), and the
packaged lemma lexicon (``lemminflect``) confirms both sides: the word is an adjective and no
noun itself ("patient" is a noun: its "patience" is another thing), and the candidate is a
noun. The dictionaries' main sense of that noun then also renders the adjective
(``chinese.renderings``), a little below the adjective's own words.
"""

from __future__ import annotations

import functools

from nl2sql.vocabulary import cedict
from nl2sql.vocabulary.lemma_store import all_lemmas

#: adjective ending -> the endings of its quality noun, in the order tried
QUALITY_SUFFIXES = (("ant", ("ance", "ancy")), ("ent", ("ence", "ency")))
#: how surely the quality noun's Chinese names the adjective: one regular suffix away, so a
#: little below the adjective's own dictionary words
QUALITY_FACTOR = 0.95
#: the shortest adjective read ("ant" and "gent" are no -ant adjectives)
MIN_LETTERS = 6


@functools.cache
def quality_nouns(word: str) -> tuple[str, ...]:
    """The nouns of the quality ``word`` names, when ``word`` is only an adjective.

    >>> quality_nouns("compliant"), quality_nouns("absent"), quality_nouns("patient")
    (('compliance',), ('absence',), ())
    >>> quality_nouns("percent"), quality_nouns("compliance")
    ((), ())
    """
    if len(word) < MIN_LETTERS or not word.isascii() or not word.isalpha():
        return ()
    kinds = all_lemmas(word)
    if "ADJ" not in kinds or "NOUN" in kinds:
        return ()
    for ending, nouns in QUALITY_SUFFIXES:
        if word.endswith(ending):
            stem = word[: -len(ending)]
            return tuple(n for n in (stem + e for e in nouns) if "NOUN" in all_lemmas(n))
    return ()


def quality_hits(word: str) -> list[tuple[str, int, str]]:
    """CC-CEDICT words whose main sense is the quality noun of ``word``, as reverse-index hits
    of kind ``quality`` (scored :data:`QUALITY_FACTOR` of a main sense by the caller).

    >>> [z for z, _, _ in quality_hits("compliant")][:1]
    ['合规']
    """
    return [
        (zh, pos, "quality")
        for noun in quality_nouns(word)
        for zh, pos, how in cedict.chinese_for(noun)
        if how == "exact" and pos == 0
    ]
