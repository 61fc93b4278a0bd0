""" "the 2025-26 season" / "2025-26赛季": a two-year span beside a dimension of year labels is
the one label the dimension's description says such a span has.

Why: seasons, school years and fiscal years run across two calendar years and are labelled by
one of them; which one differs by model (2024 = 2023-24, or 2023 = 2023-24). Users write the
span, and the numbers 2025 and 26 were left over ("I don't know what the number '2025' refers
to"). Owners state the convention in the description ("Season year (e.g., 2024 = 2023-24
season)"): that example decides which year of a span is the label; a dimension of the same
name on another model of the project that states none follows it. No stated convention, or
two that differ, leave the span unread (refused): guessing one of two years would answer
another season.
"""

from __future__ import annotations

import re

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from semantic_layer.query import DimensionFilter

_EXAMPLE = re.compile(r"\b(\d{4})\s*=\s*(\d{4})\s*[-–/]\s*(\d{2}|\d{4})\b")
_DASHES = frozenset({"-", "–", "/", "—"})


def label_of_span(description: str, first: int, second: int) -> int | None:
    """The label of the span ``first``-``second`` by the description's example, or None.

    >>> label_of_span("Season year (e.g., 2024 = 2023-24 season).", 2025, 2026)
    2026
    >>> label_of_span("Fiscal year; 2023 = 2023/2024.", 2025, 2026)
    2025
    >>> label_of_span("Season year.", 2025, 2026) is None
    True
    """
    m = _EXAMPLE.search(description or "")
    if m is None or second != first + 1:
        return None
    label, start = int(m.group(1)), int(m.group(2))
    if label == start + 1:
        return second
    if label == start:
        return first
    return None


def _years(a: Item, dash: Item, b: Item) -> tuple[int, int] | None:
    """(first, second) for "2025 - 26" / "2025 - 2026" written as three touching items."""
    if a.kind != "num" or b.kind != "num" or dash.text.strip() not in _DASHES:
        return None
    if not (a.text.isdigit() and len(a.text) == 4 and b.text.isdigit()):
        return None
    if not (a.end == dash.start and dash.end == b.start):
        return None
    first = int(a.text)
    second = int(b.text) if len(b.text) == 4 else first // 100 * 100 + int(b.text)
    if len(b.text) not in (2, 4):
        return None
    return first, second


def _project_label(p: ParseState, dim: str, first: int, second: int) -> int | None:
    """The label of a span by ``dim``'s description, else by the one convention the
    descriptions of the project's same-named dimensions state (a team model's bare ``season``
    beside a player model's "2024 = 2023-24"): one project, one season column."""
    d = p.catalog.dimension(dim)
    own = label_of_span(d.description if d else "", first, second)
    if own is not None:
        return own
    local = dim.rsplit("__", 1)[-1]
    found = {
        label_of_span(o.description, first, second)
        for o in p.catalog.dimensions
        if o.name.rsplit("__", 1)[-1] == local and _EXAMPLE.search(o.description or "")
    }
    return found.pop() if len(found) == 1 else None


def read_span_label(p: ParseState, it: Item, dim: str, values: tuple[str, ...]) -> bool:
    """Read a span right before ``it`` (2025-26赛季, "the 2025-26 season") or right after it
    ("season 2025-26") as ``dim = label``; whether it was read."""
    d = p.catalog.dimension(dim)
    k = next((n for n, x in enumerate(p.all) if x is it), None)
    if d is None or k is None:
        return False
    for trio, gap in (
        (p.all[k - 3 : k], lambda last: it.start - last.end <= 1),
        (p.all[k + 1 : k + 4], lambda first: first.start - it.end <= 1),
    ):
        if len(trio) != 3 or any(x.used for x in trio):
            continue
        years = _years(*trio)
        if years is None or not gap(trio[-1] if trio[0].start < it.start else trio[0]):
            continue
        label = _project_label(p, dim, *years)
        if label is None or str(label) not in values:
            continue
        for x in trio:
            x.used = True
        it.used = True
        it.sense = next(s for s in it.senses if s.kind == "dimension" and s.name == dim)
        p.filters.append(DimensionFilter(dimension=dim, op="=", values=[str(label)]))
        said = "".join(x.text for x in trio)
        p.result.notes.append(f"'{said}' is {dim} = {label} (as its description labels spans)")
        return True
    return False
