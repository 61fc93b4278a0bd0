"""Pass: a Chinese word right after a value that restates the value's dimension joins the value.

Why: Chinese names a value together with the kind of thing it is — 清晨时段 ("the early
morning time slot"), 晚间班次 — where English says the value alone. The second word (时段, glossed
"time slot") names the value's dimension (``time_of_day_band``), so the pair asks for the one
value; left alone it was an unknown word and the question was refused. The word joins only
when it is written onto the value (no 的 between), is a known part whose gloss says a content
word of that dimension's own name or label (a class word like "type" is not one: it would fit
every dimension), and the value belongs to one dimension. Any other word stays unknown.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.class_heads import CLASS_WORDS
from nl2sql.vocabulary.english import FUNCTION_WORDS, name_words, singular
from semantic_layer.catalog import Catalog


def _dimension_words(catalog: Catalog, name: str) -> set[str]:
    """The content words of a dimension's name and label ("time", "day" of
    ``time_of_day_band``), class and function words left out.

    >>> from semantic_layer.catalog import Catalog, CatalogDimension
    >>> cat = Catalog(metrics=(), dimensions=(CatalogDimension("v__shift_slot_type", "Shift"),))
    >>> sorted(_dimension_words(cat, "v__shift_slot_type"))
    ['shift', 'slot']
    """
    d = catalog.dimension(name)
    if d is None:
        return set()
    words = [*name_words(name.split("__")[-1]), *name_words(d.label or "")]
    out = {singular(w.lower()) for w in words}
    return {w for w in out if w not in CLASS_WORDS and w not in FUNCTION_WORDS and len(w) > 2}


def join_dimension_restatements(p: ParseState, parts: Mapping[str, set[str]]) -> None:
    """Join each unknown Chinese word written right after a one-dimension value to that value
    when the word's gloss says a word of the dimension (see the module docstring)."""
    k = 1
    while k < len(p.all):
        it, value = p.all[k], p.all[k - 1]
        if (
            it.kind != "unknown"
            or value.kind != "domain"
            or value.end != it.start
            or it.text not in parts
        ):
            k += 1
            continue
        dims = {s.name for s in value.senses if s.kind == "value"}
        if len(dims) != 1 or any(s.kind != "value" for s in value.senses):
            k += 1
            continue
        glossed = {singular(w.lower()) for w in parts[it.text]}
        if not glossed & _dimension_words(p.catalog, dims.pop()):
            k += 1
            continue
        p.all[k - 1 : k + 1] = [dataclasses.replace(value, text=value.text + it.text, end=it.end)]
