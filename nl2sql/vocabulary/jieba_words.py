"""jieba's part-of-speech tag and frequency per word, stored and looked up one word at a time.

Why stored: the vocabulary build asks for the tag and frequency of a few hundred Chinese words
(a dictionary's rendering of a model word is dropped when it is a pronoun or an everyday word
with many senses), and a refusal ranks its suggestions by frequency. Parsing jieba's whole
``dict.txt`` (350,000 lines) for that took about half a second of a first question; the
parsed table is kept in a dictionary store (:mod:`nl2sql.vocabulary.dictionary_store`).

>>> tag_and_frequency("门店")[0], tag_and_frequency("zzz-not-a-word")
('n', (None, 0))
"""

from __future__ import annotations

import functools
from importlib import resources
from importlib.metadata import PackageNotFoundError, version

from nl2sql.vocabulary.dictionary_store import LazyStore, Tables


def resource_version() -> str:
    """The installed jieba's version ("absent" without it): part of the store key."""
    try:
        return version("jieba")
    except PackageNotFoundError:
        return "absent"


def tables() -> Tables:
    """jieba's ``dict.txt`` as one table: word -> "tag frequency" (a later line wins)."""
    words: dict[str, str] = {}
    try:
        text = resources.files("jieba").joinpath("dict.txt").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {"word": words}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3:
            words[parts[0]] = f"{parts[2]} {int(parts[1])}"
    return {"word": words}


STORE = LazyStore("jieba_words", __file__, resource_version, tables)


@functools.cache
def tag_and_frequency(word: str) -> tuple[str | None, int]:
    """jieba's tag and frequency of ``word``; ``(None, 0)`` when jieba does not list it."""
    raw = STORE().get("word", word)
    if raw is None:
        return None, 0
    tag, _, freq = raw.partition(" ")
    return tag, int(freq)
