"""A metric whose label ends in "value" said as an amount of money: "rental amount",
"rental money", 租赁金额 for "Rental Value".

Why: a model names the money an event brings by "<event> value" ("Rental Value", "Order
Value", "Transaction Value"), while people ask for its *amount*, its *money*, or in Chinese its
金额 — and 金额 renders "amount", never "value" (值, 价值). A sum, average or extreme of a value
over events is an amount of money in business data; a rate or a ratio is not, so only
aggregated simple and cumulative metrics qualify. Everything before "value" is kept word for
word, so the phrase says what the label says ("average booking amount" is the average, not the
total); a model that has its own "<event> amount" keeps it (a name always wins over a bridge).
The Chinese phrase comes from the English one like every other anchor (``chinese_anchors``).
"""

from __future__ import annotations

from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.english import name_words
from nl2sql.vocabulary.english_anchors import LEAD_WORDS
from semantic_layer.catalog import CatalogMetric

#: the label's last word that names an amount of money in business data
VALUE_HEAD = "value"
#: what people say for it
MONEY_HEADS = ("amount", "money")
#: how a value's rows are aggregated when it is an amount (not a rate, not a count)
_AMOUNT_AGGS = frozenset({"sum", "average", "median", "max", "min"})
#: a paraphrase of the label's last word, as sure as a thesaurus neighbour of a whole name, so
#: its word-by-word Chinese (预订金额) is as sure as the label's own (预订值)
MONEY = 0.85


def money_phrases(metric: CatalogMetric) -> list[str]:
    """The phrases for ``metric`` with its last word "value" said as money, or [].

    >>> m = CatalogMetric("rental_value", "Rental Value", agg="sum", measure_expr="value")
    >>> money_phrases(m)
    ['rental amount', 'rental money', 'total rental amount', 'total rental money']
    >>> money_phrases(CatalogMetric("value_ratio", "Rental Value", metric_type="ratio"))
    []
    """
    words = name_words(metric.label or metric.name)
    if len(words) < 2 or words[-1] != VALUE_HEAD:
        return []
    if metric.metric_type not in ("simple", "cumulative") or metric.agg not in _AMOUNT_AGGS:
        return []
    if metric.value_format == "percent":
        return []
    out = [" ".join([*words[:-1], head]) for head in MONEY_HEADS]
    if metric.agg == "sum" and words[0] not in LEAD_WORDS:  # "total booking amount"
        out += [f"total {phrase}" for phrase in out]
    return out


def money_anchors(metrics: tuple[CatalogMetric, ...]) -> list[Anchor]:
    """One anchor per money phrase of each metric (see :func:`money_phrases`)."""
    return [
        Anchor(phrase, "metric", m.name, None, m.label or m.name, "money", MONEY)
        for m in metrics
        for phrase in money_phrases(m)
    ]
