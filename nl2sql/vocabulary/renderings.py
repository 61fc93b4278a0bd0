"""The Chinese both dictionaries give an English word, for *ranking* only.

Why a looser look-up than the bridges: a bridge turns a Chinese word into a model term and the
engine answers on it, so it must be sure (sense rank, noise guards, one term fitting). A refusal
is past that point: the question was *not* answered, and its suggestions only need the model
terms most likely meant, first. There any dictionary sense counts — 传球 is the soccer sense of
"pass" (CC-CEDICT lists it eleventh, after 度过 and 流逝), far too weak to answer on, but enough
to put a metric about passes before one about minutes among "did you mean" questions that the
engine checks before it offers them.
"""

from __future__ import annotations

import functools

from nl2sql.vocabulary import cedict, ecdict

#: a single character renders too much English to say anything about one word
MIN_CHARS = 2


@functools.cache
def chinese_renderings(word: str) -> frozenset[str]:
    """Every Chinese word CC-CEDICT or ECDICT gives for one English word (lower case).

    >>> "传球" in chinese_renderings("pass"), "保费" in chinese_renderings("premium")
    (True, True)
    """
    w = word.lower()
    found = {c for c, _, _ in cedict.chinese_for(w)} | {c for c, _, _ in ecdict.chinese_for(w)}
    return frozenset(c for c in found if len(c) >= MIN_CHARS)


def renders(chinese: str, english_words: set[str]) -> bool:
    """Whether one of ``english_words`` is rendered by ``chinese`` or by a word inside it
    (出场时间 holds 出场) or holding it.

    >>> renders("传球成功率", {"key", "pass"}), renders("抢断", {"minute", "total"})
    (True, False)
    """
    if len(chinese) < MIN_CHARS:
        return False
    for word in english_words:
        for c in chinese_renderings(word):
            if c == chinese or c in chinese or chinese in c:
                return True
    return False
