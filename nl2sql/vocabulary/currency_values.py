"""Chinese currency names for a dimension whose values are ISO currency codes (GBP, USD).

Why: data stores a transaction's currency as its code, and a Chinese user names it (英镑交易的
净GMV, 美元交易有多少笔). The name was read only as a unit of the answer: "USD transactions" was
answered for the USD rows, while 美元交易有多少笔 was refused (a count has no currency) and
英镑交易的净GMV was answered for *every* currency, because a GBP-labelled metric absorbed 英镑
as its own unit — a wrong answer. On a column of currency codes the name before a noun is the
column's value, as the code itself is in English.

The names are the money units' words of :mod:`nl2sql.unit_words` (a fixed public table, like
the states' names in :mod:`nl2sql.vocabulary.places`). Only a dimension whose values are all
three-capital-letter codes, most of them currencies of that table, gets them, so a
column of other codes (airports: LHR, JFK) never reads a currency. A unit said as one
("多少英镑", "以英镑计", a bracketed unit after a metric) stays a unit: those longer phrases
are general words the tokenizer matches first, or are read by :mod:`nl2sql.rules.units`.

>>> [(b.term, b.value) for b in currency_bridges_for("currency", ("GBP", "USD"))]
[('英镑', 'GBP'), ('美元', 'USD'), ('美金', 'USD')]
>>> currency_bridges_for("origin", ("LHR", "JFK", "USD"))
[]
>>> currency_bridges_for("origin", ("LHR", "JFK"))
[]
"""

from __future__ import annotations

from nl2sql.unit_words import NAMES, WORDS, is_currency
from nl2sql.vocabulary.bridges import Bridge
from semantic_layer.catalog import Catalog

#: how surely a currency's name means its code on a column of currency codes
CURRENCY_NAME = 0.9
#: the bridge source: value bridges of it are kept where the name is also a unit word
SOURCE = "currency"


def _code_shaped(value: str) -> bool:
    """Three capital letters: how ISO 4217 writes a currency (and IATA an airport)."""
    return len(value) == 3 and value.isascii() and value.isalpha() and value.isupper()


def _currency_codes() -> dict[str, str]:
    """ISO code -> unit of every money unit of the unit table ("GBP" -> "gbp")."""
    return {
        NAMES[unit][0]: unit
        for unit in WORDS
        if unit in NAMES and is_currency(unit) and _code_shaped(NAMES[unit][0])
    }


def currency_bridges_for(dimension: str, values: tuple[str, ...]) -> list[Bridge]:
    """Chinese-name bridges to the codes of one dimension: none unless every value is
    code-shaped and most are currencies of the unit table (GBP, USD, CHF: names for the two it
    knows; a column of airports holding "USD" beside "LHR", "JFK" is no currency column)."""
    codes = [str(v) for v in values if v is not None]
    units = _currency_codes()
    if not codes or not all(_code_shaped(c) for c in codes):
        return []
    if 2 * sum(c in units for c in codes) <= len(codes):
        return []
    out = []
    for code in (c for c in codes if c in units):
        for term in WORDS[units[code]]:
            if not term.isascii():
                out.append(Bridge(term, "value", dimension, code, code, SOURCE, CURRENCY_NAME))
    return out


def currency_bridges(catalog: Catalog) -> list[Bridge]:
    """Currency-name bridges for every categorical dimension whose values are currency codes."""
    out: list[Bridge] = []
    for d in catalog.dimensions:
        if d.dim_type == "categorical" and d.values:
            out += currency_bridges_for(d.name, tuple(d.values))
    return out
