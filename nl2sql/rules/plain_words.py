"""A bridged Chinese term never cuts a plain word that is itself a term: 3条规则 is 3 条 规则.

Why: the model's terms, and the Chinese words bridged to them from CC-CEDICT, are given to
jieba as words so that they win over its own splits. A bridged synonym can then take a
character from its neighbour: on a model with "rule name", CC-CEDICT's 条规 (rules,
regulations) made "执行次数最多的三条规则" 条规 + 则, and 则 was an unknown word, where the
question says 3 (classifier 条) 规则 (rule), a word that names the same dimension. A term
reached only through a bridge is skipped when one of its ends falls inside a word of plain
jieba (without the model's words) that is a term of its own; the model's own words (its
Chinese labels and synonyms) may still cut where they like, and a bridged term that cuts a
word the model does not know (most compounds) still stands.
"""

from __future__ import annotations

from nl2sql.lexicon import Lexicon, Sense, segment
from nl2sql.normalize import key_of


def plain_words(text: str) -> list[tuple[int, int]]:
    """The spans of plain jieba's words in each Chinese run of ``text``.

    >>> [("最多的3条规则"[a:b]) for a, b in plain_words("最多的3条规则")]
    ['最', '多', '的', '条', '规则']
    """
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        if not "\u3400" <= text[i] <= "\u9fff":
            i += 1
            continue
        j = i
        while j < len(text) and "\u3400" <= text[j] <= "\u9fff":
            j += 1
        pos = i
        for word in segment(text[i:j]):
            spans.append((pos, pos + len(word)))
            pos += len(word)
        i = j
    return spans


def cuts_plain_term(
    text: str,
    senses: list[Sense] | None,
    start: int,
    end: int,
    spans: list[tuple[int, int]],
    lex: Lexicon,
) -> bool:
    """Whether a Chinese term over ``start``..``end`` of ``text``, every sense of it bridged
    (``via`` set), starts or ends inside a plain jieba word that is a term in ``lex``."""
    if not senses or not all(s.via for s in senses):
        return False
    return any((a < start < b or a < end < b) and key_of(text[a:b]) in lex.terms for a, b in spans)
