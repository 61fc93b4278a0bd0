"""How large one value an SQL expression builds may grow: refuse expressions that explode.

Why a static bound: DuckDB's ``memory_limit`` counts the buffer manager's blocks, not the
strings and lists one function call builds, and an interrupt is only seen between chunks. So
a model expression like ``length(repeat('a', 2000000000)) > 0`` ran 94 s past a 30 s time
limit and took 6.1 GB (session 14): neither limit of the query connection could stop it. The
functions that can build a value far larger than their inputs (``repeat``, ``lpad``/``rpad``,
``range``/``generate_series``, ``list_resize``, ``bar``, ``to_base``, ``printf``/``format``
widths, ``replace`` by a longer text, a lambda over a list) are the only way one expression
explodes, so each gets an upper bound of what it builds, in *units*: a column's value counts
1 (whatever the data holds), a text written in the expression its length, and a count must be
a number written in the expression (or ``least(<expr>, N)``). An expression whose bound passes
:data:`MAX_GROWTH` is refused with what to write instead; model loading (``parse_template``)
and the SQL guard both ask :func:`oversized`.

>>> import sqlglot
>>> oversized(sqlglot.parse_one("lpad(cast(month AS varchar), 2, '0')"))
>>> oversized(sqlglot.parse_one("length(repeat('a', 2000000000)) > 0"))
"REPEAT('a', 2000000000) builds up to 2,000,000,000 characters or elements per value (at most 10,000)"
>>> oversized(sqlglot.parse_one("repeat(repeat(x, 500), 500)"))
'REPEAT(REPEAT(x, 500), 500) builds up to 250,000 characters or elements per value (at most 10,000)'
>>> oversized(sqlglot.parse_one("repeat('*', stars)"))
"REPEAT('*', stars): its size `stars` is not a number written in the expression, so the data decides how large the value grows; bound it: least(stars, 100)"
>>> oversized(sqlglot.parse_one("repeat('*', least(stars, 100))"))
"""

from __future__ import annotations

import datetime as dt
import re

from sqlglot import exp

#: characters (or list elements) one expression may build from one value of the data; a label
#: or a padded code needs tens, a text bar a hundred
MAX_GROWTH = 10_000
#: ``bar()``'s width when none is given (DuckDB's default)
_BAR_WIDTH = 80
#: functions whose result is one of their inputs (or a boolean), not a combination of all
_PICK = (exp.Case, exp.If, exp.Coalesce, exp.Least, exp.Greatest, exp.Nullif)
_WIDTH = re.compile(r"\d+")


class _Unbounded(Exception):
    """A count that is not written in the expression (so the data decides the size)."""

    def __init__(self, count: exp.Expr) -> None:
        super().__init__(count.sql("duckdb"))
        self.count = count


def oversized(tree: exp.Expr, *, dates_from_data: bool = False) -> str | None:
    """Why ``tree`` may build a value too large to compute, or None when it is bounded.

    Every value expression of the tree is checked (a query's select list, filters, joins), so
    the guard can pass a whole compiled query; a subquery's own expressions are checked where
    they stand and its result counts as one value.

    ``dates_from_data``: a series of dates with a step of an hour or more between ends that
    are not written in the query counts as one value. The guard says so: the engine's own periods
    of a cumulative metric are ``generate_series(r.lo, r.hi, INTERVAL '1' DAY)`` over the
    data's first and last day (or the question's), while a model's expressions, checked when
    the model loads, may not leave a series' length to the data.
    """
    sizes: dict[int | str, int] = {"dates_from_data": int(dates_from_data)}
    # innermost first, so the message names the function that explodes, not what holds it
    for node in reversed(list(tree.walk())):
        if not _builds(node):
            continue
        try:
            size = _size(node, sizes)
        except _Unbounded as exc:
            count = exc.count.sql("duckdb")
            fix = "" if exc.count.find(exp.Literal) else f"; bound it: least({count}, 100)"
            return (
                f"{node.sql('duckdb')}: its size `{count}` is not a number written in the "
                f"expression, so the data decides how large the value grows{fix}"
            )
        if size > MAX_GROWTH:
            return (
                f"{node.sql('duckdb')} builds up to {size:,} characters or elements per value "
                f"(at most {MAX_GROWTH:,})"
            )
    return None


def _name(node: exp.Expr) -> str:
    return (node.name if isinstance(node, exp.Anonymous) else node.key).lower()


def _builds(node: exp.Expr) -> bool:
    """Whether ``node`` builds a value from others (a function, an operator, a CASE)."""
    return isinstance(node, (exp.Func, exp.Binary, exp.Case, exp.Lambda)) and not isinstance(
        node, (exp.Query, exp.Subquery)
    )


def _args(node: exp.Expr) -> list[exp.Expr]:
    return [a for a in node.iter_expressions() if isinstance(a, exp.Expr)]


def _count(node: exp.Expr | None, default: int | None = None) -> int:
    """The largest value a count argument can take; raises :class:`_Unbounded` if unknown."""
    if node is None:
        if default is None:
            raise _Unbounded(exp.Null())
        return default
    if isinstance(node, exp.Paren | exp.Cast):
        return _count(node.this)
    if isinstance(node, exp.Neg):
        return 0
    if isinstance(node, exp.Literal) and not node.is_string:
        try:
            return max(0, int(float(node.this)))
        except (ValueError, OverflowError):
            raise _Unbounded(node) from None
    if isinstance(node, exp.Least):
        bounds = []
        for arg in _args(node):
            try:
                bounds.append(_count(arg))
            except _Unbounded:
                continue
        if bounds:
            return min(bounds)
    raise _Unbounded(node)


