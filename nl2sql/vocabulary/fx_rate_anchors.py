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

from nl2sql.unit_words import is_currency
from nl2sql.vocabulary.anchors import SUFFIX, Anchor
from semantic_layer.catalog import CatalogMetric

#: two three-letter codes side by side: "USD/IDR", "usd_idr", "EUR->GBP", "eur to gbp"
_PAIR = re.compile(r"(?<![a-z])([a-z]{3})\s*(?:/|_|-|->|\s+to\s+|\s)\s*([a-z]{3})(?![a-z])")
_RATE = re.compile(r"(?<![a-z])(?:rate|rates|fx|forex)(?![a-z])")


def _currency_pair(text: str) -> bool:
    for a, b in _PAIR.findall(text.lower()):
        if a != b and (is_currency(a) or is_currency(b)) and len({a, b} & _NOT_CODES) == 0:
            return True
    return False


#: three-letter words that are no currency code even beside one ("usd per day")
_NOT_CODES = frozenset({"per", "and", "the", "for", "avg", "sum", "max", "min", "net", "all"})


def fx_rate_anchors(metrics: Iterable[CatalogMetric]) -> list[Anchor]:
    """ "exchange rate" for each metric quoting a currency pair as a rate."""
    out: list[Anchor] = []
    for m in metrics:
        texts = [m.label or "", m.name.replace("_", " "), m.description or ""]
        if not any(_currency_pair(t) for t in texts[:2]):
            continue
        if not any(_RATE.search(t.lower()) for t in texts):
            continue
        out.append(Anchor("exchange rate", "metric", m.name, None, m.label or m.name, "fx", SUFFIX))
    return out
