"""The adjective that names a yes/no flag: "vegan" for ``is_vegan_item``, "有机" for
``is_organic_product``.

Why: dbt projects name flags ``is_<adjective>_<head>`` (``is_food_item``, ``is_gift_order``)
and users say the adjective alone — "organic sales", "revenue from signed copies",
"non-organic products", "有机产品的销售额". Without these words the bare adjective is refused as
unknown. The words come from the flag's own name, and the Chinese from CC-CEDICT entries whose
main sense is exactly that adjective (有机 = "organic"); they are weak, bridged terms (the
answer shows "organic → is organic product") and never shadow a term the model has.

A dimension is a flag when its values are exactly one yes-like and one no-like value
(``true``/``false``, ``Y``/``N``, ``1``/``0``, 是/否); the reading as a *filter* is the rules
engine's (``nl2sql.rules.flags``).

>>> adjective_phrases("is_organic_paper_book")
('organic', 'organic paper', 'organic paper book')
>>> adjective_phrases("is_signed"), adjective_phrases("has_refund"), adjective_phrases("status")
(('signed',), (), ())
>>> adjective_phrases("readmission_flag"), adjective_phrases("late_delivery_flag")
(('readmission',), ('late delivery',))
"""

from __future__ import annotations

import functools
import re

from nl2sql.vocabulary import cedict
from nl2sql.vocabulary.chinese import renderings
from semantic_layer.catalog import CatalogDimension

#: how data marks a flag as set / not set (compared lower-cased)
YES = frozenset({"y", "yes", "true", "t", "1", "是"})
NO = frozenset({"n", "no", "false", "f", "0", "否"})
#: the verb a flag's name starts with ("is_vegan_item", "are_signed")
_FLAG_PREFIXES = ("is", "are")
#: the noun a flag's name ends with ("readmission_flag", "late_delivery_flag")
_FLAG_SUFFIX = "flag"


def flag_values(dim: CatalogDimension | None) -> tuple[str, str] | None:
    """``(yes, no)`` values of a two-valued flag dimension, None for any other dimension."""
    if dim is None or dim.dim_type != "categorical" or len(dim.values) != 2:
        return None
    yes = [v for v in dim.values if str(v).strip().lower() in YES]
    no = [v for v in dim.values if str(v).strip().lower() in NO]
    if len(yes) != 1 or len(no) != 1:
        return None
    return str(yes[0]), str(no[0])


@functools.lru_cache(maxsize=4096)
def adjective_phrases(short_name: str) -> tuple[str, ...]:
    """The phrases ``is_<adjective...>_<head>`` lets a user name the flag by: the adjective
    words from the first one up (with the head last), empty for any other name."""
    words = [w for w in short_name.lower().split("_") if w]
    if len(words) >= 2 and words[-1] == _FLAG_SUFFIX and words[0] not in _FLAG_PREFIXES:
        return (" ".join(words[:-1]),)  # ``<subject>_flag``: the subject whole, no head
    if len(words) < 2 or words[0] not in _FLAG_PREFIXES:
        return ()
    rest = words[1:]
    return tuple(" ".join(rest[:k]) for k in range(1, len(rest) + 1))


def flag_phrases(dim: CatalogDimension) -> tuple[str, ...]:
    """The phrases naming flag ``dim``; for a flag named after its own entity first
    (``is_<entity>_<state>``: ``is_gift_card_redeemed`` on a ``gift_card``) only the
    whole state after the entity's words ("expired", "fully used", "paid with card").

    Why: :func:`adjective_phrases` reads the first word as the adjective (``is_organic_product``);
    for ``is_gift_card_redeemed`` that made "gift" — and its Chinese 礼品 — a name of the
    redeemed flag, and a question about gift cards a question about redeemed ones. The state
    is taken whole: "paid" is not "paid with card".

    >>> from semantic_layer.catalog import CatalogDimension as D
    >>> flag_phrases(D("gift_card__is_gift_card_fully_used", "x"))
    ('fully used',)
    >>> flag_phrases(D("order__is_order_paid_with_card", "x"))
    ('paid with card',)
    >>> flag_phrases(D("product__is_organic_product", "x"))
    ('organic', 'organic product')
    """
    parts = dim.name.split("__")
    short, entity = parts[-1], parts[0] if len(parts) > 1 else ""
    words = [w for w in short.lower().split("_") if w]
    own = [w for w in entity.lower().split("_") if w]
    if (
        own
        and len(words) > len(own) + 1
        and words[0] in _FLAG_PREFIXES
        and words[1 : len(own) + 1] == own
    ):
        return (" ".join(words[len(own) + 1 :]),)
    return whole_compounds(adjective_phrases(short))


#: how surely a dictionary must render two or more words as one term for them to be a compound
#: (the glossary's and CC-CEDICT's exact entries: 营业时间 "business hour", 信用卡 "credit card")
_COMPOUND_SURE = 0.9


