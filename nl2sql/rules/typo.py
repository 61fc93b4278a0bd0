"""When an English word may be read as a model word spelled differently (a typo fix or a
suggestion): "retrun" -> "return", never "compared" -> "completed".

Why a rule of its own on top of a similarity score: a ratio score rewards long shared runs of
letters, so two different words of the same length and prefix score high ("compared" /
"completed" 71, "signed" / "shipment"). A typo changes few letters *for its length* and keeps
the word's grammatical form. The rule:

- at most 1 edit (insertion, deletion, substitution or swap of neighbours, optimal string
  alignment) for words up to 6 letters, at most 2 for longer words, never more than a third
  of the word;
- the same word class: a word ending in -ing, -ed or -ly is only a typo of a word with the same
  ending (a verb form is never rewritten into a noun, an adverb into an adjective);
- never a word and the same word with a negating prefix ("unresolved" / "resolved", "inactive"
  / "active", "unpaid" / "paid"): two letters in front flip the meaning, and read as a typo
  "unresolved tickets" counted the resolved ones;
- never a word the English lexicon knows (``lemminflect``: any noun, verb, adjective or adverb
  form) into another word: "coldest" is the superlative of "cold", not a typo of a model's
  "codes" (two edits on seven letters), and a user who typed a real word meant it. A spelling
  variant of the same lemma stays a typo ("canceled" / "cancelled").
"""

from __future__ import annotations

import re

from rapidfuzz.distance import OSA

from nl2sql.affixes import negated
from nl2sql.vocabulary.lemma_store import all_lemmas
from nl2sql.vocabulary.morphology import is_english_word

_CLASS_ENDINGS = ("ing", "ed", "ly")


def _word_class(word: str) -> str:
    return next((e for e in _CLASS_ENDINGS if word.endswith(e) and len(word) > len(e) + 2), "")


def max_edits(word: str) -> int:
    """How many edits a typo of ``word`` may have.

    >>> max_edits("chanel"), max_edits("categroy"), max_edits("refunds")
    (1, 2, 2)
    """
    return min(1 if len(word) <= 6 else 2, max(1, len(word) // 3))


def _lemmas(word: str) -> set[str]:
    return {lemma for lemmas in all_lemmas(word).values() for lemma in lemmas}


def real_word(word: str, candidate: str) -> bool:
    """Whether ``word`` is an English word of its own, not a misspelling of ``candidate``.

    >>> real_word("coldest", "codes"), real_word("canceled", "cancelled"), real_word("retrun", "return")
    (True, False, False)
    >>> real_word("colour", "color"), real_word("centre", "center"), real_word("catalogue", "catalog")
    (False, False, False)
    """
    if not is_english_word(word):
        return False
    if len(word) >= 6 and _american(word) == _american(candidate):
        return False  # one word in British and American spelling (not "four" / "for")
    return not (_lemmas(word) & _lemmas(candidate))


#: British -> American spelling patterns (general orthography: colour, centre, organise,
#: analyse, catalogue, licence), applied to both words before they are compared
_SPELLINGS = (
    (re.compile(r"our(?=s?$|ed$|ing$|ite|able|ful|less)"), "or"),
    (re.compile(r"tre(?=s?$|d$)"), "ter"),
    (re.compile(r"is(?=e[sd]?$|ing$|ation)"), "iz"),
    (re.compile(r"ys(?=e[sd]?$|ing$)"), "yz"),
    (re.compile(r"ogue(?=s?$)"), "og"),
    (re.compile(r"ence(?=s?$)"), "ense"),
)


def _american(word: str) -> str:
    for pattern, repl in _SPELLINGS:
        word = pattern.sub(repl, word)
    return word


def plausible_typo(word: str, candidate: str) -> bool:
    """Whether ``candidate`` is a plausible spelling of what ``word`` (a typo) meant.

    >>> [plausible_typo(a, b) for a, b in [("retrun", "return"), ("categroy", "category"),
    ...     ("chanel", "channel"), ("cancled", "cancelled")]]
    [True, True, True, True]
    >>> [plausible_typo(a, b) for a, b in [("compared", "completed"), ("signed", "shipment"),
    ...     ("shipping", "shipped"), ("placed", "place"), ("coldest", "codes")]]
    [False, False, False, False, False]
    """
    w, c = word.lower(), candidate.lower()
    if not (w.isascii() and c.isascii()):
        return False
    if _word_class(w) != _word_class(c) or negated(w, c):
        return False
    return OSA.distance(w, c) <= max_edits(w) and not real_word(w, c)


def close_to_any_word(word: str, term: str) -> bool:
    """Whether ``word`` is one of ``term``'s words or a plausible typo of one of them."""
    return any(word.lower() == t or plausible_typo(word, t) for t in term.lower().split())
