"""Pass: "tents with capacity above 4", "rides on bikes made before 1990",
"床位数超过20的营地的预订数" — a number compared with a numeric dimension is a condition on
each row.

Why: models keep a row's numbers that no metric sums as categorical dimensions (a tent's
capacity, a bike's gears or year made, a member's join year). The threshold pass refused
every comparison whose subject is such a dimension ("conditions on capacity are not supported
here"), so a plain question was refused on every model that has one. The reading is taken only
when

* the word right before the comparison (or before its count suffix, 床位*数*) names exactly one
  dimension, and nothing else: no metric, no value, no count of the noun ("customers with more
  than 5 orders" compares a metric and stays a HAVING condition);
* that dimension is categorical, no key, and holds no text values (a number compared with a
  text column would compare strings);
* another noun of the question names a metric the dimension can filter: without one, which rows
  are counted is not said, and it is refused as before.

"before"/"after" compare only with a year: the dimension's own name says "year" ("Year Made",
"join_year"), so "made before 1990" reads ``year_made < 1990``; elsewhere they stay time words.
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.passes.dimension_counts import _filtered_metric, _number
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import name_words
from nl2sql.vocabulary.values import number_column
from semantic_layer.catalog import CatalogDimension
from semantic_layer.query import DimensionFilter, FilterOp

#: the comparison roles (``cmp:>`` ...) a row condition takes, as filter operators
_ROW_OPS: dict[str, FilterOp] = {">": ">", ">=": ">=", "<": "<", "<=": "<="}
#: words that compare a year only ("built before 1990", "born after 1980")
_YEAR_OPS: dict[str, FilterOp] = {"before": "<", "after": ">", "since": ">=", "until": "<="}


def _numeric_dimension(p: ParseState, it: Item | None) -> CatalogDimension | None:
    """The one numeric categorical dimension ``it`` names (and nothing else), else None."""
    if it is None or it.kind != "domain" or it.used or not it.senses:
        return None
    if any(s.kind != "dimension" for s in it.senses):
        return None
    names = {s.name for s in it.senses}
    if len(names) != 1:
        return None
    d = p.catalog.dimension(names.pop())
    if d is None or p.count_metric(it) or not number_column(p.catalog, d):
        return None
    return d


def _is_year(d: CatalogDimension) -> bool:
    return "year" in name_words(d.name.split("__")[-1]) + name_words(d.label)


def _stop_between(p: ParseState, a: Item, b: Item) -> list[str]:
    """The grammar words written between items ``a`` and ``b``."""
    pa = next((k for k, x in enumerate(p.all) if x is a), -1)
    pb = next((k for k, x in enumerate(p.all) if x is b), -1)
    if pa < 0 or pb <= pa:
        return []
    return [x.text.strip().lower() for x in p.all[pa + 1 : pb] if x.kind == "stop"]


#: grammar words that may stand between a number and the metric it measures ("10 kg *of* weight");
#: not 的, which closes a clause ("床位数超过20*的*营地": the campsites, not a count of them)
_OF = frozenset({"of"})


def _metric_after(p: ParseState, n: int) -> bool:
    """Whether the word right after the compared number ``p.its[n]`` (past a unit and "of")
    names a metric or a thing a metric counts: "more than N <metric word>" binds N to that
    metric, not to the dimension before the comparison.

    Why: "depot codes with more than 44012 parcels" read ``depot_code > 44012`` (the code is a
    numeric-looking dimension) and answered the parcels of every higher code — a wrong answer
    where a threshold on the parcels of each depot code was asked.
    """
    k = n + 1
    if p.role_at(k, "unit"):
        k += 1  # "more than 500 kg of parcel weight"
    it = p.at(k)
    if it is None or it.kind != "domain" or p.subject_metric(it) is None:
        return False
    return set(_stop_between(p, p.its[k - 1], it)) <= _OF


def _claim(p: ParseState, d: CatalogDimension, op: FilterOp, num: Item, *used: Item) -> bool:
    if not _filtered_metric(p, used, d.name):
        return False
    p.filters.append(DimensionFilter(dimension=d.name, op=op, values=[_number(num)]))
    num.used = True
    for x in used:
        x.used = True
    p.result.notes.append(f"'{num.text}' compared with {d.name} is a condition on each row")
    return True


def read_dimension_comparisons(p: ParseState) -> None:
    """Turn "<numeric dimension> <comparison> <number>" into a row filter on the dimension."""
    for i, it in enumerate(p.its):
        if it.used:
            continue
        if it.kind == "role" and it.role.startswith("cmp:"):
            op = _ROW_OPS.get(it.role.split(":")[1])
            num = p.at(i + 1)
            if op is None or num is None or num.kind != "num" or num.used or num.pct:
                continue
            if _metric_after(p, i + 1):
                continue  # "depot codes with more than 44012 parcels": a threshold on parcels
            k = i - 2 if p.role_at(i - 1, "howmany") else i - 1  # 座位*数*超过200
            d = _numeric_dimension(p, p.at(k))
            if d is not None:
                parts = (p.its[k], it) if k == i - 1 else (p.its[k], p.its[i - 1], it)
                _claim(p, d, op, num, *parts)
            continue
        num = p.at(i + 1)
        if num is None or num.kind != "num" or num.used or num.pct or it.kind != "domain":
            continue  # before the dimension check, which may ask how to read the word
        d = _numeric_dimension(p, it)
        if d is None:
            continue
        between = _stop_between(p, it, num)
        year_ops = [_YEAR_OPS[w] for w in between if w in _YEAR_OPS]
        if len(year_ops) == 1 and _is_year(d) and float(num.number or 0).is_integer():
            _claim(p, d, year_ops[0], num, it)
