"""Pass: a head noun after a value ("费城店", "late deliveries") belongs to the value's phrase.

Why: Chinese names a thing by a value and a head noun — 费城店 (the Philadelphia store),
华东区 (the East China region) — and the head is often one character: the last character of
the model's own word for what the value belongs to (店 of 门店 for a ``location``, 区 of 地区
for a ``region``). Alone the character is no model term, and the question was refused as
unknown. It is absorbed only when it is the last character of a term for the value's own
entity or dimension, so it can never stand for anything else: 店 after a customer's name stays
unknown (and refused) when no customer term ends in 店.

English does the same with a whole word: "late deliveries" for the value ``late`` of
``delivery_status``, "credit card payments" for ``credit_card`` of ``payment_type``. An
unknown word right after a value is absorbed when its singular is a word of the value's own
dimension name or label (not a generic head such as "status"), and the value then keeps only
the dimensions that word names.
"""

from __future__ import annotations

import re

from nl2sql.lexicon import Lexicon, Sense
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import GENERIC_HEADS, name_words, singular

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


def _dimension_nouns(lex: Lexicon, dim: str) -> set[str]:
    """The content words of a dimension's name and label ("delivery" of ``delivery_status``)."""
    d = lex.catalog.dimension(dim)
    words = name_words(dim.split("__")[-1]) + name_words(d.label if d and d.label else "")
    return {w for w in words if w not in GENERIC_HEADS}


def _absorb_noun(p: ParseState, it, prev) -> None:
    """An English word after a value that names the value's own dimension (see above)."""
    noun = singular(it.text)
    values = [s for s in prev.senses if s.kind == "value"]
    named = [s for s in values if noun in _dimension_nouns(p.lex, s.name)]
    if not named:
        return
    prev.senses = [s for s in prev.senses if s.kind != "value" or s in named]
    it.kind, it.used = "stop", True
    p.result.notes.append(f"'{prev.text} {it.text}': '{it.text}' names {named[0].name}")


def absorb_value_heads(p: ParseState) -> None:
    """Mark a head noun right after a value (a lone CJK character, an English word)."""
    for i, it in enumerate(p.its):
        if it.kind == "unknown" and it.text.isascii() and it.text.isalpha():
            prev = p.at(i - 1)
            if prev is not None and prev.kind == "domain":
                _absorb_noun(p, it, prev)
            continue
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