#: days in one step of a date or time series, by the interval's unit
_UNIT_DAYS = {
    "SECOND": 1 / 86400,
    "MINUTE": 1 / 1440,
    "HOUR": 1 / 24,
    "DAY": 1,
    "WEEK": 7,
    "MONTH": 28,
    "QUARTER": 89,
    "YEAR": 365,
}


def _written_date(node: exp.Expr | None) -> dt.date | None:
    """A date or timestamp written in the expression (``DATE '2026-01-01'``), else None."""
    while isinstance(node, exp.Cast | exp.Paren):
        node = node.this
    if isinstance(node, exp.Literal) and node.is_string:
        try:
            return dt.date.fromisoformat(node.this[:10])
        except ValueError:
            return None
    return None


def _step_days(step: exp.Interval) -> float | None:
    unit = step.args.get("unit")
    days = _UNIT_DAYS.get(unit.name.upper().rstrip("S")) if unit is not None else None
    try:
        count = float(step.this.name) if isinstance(step.this, exp.Literal) else None
    except ValueError:
        count = None
    return days * count if days is not None and count else None


def _date_series(node: exp.Expr, sizes: dict[int | str, int]) -> int:
    """Elements of a series of dates: written ends give the count; ends from the data count as
    one value where the caller allows it (``dates_from_data``) with a step of an hour or more
    (sub-daily cumulative metrics generate hours)."""
    start, end, step = (node.args.get(k) for k in ("start", "end", "step"))
    days = _step_days(step) if isinstance(step, exp.Interval) else None
    lo, hi = _written_date(start), _written_date(end)
    if days is not None and lo is not None and hi is not None:
        return max(0, int((hi - lo).days / days)) + 1
    if days is not None and days >= _UNIT_DAYS["HOUR"] and sizes.get("dates_from_data"):
        return 1
    raise _Unbounded(start if lo is None and start is not None else end or node)


def _series(node: exp.GenerateSeries) -> int:
    """Elements of ``range``/``generate_series`` with numbers written in the expression."""
    start = _count(node.args.get("start"), 0) if node.args.get("start") is not None else 0
    end = _count(node.args.get("end"))
    step = _count(node.args.get("step"), 1) or 1
    return max(0, end - start) // step + 1


def _format_width(node: exp.Expr | None) -> int:
    """The widest field a ``printf``/``format`` pattern asks for (its numbers)."""
    if not isinstance(node, exp.Literal) or not node.is_string:
        raise _Unbounded(node if node is not None else exp.Null())
    return max((int(w) for w in _WIDTH.findall(node.this)), default=0)


def _size(node: exp.Expr, sizes: dict[int | str, int]) -> int:
    """Upper bound of the value ``node`` builds, in units (see the module docstring)."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    if isinstance(node, exp.Literal):
        size = max(1, len(node.this)) if node.is_string else 1
    elif isinstance(node, (exp.Column, exp.Query, exp.Subquery)):
        size = 1  # a value of the data, or one value a subquery returns (checked on its own)
    elif not _builds(node):  # a cast, an alias, brackets: as large as what they hold
        size = max(1, sum(_size(a, sizes) for a in _args(node)))
    else:
        size = _built(node, sizes)
    sizes[key] = size
    return size


def _built(node: exp.Expr, sizes: dict[int | str, int]) -> int:
    """The bound of a function, operator or CASE (the explosive ones by their counts)."""
    args = _args(node)
    name = _name(node)
    if isinstance(node, exp.Repeat):
        return _size(node.this, sizes) * _count(node.args.get("times"))
    if isinstance(node, exp.Pad):
        return max(_size(node.this, sizes), _count(node.args.get("expression")))
    if isinstance(node, exp.GenerateDateArray) or (
        isinstance(node, exp.GenerateSeries) and isinstance(node.args.get("step"), exp.Interval)
    ):
        return _date_series(node, sizes)
    if isinstance(node, exp.GenerateSeries):
        return _series(node)
    if isinstance(node, exp.Replace | exp.RegexpReplace):
        replacement = node.args.get("replacement")
        grow = _size(replacement, sizes) + 1 if replacement is not None else 1
        return _size(node.this, sizes) * grow
    if isinstance(node, exp.Format) or name == "printf":
        pattern = node.this if isinstance(node, exp.Format) else (args[0] if args else None)
        return _format_width(pattern) + sum(_size(a, sizes) for a in args)
    if name in ("list_resize", "array_resize") and len(args) >= 2:
        return max(_size(args[0], sizes), _count(args[1]))
    if name == "bar":
        return _count(args[3] if len(args) > 3 else None, _BAR_WIDTH) * 3
    if name == "to_base" and len(args) > 2:
        return max(64, _count(args[2]))
    lambdas = [a for a in args if isinstance(a, exp.Lambda)]
    if lambdas:  # the body runs once per element of the list
        size = 1
        for a in args:
            size *= _size(a.this if isinstance(a, exp.Lambda) else a, sizes)
        return size
    if isinstance(node, exp.Predicate | exp.Connector | exp.Not):
        for a in args:
            _size(a, sizes)
        return 1
    if isinstance(node, _PICK):
        return max((_size(a, sizes) for a in args), default=1)
    return max(1, sum(_size(a, sizes) for a in args))


__all__ = ["MAX_GROWTH", "oversized"]
