"""dbt-style jinja templates in filters and expressions, turned into sqlglot trees.

Why: dbt writes filters as ``{{ Dimension('order__channel') }} = 'jd'``; the same references
must resolve differently for each semantic model they are applied to (a different join path,
a different time column for ``metric_time``). So a template is rendered ONCE in a sandbox into
SQL whose references are opaque placeholder columns, parsed with sqlglot, and each placeholder
is later swapped for the resolved column expression. User text never becomes SQL text: only
what sqlglot parsed as a literal or operator survives, and a raw column name is refused.

>>> t = parse_template("{{ Dimension('order__channel') }} = 'jd'")
>>> [(r.kind, r.name) for r in t.refs]
[('dimension', 'order__channel')]
>>> t.expression.sql()
"__ol_ref_0 = 'jd'"
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import sqlglot
from jinja2 import TemplateError
from sqlglot import exp

from semantic_layer.errors import QueryError
from semantic_layer.expression_bounds import oversized
from semantic_layer.jinja_bounds import render_bounded

PLACEHOLDER = re.compile(r"^__ol_ref_(\d+)$")
# statements and anything that reads or changes the database outside the expression itself:
# a filter or a model expression is one scalar/boolean expression, nothing else
_FORBIDDEN: tuple[type[exp.Expr], ...] = tuple(
    getattr(exp, name)
    for name in (
        "Query",
        "Subquery",
        "DDL",
        "DML",
        "Command",
        "Attach",
        "Detach",
        "Copy",
        "Pragma",
        "Install",
        "Set",
        "Use",
        "Transaction",
        "Commit",
        "Rollback",
        "Describe",
        "Show",
        "Kill",
        "Merge",
        "Grant",
        "Revoke",
        "Analyze",
        "Refresh",
        "Cache",
        "Uncache",
        "LoadData",
        "Summarize",
    )
    if hasattr(exp, name)
)


@dataclass(frozen=True)
class Ref:
    """One ``{{ Dimension(...) }}``-style reference inside a template."""

    kind: str  # dimension | time_dimension | entity | metric
    name: str
    grain: str | None = None
    date_part: str | None = None
    group_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedTemplate:
    """A parsed template: its sqlglot tree (with placeholders) and the references, by index."""

    text: str
    expression: exp.Expr  # sqlglot >= 30: parse results are typed as the base `Expr`
    refs: tuple[Ref, ...]


class _Call:
    """What ``Dimension('x')`` returns inside the sandbox: renders as a placeholder."""

    def __init__(self, sink: list[Ref], ref: Ref):
        self._sink = sink
        self._ref = ref

    def grain(self, grain: str) -> _Call:
        r = self._ref
        return _Call(self._sink, Ref("time_dimension", r.name, grain=str(grain).lower()))

    def date_part(self, part: str) -> _Call:
        r = self._ref
        return _Call(self._sink, Ref("time_dimension", r.name, r.grain, str(part).lower()))

    def descending(self, _flag: bool = True) -> _Call:
        return self

    def __str__(self) -> str:
        self._sink.append(self._ref)
        return f"__ol_ref_{len(self._sink) - 1}"


def render(text: str) -> tuple[str, tuple[Ref, ...]]:
    """Render a template in the jinja sandbox: placeholders in, references out."""
    sink: list[Ref] = []

    def dimension(name: str, entity_path: list[str] | None = None) -> _Call:
        return _Call(sink, Ref("dimension", _prefixed(name, entity_path)))

    def time_dimension(
        name: str, grain: str | None = None, entity_path: list[str] | None = None, **_: object
    ) -> _Call:
        g = str(grain).lower() if grain else None
        return _Call(sink, Ref("time_dimension", _prefixed(name, entity_path), grain=g))

    def entity(name: str, entity_path: list[str] | None = None) -> _Call:
        return _Call(sink, Ref("entity", _prefixed(name, entity_path)))

    def metric(name: str, group_by: list[str] | tuple[str, ...] | None = None) -> _Call:
        return _Call(sink, Ref("metric", name, group_by=tuple(group_by or ())))

    try:
        rendered = render_bounded(
            text, Dimension=dimension, TimeDimension=time_dimension, Entity=entity, Metric=metric
        )
    except (TemplateError, TypeError) as exc:
        raise QueryError(
            f"cannot render filter template {text!r}: {exc}. Write references as "
            "{{ Dimension('entity__dimension') }}, {{ TimeDimension('metric_time', 'day') }}, "
            "{{ Entity('customer') }} or {{ Metric('name', group_by=['entity']) }}"
        ) from exc
    return rendered, tuple(sink)


def _prefixed(name: str, entity_path: list[str] | None) -> str:
    return "__".join([*(entity_path or []), str(name)]).lower()


@functools.lru_cache(maxsize=4096)
def parse_template(text: str, *, allow_columns: bool = False) -> ParsedTemplate:
    """Render and parse a template; ``allow_columns`` admits bare table columns (model exprs).

    User-facing filters (``where``) use ``allow_columns=False``: every column must come from a
    ``{{ ... }}`` reference, so a filter can only name what the model exposes.

    >>> parse_template("{{ TimeDimension('metric_time', 'month') }} >= '2026-01-01'").refs[0].grain
    'month'
    >>> parse_template("channel = 'jd'")
    Traceback (most recent call last):
    ...
    semantic_layer.errors.QueryError: filter "channel = 'jd'" names column `channel` directly; reference it as {{ Dimension('entity__channel') }}
    """
    rendered, refs = render(text) if "{{" in text or "{%" in text else (text, ())
    try:
        trees = [t for t in sqlglot.parse(rendered, dialect="duckdb") if t is not None]
    except sqlglot.errors.ParseError as exc:
        raise QueryError(f"cannot parse SQL in {text!r}: {str(exc).splitlines()[0]}") from exc
    if not trees:
        raise QueryError(f"empty expression {text!r}")
    if len(trees) > 1:
        raise QueryError(
            f"{text!r} holds {len(trees)} statements separated by `;`; a filter or expression "
            "must be exactly one SQL expression (remove everything after the `;`)"
        )
    tree = _portable(trees[0])
    too_large = oversized(tree)
    if too_large:
        raise QueryError(f"{text!r} may build a value too large to compute: {too_large}")
    for node in tree.walk():
        if isinstance(node, _FORBIDDEN):
            raise QueryError(
                f"{text!r} must be a plain SQL expression, not a statement or subquery"
            )
        if isinstance(node, exp.Column) and not PLACEHOLDER.match(node.name) and not allow_columns:
            raise QueryError(
                f"filter {text!r} names column `{node.name}` directly; reference it as "
                f"{{{{ Dimension('entity__{node.name}') }}}}"
            )
    return ParsedTemplate(text=text, expression=tree, refs=refs)


def _portable(tree: exp.Expr) -> exp.Expr:
    """One-argument ``DATETIME(x)`` (BigQuery, MySQL, SQLite) as ``CAST(x AS TIMESTAMP)``.

    Projects written for another warehouse use it as the time dimension's expr; sqlglot parses
    it but cannot write the one-argument form back for DuckDB, so every query failed.

    >>> _portable(sqlglot.parse_one("DATETIME(ordered_at)")).sql("duckdb")
    'CAST(ordered_at AS TIMESTAMP)'
    """

    def one_arg_datetime(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Datetime) and node.args.get("expression") is None:
            return exp.cast(node.this, exp.DataType.Type.TIMESTAMP)
        return node

    return tree.transform(one_arg_datetime)


def placeholder_index(node: exp.Expr) -> int | None:
    """The reference index of a placeholder column, or None for any other node."""
    if isinstance(node, exp.Column) and not node.table:
        m = PLACEHOLDER.match(node.name)
        if m:
            return int(m.group(1))
    return None


def substitute(
    tree: exp.Expr, values: dict[int, exp.Expr], qualify_table: str | None = None
) -> exp.Expr:
    """Copy ``tree`` with placeholders replaced by ``values`` and bare columns qualified.

    >>> t = parse_template("{{ Dimension('order__channel') }} = 'jd' AND x > 1", allow_columns=True)
    >>> substitute(t.expression, {0: exp.column("channel", "o")}, qualify_table="src").sql()
    "o.channel = 'jd' AND src.x > 1"
    """

    def swap(node: exp.Expr) -> exp.Expr:
        idx = placeholder_index(node)
        if idx is not None:
            return values[idx].copy()
        if qualify_table and isinstance(node, exp.Column) and not node.table:
            return exp.column(node.this.copy(), table=qualify_table)
        return node

    return tree.copy().transform(swap, copy=False)
