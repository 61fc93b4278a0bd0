"""Yes/no questions ("was GMV above 1 million last month?", 净ARR变动为负数吗, 有没有超过100单的渠道):
answered as yes or no with the figure, never as a table the condition emptied.

Why: read as a filter, "上个月GMV超过100万吗" returned the figure when it held and an *empty table*
when it did not — an answer that looks like "no data" and states nothing. A yes/no question
is answered by computing the figure without the condition and judging the condition on it:

- ``total`` (no breakdown): "否：销售额为 ¥987,654.00，不满足 销售额 > 1,000,000";
- ``any`` (a breakdown and an existential word: 有没有 / is there / any): yes when one row meets
  it, the table showing every row's figure — only the rows that meet it when the question
  also asks which (有没有哪个渠道…: :func:`asks_which`);
- ``all`` (a breakdown and a universal word: 都 / every / each / all): yes when every row does.

A breakdown with neither word ("各渠道GMV超过10万吗": any or all?) is refused, not guessed; so is
a yes/no question about a ranking ("was JD the top channel?": the filter on JD would return JD's
row as if it were the top) and one over a share or change. The wording is general language (a
question's grammar), never a model's words.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Literal

YesNoMode = Literal["total", "any", "all"]

_EN_AUX = re.compile(r"^\s*(?:is|are|was|were|did|does|do|has|have|had)\b", re.I)
_EN_ANY = re.compile(r"\b(?:any|anyone|anything|some)\b|^\s*(?:is|are|was|were) there\b", re.I)
_EN_ALL = re.compile(r"\b(?:every|each|all)\b", re.I)
#: words that make "all" the total of everything rather than each one ("across all", overall)
_EN_TOTAL = re.compile(r"\b(?:across|overall|combined|total|altogether|together)\b", re.I)

_ZH_MARKER = re.compile(r"是否|是不是|有没有|有无")
_ZH_END = re.compile(r"(?<![什怎那这多])[吗么嘛][\s?？!！。.]*$")
_ZH_ANY = re.compile(r"有没有|有无|是否有|任何|哪个|哪些|(?<![所没拥含具])有")
_ZH_ALL = re.compile(r"都|均|每")
_ZH_TOTAL = re.compile(r"所有|全部|总|合计|一共|加起来")
#: what a Chinese yes/no question carries that a plain question drops (the retry's text)
_ZH_STRIP = re.compile(r"是否|是不是|有没有|有无|(?<![什怎那这多])[吗么嘛](?=[\s?？!！。.]*$)")


def is_yes_no(question: str) -> bool:
    """Whether ``question`` asks yes or no (its grammar, not its words' meaning).

    >>> [is_yes_no(q) for q in ("was GMV above 1 million last month?", "上个月GMV超过100万吗",
    ...     "有没有超过100单的渠道", "GMV是否为负", "GMV by channel", "上个月GMV是多少",
    ...     "上个月为什么GMV低", "how many orders had a refund")]
    [True, True, True, True, False, False, False, False]
    """
    return bool(_EN_AUX.match(question) or _ZH_MARKER.search(question) or _ZH_END.search(question))


#: words asking *which* things ("有没有哪个品牌…", "is there any channel … and which"): the
#: answer to a yes is those things, not every thing with its figure
_WHICH = re.compile(r"哪个|哪些|哪家|哪位|哪几|哪一|\bwhich\b", re.I)


def asks_which(question: str) -> bool:
    """Whether a yes/no question over a breakdown also asks which things meet it.

    Why: "有没有哪个品牌上个月的净收入超过150万" asks for the brands, as "哪些品牌…超过150万"
    does; answered "是：5 个品牌中有 3 个满足" above a table of all five, the user could not see
    which three without reading every figure, and the table read as the brands asked for.
    A plain "有没有超过100单的渠道" still shows every channel's figure.

    >>> asks_which("有没有哪个品牌的收入超过100万"), asks_which("有没有超过100单的渠道")
    (True, False)
    """
    return bool(_WHICH.search(question))


def plain_form(question: str) -> str:
    """A Chinese yes/no question without its yes/no words (what the engine reads as a listing).

    >>> plain_form("有没有超过100单的渠道"), plain_form("上个月GMV是否超过100万？")
    ('超过100单的渠道', '上个月GMV超过100万？')
    """
    return _ZH_STRIP.sub("", question)


def breakdown_mode(question: str) -> YesNoMode | None:
    """``any`` / ``all`` for a yes/no question over a breakdown, None when it says neither or
    both (or "all" may mean the total: 所有 / across all)."""
    zh = any("\u3400" <= ch <= "\u9fff" for ch in question)
    if zh:
        said_any, said_all = bool(_ZH_ANY.search(question)), bool(_ZH_ALL.search(question))
        total = bool(_ZH_TOTAL.search(question))
    else:
        said_any = bool(_EN_ANY.search(question))
        said_all = bool(_EN_ALL.search(question))
        total = bool(_EN_TOTAL.search(question))
    if said_any and not said_all:
        return "any"
    if said_all and not said_any and not total:
        return "all"
    return None


@dataclass(frozen=True)
class YesNo:
    """How a yes/no question is judged: the mode and its conditions as
    ``(metric, op, value)`` (the thresholds the query no longer applies)."""

    mode: YesNoMode
    conditions: tuple[tuple[str, str, float], ...]


_OPS = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "=": lambda a, b: math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9),
    "!=": lambda a, b: not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9),
}


def _number(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def row_meets(row: dict[str, Any], conditions: tuple[tuple[str, str, float], ...]) -> bool | None:
    """Whether one result row meets every condition; None when a figure is missing."""
    for metric, op, value in conditions:
        got = _number(row.get(metric))
        if got is None:
            return None
        if not _OPS[op](got, value):
            return False
    return True


def verdict(rows: list[dict[str, Any]], yes_no: YesNo, complete: bool) -> bool | None:
    """Yes (True), no (False) or cannot tell (None) over the result rows.

    ``complete`` is False when the rows were cut at the row limit: then only a row that
    settles it (one that meets it for ``any``, one that fails it for ``all``) decides.

    >>> yn = YesNo("any", (("orders", ">", 100.0),))
    >>> verdict([{"orders": 90}, {"orders": 120}], yn, True), verdict([{"orders": 90}], yn, True)
    (True, False)
    >>> verdict([{"orders": 90}, {"orders": 120}], YesNo("all", yn.conditions), True)
    False
    >>> verdict([{"orders": None}], YesNo("total", yn.conditions), True) is None
    True
    """
    met = [row_meets(r, yes_no.conditions) for r in rows]
    if yes_no.mode == "total":
        return met[0] if len(met) == 1 else None
    if yes_no.mode == "any":
        if any(m is True for m in met):
            return True
        return False if complete and all(m is False for m in met) else None
    if any(m is False for m in met):
        return False
    return True if complete and met and all(m is True for m in met) else None
