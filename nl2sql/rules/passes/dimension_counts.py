"""Pass: "rides on bikes *with more than 21 gears*" — a number of things a dimension
counts, after "with", is a condition on each row of that dimension.

Why: a model keeps how many gears a bike has, how many rooms a hotel has, how many staff a
store has as a dimension named by the counted noun itself ("Gears", "Rooms", "Employees").
"with more than 21 gears" then says which rows to take; the threshold pass refused it (the
number counts gears, not the rides) because read as a condition on the metric it would
answer another question. The reading is taken only when

* "with" / "having" / "that have" (有) stands right before the comparison, and the number is
  followed at once by a noun that names one dimension by its whole label (no metric, no
  value, no count of the noun: "customers with more than 5 orders" compares a metric and
  stays a HAVING condition), a dimension that is no time, no key and holds no text values;
* another noun of the question names a metric that dimension can filter: without one ("bikes
  with more than 21 gears" alone) which rows are counted is not said, and it is refused as
  before.

The noun right before "with", when it is the dimension's own entity ("aircraft"), only says
whose seats: it is consumed with the condition.
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import name_words, singular
from semantic_layer.catalog import CatalogDimension
from semantic_layer.query import DimensionFilter, FilterOp

#: the comparison roles (``cmp:>`` ...) a row condition takes, as filter operators
_ROW_OPS: dict[str, FilterOp] = {">": ">", ">=": ">=", "<": "<", "<=": "<="}
#: the words that make the comparison after them a property of the noun before them
_WITH = frozenset({"with", "having", "has", "have", "有"})


def _counted_dimension(p: ParseState, noun: Item) -> CatalogDimension | None:
    """The one dimension ``noun`` names by its whole label (a number of those things), else None."""
    if noun.kind != "domain" or noun.used or not noun.senses:
        return None
    if any(s.kind != "dimension" for s in noun.senses) or p.count_metric(noun):
        return None
    dims = {s.name for s in noun.senses}
    if len(dims) != 1:
        return None
    d = p.catalog.dimension(dims.pop())
    if d is None or d.dim_type == "time" or d.is_key:
        return None
    if any(not str(v).replace(".", "", 1).lstrip("-").isdigit() for v in d.values):
        return None  # text values: not a number of things
    said = [singular(w) for w in name_words(noun.senses[0].via or noun.text)]
    label = [singular(w) for w in name_words(d.label or d.name.split("__")[-1])]
    return d if said == label else None


def _with_before(p: ParseState, cmp: Item) -> bool:
    """Whether "with" (or "having", 有) is written right before the comparison word."""
    pos = next((k for k, x in enumerate(p.all) if x is cmp), 0)
    return pos > 0 and p.all[pos - 1].text.strip().lower() in _WITH


def _filtered_metric(p: ParseState, skip: tuple[Item, ...], dimension: str) -> bool:
    """Whether another noun names a metric (or counts a thing) that ``dimension`` filters."""
    found = False
    for x in p.its:
        if any(x is s for s in skip) or x.kind != "domain" or x.used:
            continue
        metric = p.subject_metric(x)
        if metric is None:
            continue
        if not p.metric_allows(metric, dimension):
            return False
        found = True
    return found


def read_dimension_counts(p: ParseState) -> None:
    """Turn "with <comparison> <number> <dimension noun>" into a row filter on the dimension."""
    for i, it in enumerate(p.its):
        if it.kind != "role" or not it.role.startswith("cmp:") or it.used:
            continue
        op = _ROW_OPS.get(it.role.split(":")[1])
        num, noun = p.at(i + 1), p.at(i + 2)
        if op is None or num is None or noun is None or num.kind != "num":
            continue
        if num.used or num.pct or not _with_before(p, it):
            continue
        d = _counted_dimension(p, noun)
        if d is None:
            continue
        owner = p.at(i - 1)
        whose = (
            owner
            if owner is not None
            and owner.kind == "domain"
            and not owner.used
            and any(s.kind == "entity" and s.name == d.entity for s in owner.senses)
            else None
        )
        skip = (noun, whose) if whose is not None else (noun,)
        if not _filtered_metric(p, skip, d.name):
            continue
        p.filters.append(DimensionFilter(dimension=d.name, op=op, values=[_number(num)]))
        it.used = num.used = noun.used = True
        if whose is not None:
            whose.used = True
        p.result.notes.append(f"'{num.text} {noun.text}' is a condition on {d.name} of each row")


def _number(num: Item) -> int | float:
    """The number as written: 300, not 300.0 (it is shown in the interpretation)."""
    value = float(num.number or 0.0)
    return int(value) if value.is_integer() else value
