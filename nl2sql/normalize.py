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
from semantic_layer.display_text import HIDDEN

# a word may hold the accented letters of Latin-1 ("café", "zürich"): split at them, "café" was
# refused as the unknown 'caf' and 'é'
# a letter-digit-letter code ("B2C", "B2B", "P2P") is one word: split at its digit, "B2C收入"
# read as "b", the number 2 and "c" — a number no one asked about and two unknown letters.
# Only codes that start and continue with a letter after the digit: "Q3", "5kg", "3pm", "A12"
# keep their number (a quarter, a quantity, a time, a code's serial)
UNIT_RE = re.compile(
    r"(?P<word>[a-z]+\d+[a-z][a-z0-9]*(?![a-z0-9.])|[a-z\u00df-\u00f6\u00f8-\u00ff]"
    r"[a-z'\u00df-\u00f6\u00f8-\u00ff]*)|(?P<num>\d+(?:\.\d+)?)"
    r"|(?P<op>>=|<=|!=|<>|==|[<>=≥≤%#&,、])"
    r"|(?P<cjk>[\u3400-\u9fff\uf900-\ufaff])|(?P<other>[^\s])"
)
WHITESPACE = re.compile(r"\s+")
# characters that show nothing: zero-width space / (non-)joiner, word joiner, BOM, soft hyphen,
# direction marks and overrides, variation selectors. A question is what its reader sees:
# "1\u200b000" reads 1000 and "exclu\u200bding" excluding (session 18: the engine split
# them, and the refusal's suggestion "over 1\u200b" showed as "over 1", answering GMV > 1)
INVISIBLE = HIDDEN  # the characters also removed from what an answer shows
# a raised or lowered digit right after a digit is an exponent or an index, never more digits:
# NFKC folds "10²" to "102" and "5₀" to "50" (session 23: "GMV over 10²" answered GMV > 102).
# Written as "10^2" / "5_0", which no rule reads as one number, so the question is refused
_RAISED = re.compile(r"(?<=\d)(?:([\u00b9\u00b2\u00b3\u2070-\u207b]+)|([\u2080-\u208b]+))")
# a hyphen joining two words ("on-time", "pre-sale", "year-to-date") is a space: users write
# compounds both ways, and model terms are matched with the same rule
WORD_HYPHEN = re.compile(r"(?<=[a-z\u3400-\u9fff])[-‐‑–](?=[a-z\u3400-\u9fff])")
# a role compound "bill-to customer", "ship-to address", "sold-to party" names the role by its
# first word: "to" is part of the compound, not a direction ("crossings to NHB")
_to_compound = re.compile(r"\b([a-z]+)[-‐‑–]to(?=\s+[a-z])")
# a negative contraction is "not" ("weren't", "didn’t"): written apart, the negation passes
# read it; as one word it was an unknown word and the question was refused
_NOT_CONTRACTION = re.compile(
    r"\b(is|are|was|were|do|does|did|has|have|had|could|should|would|ca|wo)n['’]t\b"
)
_CONTRACTED = {"ca": "can", "wo": "will"}
# a possessive is its noun ("airline's", "JetBlue's", "carriers'"): the model names the noun
_POSSESSIVE = re.compile(r"(?<=[a-z])['’]s\b|(?<=[a-z]s)['’](?=\s|$)")


# a sign said in words is a comparison with zero: "净利润为负的门店", "profit is negative".
# Only after the copula (为 / 是 / is / are / was / were), and in Chinese only where the sign
# word ends the phrase (before 的, a particle, punctuation or the end), so 正常 (normal),
# 正在 (in progress), 正式 (formal) and 负责 (responsible) never read as a sign; 不为负 (not
# negative) is ">= 0", never "not < 0" left to the negation rules
_ZH_SIGN = re.compile(r"(不)?(?:为|是)(负|正)(?:数|值)?(?=$|[^\u3400-\u9fff]|的|吗|呢|了)")
_EN_SIGN = re.compile(r"\b(is|are|was|were)( not)? (negative|positive)\b")
_SIGN_CMP = {("负", False): "<0", ("负", True): ">=0", ("正", False): ">0", ("正", True): "<=0"}
# a sign before the noun: "negative sales growth", "positive margin" (English), 负增长 / 正增长
# (CC-CEDICT's "negative growth"): the same comparison with zero, written where the threshold
# rules read one ("with below 0 sales growth", "增长<0"). In Chinese only before a growth word:
# 负 / 正 start many other words (负责, 正常, 正在)
_ZH_SIGN_GROWTH = re.compile(r"(负|正)(增长率|增长|增速)")
_EN_SIGN_BEFORE = re.compile(r"\b(negative|positive) (?=[a-z])")


def sign_words(text: str, english: bool = True) -> str:
    """Signs said in words as comparisons with zero (a normalized question; never a model
    term: a flag named "is negative" keeps its words). ``english=False`` leaves English alone
    (a model whose own words hold "negative" or "positive").

    >>> sign_words("净利润为负的门店"), sign_words("利润不是负数的门店"), sign_words("状态为正常的门店")
    ('净利润<0的门店', '利润>=0的门店', '状态为正常的门店')
    >>> sign_words("stores whose profit is negative"), sign_words("profit was not positive")
    ('stores whose profit < 0', 'profit <= 0')
    >>> sign_words("bakeries with negative sales growth"), sign_words("销售额负增长的门店")
    ('bakeries with below 0 sales growth', '销售额增长<0的门店')
    """
    text = _ZH_SIGN.sub(lambda m: _SIGN_CMP[(m[2], bool(m[1]))], text)
    text = _ZH_SIGN_GROWTH.sub(lambda m: m[2] + _SIGN_CMP[(m[1], False)], text)
    if not english:
        return text
    text = _EN_SIGN.sub(lambda m: _en_comparison(m[3], bool(m[2])), text)
    return _EN_SIGN_BEFORE.sub(lambda m: "below 0 " if m[1] == "negative" else "above 0 ", text)


def _en_comparison(word: str, negated: bool) -> str:
    """ "negative" -> "< 0", "not positive" -> "<= 0" (spaced as English is written)."""
    op = _SIGN_CMP[("负" if word == "negative" else "正", negated)][:-1]
    return f"{op} 0"


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a CJK ideograph: the question's language for replies and labels.

    >>> has_cjk("各渠道GMV"), has_cjk("GMV by channel")
    (True, False)
    """
    return _CJK.search(text) is not None


#: a CJK ideograph (the range :func:`has_cjk` looks for; one C-level search instead of a Python
#: loop over characters: the suggestions call it on every term of a model, ~13,000 per refusal)
_CJK = re.compile("[\u3400-\u9fff]")


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
    text = english_clitics(unicodedata.normalize("NFKC", INVISIBLE.sub("", value)).lower())
    return WHITESPACE.sub(" ", WORD_HYPHEN.sub(" ", text))


def normalize(text: str) -> str:
    """Half-width, lower case, single spaces, numbers as digits, no invisible characters: the
    form everything matches on.

    >>> normalize("GMV over 1\u200b000 exclu\u00adding jd")
    'gmv over 1000 excluding jd'
    >>> normalize("loaves over 10\u00b2, crates of 5\u2080, m\u00b2")
    'loaves over 10^2, crates of 5_0, m2'
    """
    text = _RAISED.sub(lambda m: f"^{m[1]}" if m[1] else f"_{m[2]}", INVISIBLE.sub("", text))
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
