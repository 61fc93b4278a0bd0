"""Parameter kinds the runner understands, checked before any kernel starts.

Why: papermill injects whatever text it is given. A date typed ``2026-13-45`` ran the report
"successfully" on no data, an unknown order id failed with ``KeyError`` nine cells in, and a
YAML value with a tag (``!!python/object…``) silently became a string that broke cell 5. The
parameters cell declares a kind with its annotation (``as_of: "date" = ""``; papermill reads
quoted annotations too), and the runner parses each value into that kind or refuses it with a
message naming the parameter, the expected shape and the value.

Kinds: ``str``, ``int``, ``float``, ``bool``, ``list``, ``dict`` (YAML flow syntax, no tags),
``date`` (YYYY-MM-DD), ``month`` (YYYY-MM), ``datetime`` (ISO date or date-time) and
``order_refs`` (order references; the runner checks each resolves in the warehouse).
An empty text is accepted for the string-like kinds when the notebook's default is empty
(the notebook's own "empty means …" rule applies).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from semantic_layer.yaml_reader import safe_load_bounded

_MONTH = re.compile(r"\d{4}-\d{2}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class KindError(ValueError):
    """A value that does not parse as its declared kind; the message says what was wrong."""


def parse_yaml(text: str) -> Any:
    """A plain YAML value: scalars, lists and mappings only (no tags, no aliases to objects).

    >>> parse_yaml('{"minutes": 15}')
    {'minutes': 15}
    >>> parse_yaml("!!python/object/apply:os.system ['id']")
    Traceback (most recent call last):
    ...
    lab.runner.types.KindError: not a plain YAML value (tags such as !!python/… are not accepted)
    """
    try:
        return safe_load_bounded(text)  # an alias bomb: a usage error, not a hang (s18)
    except yaml.constructor.ConstructorError:
        raise KindError(
            "not a plain YAML value (tags such as !!python/… are not accepted)"
        ) from None
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc) or "unreadable"
        raise KindError(f"not valid YAML ({problem})") from None


def _list(text: str) -> list[Any]:
    value = parse_yaml(text)
    if value is None:
        return []
    if not isinstance(value, list):
        raise KindError("expects a list, e.g. [a, b] or a,b")
    return value


def _comma_list(text: str) -> list[Any]:
    """A YAML list, or a bare comma-separated one (``a,b``)."""
    stripped = text.strip()
    if stripped.startswith("[") or not stripped:
        return _list(stripped)
    return [part.strip() for part in stripped.split(",") if part.strip()]


def _dict(text: str) -> dict[str, Any]:
    value = parse_yaml(text)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise KindError('expects a mapping, e.g. {"minutes": 15}')
    return value


def _date(text: str) -> str:
    if not _DATE.fullmatch(text.strip()):
        raise KindError("expects a date YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError as exc:
        raise KindError(f"expects a date YYYY-MM-DD ({exc})") from None


def _month(text: str) -> str:
    if not _MONTH.fullmatch(text.strip()) or not 1 <= int(text.strip()[5:]) <= 12:
        raise KindError("expects a month YYYY-MM (01-12)")
    return text.strip()


def _datetime(text: str) -> str:
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise KindError(
            f"expects a date or date-time, e.g. 2026-11-20 or 2026-11-20T08:00 ({exc})"
        ) from None
    return value.isoformat(sep=" ") if len(text.strip()) > 10 else value.date().isoformat()


def _order_refs(text: str) -> list[str]:
    refs = _comma_list(text)
    if not all(isinstance(r, str | int) for r in refs):
        raise KindError("expects order references, e.g. JD20260210001,TB123")
    return [str(r).strip() for r in refs if str(r).strip()]


#: kind → parser of the command-line text (``str`` is the text itself).
PARSERS: dict[str, Callable[[str], Any]] = {
    "list": _list,
    "dict": _dict,
    "date": _date,
    "month": _month,
    "datetime": _datetime,
    "order_refs": _order_refs,
}
#: kinds for which an empty text means "the notebook's default rule" when the default is empty.
EMPTY_ALLOWED = {"date", "month", "datetime"}


def unknown_order_refs(refs: list[str], db: str | Path | None) -> list[str]:
    """The references in ``refs`` that no system of warehouse ``db`` knows (in input order)."""
    # lazy: keeps `import lab.runner` off duckdb and lab.trace until order references are checked
    from connectors.warehouse import read_connection
    from lab.trace import resolve_references

    if not refs:
        return []
    with read_connection(db) as con:
        table = resolve_references(con, refs)
    return [str(r) for r, o in zip(table["reference"], table["order_id"], strict=True) if o is None]
