"""Chinese for a value's partial name: 信用卡 for "Credit card or prepaid card".

Why: a long categorical value is reached in English by its opening words ("credit card" for
"Credit card or prepaid card", ``nl2sql.vocabulary.values.partial_names``), but a Chinese user
types the thing's own word (信用卡), which no dictionary links to the whole value. CC-CEDICT read
in reverse gives the word when the partial name is its exact main gloss. Only partial names of
two or more words that stand for one value, and only Chinese words with at most two senses
that name nothing else and no second value, so a word never reaches a value by a stretch.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container

from nl2sql.normalize import key_of
from nl2sql.vocabulary import cedict

#: most senses CC-CEDICT may give a word used here (the bridges' rule for a main sense)
MAX_SENSES = 2


def chinese_partials(
    partials: dict[str, list[tuple[str, str]]], taken: Container[tuple[str, ...]]
) -> list[tuple[str, str, str]]:
    """(Chinese word, dimension, value) for each one-value partial name of two or more words
    whose exact main CC-CEDICT rendering is a word of its own that names no ``taken`` term.

    >>> chinese_partials({"Credit card": [("p__product", "Credit card or prepaid card")]}, set())
    [('信用卡', 'p__product', 'Credit card or prepaid card')]
    >>> chinese_partials({"Credit": [("p__product", "Credit card or prepaid card")]}, set())
    []
    """
    owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for part, hits in partials.items():
        if len(hits) != 1 or not part.isascii() or len(part.split()) < 2:
            continue
        for zh, pos, how in cedict.chinese_for(part.lower()):
            if how == "exact" and pos == 0 and cedict.sense_count(zh) <= MAX_SENSES:
                owners[zh].add(hits[0])
    return [
        (zh, *next(iter(hits)))
        for zh, hits in sorted(owners.items())
        if len(hits) == 1 and key_of(zh) not in taken
    ]
