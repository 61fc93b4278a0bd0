"""Pass: a Chinese word right after a value that restates the value's dimension joins the value.

Why: Chinese names a value together with the kind of thing it is — 清晨时段 ("the early
morning time slot"), 晚间班次 — where English says the value alone. The second word (时段, glossed
"time slot") names the value's dimension (``time_of_day_band``), so the pair asks for the one
value; left alone it was an unknown word and the question was refused. The word joins only
when it is written onto the value (no 的 between), is a known part whose gloss says a content
word of that dimension's own name or label (a class word like "type" is not one: it would fit
every dimension), and the value belongs to one dimension. Any other word stays unknown — except
市场 after a country's value (美国市场: a country is a market, :func:`_market_of`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.class_heads import CLASS_WORDS
from nl2sql.vocabulary.countries import is_country_dimension
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


#: "the X market" said of a country: 美国市场, 日本市场 name the country as a market
MARKET_WORDS = frozenset({"市场"})


def _market_of(catalog: Catalog, dim: str, word: Item) -> bool:
    """Whether ``word`` (市场) after a value of ``dim`` restates it: a country is a market.

    Why: commerce says 美国市场的净收入 ("net revenue in the US market") for the US rows; 市场
    was an unknown word and the question was refused, on a model whose country column holds
    ``US``. Only after a country column's value (its name or label says country) and only
    while 市场 names nothing of the model itself (it is then no unknown word).
    """
    d = catalog.dimension(dim)
    return (
        word.text in MARKET_WORDS and d is not None and is_country_dimension(d.name, d.label or "")
    )


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
            or (it.text not in parts and it.text not in MARKET_WORDS)
        ):
            k += 1
            continue
        dims = {s.name for s in value.senses if s.kind == "value"}
        if len(dims) != 1 or any(s.kind != "value" for s in value.senses):
            k += 1
            continue
        dim = dims.pop()
        glossed = {singular(w.lower()) for w in parts.get(it.text, ())}
        if not glossed & _dimension_words(p.catalog, dim) and not _market_of(p.catalog, dim, it):
            k += 1
            continue
        p.all[k - 1 : k + 1] = [dataclasses.replace(value, text=value.text + it.text, end=it.end)]
