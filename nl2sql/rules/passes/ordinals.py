"""Pass: a rank by its position — "收入排名第二的月份", "第3名", "第二高", "second highest".

Why: "排名第二" was refused ("I don't know '排名第'") and "the second highest" would have read
as the highest. The position N becomes a one-row rank that skips N-1 rows
(``SemanticQuery.offset``); what is ranked and by which metric are read by the top/bottom pass
as for "最高的": the position word is turned into that rank word here. The direction is the
superlative's ("第二低", "second lowest" rank from the bottom, as does "倒数第二"); with none
("排名第二", "第2名") the ranking is from the top, as a Chinese ranking is read.

Anything else is refused rather than guessed: a position with no number after it ("第" alone),
a period by its number ("2024年第10周": a week of the year, not a rank), an English ordinal with
no superlative after it ("the second month" is no rank).

A "第N" written against a model term whose own name holds N is that name, not a rank: "第4周留存率"
is the metric ``week_4_retention`` (its Chinese spelling, read word by word, has no number), and
was answered as the 4th-ranked month (session 29, a video-game studio's model).
"""

from __future__ import annotations

import re

from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState

#: the one character after "第N" that says which end the rank counts from
_DESC_CHARS = frozenset("高多大长贵快")
_ASC_CHARS = frozenset("低少小短便慢")


def _refuse(it: Item) -> None:
    raise Refusal(
        f"'{it.text}' names a position in a ranking, but not which; ask e.g. 'the second "
        "highest <metric>' or '<metric>排名第二的<object>'",
        zh=f"“{it.text}”表示排名位置，但看不出第几、按什么排；请问如“<指标>排名第二的<对象>”",
        words=[it.text],
    )


def _after(p: ParseState, it: Item) -> Item | None:
    """The next item of the whole question (stop words included) after ``it``."""
    k = p.all.index(it)
    return p.all[k + 1] if k + 1 < len(p.all) else None


def _names_number(term: Item | None, num: Item, n: int) -> bool:
    """Whether ``term`` follows ``num`` with no gap and every sense of it names ``n`` in its
    model name ("第4周留存率": ``week_4_retention``; ``week4_returned_players``).

    Why every sense: a term that may also be one without the number is not proof the number is
    its name. The digits must stand alone in the name (``week_14`` does not name 4).
    """
    if term is None or term.kind != "domain" or term.start != num.end or not term.senses:
        return False
    senses = [term.sense] if term.sense is not None else term.senses
    own = re.compile(rf"(?<![0-9]){n}(?![0-9])")
    return all(own.search(s.name) for s in senses)


def _chinese(p: ParseState, it: Item) -> None:
    """排名第N / 第N名 / 第N高: the number after, the direction from the character after it."""
    num = _after(p, it)
    if num is None or num.kind != "num" or num.pct or num.used or not num.number:
        _refuse(it)
    assert num is not None
    n = int(num.number or 0)
    if n != num.number or n < 1:
        _refuse(it)
    after = _after(p, num)
    if num.start == it.end and _names_number(after, num, n):
        it.used = num.used = True  # "第4周留存率": the metric's own name, no rank
        return
    if after is not None and after.kind == "role" and after.role.startswith("grain"):
        _refuse(it)  # "第10周", "第一天": a period by its number, not a rank
    num.used = True
    desc = True
    if after is not None and after.text.strip()[:1] in _ASC_CHARS:
        desc = False
    if after is not None and after.kind == "role" and after.role in ("top", "bottom"):
        desc = after.role == "top"  # "第二最高": the superlative restates the rank
        after.used = True
    if (
        after is not None
        and after.kind == "stop"
        and after.text.strip()[:1] in (_DESC_CHARS | _ASC_CHARS)
    ):
        after.used = True
    k = p.its.index(it)
    before = p.at(k - 1)
    if before is not None and before.kind == "role" and before.role == "bottom":
        desc, before.used = False, True  # 倒数第二
    it.role = "top" if desc else "bottom"
    p.offset = n - 1


def _english(p: ParseState, it: Item) -> None:
    """second / 3rd + a superlative: the superlative ranks, the ordinal skips N-1."""
    k = p.its.index(it)
    nxt = p.at(k + 1)
    if nxt is None or nxt.kind != "role" or nxt.role not in ("top", "bottom"):
        _refuse(it)
    it.used = True
    p.offset = int(it.role.split(":")[1]) - 1


def read_ordinals(p: ParseState) -> None:
    """Turn a position word into a one-row rank (``p.offset``), or refuse it."""
    found = [it for it in p.its if it.kind == "role" and it.role.startswith("nth") and not it.used]
    if len(found) > 1:
        _refuse(found[1])
    for it in found:
        if it.role == "nth":
            _chinese(p, it)
        else:
            _english(p, it)


def settle_offset(p: ParseState) -> None:
    """A position rank keeps one row at that rank; with nothing ranked it is refused (the
    whole total has no second row)."""
    if not p.offset:
        return
    if not p.group_by:
        raise Refusal(
            "a position in a ranking needs what is ranked; ask e.g. 'which <object> has the "
            "second highest <metric>'",
            zh="排名位置需要说明对什么排名；请问如“<指标>排名第二的<对象>是哪个”",
            kind="no_metric",
        )
    p.limit = 1
