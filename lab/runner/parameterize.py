"""Check and type the parameters a user passes before any kernel starts.

Why reject unknown names: papermill only warns about a parameter the notebook does not declare
and runs anyway with the default, so a typo (``-p ouput_dir``) silently produces a report on
the wrong inputs. Here it is an error that lists what the notebook accepts.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from typing import Any

from lab.runner.bounds import check_bound
from lab.runner.errors import ParameterError
from lab.runner.inspection import NotebookParameter
from lab.runner.types import EMPTY_ALLOWED, PARSERS, KindError, parse_yaml

_TRUE = {"true", "yes", "1", "on"}
_FALSE = {"false", "no", "0", "off"}


def coerce_value(raw: Any, param: NotebookParameter) -> Any:
    """Turn a command-line string into the kind the notebook declares (see ``types``).

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
    >>> coerce_value("2026-02-30", NotebookParameter("as_of", "date", '""'))
    Traceback (most recent call last):
    ...
    lab.runner.errors.ParameterError: parameter 'as_of' expects a date YYYY-MM-DD (day is out of range for month) (default ""), got '2026-02-30'
    >>> coerce_value("inf", NotebookParameter("tolerance", "float", "0.005"))
    Traceback (most recent call last):
    ...
    lab.runner.errors.ParameterError: parameter 'tolerance' expects a finite number (default 0.005), got 'inf'
    """
    if _is_float(param) and isinstance(raw, float | str) and _not_finite(raw):
        # nan / inf / 1e999: "-p tolerance inf" turned every difference green (auto-closed)
        raise ParameterError(
            f"parameter {param.name!r} expects a finite number (default {param.default}), "
            f"got {raw!r}"
        )
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
        if kind in EMPTY_ALLOWED and not raw.strip() and param.default.strip("\"'") == "":
            return ""
        if kind in PARSERS:
            return PARSERS[kind](raw)
    except KindError as exc:
        raise ParameterError(
            f"parameter {param.name!r} {exc} (default {param.default}), got {raw!r}"
        ) from None
    except ValueError:
        raise ParameterError(
            f"parameter {param.name!r} expects {kind} (default {param.default}), got {raw!r}"
        ) from None
    # No declared kind (default None or an expression): read the text as plain YAML.
    try:
        return parse_yaml(raw)
    except KindError as exc:
        raise ParameterError(f"parameter {param.name!r}: {exc}, got {raw!r}") from None


def _is_float(param: NotebookParameter) -> bool:
    """Whether the notebook declares ``param`` a float."""
    return param.type_name == "float"


def _not_finite(raw: float | str) -> bool:
    try:
        return not math.isfinite(float(raw))
    except ValueError:
        return False  # not a number at all: the float parse below names it


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
        if declared[name].type_name in ("int", "float"):
            check_bound(name, out[name], raw)  # each number's range (lab.runner.bounds)
    return out
