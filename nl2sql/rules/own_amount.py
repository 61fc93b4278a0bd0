"""The amount of the counted thing: "发票总额" / "捐款总额" on a model that counts invoices.

Why: 总额 says "total *amount*". Beside a noun whose only reading so far is its row count
("发票" -> Invoices) it asks for the money those rows carry, not how many there are. A model
often has exactly one metric for that: the unfiltered sum of the counted thing's own amount
column (``invoice_amount``, ``amount``, ``order_total``) over the same rows. When there is
exactly one, it is what the question names; when there is none or several (an invoice's amount
and its ``invoice_total`` both), the question is refused as before (``passes.leftovers``),
never guessed.

>>> from semantic_layer.catalog import CatalogMetric
>>> n = CatalogMetric("invoices", "Invoices", agg="count", counts="invoice",
...                   own_entities=("invoice",))
>>> amt = CatalogMetric("billed", "Billed", agg="sum", measure_expr="invoice_amount",
...                     own_entities=("invoice",))
>>> tax = CatalogMetric("taxes", "Taxes", agg="sum", measure_expr="tax_amount",
...                     own_entities=("invoice",))
>>> own_amount_metric([n, amt, tax], n)
'billed'
>>> own_amount_metric([n, amt, tax, amt.__class__(**{**amt.__dict__, "name": "x"})], n) is None
True
"""

from __future__ import annotations

from collections.abc import Iterable

from nl2sql.lexicon import key_of
from nl2sql.rules.money import is_money_metric
from nl2sql.unit_words import is_currency
from semantic_layer.catalog import CatalogMetric

#: the words that make a column "the amount" of a row, beside the thing's own name
#: ("invoice_amount", "order_total", "rental_value", plain "amount"): general language
AMOUNT_HEADS = frozenset({"amount", "total", "value"})


def _own_column(m: CatalogMetric, entity: str) -> bool:
    """Whether ``m`` aggregates a column named only by the entity and an amount word (and
    perhaps the currency it is kept in).

    >>> own = CatalogMetric("v", "V", agg="sum", measure_expr="subscription_total_value_usd")
    >>> _own_column(own, "subscription"), _own_column(own, "invoice")
    (True, False)
    """
    # a column suffixed with its currency (``subscription_value_usd``) is still the row's own amount
    words = {w for w in key_of(m.measure_expr) if not is_currency(w)}
    return bool(words & AMOUNT_HEADS) and words <= AMOUNT_HEADS | set(key_of(entity))


def own_amount_metric(metrics: Iterable[CatalogMetric], count: CatalogMetric) -> str | None:
    """The one metric summing the amount of the rows ``count`` counts, else None.

    It must be a simple, unfiltered ``sum`` kept in money, over the same rows (same entities
    and time dimension) as the count, of a column named by the counted entity and an amount
    word only.
    """
    if not count.counts:
        return None
    found = [
        m.name
        for m in metrics
        if m.metric_type == "simple"
        and not m.filtered
        and m.agg.lower() == "sum"
        and set(m.own_entities) == set(count.own_entities)
        and m.agg_time_dimension == count.agg_time_dimension
        and is_money_metric(m)
        and _own_column(m, count.counts)
    ]
    return found[0] if len(found) == 1 else None
