"""Say when a suggestion leaves out a word of the question.

Why: a refused question's suggestions keep what the question asked and change only its
unknown words (:mod:`nl2sql.rules.suggest`); when nothing replaces a word, the word is dropped
("how many new members this year" → "how many members this year"). Such a word often was a
condition ("new", "open", "purple"), and the suggestion answers a broader question — clicked
without a word of warning, it reads as the answer to the question asked. The suggestion stays
(it is the closest question the model answers) and the refusal says which word it leaves out.
"""

from __future__ import annotations

import re


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text.lower())


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def dropped_words(question: str, suggestions: list[str], words: list[str]) -> list[str]:
    """The refused ``words`` some suggestion leaves out without putting anything in their place
    (the suggestion is the question with fewer characters, in order).

    >>> dropped_words("how many new members this year", ["how many members this year"], ["new"])
    ['new']
    >>> dropped_words("sales by chanel", ["sales by channel"], ["chanel"])
    []
    >>> dropped_words("今年新增了多少会员", ["今年了多少会员"], ["新增"])
    ['新增']
    """
    q = _squeezed(question)
    out = []
    for w in dict.fromkeys(words):
        sw = _squeezed(w)
        if not sw or sw not in q:
            continue
        for s in suggestions:
            ss = _squeezed(s)
            if sw not in ss and len(ss) < len(q) and _subsequence(ss, q):
                out.append(w)
                break
    return out


def dropped_note(words: list[str], lang: str, breakdown: bool = False) -> str:
    """The sentence appended to the refusal's reason; ``breakdown``: every word dropped stood
    where a breakdown goes (按颜色, by colour), so the suggestion is not broken down by it.

    >>> dropped_note(["new"], "en")
    " (the suggestion leaves out 'new': it answers without that condition)"
    >>> dropped_note(["颜色"], "zh", breakdown=True)
    '（建议的问题去掉了“颜色”，回答的是不按它细分的问题）'
    """
    said = ", ".join(f"'{w}'" for w in words)
    zh = "、".join(f"“{w}”" for w in words)
    if lang == "zh":
        what = "不按它细分" if breakdown else "不含该条件"
        return f"（建议的问题去掉了{zh}，回答的是{what}的问题）"
    what = "breakdown" if breakdown else "condition"
    return f" (the suggestion leaves out {said}: it answers without that {what})"
