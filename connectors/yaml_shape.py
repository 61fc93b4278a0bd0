"""Shape problems of a parsed YAML document against a JSON Schema, in words a user can act on.

Why in the lowest layer: every YAML file a user hands OrderLens — an ingest mapping, the
reconciliation rules, a dbt project's semantic layer — is read with ``.get``/``.items`` and
iterated; a wrong shape (a text where a mapping belongs, a list where a name belongs) raised a
Python error (AttributeError, "unhashable type: 'list'") instead of saying which key is wrong.
Each reader declares the shapes of the keys it reads as a JSON Schema and reports these problems
with its own error; ``jsonschema`` does the validating.

>>> schema = {"type": "object", "required": ["key"], "properties": {
...     "key": {"type": "string"}, "orders": {"type": "object"}}}
>>> shape_problems(schema, {"orders": "x"}, "the file expects")
['has no `key`', '`orders` is text; the file expects a mapping']
"""

from __future__ import annotations

from typing import Any

import jsonschema

_KINDS = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true/false",
}


def type_name(value: Any) -> str:
    """What a parsed YAML value is, in the words of the messages ("a mapping", "text")."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "empty"
    return "a number" if isinstance(value, int | float) else f"a {type(value).__name__}"


def where(path: list[Any]) -> str:
    """``entities[2].name`` for the path ``["entities", 1, "name"]`` (list items count from 1)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return out


def shape_problems(
    schema: dict, doc: Any, expects: str = "expected", skip: frozenset[str] = frozenset()
) -> list[str]:
    """Every shape problem of ``doc`` against ``schema``, one sentence each ([] when none).

    ``expects`` names who expects the shape ("dbt expects"); keys in ``skip`` (bookkeeping a
    reader adds, such as line numbers) are left out of the paths.
    """
    validator = jsonschema.Draft7Validator(schema)  # cheap: it compiles nothing up front
    problems: list[str] = []
    for err in sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path]):
        path = [p for p in err.absolute_path if p not in skip]
        at = where(path)
        if err.validator == "required":
            missing = err.message.split("'")[1]
            problems.append(f"{'`' + at + '` ' if at else ''}has no `{missing}`")
        elif err.validator == "type":
            wanted = err.validator_value
            wanted = wanted if isinstance(wanted, list) else [wanted]
            kinds = " or ".join(dict.fromkeys(_KINDS[w] for w in wanted if w != "null"))
            what = f"`{at}`" if at else "the entry"
            problems.append(f"{what} is {type_name(err.instance)}; {expects} {kinds}")
        elif err.validator in ("minLength", "minItems"):
            problems.append(f"`{at}` is empty")
        else:
            problems.append(f"`{at}`: {err.message}" if at else err.message)
    return problems
