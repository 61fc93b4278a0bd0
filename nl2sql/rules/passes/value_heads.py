"""Pass: a one-character head noun after a value ("费城店") belongs to the value's phrase.

Why: Chinese names a thing by a value and a head noun — 费城店 (the Philadelphia store),
华东区 (the East China region) — and the head is often one character: the last character of
the model's own word for what the value belongs to (店 of 门店 for a ``location``, 区 of 地区
for a ``region``). Alone the character is no model term, and the question was refused as
unknown. It is absorbed only when it is the last character of a term for the value's own
entity or dimension, so it can never stand for anything else: 店 after a customer's name stays
unknown (and refused) when no customer term ends in 店.
"""

from __future__ import annotations

import re

from nl2sql.lexicon import Lexicon, Sense
from nl2sql.rules.state import ParseState

_CJK = re.compile(r"^[\u3400-\u9fff]$")


def _names_owner(lex: Lexicon, char: str, owners: set[str], dims: set[str]) -> str | None:
    """A Chinese term ending in ``char`` whose sense is one of ``owners`` (entities) or of
    their dimensions, else None."""
    for key, senses in lex.terms.items():
        if len(key) < 2 or key[-1] != char or not all(_CJK.match(c) for c in key):
            continue
        if any(_owned(s, owners, dims) for s in senses):
            return "".join(key)
    return None


def _owned(s: Sense, owners: set[str], dims: set[str]) -> bool:
    if s.kind == "entity":
        return s.name in owners
    return s.kind == "dimension" and (s.name in dims or s.name.split("__")[0] in owners)


def absorb_value_heads(p: ParseState) -> None:
    """Mark a lone CJK character right after a value as that value's head noun."""
    for i, it in enumerate(p.its):
        if it.kind != "unknown" or not _CJK.match(it.text):
            continue
        prev = p.at(i - 1)
        if prev is None or prev.kind != "domain" or prev.end != it.start:
            continue
        values = [s for s in prev.senses if s.kind == "value"]
        if not values:
            continue
        owners = {s.name.split("__")[0] for s in values}
        term = _names_owner(p.lex, it.text, owners, {s.name for s in values})
        if term is None:
            continue
        it.kind, it.used = "stop", True
        p.result.notes.append(f"'{prev.text}{it.text}': '{it.text}' is the head of {term}")
