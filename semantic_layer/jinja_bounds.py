"""The one jinja sandbox for model templates: expressions that look values up, nothing that
loops, allocates at will or reaches other names.

Why: a model's YAML is rendered when it loads (dbt's ``{{ var('name') }}``) and its filters
when a query compiles (``{{ Dimension('order__channel') }}``). Jinja's sandbox stops attribute
tricks (``''.__class__``) but not work: ``{{ 'a' * 1000000000 }}`` took 1 GB and a
MemoryError, ``{% for i in range(100000000) %}`` escaped as an OverflowError (no model error),
and nested loops run for hours. Users load public dbt projects unmodified, so a hostile one
must be a load error, not a hung ``orderlens validate`` or server. What these templates need
is small: output, constants, the globals the caller passes (``var``, ``Dimension``...),
item and attribute look-ups, calls, lists and a few pure filters. Anything else — loops,
``{% set %}``, macros, includes, other names such as ``range`` or ``lipsum``, filters that
grow text — is refused before rendering, and ``*`` / ``**`` run only on numbers of bounded
size.

>>> render_bounded("{{ var('k')['col'] }} * {{ var('n') * 2 }}", var=lambda n: {"k": {"col": "g"}, "n": 45}[n])
'g * 90'
>>> render_bounded("{{ 'a' * 1000000000 }}")
Traceback (most recent call last):
...
jinja2.exceptions.SecurityError: '*' is only for numbers in model templates
"""

from __future__ import annotations

import operator
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

#: expression nodes a model template may hold
_NODES = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Const,
    nodes.Name,
    nodes.Call,
    nodes.Keyword,
    nodes.Getitem,
    nodes.Getattr,
    nodes.Slice,
    nodes.List,
    nodes.Tuple,
    nodes.Dict,
    nodes.Pair,
    nodes.Filter,
    nodes.Concat,
    nodes.Add,
    nodes.Sub,
    nodes.Mul,
    nodes.Div,
    nodes.FloorDiv,
    nodes.Mod,
    nodes.Pow,
    nodes.Neg,
    nodes.Pos,
    nodes.Not,
    nodes.And,
    nodes.Or,
    nodes.Compare,
    nodes.Operand,
    nodes.CondExpr,
)
#: filters that only convert or pick (none grows text past its input)
SAFE_FILTERS = frozenset(
    {"string", "int", "float", "lower", "upper", "trim", "default", "d", "join", "length",
     "first", "last", "list", "round", "abs", "title", "capitalize"}
)  # fmt: skip
#: methods a template may call: MetricFlow's reference methods and dict/str look-ups (never
#: ``center``, ``ljust``, ``format``, ``replace``...: they make text of any length)
SAFE_METHODS = frozenset(
    {"grain", "date_part", "descending", "get", "keys", "values", "items", "lower", "upper",
     "strip"}
)  # fmt: skip
#: what a template may call on dbt's ``modules`` (``modules.datetime.date.today().year``, the
#: only use seen in public projects' var() defaults): dates, never ``re`` or ``itertools``
MODULE_CALLS = frozenset(
    {"date", "datetime", "time", "timedelta", "today", "now", "utcnow", "fromisoformat",
     "strftime", "isoformat", "replace", "weekday", "isoweekday"}
)  # fmt: skip
#: the largest magnitude a number operand of ``*`` / ``**`` may produce
MAX_NUMBER = 10**18


def _check_number(value: Any) -> Any:
    if isinstance(value, int | float) and abs(value) > MAX_NUMBER:
        raise SecurityError(f"a number past {MAX_NUMBER:.0e} in a model template")
    return value


class _BoundedSandbox(SandboxedEnvironment):
    """The sandbox with ``*`` and ``**`` intercepted (numbers only, bounded results)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (left, right))
        if not numbers:
            raise SecurityError(f"{op!r} is only for numbers in model templates")
        if op == "**":
            if abs(right) > 64:
                raise SecurityError("an exponent past 64 in a model template")
            return _check_number(operator.pow(left, right))
        return _check_number(operator.mul(left, right))


_ENV = _BoundedSandbox(undefined=StrictUndefined, autoescape=False)


def _root(node: nodes.Node) -> str | None:
    """The name a chain of look-ups and calls starts from (``modules`` in
    ``modules.datetime.date.today()``)."""
    while isinstance(node, nodes.Getattr | nodes.Getitem | nodes.Call):
        node = node.node
    return node.name if isinstance(node, nodes.Name) else None


def _callable(called: nodes.Getattr) -> bool:
    """Whether a template may call the method ``called`` names."""
    if _root(called) == "modules":
        return called.attr in MODULE_CALLS
    return called.attr in SAFE_METHODS


def check_template(text: str, names: frozenset[str]) -> nodes.Template:
    """The parsed template when it holds only what model templates need (see the module);
    else a :class:`SecurityError` naming the construct. ``names``: the globals it may call."""
    tree = _ENV.parse(text)
    for node in tree.find_all(nodes.Node):
        if not isinstance(node, _NODES):
            raise SecurityError(
                f"a model template may not use {type(node).__name__.lower()} "
                "(only look-ups such as {{ var('name') }} or {{ Dimension('entity__name') }})"
            )
        if isinstance(node, nodes.Name) and node.name not in names:
            raise SecurityError(f"a model template may not use the name {node.name!r}")
        if isinstance(node, nodes.Filter) and node.name not in SAFE_FILTERS:
            raise SecurityError(f"a model template may not use the filter {node.name!r}")
        if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            raise SecurityError(f"a model template may not read the attribute {node.attr!r}")
        called = node.node if isinstance(node, nodes.Call) else None
        if isinstance(called, nodes.Getattr) and not _callable(called):
            raise SecurityError(f"a model template may not call the method {called.attr!r}")
    return tree


def render_bounded(text: str, **globals_: Any) -> str:
    """``text`` rendered with ``globals_`` once :func:`check_template` admits it.

    Raises jinja's ``TemplateError`` (``SecurityError`` included) for a refused or failing
    template, like the plain sandbox did, so callers keep one ``except``.
    """
    tree = check_template(text, frozenset(globals_))
    try:
        return _ENV.from_string(tree).render(**globals_)
    except (OverflowError, MemoryError, RecursionError) as exc:
        raise SecurityError(
            f"the template takes too much to render ({type(exc).__name__})"
        ) from None
