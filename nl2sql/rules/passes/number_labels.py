"""Pass: "2023赛季", "season 2023", "the 2019 model year": a whole number written right beside
the name of a dimension whose values are whole numbers is that dimension's value (a filter).

Why a rule of its own: numbers are quantities, so a dimension holding seasons, model years or
cohorts has no names in the value index, and the number was left over ("I don't know what the
number '2023' refers to") though the dimension's own name touches it. Chinese writes the label
before the noun (2023赛季, 2019款), English either side ("season 2023", "the 2023 season"). The
number must be one of the dimension's values (``CatalogDimension.number_values``), so a count
or a top-N beside the name ("5 seasons") keeps its reading, and a dimension whose values are
not whole numbers is never read this way.
"""

from __future__ import annotations

from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.roles import question_metrics
from nl2sql.rules.state import ParseState
from semantic_layer.query import DimensionFilter

#: words that make a label a bound ("before season 2023", "2023赛季之前"): the label is then no
#: value, and the number stays unplaced (refused) rather than read as the value itself
_BOUNDS = "before after since until till from through prior earlier later 之前 以前 以后 之后 以来 前 后 起 至今 以上 以下 之间 开始 为止"
BOUND_WORDS = frozenset(_BOUNDS.split())
#: Chinese words that make a period relative ("上赛季" last season, "本赛季" this season)
RELATIVE_ZH = frozenset("上 下 本 这 今 去 前 同 当 该 上个 下个 这个 本个 上一 下一 前一".split())  # noqa: SIM905
#: the same in English ("this season", "last season")
RELATIVE_EN = frozenset({"this", "last", "next", "previous", "current", "coming", "past"})


def _labelled(p: ParseState, it: Item | None) -> tuple[str, tuple[str, ...]] | None:
    """(dimension, its whole-number values) when ``it`` names exactly one such dimension."""
    if it is None or it.kind != "domain" or it.used:
        return None
    dims = {s.name for s in it.senses if s.kind == "dimension"}
    if any(s.kind != "dimension" for s in it.senses):
        return None
    if len(dims) > 1:  # "2024赛季" where four models keep a season: the one the metrics reach
        metrics = question_metrics(p)
        reached = {d for d in dims if metrics and all(p.metric_allows(m, d) for m in metrics)}
        dims = reached if len(reached) == 1 else dims
    if len(dims) != 1:
        return None
    (dim,) = dims
    d = p.catalog.dimension(dim)
    if d is None or d.dim_type != "categorical" or not d.number_values:
        return None
    return dim, d.number_values


def _label(num: Item | None, values: tuple[str, ...]) -> str | None:
    """The number's text when it is a plain whole number among ``values``."""
    if num is not None and num.kind == "domain" and all(s.kind == "value" for s in num.senses):
        # "2024" also a text value of another model's season column: beside the word of a
        # whole-number dimension it is that dimension's label all the same
        return num.text if num.text.isdigit() and num.text in values and not num.used else None
    if num is None or num.kind != "num" or num.used or num.pct:
        return None
    return num.text if num.text.isdigit() and num.text in values else None


def _touching(p: ParseState, a: Item, b: Item) -> bool:
    """Whether ``a`` and ``b`` are next to each other in the question, with no word between.

    Why every item, stop words too: "planes built before 2000" puts a comparison between the
    name and the year; that number is a bound (``rules.event_years``), never the value.
    """
    idx = {id(x): k for k, x in enumerate(p.all)}
    ka, kb = idx.get(id(a)), idx.get(id(b))
    if ka is None or kb is None or abs(ka - kb) != 1:
        return False
    first, second = (a, b) if ka < kb else (b, a)
    return first.end <= second.start and second.start - first.end <= 1


def _bounded(p: ParseState, a: Item, b: Item) -> bool:
    """Whether a bound word ("before", 之前) stands right before or after the pair ``a b``."""
    idx = {id(x): k for k, x in enumerate(p.all)}
    lo, hi = sorted((idx[id(a)], idx[id(b)]))
    near = []
    for k, step in ((lo - 1, -1), (hi + 1, 1)):
        while 0 <= k < len(p.all) and p.all[k].text.strip().lower() in _DETERMINERS:
            k += step  # "since the 2023 season": the bound stands before the article
        if 0 <= k < len(p.all):
            near.append(p.all[k])
    return any(x.text.strip().lower() in BOUND_WORDS for x in near)


#: words between a bound and its label that change nothing ("since *the* 2023 season")
_DETERMINERS = frozenset({"the", "a", "an", "of", "的", "个"})


def _refuse_relative(p: ParseState, it: Item) -> None:
    """ "上赛季" / "本赛季": a relative period the labels cannot resolve is refused, never read
    as every label (the grouping the bare dimension word would give)."""
    k = next((n for n, x in enumerate(p.all) if x is it), None)
    prev = p.all[k - 1] if k else None
    if prev is None or prev.kind not in ("stop", "unknown"):
        return
    word = prev.text.strip()
    zh = word in RELATIVE_ZH and prev.end == it.start
    if not zh and not (word.lower() in RELATIVE_EN and it.start - prev.end <= 1):
        return
    said = f"{prev.text}{it.text}" if zh else f"{word} {it.text}"
    raise Refusal(
        f"'{said}' is relative; name the {it.text} (e.g. its value)",
        zh=f"“{said}”是相对的说法；请直接写出是哪一个（例如具体的取值）",
        words=[said],
        kind="ambiguous",
    )


def read_number_labels(p: ParseState) -> None:
    """Pass: ``<number><dimension>`` or ``<dimension> <number>`` becomes ``dimension = number``."""
    for i, it in enumerate(p.its):
        found = _labelled(p, it)
        if found is None:
            continue
        _refuse_relative(p, it)
        dim, values = found
        for j in (i - 1, i + 1):
            num = p.at(j)
            value = _label(num, values)
            if num is None or value is None or not _touching(p, it, num):
                continue
            if _bounded(p, it, num):
                continue
            it.sense = next(s for s in it.senses if s.kind == "dimension")
            it.used = num.used = True
            p.filters.append(DimensionFilter(dimension=dim, op="=", values=[value]))
            p.result.notes.append(f"'{num.text}' beside '{it.text}' is {dim} = {value}")
            break
