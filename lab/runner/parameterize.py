"""Check and type the parameters a user passes before any kernel starts.

Why reject unknown names: papermill only warns about a parameter the notebook does not declare
and runs anyway with the default, so a typo (``-p ouput_dir``) silently produces a report on
the wrong inputs. Here it is an error that lists what the notebook accepts.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

import yaml

from lab.runner.errors import ParameterError
from lab.runner.inspection import NotebookParameter

_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


def coerce_value(raw: Any, param: NotebookParameter) -> Any:
    """Turn a command-line string into the type the notebook's default has.

    >>> p = NotebookParameter("orders", "int", "100")
    >>> coerce_value("250", p)
    250
    >>> coerce_value("2026-01-31", NotebookParameter("today", "str", "'2026-11-20'"))
    '2026-01-31'
    >>> coerce_value("no", NotebookParameter("strict", "bool", "True"))
    False
    >>> coerce_value("abc", p)
    Traceback (most recent call last):
    ...
    lab.runner.errors.ParameterError: parameter 'orders' expects int (default 100), got 'abc'
    """
    if not isinstance(raw, str):
        return raw
    kind = param.type_name
    try:
        if kind == "str":
            return raw
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "bool":
            low = raw.strip().lower()
            if low in _TRUE:
                return True
            if low in _FALSE:
                return False
            raise ValueError(raw)
    except ValueError:
        raise ParameterError(
            f"parameter {param.name!r} expects {kind} (default {param.default}), got {raw!r}"
        ) from None
    # Unknown / None / list / dict defaults: read the text as YAML (numbers, null, lists).
    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError:
        return raw


def validate_parameters(
    given: Mapping[str, Any], declared: Mapping[str, NotebookParameter], *, notebook: str = ""
) -> dict[str, Any]:
    """Typed values for ``given``; :class:`ParameterError` for any name not declared.

    >>> decl = {"db": NotebookParameter("db", "str", "'x.duckdb'")}
    >>> validate_parameters({"db": "w.duckdb"}, decl)
    {'db': 'w.duckdb'}
    >>> validate_parameters({"bd": "w.duckdb"}, decl, notebook="health")
    Traceback (most recent call last):
    ...
    lab.runner.errors.ParameterError: notebook 'health' has no parameter 'bd' (did you mean 'db'?); it accepts: db
    """
    out: dict[str, Any] = {}
    for name, raw in given.items():
        if name not in declared:
            close = difflib.get_close_matches(name, list(declared), n=1, cutoff=0.5)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            accepted = ", ".join(declared) or "no parameters"
            label = f"notebook {notebook!r}" if notebook else "the notebook"
            raise ParameterError(f"{label} has no parameter {name!r}{hint}; it accepts: {accepted}")
        out[name] = coerce_value(raw, declared[name])
    return out
