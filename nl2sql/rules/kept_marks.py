"""A suggestion keeps the question's negation and its "each" word, or it is not offered.

Why: a refused question's suggestions are rewrites verified to run, and a rewrite that drops a
word the engine could not read may drop the one word that decides the answer. "没下过单的客户有
多少" (customers who never ordered) was refused with "Total Customers" offered — every customer,
one click from the opposite of what was asked — and "各类的GMV" (GMV of each kind) with the plain
total, the very reading its refusal had turned down (issue #12: a wrong answer, one click
away). A negation said in the question must be said in every suggestion; an each word before
a word for "kind" (各类, each type) must be kept or said as a breakdown (按/by). A suggestion
that does not is dropped, and a refusal with none left offers none: better than the opposite.
"""

from __future__ import annotations

import re

from nl2sql.negation_words import NEGATION_CHARS_ZH, NEGATIONS_EN, NOT_NEGATIONS_ZH

#: Chinese negations (没有/没/未/非/不/无/除了…以外); the words of which the same characters are
#: no negation are taken out first (不同 "different", 非常 "very", 未来 "future")
_NEG_ZH = re.compile(f"[{NEGATION_CHARS_ZH}]")
_NOT_NEG_ZH = re.compile("|".join(NOT_NEGATIONS_ZH))
_NEG_EN = re.compile(rf"\b(?:{'|'.join(NEGATIONS_EN)})\b", re.I)
#: an each word before a general word for "kind" (各类, 各种, each type): a breakdown by some
#: kind the model must name, never the total; a rewrite keeps it or says a breakdown. (An each
#: word before an unknown attribute, 各颜色, may be dropped with it: the note says so.)
_EACH_KIND = re.compile(
    r"(?:各|每)(?:一)?(?:个)?(?:类|种|样|类型|类别)|\b(?:each|every)\s+(?:kind|type|sort)s?\b", re.I
)
_BREAKDOWN = re.compile(r"各|每|分别|按|\b(?:by|each|every|per|respectively)\b", re.I)


def _negations(text: str) -> set[str]:
    zh = {m.group(0) for m in _NEG_ZH.finditer(_NOT_NEG_ZH.sub("", text))}
    en = re.sub(r"n't\b", " not", text.lower())  # "didn't" and "did not" say the same
    return zh | {m.group(0) for m in _NEG_EN.finditer(en)}


def keeps_marks(question: str, suggestion: str) -> bool:
    """Whether ``suggestion`` says every negation of ``question`` and, when the question asks
    for each thing, still asks for a breakdown.

    >>> keeps_marks("没下过单的会员有多少", "会员有多少")
    False
    >>> keeps_marks("没下过单的会员有多少", "没有下单的会员有多少")
    True
    >>> keeps_marks("不同品种的销量", "销量")
    True
    >>> keeps_marks("loaves not sold on Sundays", "loaves sold on Sundays")
    False
    >>> keeps_marks("各类的销量", "销量"), keeps_marks("各类的销量", "按品种的销量")
    (False, True)
    >>> keeps_marks("bread sales for each type", "bread sales by oven")
    True
    >>> keeps_marks("各颜色的销量", "销量")  # an unknown attribute dropped with its each word
    True
    """
    said = _negations(suggestion)
    if any(n not in said for n in _negations(question)):
        return False
    return _EACH_KIND.search(question) is None or _BREAKDOWN.search(suggestion) is not None


def marks_kept(question: str, suggestions: list[str]) -> list[str]:
    """The suggestions that keep the question's negations and each word (:func:`keeps_marks`)."""
    return [s for s in suggestions if keeps_marks(question, s)]
