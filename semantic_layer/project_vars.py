"""dbt's ``{{ var('name') }}`` in a project's YAML, rendered from ``dbt_project.yml``'s ``vars:``.

Why: dbt renders jinja in property YAML when it parses the project, so owners keep shared
constants in ``vars:`` and write a measure as
``expr: "{{ var('canonical_metrics')['goals_per90']['numerator'] }} * 90"``. OrderLens read that
string as a MetricFlow template, found no ``var`` and refused to load the whole project,
though dbt builds it unchanged. Only strings that call ``var(`` are rendered here, in the same
jinja sandbox as every template; MetricFlow's own query-time templates (``Dimension(...)``,
``TimeDimension(...)``, ``Entity(...)``, ``Metric(...)``) are left for the query compiler.

>>> doc = {"measures": [{"name": "g", "expr": "{{ var('k')['col'] }} * {{ var('n', 90) }}"}]}
>>> render_project_vars(doc, {"k": {"col": "goals"}}, lambda line, problem: None)
{'measures': [{'name': 'g', 'expr': 'goals * 90'}]}
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from jinja2 import TemplateError

from semantic_layer.jinja_bounds import render_bounded

LINE = "__line__"  # the yaml_reader's line key (kept in sync; not imported to avoid a cycle)
_VAR_CALL = re.compile(r"\bvar\s*\(")
_METRICFLOW_CALL = re.compile(r"\b(?:Dimension|TimeDimension|Entity|Metric)\s*\(")
_MISSING = object()
# keys whose values OrderLens never reads (data tests, docs...): a var() there cannot change a
# query, and one OrderLens cannot render (a default computed by a macro) must not stop the load
_UNREAD = frozenset(
    {
        "data_tests",
        "tests",
        "constraints",
        "docs",
        "unit_tests",
        "exposures",
        "snapshots",
        "seeds",
        "sources",
        "macros",
        "analyses",
    }
)
# the python modules dbt's jinja context offers as ``modules`` (var defaults such as
# ``modules.datetime.date.today().year``)
_MODULES = SimpleNamespace(datetime=datetime, re=re, itertools=itertools)

Report = Callable[[int | None, str], None]


class _RequiredVarMissing(Exception):
    """A ``var('x')`` without a default whose name the project does not define (dbt fails too)."""


def project_vars(cfg: dict, project_name: str) -> dict[str, Any]:
    """The vars a project's own models see: global ``vars:`` keys, then its scoped block.

    dbt lets ``vars:`` hold either plain names or one block per package name; the block named
    after this project wins over a global name (dbt's precedence for the root project).

    >>> project_vars({"vars": {"a": 1, "shop": {"a": 2, "b": 3}}}, "shop")
    {'a': 2, 'b': 3}
    """
    raw = cfg.get("vars") or {}
    if not isinstance(raw, dict):
        return {}
    scoped = raw.get(project_name)
    out = {k: v for k, v in raw.items() if k != project_name}
    if isinstance(scoped, dict):
        out.update(scoped)
    return out


def render_project_vars(value: Any, variables: dict[str, Any], report: Report) -> Any:
    """A copy of parsed YAML with every ``var(...)``-only string rendered; others as they were.

    ``report(line, problem)`` is told of a string that cannot be rendered (the string is kept,
    so the later template check still names it).
    """
    return _walk(value, variables, report, None)


def _walk(value: Any, variables: dict[str, Any], report: Report, line: int | None) -> Any:
    if isinstance(value, dict):
        here = value.get(LINE, line)
        return {
            k: v if k in _UNREAD else _walk(v, variables, report, here) for k, v in value.items()
        }
    if isinstance(value, list):
        return [_walk(v, variables, report, line) for v in value]
    if isinstance(value, str) and _VAR_CALL.search(value) and not _METRICFLOW_CALL.search(value):
        return _render(value, variables, report, line)
    return value


def _render(text: str, variables: dict[str, Any], report: Report, line: int | None) -> str:
    def var(name: str, default: Any = _MISSING) -> Any:
        if name in variables:
            return variables[name]
        if default is _MISSING:
            raise _RequiredVarMissing(name)
        return default

    try:
        return render_bounded(text, var=var, modules=_MODULES)
    except _RequiredVarMissing as exc:
        report(line, f"{text!r} needs var `{exc}`, which dbt_project.yml's `vars:` does not define")
    except (TemplateError, TypeError, KeyError) as exc:
        report(line, f"cannot render {text!r} with dbt_project.yml's `vars:`: {exc}")
    return text
