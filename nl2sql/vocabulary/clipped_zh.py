"""A Chinese dictionary word for a phrase, written without its one-character head (票面 for 票面值).

Why: Chinese drops the head character of a set phrase before another head — 票面金额, 票面总额
("face amount", "face total") for 票面值 "face value" — and CC-CEDICT lists only the whole word,
so 票面总额 on a model labelled "Total Face Value" was refused for the unknown 票面. The clipped
word names the phrase only when the dictionaries agree it is the whole word less its head:

- the phrase ends on a word of quantity (value, amount, rate, ...): Chinese drops such a head
  before the next one (票面金额), never the head of a thing (射钉 of 射钉枪 "nail gun" is the
  nail, 售票 of 售票处 "ticket office" is selling tickets);
- the whole word is CC-CEDICT's rendering of the phrase (found by the caller) and at least
  three characters long, so the clipped word keeps two;
- its last character is one CC-CEDICT glosses with the phrase's own last word (值 "value" for
  "face value"), so the character is the head the phrase ends on, not part of the modifier;
- the clipped word is no CC-CEDICT entry of its own (增长 of 增长率 "growth rate" is "growth",
  never the rate; 住院 of 住院部 is "to be in hospital") but is a noun jieba knows, so users
  write it;
- each other word of the phrase is glossed by a piece of the clipped word (面 "face" in 票面),
  so what is left still says the phrase's modifiers (保鲜 of 保鲜膜 "preservative film" says
  "keep fresh", no "preservative", and stays unknown).

It is then as sure as the whole word (the caller gives it the whole word's score): the
dictionaries leave it no other reading.
"""

from __future__ import annotations

from nl2sql.vocabulary import cedict
from nl2sql.vocabulary.chinese import jieba_tag, word_frequency

#: heads of quantity, general language: the heads Chinese clips before another one
QUANTITY_HEADS = frozenset(
    "value amount rate price cost fee total sum number count volume quantity ratio".split()  # noqa: SIM905
)


def clipped_head(word: str, phrase: str) -> str | None:
    """``word`` without its last character when that character is the head of ``phrase``
    (see the module docstring), else None.

    >>> clipped_head("票面值", "face value")
    '票面'
    >>> clipped_head("增长率", "growth rate") is None  # 增长 is a word of its own
    True
    >>> clipped_head("面值", "face value") is None  # one character would be left
    True
    >>> clipped_head("保鲜膜", "preservative film") is None  # 保鲜 says no "preservative"
    True
    >>> clipped_head("射钉枪", "nail gun") is None  # a gun is no quantity
    True
    """
    if len(word) < 3 or not phrase.split() or phrase.split()[-1] not in QUANTITY_HEADS:
        return None
    stem, head = word[:-1], word[-1]
    if head not in cedict.parts(phrase.split()[-1]):
        return None
    if cedict.STORE().get("word", stem) is not None or not word_frequency(stem):
        return None
    if not jieba_tag(stem).startswith("n"):
        return None
    pieces = {stem[i:j] for i in range(len(stem)) for j in range(i + 1, len(stem) + 1)}
    if not all(pieces & set(cedict.parts(w)) for w in phrase.split()[:-1]):
        return None
    return stem
