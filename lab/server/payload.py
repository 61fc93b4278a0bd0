"""Strict reading of request bodies: UTF-8 JSON objects with typed, bounded fields.

Why strict: a lenient reader turned ``"force": "false"`` into *true* (any non-empty string is
truthy), let a lone UTF-16 surrogate into the history file (which then could not be saved for
anyone), and passed ``today`` values the date arithmetic cannot represent; a 4 KB body of
nested brackets made the JSON decoder overflow Python's stack (a 500), and NUL or
right-to-left override characters went into saved names and feedback comments, where they
hide or reorder what an analyst later reads. Each helper here
accepts exactly one JSON type and raises :class:`~lab.server.errors.BadRequest` naming the field
and the fix; nothing is coerced.

>>> parse_json_object(b'{"question": "GMV", "force": false}')
{'question': 'GMV', 'force': False}
>>> bool_field({"force": "false"}, "force")
Traceback (most recent call last):
...
lab.server.errors.BadRequest: "force" must be true or false (a JSON boolean), got a string
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from lab.server.errors import BadRequest

#: Bodies of OrderLens routes are small JSON objects; anything larger is refused unread.
MAX_BODY_BYTES = 16 * 1024
#: Longest planner comment on a recommendation decision.
MAX_COMMENT_CHARS = 1000
#: ``today`` must leave room for relative dates ("last 10 years", "next quarter") on both sides
#: of it inside Python's calendar (years 1-9999); a business date outside this range is a typo.
EARLIEST_TODAY = date(1900, 1, 1)
LATEST_TODAY = date(2999, 12, 31)

_ASCII_DIGITS = re.compile(r"[0-9]+")


def declared_length(value: str) -> int | None:
    """The byte count a ``Content-Length`` header declares, or None when it declares none.

    ASCII digits only, and a list of equal values as one (RFC 9110 lets a server read
    ``17, 17`` as 17). Why not ``str.isdigit()`` then ``int()`` (session 26): headers are read
    as Latin-1, where ``²`` is a digit to ``isdigit`` and no number to ``int``, so a signed-in
    ``Content-Length: ²`` was a 500 with a traceback on every OrderLens POST route.

    >>> declared_length("17"), declared_length("17, 17"), declared_length("\xb2")
    (17, 17, None)
    """
    pieces = {piece.strip() for piece in value.split(",")}
    if len(pieces) != 1:
        return None
    (piece,) = pieces
    return int(piece) if _ASCII_DIGITS.fullmatch(piece) else None


#: Deepest nesting of arrays and objects a body may have; the deepest real one (a follow-up
#: ``context`` holding a semantic query with filters) is 5 levels.
MAX_JSON_DEPTH = 20
#: Characters no question, name or comment needs: C0/C1 control characters other than tab and
#: line breaks (NUL, escape sequences...) and the bidirectional embedding, override and isolate
#: controls that make text display in another order than it is stored ("Trojan Source").
#: Left-to-right / right-to-left *marks* (U+200E, U+200F) stay allowed: mixed-script text uses
#: them.
_FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_JSON_TYPE_NAMES = {
    bool: "a boolean",
    int: "a number",
    float: "a number",
    str: "a string",
    list: "a list",
    dict: "an object",
    type(None): "null",
}


def _kind(value: Any) -> str:
    return _JSON_TYPE_NAMES.get(type(value), type(value).__name__)


def _check_text(value: str, where: str) -> None:
    """Refuse strings that are not valid Unicode (lone surrogates from ``\\ud800`` escapes)
    or that hold a character of :data:`_FORBIDDEN_CHARS`."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadRequest(
            f"{where} contains an invalid character at position {exc.start} (a lone UTF-16 "
            "surrogate); send valid Unicode text"
        ) from None
    bad = _FORBIDDEN_CHARS.search(value)
    if bad is not None:
        raise BadRequest(
            f"{where} contains the control character U+{ord(bad.group()):04X} at position "
            f"{bad.start()}; remove it (questions, names and comments are plain text)"
        )


def _check_all_text(data: dict[str, Any]) -> None:
    """Check every key and string of the parsed body, at most :data:`MAX_JSON_DEPTH` deep.

    Iterative (a stack of pending values), so the check itself cannot overflow Python's stack.
    """
    pending: list[tuple[Any, str, int]] = [(data, "the body", 1)]
    while pending:
        value, where, depth = pending.pop()
        if isinstance(value, str):
            _check_text(value, where)
            continue
        if not isinstance(value, dict | list):
            continue
        if depth > MAX_JSON_DEPTH:
            raise BadRequest(
                f"the body nests arrays and objects more than {MAX_JSON_DEPTH} levels deep; "
                "send the route's flat fields"
            )
        if isinstance(value, dict):
            for k, v in value.items():
                _check_text(k, where)
                pending.append((v, f'"{k[:40]}"', depth + 1))
        else:
            pending.extend((v, where, depth + 1) for v in value)


def _no_constant(name: str) -> Any:
    """Refuse ``NaN`` / ``Infinity`` / ``-Infinity``: not JSON, though Python's decoder reads
    them. Why: a forged follow-up threshold of NaN reached SQL as a column named ``nan``."""
    raise BadRequest(f"the body holds {name}, which is not a JSON number; send a finite number")


