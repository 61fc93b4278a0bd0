"""A year written against a dimension: "bikes made in 2004", "members born in 1980".

Why: a word that reaches a categorical dimension ("made" → Year Made, "born" → Home
Region) followed by "in <year>" was read as two things — a grouping by that dimension and a
time range on the metric's own date — so "rides on bikes made in 2004" answered the
rides *taken* in 2004 (none) by year made, and "members born in 1980" the members whose
first loan was in 1980, by home region. Both are wrong answers with a plausible
interpretation. The year belongs to the word before it:

- when that word's dimension holds years (its name or label says "year" / 年) and the time
  is one whole calendar year, the year is a value of it: a filter ``year_made = 2004``;
- when the word is an event verb ("born", "made", 出生) that reached its dimension only
  through a bridge, not the dimension's own name, the question cannot say which date the
  year is on: refused, with the ways to ask. A noun there ("rebates in March 2024") is the
  usual "metric in period" and keeps its reading.

Word order: English puts the year after the word ("built in 2004"), Chinese before it and
closes the clause with 的 ("2004年制造的飞机").
"""

from __future__ import annotations

import datetime as dt
import re

from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary import cedict, morphology
from semantic_layer.query import DimensionFilter

_YEAR_WORD = re.compile(r"(?:^|[_\s])years?(?:$|[_\s])|年", re.IGNORECASE)


def _neighbour(p: ParseState, it: Item, step: int) -> Item | None:
    """The next item of the question in direction ``step``, past stop words."""
    k = p.all.index(it) + step
    while 0 <= k < len(p.all) and p.all[k].kind == "stop" and p.all[k].text != "的":
        k += step
    return p.all[k] if 0 <= k < len(p.all) else None


def _taken_time(p: ParseState, it: Item) -> Item | None:
    """The question's time item when it is written against ``it`` (after it in English,
    before it and closed by 的 in Chinese); None otherwise."""
    if p.result.time is None:
        return None
    after = _neighbour(p, it, 1)
    if after is not None and after.kind == "time" and after.time is p.result.time:
        return after
    before = _neighbour(p, it, -1)
    if (
        before is not None
        and before.kind == "time"
        and before.time is p.result.time
        and after is not None
        and after.text == "的"
    ):
        return before
    return None


def _whole_year(time_item: Item) -> int | None:
    rng = time_item.time.range if time_item.time else None
    if rng is None or rng.start is None or rng.end is None:
        return None
    start, end = rng.start, rng.end
    if (start.month, start.day) == (1, 1) and end == dt.date(start.year + 1, 1, 1):
        return start.year
    return None


def _holds_years(p: ParseState, name: str) -> bool:
    dim = p.catalog.dimension(name)
    if dim is None or dim.dim_type == "time":
        return False
    words = (name.split("__")[-1], dim.label)
    return any(_YEAR_WORD.search(w) for w in words)


def _event_verb(word: str) -> bool:
    """A past form ("born", "built") or a Chinese verb (出生, 制造): a word saying when."""
    word = word.strip().lower()
    if word.isascii():
        return morphology.is_past(word)
    return cedict.verb_count(word) > 0


#: last words of a dimension's name that say its values are numbers ("route number",
#: "seat count", "zip code"): general English
_NUMBER_HEADS = frozenset(
    {"number", "no", "num", "nr", "id", "code", "count", "age", "seats", "seat", "zip", "year"}
)
#: the English span of whole years ("from 1900 to 2000"), as ``nl2sql.year_spans`` reads it
_FROM_SPAN = re.compile(r"^from\s+\d{4}\s+(?:to|through|thru|until|till)\s+\d{4}$", re.I)


def _number_span(p: ParseState, name: str, time_item: Item) -> bool:
    """Whether "from 1900 to 2000" right after a dimension holding numbers may be its values.

    Why: "rides with a route number from 1900 to 2000" read the pair as years (the English
    span rule of ``year_spans``) and grouped by route number over rides taken 1900-2000 —
    an empty table where thousands of rides were asked. After a dimension whose name says it holds
    numbers or years, four-digit numbers may be either; refused with both ways to ask.

    >>> _FROM_SPAN.match("from 1900 to 2000") is not None, _FROM_SPAN.match("in 2004") is None
    (True, True)
    """
    if not _FROM_SPAN.match(time_item.text.strip()):
        return False
    dim = p.catalog.dimension(name)
    if dim is None or dim.dim_type == "time":
        return False
    words = re.split(r"[_\s]+", f"{name.split('__')[-1]} {dim.label or ''}".lower().strip())
    return bool(_NUMBER_HEADS & set(words))


def bridged_event(it: Item) -> bool:
    """Whether ``it`` reached its dimension through a bridge and is an event verb ("bikes
    made" → Year Made): a year after it says when the event was, not which rows to count.

    Why a grouping checks this first: "rides by bikes made in 1999" grouped by Year Made
    and put 1999 on the ride date — an empty table. The dimension's own name after "by"
    ("rides by year made in 2013") keeps its reading: a breakdown of the 2013 rides.
    """
    sense = it.sense or (it.senses[0] if it.senses else None)
    words = it.text.split()
    return sense is not None and bool(sense.via) and bool(words) and _event_verb(words[-1])


def year_of_dimension(p: ParseState, it: Item, name: str) -> bool:
    """Read a year written against dimension item ``it`` (grouping name ``name``).

    Returns True when the year became a filter on the dimension (the caller then neither
    groups by it nor keeps the time range); raises :class:`Refusal` when the year's date is
    unknowable; False when the time is not written against this word.
    """
    time_item = _taken_time(p, it)
    if time_item is None:
        return False
    year = _whole_year(time_item)
    if year is not None and _holds_years(p, name):
        p.filters.append(DimensionFilter(dimension=name, op="=", values=[year]))
        p.result.time = None
        return True
    if _number_span(p, name, time_item):
        dim = p.catalog.dimension(name)
        shown = dim.label if dim is not None and dim.label else name
        a, b = re.findall(r"\d{4}", time_item.text)
        raise Refusal(
            f"'{it.text} {time_item.text}': I can't tell whether these are years or values of "
            f"{shown}; for the dates, put the time first ('from 2019 to 2021, … by {shown}'), "
            f"for the values, compare them ('{shown} between {a} and {b}')",
            zh=f"“{it.text} {time_item.text}”：无法确定这是年份还是{shown}的取值；"
            f"指日期请把时间写在前面，指取值请写成比较（“{shown}在{a}到{b}之间”）",
            words=[it.text],
        )
    sense = it.sense or (it.senses[0] if it.senses else None)
    if sense is None or not sense.via or not _event_verb(it.text):
        return False  # the dimension's own name or a noun: "GMV by channel in 2024" keeps both
    label = p.catalog.dimension(name)
    shown = label.label if label is not None else name
    raise Refusal(
        f"'{it.text} {time_item.text}': I can't tell which date '{time_item.text}' is on — "
        f"'{it.text}' reads as {shown}, not a date; ask by a date or a year of the model "
        "(e.g. '… by year') or drop the time",
        zh=f"“{time_item.text}{it.text}”：无法确定“{time_item.text}”指哪个日期——"
        f"“{it.text}”读作{shown}，不是日期；请按模型中的日期或年份提问，或去掉时间",
        words=[it.text],
    )
