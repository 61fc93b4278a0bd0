"""Pass: "visits in 2010" where 2010 is also a stored store number — ask which is meant.

Why: a bare year after "in / for / during / of" (or 2000年) is read as a date range by the time
rules, before any value rule looks at the number. When the same digits are exactly one stored
value of a categorical dimension (a postal code, a store number), the question reads two ways
and nothing in it decides: taken as the year it answered the rows of 2010 (none, in a model of
2020s data), a wrong answer that looks like an empty month. The question is refused with both
readings written out as runnable questions ("in the year 2010", "in Store Number 2010").

Left alone: a dimension whose own name says it holds years (Year Made — "rides in 2013" is
the ride date, not bikes made in 2013), a year the question already marks as one ("the
year 2000", "2000年全年"), a month or a range, and a number the question already read as a
value, or a question that already groups or filters by that dimension ("by store number in
2010"). Only one dimension holding the digits is asked about; two or more stay as they were.
"""

from __future__ import annotations

import re

from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.roles import question_metrics
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import name_words
from semantic_layer.catalog import CatalogDimension

#: a time written as a bare year: "in 2000", "for 2000", "2000", "2000年"
_BARE_YEAR = re.compile(
    r"^(?:(?:in|for|during|of)\s+)?((?:19|20)\d{2})$|^((?:19|20)\d{2})\s*年$", re.IGNORECASE
)


def _bare_year(it: Item) -> str | None:
    """The year's digits when time item ``it`` is written as a bare year, else None."""
    m = _BARE_YEAR.match(it.text.strip())
    return (m.group(1) or m.group(2)) if m else None


def _holds_years(d: CatalogDimension) -> bool:
    words = name_words(d.name.split("__")[-1]) + name_words(d.label)
    return "year" in words or "年" in (d.label or "")


def _coded_dimension(p: ParseState, digits: str) -> CatalogDimension | None:
    """The one categorical dimension (no year of its own) that stores ``digits`` and that the
    question's metrics reach, else None."""
    dims = [
        d
        for d in p.catalog.dimensions
        if d.dim_type == "categorical" and digits in (str(v) for v in d.values)
    ]
    if len(dims) != 1 or _holds_years(dims[0]):
        return None
    if dims[0].name in p.group_by or any(f.dimension == dims[0].name for f in p.filters):
        return None  # "visits by store number in 2010": the numbers are said, 2000 is the year
    metrics = question_metrics(p) or list(p.metrics)
    if not metrics or not all(p.metric_allows(m, dims[0].name) for m in metrics):
        return None
    return dims[0]


def _written(question: str, text: str) -> str | None:
    """``text`` as the user wrote it in ``question`` (case kept), None when not found."""
    m = re.search(re.escape(text).replace(r"\ ", r"\s+"), question, re.IGNORECASE)
    return m.group(0) if m else None


def ask_year_or_value(p: ParseState) -> None:
    """Refuse a bare year that is also one dimension's stored value, offering both readings."""
    if p.result.time is None:
        return
    it = next((x for x in p.all if x.kind == "time" and x.time is p.result.time), None)
    digits = _bare_year(it) if it is not None else None
    if it is None or digits is None:
        return
    dim = _coded_dimension(p, digits)
    written = _written(p.result.question, it.text.strip())
    if dim is None or written is None:
        return
    label = dim.label or dim.name.split("__")[-1].replace("_", " ")
    zh = not p.result.question.isascii()
    if zh:
        as_year, as_value = f"{digits}年全年", f"{label} {digits}"
    else:
        lead = written[: len(written) - len(digits)]  # "in " / "for " / ""
        as_year, as_value = f"{lead}the year {digits}", f"{lead}{label} {digits}"
    raise Refusal(
        f"'{written}': {digits} may be a year or {label} {digits} (a stored value); "
        f"ask '{as_year}' for the year or '{as_value}' for the {label}",
        zh=f"“{written}”：{digits}可能是年份，也可能是{label} {digits}（已有的取值）；"
        f"指年份请写“{as_year}”，指{label}请写“{as_value}”",
        words=[written, as_year, as_value],
        kind="replace",
    )
