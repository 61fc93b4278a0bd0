"""The one text form every match runs on: normalized text, its units and lookup keys.

Why its own module: the lexicon, the time parser and the rules all compare the question with
model terms in this form, so it must be one definition; it needs nothing of the lexicon itself.

>>> normalize("ＧＭＶ  按渠道，前十")
'gmv 按渠道,前10'
>>> normalize("On-time rate, year-to-date")
'on time rate, year to date'
>>> normalize("flights that weren't cancelled"), normalize("orders that didn’t ship")
('flights that were not cancelled', 'orders that did not ship')
>>> [u.text for u in units("top 5 SKUs by GMV>15%")]
['top', '5', 'skus', 'by', 'gmv', '>', '15', '%']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from nl2sql.numbers import normalize_numerals

UNIT_RE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)|(?P<word>[a-z][a-z']*)|(?P<op>>=|<=|!=|<>|==|[<>=≥≤%#&,、])"
    r"|(?P<cjk>[\u3400-\u9fff\uf900-\ufaff])|(?P<other>[^\s])"
)
WHITESPACE = re.compile(r"\s+")
# a hyphen joining two words ("on-time", "pre-sale", "year-to-date") is a space: users write
# compounds both ways, and model terms are matched with the same rule
WORD_HYPHEN = re.compile(r"(?<=[a-z\u3400-\u9fff])[-‐‑–](?=[a-z\u3400-\u9fff])")
# a role compound "bill-to customer", "ship-to address", "sold-to party" names the role by its
# first word: "to" is part of the compound, not a direction ("flights to ORD")
_to_compound = re.compile(r"\b([a-z]+)[-‐‑–]to(?=\s+[a-z])")
# a negative contraction is "not" ("weren't", "didn’t"): written apart, the negation passes
# read it; as one word it was an unknown word and the question was refused
_NOT_CONTRACTION = re.compile(
    r"\b(is|are|was|were|do|does|did|has|have|had|could|should|would|ca|wo)n['’]t\b"
)
_CONTRACTED = {"ca": "can", "wo": "will"}
# a possessive is its noun ("airline's", "JetBlue's", "carriers'"): the model names the noun
_POSSESSIVE = re.compile(r"(?<=[a-z])['’]s\b|(?<=[a-z]s)['’](?=\s|$)")


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a CJK ideograph: the question's language for replies and labels.

    >>> has_cjk("各渠道GMV"), has_cjk("GMV by channel")
    (True, False)
    """
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def english_clitics(text: str) -> str:
    """Lower-case ``text`` with its negative contractions written out and possessives dropped.

    Why one function: the question and the data values are read with the same rule, so a
    value spelled with an apostrophe ("Macy's") still meets the question that types it.

    >>> english_clitics("each airline's flights that weren't cancelled, the carriers' fees")
    'each airline flights that were not cancelled, the carriers fees'
    """
    text = _NOT_CONTRACTION.sub(lambda m: f"{_CONTRACTED.get(m[1], m[1])} not", text)
    return _POSSESSIVE.sub("", text)


def plain_value_text(value: str) -> str:
    """A data value's text for the value index: lower case, half-width, hyphens as spaces,
    clitics as in a question (no numeral rewriting: a value keeps its own digits)."""
    text = english_clitics(unicodedata.normalize("NFKC", value).lower())
    return WHITESPACE.sub(" ", WORD_HYPHEN.sub(" ", text))


def normalize(text: str) -> str:
    """Half-width, lower case, single spaces, numbers as digits: the form everything matches on."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("。", " ").replace("？", "?").replace("！", "!")
    text = _to_compound.sub(r"\1", text)
    text = english_clitics(text)
    text = WORD_HYPHEN.sub(" ", text)
    return normalize_numerals(WHITESPACE.sub(" ", text).strip())


@dataclass(frozen=True)
class Unit:
    """One matchable piece of the question: a CJK character, a word, a number or a symbol."""

    text: str
    kind: str  # cjk | word | num | op | other
    start: int
    end: int


def units(text: str, offset: int = 0) -> list[Unit]:
    """Split already-normalized text into units."""
    if text != text.lower():
        text = normalize(text)
    return [
        Unit(m.group(0), m.lastgroup or "other", m.start() + offset, m.end() + offset)
        for m in UNIT_RE.finditer(text)
    ]


def key_of(term: str) -> tuple[str, ...]:
    """The unit tuple a term is looked up by (a name's ``_`` is a space: ``order_count``)."""
    return tuple(u.text for u in units(normalize(term.replace("_", " "))))


def value_key(value: str) -> tuple[str, ...]:
    """The unit tuple a data value is looked up by: exactly as typed, ``_`` included.

    A value is matched as the user types it, so "SKU_A12", "A/B" and "AT&T" stay one term
    (unlike a name, whose underscores separate words).

    >>> value_key("SKU_A12"), value_key("AT&T")
    (('sku', '_', 'a', '12'), ('at', '&', 't'))
    """
    return tuple(u.text for u in units(normalize(value)))


_ACRONYM_RE = re.compile(r"(?<![A-Za-z])[A-Z]{2,}(?![A-Za-z])")


def acronyms(question: str) -> frozenset[str]:
    """Words typed in capitals, lower-cased ("GMV to US" -> {"gmv", "us"}).

    >>> sorted(acronyms("average delivery time to US vs DE, show us"))
    ['de', 'us']
    """
    return frozenset(
        w.lower() for w in _ACRONYM_RE.findall(unicodedata.normalize("NFKC", question))
    )
