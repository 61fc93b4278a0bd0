"""A whole English word typed for the clipped form a model writes ("conversion" for "conv").

Why: owners clip the words they say every day in names and labels ("MQL→SQL conv rate",
"Won opps", "Avg cust spend"), while users type the word whole. Typo correction cannot reach
the clipped form (too many letters differ), and the model's clipped word is no dictionary
word, so no bridge names it either. The caller accepts the reading only where the clipped word
completes a model term of two words or more with its neighbours in the question: a prefix on
its own says nothing about meaning ("custom" is not "cust").
"""

from __future__ import annotations

from collections.abc import Iterable

from nl2sql.vocabulary import morphology

#: the shortest clipped form read (two letters are initials, not a clipped word)
MIN_CLIPPED = 3
#: the letters a whole word has beyond its clipped form, at least
MIN_CUT = 3


def clipped_word(word: str, vocab: Iterable[str]) -> str | None:
    """The one model word that ``word`` spells out, or None.

    A model word qualifies when it is no English word and ``word`` (an English word) begins
    with it, or with it less a plural "s" ("opps" -> "opp"), and is at least :data:`MIN_CUT`
    letters longer; two such model words (other than one's plural forms) are no reading.

    >>> clipped_word("conversion", ["conv", "rate", "mql"]), clipped_word("opportunities", ["opps"])
    ('conv', 'opps')
    >>> clipped_word("conversion", ["conv", "convs"]), clipped_word("review", ["rate"])
    ('conv', None)
    >>> clipped_word("conversion", ["conv", "versio"]), clipped_word("customer", ["cust", "custo"])
    ('conv', None)
    """
    if not word.isascii() or not word.isalpha() or not morphology.is_english_word(word):
        return None
    fits = []
    for v in vocab:
        stem = v[:-1] if v.endswith("s") and len(v) > MIN_CLIPPED else v
        if (
            len(stem) >= MIN_CLIPPED
            and v.isalpha()
            and len(word) >= len(stem) + MIN_CUT
            and word.startswith(stem)
            and not morphology.is_english_word(v)
        ):
            fits.append(v)
    # the lexicon's plural forms of one clipped word ("conv", "convs") are that word
    fits = [v for v in fits if not any(v in (f + "s", f + "es") for f in fits)]
    return fits[0] if len(fits) == 1 else None