def _one_value_per_key(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose keys are all different; a key named twice is a 400 (session 17).

    Why: Python's decoder keeps the last of two values, while a proxy, log filter or audit
    that reads the first sees another question (or another follow-up ``limit``).
    """
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise BadRequest(f'the body names "{key[:40]}" twice in one object; send it once')
        data[key] = value
    return data


def parse_json_object(raw: bytes) -> dict[str, Any]:
    """The body as a JSON object; UTF-8 only (a UTF-16 body or stray bytes are refused)."""
    if not raw.strip():
        raise BadRequest("the body is empty: send a JSON object")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(
            f"the body is not UTF-8 (invalid byte at position {exc.start}); send JSON encoded "
            "as UTF-8"
        ) from None
    try:
        data = json.loads(text, parse_constant=_no_constant, object_pairs_hook=_one_value_per_key)
    except ValueError as exc:
        raise BadRequest(f"the body is not valid JSON ({exc}); send a JSON object") from None
    except RecursionError:  # the decoder recurses once per level: thousands of "[" overflow it
        raise BadRequest(
            f"the body nests arrays and objects more than {MAX_JSON_DEPTH} levels deep; "
            "send the route's flat fields"
        ) from None
    if not isinstance(data, dict):
        raise BadRequest(f"the body must be a JSON object, got {_kind(data)}")
    _check_all_text(data)
    return data


def known_fields(data: dict[str, Any], allowed: Iterable[str]) -> dict[str, Any]:
    """``data`` when every key is one of ``allowed``; else a 400 naming the unknown key(s).

    Why refuse instead of ignoring: a client that sends ``"reviewer"``, ``"sql"`` or ``"user"``
    expects it to count; silently dropping it hides the mistake (or the attempt) and makes a
    typo such as ``"coment"`` lose the comment without a word.

    >>> known_fields({"name": "x", "user": "bo"}, ["name"])
    Traceback (most recent call last):
    ...
    lab.server.errors.BadRequest: unknown field "user": this route accepts only "name"
    """
    allowed = list(allowed)
    unknown = [k for k in data if k not in allowed]
    if unknown:
        names = ", ".join(f'"{k[:40]}"' for k in unknown[:5])
        accepted = ", ".join(f'"{k}"' for k in allowed)
        raise BadRequest(
            f"unknown field{'s' if len(unknown) > 1 else ''} {names}: this route accepts only "
            f"{accepted}"
        )
    return data


def text_field(data: dict[str, Any], name: str, *, max_chars: int, required: bool) -> str | None:
    """A string field, stripped; None when absent (or an error when ``required``)."""
    value = data.get(name)
    if value is None:
        if required:
            raise BadRequest(f'send "{name}": a non-empty string')
        return None
    if not isinstance(value, str):
        raise BadRequest(f'"{name}" must be a string, got {_kind(value)}')
    value = value.strip()
    if required and not value:
        raise BadRequest(f'"{name}" is empty: send a non-empty string')
    if len(value) > max_chars:
        raise BadRequest(f'"{name}" has {len(value)} characters; at most {max_chars} are accepted')
    return value


def bool_field(data: dict[str, Any], name: str) -> bool | None:
    """A JSON boolean; None when absent. ``"false"`` is refused, never read as true."""
    value = data.get(name)
    if value is None or isinstance(value, bool):
        return value
    raise BadRequest(f'"{name}" must be true or false (a JSON boolean), got {_kind(value)}')


def choice_field(data: dict[str, Any], name: str, choices: Iterable[str]) -> str | None:
    """One of ``choices`` (e.g. a ``StrEnum``'s values or :data:`nl2sql.options.ENGINES`)."""
    value = data.get(name)
    if value is None:
        return None
    allowed = [str(c) for c in choices]
    if not isinstance(value, str):
        raise BadRequest(f'"{name}" must be one of {", ".join(allowed)}, got {_kind(value)}')
    if value not in allowed:
        raise BadRequest(f'"{name}" must be one of {", ".join(allowed)}, got {value[:40]!r}')
    return value


def date_field(data: dict[str, Any], name: str) -> str | None:
    """A ``YYYY-MM-DD`` date between :data:`EARLIEST_TODAY` and :data:`LATEST_TODAY`."""
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadRequest(f'"{name}" must be a date string YYYY-MM-DD, got {_kind(value)}')
    try:
        parsed = date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise BadRequest(f'"{name}" must be a date YYYY-MM-DD, got {value[:40]!r}')
    if not EARLIEST_TODAY <= parsed <= LATEST_TODAY:
        raise BadRequest(
            f'"{name}" must be a date YYYY-MM-DD between {EARLIEST_TODAY} and {LATEST_TODAY}, '
            f"got {value!r}"
        )
    return parsed.isoformat()


def text_list_field(
    data: dict[str, Any], name: str, *, max_items: int, max_chars: int
) -> list[str] | None:
    """A list of 1..``max_items`` non-empty strings of at most ``max_chars`` each; None if absent.

    >>> text_list_field({"questions": ["GMV", " 只看上个月 "]}, "questions", max_items=3, max_chars=9)
    ['GMV', '只看上个月']
    """
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, list):
        raise BadRequest(f'"{name}" must be a list of strings, got {_kind(value)}')
    if not 1 <= len(value) <= max_items:
        raise BadRequest(f'"{name}" must hold 1 to {max_items} strings, got {len(value)}')
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise BadRequest(f'"{name}"[{i}] must be a non-empty string, got {_kind(item)}')
        if len(item.strip()) > max_chars:
            raise BadRequest(
                f'"{name}"[{i}] has {len(item.strip())} characters; at most {max_chars} are '
                "accepted"
            )
        out.append(item.strip())
    return out
