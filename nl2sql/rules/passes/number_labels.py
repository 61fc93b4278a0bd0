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
from nl2sql.rules.label_spans import read_span_label
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
        metrics = question_metrics(p) or _every_reading(p)
        reached = {d for d in dims if metrics and all(p.metric_allows(m, d) for m in metrics)}
        dims = reached if len(reached) == 1 else dims
    if len(dims) != 1:
        return None
    (dim,) = dims
    d = p.catalog.dimension(dim)
    if d is None or d.dim_type != "categorical" or not d.number_values:
        return None
    return dim, d.number_values


def _every_reading(p: ParseState) -> list[str]:
    """Every metric the question's metric words may still be ("saves": Total Saves or Save
    Percentage), when no word names one yet: a season every one of them reaches is the season
    whichever they turn out to be ("saves by team in the 2024 season")."""
    return [
        s.name
        for x in p.its
        if x.kind == "domain" and x.senses and all(s.kind == "metric" for s in x.senses)
        for s in x.senses
    ]


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


#: relative words that name the latest label ("this season", 本赛季) and the one before it
_THIS = frozenset({"this", "current", "本", "这", "今", "当", "这个", "本个"})
_LAST = frozenset({"last", "previous", "上", "去", "上个", "上一", "前一"})


def _relative_word(p: ParseState, it: Item) -> tuple[Item, str, int | None] | None:
    """(the word, the phrase said, how many labels back) for "上赛季" / "this season" before
    ``it``; the count is None for a relative word that names no label (next, past)."""
    k = next((n for n, x in enumerate(p.all) if x is it), None)
    prev = p.all[k - 1] if k else None
    if prev is None or prev.kind not in ("stop", "unknown"):
        return None
    word = prev.text.strip()
    zh = word in RELATIVE_ZH and prev.end == it.start
    if not zh and not (word.lower() in RELATIVE_EN and it.start - prev.end <= 1):
        return None
    said = f"{prev.text}{it.text}" if zh else f"{word} {it.text}"
    back = 0 if word.lower() in _THIS else 1 if word.lower() in _LAST else None
    return prev, said, back


def _reached_dimension(p: ParseState, dims: list[str]) -> str | None:
    """The one of ``dims`` (one word's dimension on several models) every metric the question's
    words may name reaches, if exactly one."""
    if len(dims) == 1:
        return dims[0]
    metrics = {s.name for x in p.its if x.kind == "domain" for s in x.senses if s.kind == "metric"}
    reached = [d for d in dims if metrics and all(p.metric_allows(m, d) for m in metrics)]
    return reached[0] if len(reached) == 1 else None


def read_relative_labels(p: ParseState) -> None:
    """Pass: "last season" / 本赛季 becomes ``dimension = label``, before unknown words are refused
    ("last" alone is no word of the model).

    Why: seasons, school years and fiscal years are labelled by one of their calendar years
    (2024 = 2023-24), so the current one is labelled this year or next; the data's latest label
    then is the current period and "last season" the label before it. A latest label older
    than this year says the data stops earlier (the current period may be missing), "next
    season" has no data, and a word naming the dimension on several models the question's
    metrics do not settle has no one dimension: those stay refused, never read as every label
    (the grouping the bare dimension word would give).
    """
    for it in p.its:
        if it.kind != "domain" or it.used or not it.senses:
            continue
        dims = [p.catalog.dimension(s.name) for s in it.senses if s.kind == "dimension"]
        if len(dims) != len(it.senses) or not all(
            d is not None and d.dim_type == "categorical" and d.number_values for d in dims
        ):
            continue
        found = _relative_word(p, it)
        if found is None:
            continue
        prev, said, back = found
        dim = _reached_dimension(p, [d.name for d in dims if d is not None])
        d = p.catalog.dimension(dim) if dim else None
        years = sorted({int(v) for v in (d.number_values if d else ()) if len(v) == 4})
        current = bool(years) and years[-1] in (p.today.year, p.today.year + 1)
        if dim is None or back is None or not current or back >= len(years):
            raise Refusal(
                f"'{said}' is relative; name the {it.text} (e.g. its value)",
                zh=f"“{said}”是相对的说法；请直接写出是哪一个（例如具体的取值）",
                words=[said],
                kind="ambiguous",
            )
        value = str(years[-1 - back])
        it.sense = next(s for s in it.senses if s.kind == "dimension" and s.name == dim)
        it.used = prev.used = True
        prev.kind = "stop"  # read: no unknown word left ("last")
        p.filters.append(DimensionFilter(dimension=dim, op="=", values=[value]))
        p.result.notes.append(f"'{said}' is {dim} = {value} (the latest in the data: {years[-1]})")


def read_number_labels(p: ParseState) -> None:
    """Pass: ``<number><dimension>`` or ``<dimension> <number>`` becomes ``dimension = number``."""
    for i, it in enumerate(p.its):
        found = _labelled(p, it)
        if found is None:
            continue
        dim, values = found
        if read_span_label(p, it, dim, values):
            continue
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
