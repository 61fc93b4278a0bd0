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

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from semantic_layer.query import DimensionFilter


def _labelled(p: ParseState, it: Item | None) -> tuple[str, tuple[str, ...]] | None:
    """(dimension, its whole-number values) when ``it`` names exactly one such dimension."""
    if it is None or it.kind != "domain" or it.used:
        return None
    dims = {s.name for s in it.senses if s.kind == "dimension"}
    if len(dims) != 1 or any(s.kind != "dimension" for s in it.senses):
        return None
    (dim,) = dims
    d = p.catalog.dimension(dim)
    if d is None or d.dim_type != "categorical" or not d.number_values:
        return None
    return dim, d.number_values


def _label(num: Item | None, values: tuple[str, ...]) -> str | None:
    """The number's text when it is a plain whole number among ``values``."""
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


def read_number_labels(p: ParseState) -> None:
    """Pass: ``<number><dimension>`` or ``<dimension> <number>`` becomes ``dimension = number``."""
    for i, it in enumerate(p.its):
        found = _labelled(p, it)
        if found is None:
            continue
        dim, values = found
        for j in (i - 1, i + 1):
            num = p.at(j)
            value = _label(num, values)
            if num is None or value is None or not _touching(p, it, num):
                continue
            it.sense = next(s for s in it.senses if s.kind == "dimension")
            it.used = num.used = True
            p.filters.append(DimensionFilter(dimension=dim, op="=", values=[value]))
            p.result.notes.append(f"'{num.text}' beside '{it.text}' is {dim} = {value}")
            break
