"""Pass: 去年同期 / "the same period last year" — a year-over-year base, or asked back.

"The same month last year" / 去年同月 after a named month and a comparison word is read the same
way (that month's 同比); alone it is this month a year back, read by the dates.

Why: "same period" has a reading only against a period the question names. "上个月GMV比去年同期",
"gmv last month vs the same period last year" compare last month with that month a year
earlier: the year-over-year change (同比) the comparison passes already compute for "上个月GMV
同比", so the words are read as that comparison. Alone ("去年同期的GMV", "gmv in the same period
last year") the period is not said: the year so far a year back, this month a year back and the
last 30 days a year back are all in use, and "同期" was refused as an unknown word while the
suggestion left it out — offering last year's whole GMV. It is now asked back with two readings
written out and runnable: the same month last year, and last year up to today's date.
"""

from __future__ import annotations

import re

from nl2sql.derived import period_grain
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState

#: the time word "last year" as the question writes it (去年, 上年, last year)
_LAST_YEAR = frozenset({"去年", "上年", "last year"})
#: Chinese "same period" with a comparison word written into it by the segmenter
_ZH_SAME = re.compile(r"^同(期|月)(相比|对比|比较|比)?$")
#: comparison or joining words that may stand before the base ("比", "vs", "和…相比")
_JOINS = frozenset({"compare", "and"})


def _words(p: ParseState) -> list[Item]:
    return [x for x in p.all if x.text.strip()]


def _same_period(words: list[Item]) -> tuple[int, int, bool, bool] | None:
    """(first, last) indexes of the "same period last year" words, whether a comparison word
    is written into them ("同期相比") and whether they say "month" (去年同月, "the same month
    last year"); None when the question has none."""
    for k, x in enumerate(words):
        if x.kind != "time" or x.text.strip().lower() not in _LAST_YEAR:
            continue
        nxt = words[k + 1] if k + 1 < len(words) else None
        if nxt is not None and (m := _ZH_SAME.match(nxt.text.strip())):
            return k, k + 1, bool(m.group(2)), m.group(1) == "月"
        low = [w.text.strip().lower() for w in words[max(0, k - 4) : k]]
        for grain in ("period", "month"):
            for lead in (["the", "same", grain, "of"], ["the", "same", grain], ["same", grain]):
                if low[-len(lead) :] == lead:
                    return k - len(lead), k, False, grain == "month"
    return None


def read_same_period(p: ParseState) -> None:
    """Read "<period> vs the same period last year" as 同比; ask back the phrase alone."""
    words = _words(p)
    found = _same_period(words)
    if found is None:
        return
    first, last, compared, month = found
    q = p.result.question
    start, end = words[first].start, words[last].end
    before = words[first - 1] if first > 0 else None
    after = words[last + 1] if last + 1 < len(words) else None
    joined = before is not None and before.kind == "role" and before.role.split(":")[0] in _JOINS
    trailing = after is not None and after.kind == "role" and after.role == "compare"
    others = [x for x in words if x.kind == "time" and not (start <= x.start < end)]
    one_month = (
        len(others) == 1
        and others[0].time is not None
        and (period_grain(others[0].time.range) == "month")
    )
    if others and (joined or compared or trailing) and (one_month or not month):
        # the named period against the same period a year earlier: the 同比 of that period
        for x in (before if joined else None, after if trailing else None):
            if x is not None:
                x.kind, x.role = "stop", ""
        yoy = Item("role", q[start:end], start, end, role="yoy")
        k = p.all.index(words[first])
        p.all[k : p.all.index(words[last]) + 1] = [yoy]
        p.its = [it for it in p.all if it.kind != "stop"]
        return
    if month:
        return  # "the same month last year" alone is this month a year back (timeparse)
    if before is not None and before.text.strip().lower() in ("in", "during", "for"):
        start = before.start  # "gmv in the same period last year": the preposition goes too
    year = p.today.year - 1
    zh = not q.isascii()
    day = f"{year}年{p.today.month}月{p.today.day}日" if zh else f"{year}-{p.today:%m-%d}"
    readings = (
        ["去年同月", f"{year}年1月1日至{day}"]
        if zh
        else ["in the same month last year", f"from {year}-01-01 to {day}"]
    )
    span = q[start:end]
    raise Refusal(
        f"'{span}' names no period: say which ({' or '.join(readings)}), or compare a named "
        "period with it (e.g. 'gmv last month vs the same period last year')",
        zh=f"“{span}”没有说明是哪一段时间：请说明（{'或'.join(readings)}），"
        "或与一个具体时段对比（如“上个月GMV比去年同期”）",
        words=[span, *readings],
        kind="replace",
    )
