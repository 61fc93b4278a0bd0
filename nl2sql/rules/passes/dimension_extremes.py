"""Pass: "latest ride date per operator", "largest capacity per campsite", "最早的注册日期" —
the largest or latest value of a dimension, per group.

Why: a superlative before a dimension (a date, a number the model keeps per row: seats,
capacity) with no metric asks for that column's maximum (minimum) — no metric of the model
says it, and the ranking passes refused it ("top/bottom by which metric?"); "latest" and
"earliest" were unknown words. MetricFlow has no such query either: a query without metrics
returns the distinct values of its dimensions and nothing aggregates a dimension. The engine
answers it over exactly that listing (the distinct group × value rows MetricFlow returns),
keeping each group's largest value (``nl2sql.derived`` kind ``extreme``): the value is the
column's own, no aggregation of a measure is invented.

Read only when the dimension holds dates or numbers (a time dimension, or numeric values), no
metric, time range, ranking or "which" is in the question ("which hotel has
the largest capacity" asks for the hotel, not the number), and the dimension is named right
after the superlative (or after 的: 最早的注册日期). "latest" / "earliest" left unread (beside a
metric: "latest revenue") are refused (``passes.leftovers``), never dropped.
"""

from __future__ import annotations

from nl2sql.derived import Derived
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState

#: the roles of a superlative of size (general ``top`` / ``bottom``) and of time
_MAX_ROLES = frozenset({"top", "latest"})
_MIN_ROLES = frozenset({"bottom", "earliest"})
#: size words that say a place in a ranking or an amount of rows, never a value's size
_RANK_WORDS = frozenset({"top", "bottom", "前", "后", "most", "least", "最多", "最少", "倒数"})


def _target(p: ParseState, i: int) -> tuple[Item, str, str] | None:
    """(item, dimension, its group-by name) of the dimension named right after the
    superlative at ``i`` (across 的 / the)."""
    x = p.at(i + 1)
    axis = x is not None and x.kind == "role" and x.role == "axis"  # a date named ("ride date")
    if x is None or x.used or not (x.kind == "domain" or axis):
        return None
    if x.is_kind("metric") or x.is_kind("value"):
        return None
    dims = {s.name for s in x.senses if s.kind == "dimension"}
    if len(dims) != 1 or any(s.kind != "dimension" for s in x.senses):
        return None
    d = p.catalog.dimension(dims.pop())
    if d is None or d.is_key:
        return None
    if d.dim_type == "time":
        return x, d.name, f"{d.name}__day"
    # known to hold numbers: its values (low cardinality) or its whole-number labels; a column
    # whose values were not read may hold text, whose MAX is only the last in alphabetical order
    numeric = bool(d.number_values) or (
        bool(d.values) and all(str(v).replace(".", "", 1).lstrip("-").isdigit() for v in d.values)
    )
    return (x, d.name, d.name) if numeric else None


def _value_only(x: Item) -> bool:
    """A value and nothing else ("UA", 美联航): a condition on the listing's rows, which the
    value passes read as a filter (MetricFlow filters a metric-free listing the same way)."""
    return all(s.kind == "value" for s in x.senses)


def _nothing_else(p: ParseState, it: Item, target: Item) -> bool:
    """Whether the question holds no metric, value, ranking or 'which' besides the groups."""
    if p.metrics or p.having or p.limit or p.result.time is not None or p.derived is not None:
        return False
    for x in p.its:
        if x is it or x is target or x.used:
            continue
        if x.kind == "role" and x.role.startswith(("which", "howmany", "top", "bottom", "cmp")):
            return False
        if x.kind in ("num", "time", "unknown"):
            return False
        if x.kind == "domain" and x.is_kind("metric"):
            return False
        if x.kind == "domain" and x.is_kind("value") and not _value_only(x):
            return False
    return True


def read_dimension_extremes(p: ParseState) -> None:
    """Read "<superlative> <date or number dimension>" with no metric as that column's
    largest (smallest) value, per the groups the question names."""
    for i, it in enumerate(p.its):
        if it.kind != "role" or it.used or it.role not in _MAX_ROLES | _MIN_ROLES:
            continue
        if it.text.strip().lower() in _RANK_WORDS:
            continue
        found = _target(p, i)
        if found is None or not _nothing_else(p, it, found[0]):
            continue
        target, dim, name = found
        d = p.catalog.dimension(dim)
        timed = d is not None and d.dim_type == "time"
        if it.role in ("latest", "earliest") and not timed:
            continue  # "newest capacity": a time word on a number is not read
        it.used = target.used = True
        p.dimension_only = True
        p.derived = Derived("extreme", keep=(name, "max" if it.role in _MAX_ROLES else "min"))
        return


def settle_dimension_extreme(p: ParseState) -> None:
    """Put the extreme's dimension last in the listing (the groups before it); refuse what the
    listing cannot hold: metrics (then the superlative ranks them), a ranking or a time range
    (which date would it filter?)."""
    d = p.derived
    if d is None or d.kind != "extreme" or d.keep is None:
        return
    timed = any(g.startswith("metric_time__") for g in p.group_by)  # by month: whose dates?
    if p.metrics or p.having or p.limit or p.result.time is not None or timed:
        raise Refusal(
            "the largest or latest value of a column is asked with no metric, ranking or date "
            "range; ask for it alone (e.g. 'latest <date> by <group>')",
            zh="某一列的最大值或最晚日期只能单独问，不能带指标、排名或时间范围；请单独提问",
        )
    p.group_by = [g for g in p.group_by if g != d.keep[0]]
    p.group_by.append(str(d.keep[0]))
