"""A rolling window said before a measure names the one metric whose own words state that window.

Why: "trailing twelve-month unemployment for Greece", "12-month moving average of
unemployment", 西班牙滚动12个月的平均失业率 were refused ('rolling' / 滚动 unknown, or
"unemployment" shared by several labels), while the model has exactly one metric for it:
"Unemployment Trend (12M Avg)", described as a "12-month rolling average unemployment rate".
The window is the model author's own wording of that metric, so it tells the candidates apart.

What is read: a window word ("rolling", "trailing", "moving", 滚动, 移动) right beside a length
("12-month", "12 个月", "7-day"; or a time range the parser already read as "trailing 12
months"), then the measure the question names next — an unknown word several metrics share, or
a metric term. Its candidates are the metrics that word reaches, and for a metric term also the
metrics whose description repeats that metric's label ("unemployment rate" inside "12-month
rolling average unemployment rate"). Exactly one candidate must state the same length in the
same unit in its label or description *and* say it is a window (rolling, trailing, moving,
average/avg, or a cumulative metric with a window). Then the measure is that metric and the
window words are absorbed (shown as a bridge in the interpretation). Anything else is left as
it was and refused: "rolling 4-week shipped units" when the model's only window is 12 weeks,
"rolling 30-day palm oil price" with no window at all, or a window two metrics state — a
different window computed by the engine would be a guess, and the whole-period metric a wrong
answer.
"""

from __future__ import annotations

import re

from nl2sql.lexicon import Sense, normalize
from nl2sql.numbers import EN_NUMBER_WORDS
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from semantic_layer.catalog import CatalogMetric

#: words that make a length a window (general language, both scripts)
WINDOW_WORDS = frozenset({"rolling", "trailing", "moving", "滚动", "移动"})

#: the grain role's unit -> the unit's spellings in a metric's label or description
_UNITS: dict[str, tuple[str, ...]] = {
    "day": ("d", "day", "days"),
    "week": ("w", "wk", "wks", "week", "weeks"),
    "month": ("m", "mo", "mos", "month", "months"),
    "quarter": ("q", "qtr", "quarter", "quarters"),
    "year": ("y", "yr", "yrs", "year", "years"),
}


_TOKEN = re.compile(r"[a-z0-9]+")

_LENGTH = re.compile(r"\b(\d+|[a-z]+)\s*-?\s*([a-z]+)\b")

#: a metric's own words saying its value is taken over a window
_WINDOW_SAID = re.compile(r"\b(rolling|trailing|moving|average|avg|running)\b")

#: a time range the parser read from a window phrase: "trailing 12 month"
_TIME_WINDOW = re.compile(r"^(rolling|trailing|moving)\s+(\d+)\s+(day|week|month|quarter|year)s?$")


def stated_windows(metric: CatalogMetric) -> set[tuple[int, str]]:
    """The (length, unit) windows the metric's label and description state.

    >>> m = CatalogMetric("u", "Unemployment Trend (12M Avg)",
    ...                   description="12-month rolling average unemployment rate.")
    >>> sorted(stated_windows(m))
    [(12, 'month')]
    >>> stated_windows(CatalogMetric("e", "E&O Value", description="no demand in the prior 26 weeks"))
    set()
    """
    text = f"{metric.label} {metric.description}".lower()
    if not (metric.windowed or _WINDOW_SAID.search(text)):
        return set()
    out = set()
    for num, unit in _LENGTH.findall(text):
        n = int(num) if num.isdigit() else EN_NUMBER_WORDS.get(num)
        if n is None:
            continue
        for name, spellings in _UNITS.items():
            if unit in spellings:
                out.add((n, name))
    return out


def _word(it: Item) -> str:
    return it.text.strip().lower()


def _grain_unit(it: Item) -> str:
    if it.kind == "role" and it.role.startswith("grain:"):
        unit = it.role.split(":", 1)[1]
        return unit if unit in _UNITS else ""
    return ""


def _length_at(items: list[Item], j: int) -> tuple[int, str, int] | None:
    """A length starting at ``items[j]``: a number, then "-" / 个 and a grain word.

    Returns (length, unit, index after it) or None.
    """
    n = items[j].number if j < len(items) and items[j].kind == "num" else None
    if n is None:
        return None
    k = j + 1
    while k < len(items) and items[k].kind == "stop" and _word(items[k]) in ("-", "个"):
        k += 1
    unit = _grain_unit(items[k]) if k < len(items) else ""
    if not unit or n != int(n) or n <= 1:
        return None
    return int(n), unit, k + 1


def _window(items: list[Item]) -> tuple[int, str, int, int] | None:
    """The question's one window phrase: (length, unit, first index, index after it)."""
    found = []
    for i, it in enumerate(items):
        m = _TIME_WINDOW.match(_word(it)) if it.kind == "time" else None
        if m:
            found.append((int(m.group(2)), m.group(3), i, i + 1))
            continue
        if _word(it) not in WINDOW_WORDS or it.kind not in ("unknown", "stop"):
            continue
        after = _length_at(items, i + 1)
        if after is not None:
            found.append((after[0], after[1], i, after[2]))
            continue
        for start in (i - 3, i - 2):  # "12-month rolling", "12 个月 滚动"
            before = _length_at(items, start) if start >= 0 else None
            if before is not None and before[2] == i:
                found.append((before[0], before[1], start, i + 1))
                break
    return found[0] if len(found) == 1 else None


