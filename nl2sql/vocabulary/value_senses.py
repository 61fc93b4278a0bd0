"""A Chinese word for a value must not also be the dictionary word of another word of the model.

Why: CC-CEDICT glosses 鳄鱼 "alligator / crocodile". On a crocodile-observation model whose
``genus`` holds the value "Alligator" and whose species names hold "Crocodile" ("Nile
Crocodile"), 鳄鱼 became the name of the genus value, and "鳄鱼的观测次数" (how many crocodile
observations) was answered for alligators only — a wrong number. The word covers both things
the model tells apart, so it names neither. The same holds for any value: 德国 ("Germany /
German") is no name of a country value on a model that also holds the language "German".

The other words are the model's own: the words of its names, labels and values (the anchors'
phrases). A word of the value itself (its plural, "nile" of "nile crocodile") is no other word.

>>> other_glossed({"鳄鱼": {"alligator", "crocodile"}}, "Alligator", "鳄鱼")
'crocodile'
>>> other_glossed({"短吻鳄": {"alligator"}}, "Alligator", "短吻鳄") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nl2sql.vocabulary import cedict
from nl2sql.vocabulary.anchors import Anchor

_WORD = re.compile(r"[a-z][a-z'-]+")
#: the shortest model word looked up (shorter ones are codes and grammar)
MIN_WORD = 3
#: a Chinese word's senses that count as what it means (鳄鱼: "alligator", "crocodile")
MAIN_SENSES = 2


def model_words(anchors: Iterable[Anchor]) -> set[str]:
    """The English words of the model's own names, labels and values (anchors of source
    ``name``; words a description or a thesaurus brings are not the model telling things
    apart), lower case."""
    out: set[str] = set()
    for a in anchors:
        if a.source == "name" and a.phrase.isascii():
            out.update(w for w in _WORD.findall(a.phrase.lower()) if len(w) >= MIN_WORD)
    return out


def glossed_by(words: Iterable[str]) -> dict[str, set[str]]:
    """Chinese word -> the model words CC-CEDICT glosses it with exactly in one of its
    :data:`MAIN_SENSES` first senses (正面 "front / ... / positive / direct" says "direct" only
    as a fifth sense: no name of a traffic source beside the sentiment POSITIVE)."""
    out: dict[str, set[str]] = {}
    for w in words:
        for form in (w, w + "s"):
            for zh, pos, how in cedict.chinese_for(form):
                if how == "exact" and pos < MAIN_SENSES:
                    out.setdefault(zh, set()).add(w)
    return out


def _own_words(phrase: str) -> set[str]:
    """The words of ``phrase`` and their singular and plural forms."""
    own: set[str] = set()
    for w in _WORD.findall(phrase.lower()):
        own.update({w, w + "s", w.removesuffix("s"), w.removesuffix("es")})
    return own


def other_glossed(glossed: dict[str, set[str]], value: str, word: str) -> str | None:
    """A model word, not of ``value`` itself, that CC-CEDICT also glosses the Chinese ``word``
    with (None when there is none): then ``word`` is no name of ``value``."""
    others = sorted(glossed.get(word, set()) - _own_words(value))
    return others[0] if others else None