def whole_compounds(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """``phrases`` (shortest first) without those shorter than the first one a dictionary
    lists as one compound term.

    Why: "business hour" is one term (营业时间), not an hour that is "business"; its first
    word alone says nothing of the flag. Read as the adjective, "business" and its Chinese 业务
    named ``in_business_hours``, and 业务的借阅量 was answered as the loans in business hours
    (a wrong answer). A pair no dictionary lists as a term ("organic product") keeps its
    first word, the adjective users say alone ("organic sales").

    >>> whole_compounds(("business", "business hour"))
    ('business hour',)
    >>> whole_compounds(("organic", "organic product"))
    ('organic', 'organic product')
    """
    for ph in phrases:
        if " " in ph and any(score >= _COMPOUND_SURE for _, score in renderings(ph)):
            n = len(ph.split())
            return tuple(p for p in phrases if len(p.split()) >= n)
    return phrases


#: a Chinese word with this many CC-CEDICT senses says too little about one flag (强大 is
#: "large" but also "powerful", "formidable", ...)
_MAX_SENSES = 4


@functools.lru_cache(maxsize=4096)
def chinese_adjectives(adjective: str) -> tuple[str, ...]:
    """CC-CEDICT words whose main sense is exactly ``adjective`` (有机 for "organic"), leaving
    out words of many senses.

    >>> "有机" in chinese_adjectives("organic"), "强大" in chinese_adjectives("large")
    (True, False)
    """
    if " " in adjective:
        return ()
    return tuple(
        w
        for w, pos, how in cedict.chinese_for(adjective)
        if pos == 0 and how == "exact" and cedict.sense_count(w) < _MAX_SENSES
    )


#: prefixes that negate any English adjective ("unknown", "unpaid", "unsigned")
_NEGATING = ("un",)
#: prefixes that negate some adjectives only ("inactive" but "income", "designed"): a word made
#: with one names the flag's *no* side only when the flag's own description uses that word
_NEGATING_IF_ATTESTED = ("in", "im", "il", "ir", "dis", "de")


#: general words for the strict complement of a flag's adjective — calendar and channel
#: language any model may use: a day that is not a weekend day is a weekday, an order that is
#: not online is offline. Only pairs with no third case (not "new"/"returning", "paid"/"free")
COMPLEMENTS: dict[str, tuple[str, ...]] = {
    "weekend": ("weekday", "workday"),
    "weekday": ("weekend",),
    "online": ("offline",),
    "offline": ("online",),
    "domestic": ("international",),
    "international": ("domestic",),
    "inbound": ("outbound",),
    "outbound": ("inbound",),
}


def negative_flag_words(dim: CatalogDimension) -> list[str]:
    """Words naming the *no* side of flag ``dim``: its adjective with a negating prefix, and
    their Chinese (CC-CEDICT's main sense: 未知 for "unknown").

    Why: "failed rate for unknown drivers" asks for ``is_known_driver = false`` and "visits on
    decommissioned chargers" for ``is_commissioned = false`` (the description says "True if
    the charger has not been decommissioned"); both were refused as unknown words.

    >>> from semantic_layer.catalog import CatalogDimension as D
    >>> words = negative_flag_words(D("driver__is_known_driver", "Is Known Driver"))
    >>> words[0], "未知" in words
    ('unknown', True)
    >>> negative_flag_words(D("charger__is_commissioned", "Is Commissioned",
    ...     description="True if the charger has not been decommissioned."))
    ['uncommissioned', 'decommissioned']
    >>> words = negative_flag_words(D("book__is_signed", "Is Signed"))
    >>> words[0], "designed" in words
    ('unsigned', False)
    >>> words = negative_flag_words(D("session__is_weekend", "Is Weekend"))
    >>> "weekday" in words, "工作日" in words
    (True, True)
    """
    phrases = flag_phrases(dim)
    if not phrases or " " in phrases[0]:
        return []
    adjective = phrases[0]
    described = set(re.findall(r"[a-z]+", (dim.description or "").lower()))
    out = [p + adjective for p in _NEGATING]
    out += [p + adjective for p in _NEGATING_IF_ATTESTED if p + adjective in described]
    out += COMPLEMENTS.get(adjective, ())
    chinese = [w for word in out for w in chinese_adjectives(word)]
    return list(dict.fromkeys([*out, *chinese]))


def no_side(dim: CatalogDimension, boolean: bool) -> tuple[str, list[str]]:
    """The value of flag ``dim``'s no side ("false" for a declared boolean) and the words that
    name it; no words for a dimension that is not a flag."""
    pair = flag_values(dim)
    no = "false" if boolean else (pair[1] if pair else "")
    return no, (negative_flag_words(dim) if no else [])


#: how sure a rendering of a ``<subject>_flag``'s subject must be to name the flag in Chinese
#: (a dictionary's or an affix's whole word: 再入院 for "readmission")
_SUBJECT_SURE = 0.9


def flag_words(dim: CatalogDimension) -> list[str]:
    """Every word naming flag ``dim`` by its adjective: English phrases, their Chinese.

    A ``<subject>_flag`` names a noun, not an adjective ("readmission"): its Chinese is the
    subject's sure rendering (再入院), which CC-CEDICT's adjective senses do not hold.

    >>> from semantic_layer.catalog import CatalogDimension as D
    >>> flag_words(D("stay__readmission_flag", "Readmission Flag"))
    ['readmission', '再入院']
    """
    phrases = flag_phrases(dim)
    out = list(phrases)
    if phrases:
        out += chinese_adjectives(phrases[0])
    if phrases and dim.name.split("__")[-1].lower().endswith("_" + _FLAG_SUFFIX):
        out += [zh for zh, score in renderings(phrases[0]) if score >= _SUBJECT_SURE][:1]
    return list(dict.fromkeys(out))