def _measure_after(items: list[Item], end: int) -> int | None:
    """The index of the first item after the window that is not grammar ("average of", 的)."""
    for k in range(end, len(items)):
        it = items[k]
        if it.kind == "stop" or (it.kind == "role" and it.role == "avg"):
            continue
        return k
    return None


def _label_core(metric: CatalogMetric) -> str:
    """The metric's label without a bracketed unit: "unemployment rate" of "Unemployment Rate (%)"."""
    return normalize(re.sub(r"\(.*?\)", " ", metric.label or metric.name.replace("_", " ")))


def _candidates(p: ParseState, it: Item) -> list[CatalogMetric]:
    """The metrics the measure word reaches, and for a metric term the metrics whose label or
    description repeats its label or the words said ("harvest value" in "Rolling 7-day harvest
    value").

    An unknown word reaches its weak readings and the metrics whose label has it as a word
    ("unemployment" in "Unemployment Rate (%)", "Unemployment Trend (12M Avg)").
    """
    if it.kind == "unknown":
        word = normalize(it.text)
        senses = list(p.lex.clarify.get(word, []))
        senses += [
            Sense("metric", m.name)
            for m in p.catalog.metrics
            if word and f" {word} " in f" {_label_core(m)} "
        ]
    elif it.kind == "domain":
        senses = it.senses
    else:
        return []
    if not senses or any(s.kind != "metric" for s in senses):
        return []
    named = [m for s in senses if (m := p.catalog.metric(s.name)) is not None]
    out = {m.name: m for m in named}
    if it.kind == "domain":
        phrases = {" ".join(_TOKEN.findall(_label_core(m))) for m in named}
        phrases.add(" ".join(_TOKEN.findall(it.text.lower())))
        for other in p.catalog.metrics:
            own = " ".join(_TOKEN.findall(f"{_label_core(other)} . {other.description}".lower()))
            if any(core and f" {core} " in f" {own} " for core in phrases):
                out.setdefault(other.name, other)
    return list(out.values())


def read_window_phrases(p: ParseState) -> None:
    """Read a window phrase and the measure after it as the one metric stating that window."""
    window = _window(p.all)
    if window is None:
        return
    n, unit, start, end = window
    k = _measure_after(p.all, end)
    if k is None:
        return
    measure = p.all[k]
    matches = [m for m in _candidates(p, measure) if (n, unit) in stated_windows(m)]
    if len(matches) != 1:
        return
    (metric,) = matches
    said = " ".join(w for x in p.all[start:end] if (w := x.text.strip()) and w not in ("-", "个"))
    p.all[k] = Item(
        "domain", measure.text, measure.start, measure.end, [Sense("metric", metric.name)]
    )
    for j in range(start, end):
        p.all[j] = Item("stop", p.all[j].text, p.all[j].start, p.all[j].end)
    p.result.bridged.append(f"{said} {measure.text.strip()} → {metric.label or metric.name}")
    p.its = [x for x in p.all if x.kind != "stop"]


_UNIT_ZH = {"day": "天", "week": "周", "month": "个月", "quarter": "个季度", "year": "年"}


def refuse_unstated_window(p: ParseState, words: list[str]) -> None:
    """Refuse a window word left unknown by saying which windows the model has.

    "rolling 4-week shipped units" was refused as "I don't know 'rolling'" with unrelated
    suggestions; the user needs to know that no metric is a 4-week window and which windows
    exist ("Trailing 12-Week Gross Demand Units"), offered as the suggestions' readings.
    """
    window = _window(p.all)
    if window is None:
        return
    n, unit, start, end = window
    said_words = {x.text.strip().lower() for x in p.all[start:end]}
    if not said_words & {w.strip().lower() for w in words} & WINDOW_WORDS:
        return
    windowed = [m for m in p.catalog.metrics if stated_windows(m)]
    labels = [m.label or m.name for m in windowed]
    if labels:
        tail = f"; the model's window metrics: {', '.join(labels)}"
        tail_zh = f"；模型中的窗口指标：{'、'.join(labels)}"
    else:
        tail = "; the model has no rolling-window metric: ask for the metric over a period"
        tail_zh = "；模型没有滚动窗口指标，可以改问某个时期内的指标"
    raise Refusal(
        f"the question asks for a rolling {n}-{unit} window, which no metric it names states{tail}",
        zh=f"问题要求滚动{n}{_UNIT_ZH.get(unit, unit)}的窗口，但所问的指标没有这样的窗口{tail_zh}",
        words=words,
        senses=[Sense("metric", m.name) for m in windowed],
    )
