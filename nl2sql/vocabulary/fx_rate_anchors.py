"""An exchange rate named by its currency pair ("USD/IDR rate", ``avg_usd_idr``) is asked for
as an exchange rate: "exchange rate", 汇率.

Why: a model names such a metric after the pair it quotes, never with the words "exchange
rate"; a user asks for the exchange rate (上个月的汇率, 美元兑印尼盾的平均汇率), and the
question was refused ("I don't know 汇率"). A rate between two currencies is an exchange rate
whatever the model calls it: the pair is two ISO 4217 codes side by side in the label or the
name (``USD/IDR``, ``usd_idr``, ``EUR->GBP``), at least one of them a currency of
:mod:`nl2sql.unit_words`, and the label, name or description says "rate" or "fx". The Chinese
comes from CC-CEDICT's gloss of "exchange rate" (汇率, 汇价) like any other anchor's.

>>> from semantic_layer.catalog import CatalogMetric
>>> [a.phrase for a in fx_rate_anchors([CatalogMetric("avg_usd_idr", "USD/IDR rate")])]
['exchange rate']
>>> fx_rate_anchors([CatalogMetric("usd_revenue", "Revenue (USD)")])
[]
>>> fx_rate_anchors([CatalogMetric("lhr_jfk_rate", "LHR/JFK load rate")])
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nl2sql.unit_words import NAMES, is_currency, unit_of_word
from nl2sql.vocabulary.anchors import SUFFIX, Anchor
from semantic_layer.catalog import CatalogMetric

#: two three-letter codes side by side: "USD/IDR", "usd_idr", "EUR->GBP", "eur to gbp"
_PAIR = re.compile(r"(?<![a-z])([a-z]{3})\s*(?:/|_|-|->|\s+to\s+|\s)\s*([a-z]{3})(?![a-z])")
_RATE = re.compile(r"(?<![a-z])(?:rate|rates|fx|forex)(?![a-z])")


def _currency_pair(text: str) -> tuple[str, str] | None:
    """The first pair of codes in ``text`` that quotes a currency ("usd", "idr"), else None."""
    for a, b in _PAIR.findall(text.lower()):
        if a != b and (is_currency(a) or is_currency(b)) and len({a, b} & _NOT_CODES) == 0:
            return a, b
    return None


#: three-letter words that are no currency code even beside one ("usd per day")
_NOT_CODES = frozenset({"per", "and", "the", "for", "avg", "sum", "max", "min", "net", "all"})


def _rate_pairs(metrics: Iterable[CatalogMetric]) -> list[tuple[CatalogMetric, tuple[str, str]]]:
    out = []
    for m in metrics:
        texts = [m.label or "", m.name.replace("_", " "), m.description or ""]
        pair = _currency_pair(texts[0]) or _currency_pair(texts[1])
        if pair and any(_RATE.search(t.lower()) for t in texts):
            out.append((m, pair))
    return out


def fx_rate_anchors(metrics: Iterable[CatalogMetric]) -> list[Anchor]:
    """ "exchange rate" for each metric quoting a currency pair as a rate."""
    return [
        Anchor("exchange rate", "metric", m.name, None, m.label or m.name, "fx", SUFFIX)
        for m, _ in _rate_pairs(metrics)
    ]


def fx_pair_anchors_zh(metrics: Iterable[CatalogMetric]) -> list[Anchor]:
    """The pair said in Chinese, 美元兑印尼盾 (汇率): each currency's common Chinese name
    (:mod:`nl2sql.unit_words`) joined by 兑 or 对, as quotes are written (美元兑人民币汇率).

    >>> from semantic_layer.catalog import CatalogMetric
    >>> [a.phrase for a in fx_pair_anchors_zh([CatalogMetric("avg_usd_idr", "USD/IDR rate")])]
    ['美元兑印尼盾汇率', '美元兑印尼盾', '美元对印尼盾汇率', '美元对印尼盾']
    """
    out: list[Anchor] = []
    for m, (a, b) in _rate_pairs(metrics):
        za, zb = (NAMES.get(unit_of_word(c) or "", ("", ""))[1] for c in (a, b))
        if not za or not zb:
            continue
        for link in ("兑", "对"):
            for tail, score in (("汇率", SUFFIX), ("", SUFFIX * PAIR_ALONE)):
                phrase = f"{za}{link}{zb}{tail}"
                out.append(Anchor(phrase, "metric", m.name, None, m.label or m.name, "fx", score))
    return out


#: the pair without 汇率 still names its rate, a little less surely
PAIR_ALONE = 0.95
