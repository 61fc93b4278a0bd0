"""An entity with no description of its own, described by the model its key column points to.

Why: in dbt's newer spec a fact model declares its foreign keys as entities on columns
(``title_id`` -> entity ``title``) and documents the thing they point to on *another* model,
through the column's ``relationships`` test (``to: ref('dim_titles')``). That model, declared in
the same project but with no semantic model of its own, says what one of the entity's rows is:
"Conformed title dimension -- one row per game". The owner's word for the thing ("game") was
nowhere in the semantic layer, so "net revenue by game" and 每款游戏的净收入 were refused on
dbt Labs' video-game studio lab (session 29) although the model names the game by ``title``.

Only the grain phrase is taken ("one row per <thing>"): the rest of such a description lists
what is rolled up onto the row ("with lifetime activity and spend rolled up"), words about
other things that must not become names of the entity. An entity described by its own
column or ``entity:`` block keeps that description.
"""

from __future__ import annotations

import re
from typing import Any

#: the grain a model's description states: "one row per game", "One row per play session."
_GRAIN = re.compile(
    r"\bone\s+row\s+per\s+([a-z][a-z\- ]*?[a-z])\s*(?=$|[,.;:()]|--|\s(?:with|and|in|for|of)\b)",
    re.IGNORECASE,
)


def grain_phrase(description: str | None) -> str | None:
    """The thing one row is about, as the description says it, or None.

    >>> grain_phrase("Conformed title dimension -- one row per game, with rolled-up activity")
    'one row per game'
    >>> grain_phrase("One row per play session."), grain_phrase("Daily totals by region")
    ('One row per play session', None)
    """
    m = _GRAIN.search(description or "")
    return m.group(0).strip() if m else None


def referenced_model(column: dict) -> str | None:
    """The model a column's ``relationships`` test points to (``to: ref('dim_titles')``).

    >>> referenced_model({"data_tests": [{"relationships": {"arguments": {"to": "ref('x')"}}}]})
    'x'
    >>> referenced_model({"tests": [{"relationships": {"to": "ref('y')", "field": "id"}}]})
    'y'
    >>> referenced_model({"data_tests": ["not_null"]}) is None
    True
    """
    for test in [*(column.get("data_tests") or []), *(column.get("tests") or [])]:
        if not isinstance(test, dict) or not isinstance(test.get("relationships"), dict):
            continue
        rel = test["relationships"]
        args = rel.get("arguments") if isinstance(rel.get("arguments"), dict) else rel
        m = re.match(r"""^\s*ref\(\s*['"]([\w.]+)['"]\s*\)\s*$""", str(args.get("to") or ""))
        if m:
            return m.group(1).split(".")[-1]
    return None


def describe_by_reference(sms: list[tuple[str, dict]], descriptions: dict[str, str]) -> None:
    """Give each entity with no description the grain phrase of the model its key column
    points to, when that model has no semantic model of its own; drop the bookkeeping key
    ``__entity_refs__`` (entity name -> referenced model) from every semantic model dict."""
    tables = {str(sm.get("__table__") or sm.get("name")) for _, sm in sms}
    for _, sm in sms:
        refs: dict[str, Any] = sm.pop("__entity_refs__", None) or {}
        for e in sm.get("entities") or []:
            target = refs.get(str(e.get("name")))
            if e.get("description") or not target or target in tables:
                continue
            phrase = grain_phrase(descriptions.get(target))
            if phrase:
                e["description"] = phrase
