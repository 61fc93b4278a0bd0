"""A flag that says what kind of thing its row is: "how many duplicate refunds", 重复退款有几笔.

Why: a flag ``is_duplicate_refund`` on a model of transactions says of each transaction that
it *is* a duplicate refund; a refund is one of the transactions' own types (a value of their
``transaction_type``). "How many duplicate refunds" asks the transactions' count where the
flag holds, but nothing was counted — the flag phrase names no noun the model counts — so it
was refused. The reading is taken only when the flag's name is ``is_<words>``, the last of
those words is a value of a class dimension ("type", "category": ``vocabulary.class_heads``)
of the same entity, and exactly one metric counts that entity. A flag that describes
something else about the row (``is_weekend`` on orders: an order is no weekend) names no
value of a class of the row and stays refused, as do flags of entities no metric counts.

>>> from semantic_layer.catalog import Catalog, CatalogDimension as D, CatalogMetric as M
>>> cat = Catalog(
...     metrics=(M("n", "Transactions", agg="count", counts="transaction"),),
...     dimensions=(
...         D("transaction__is_duplicate_refund", "is duplicate refund", values=("0", "1")),
...         D("transaction__is_weekend", "is weekend", values=("0", "1")),
...         D("transaction__transaction_type", "transaction type", values=("payment", "refund")),
...     ),
... )
>>> row_kind_count(cat, "transaction__is_duplicate_refund"), row_kind_count(cat, "transaction__is_weekend")
('n', None)
"""

from __future__ import annotations

from nl2sql.vocabulary.class_heads import is_class_word
from nl2sql.vocabulary.english import name_words, singular
from semantic_layer.catalog import Catalog


def _kind_values(catalog: Catalog, entity: str) -> set[str]:
    """The values of the entity's class dimensions ("refund" of ``transaction_type``)."""
    out: set[str] = set()
    for d in catalog.dimensions:
        own, _, column = d.name.rpartition("__")
        words = name_words(column)
        if own != entity or d.dim_type != "categorical" or not words:
            continue
        if is_class_word(words[-1]):
            out.update(singular(str(v).lower()) for v in d.values or ())
    return out


def row_kind_count(catalog: Catalog, dimension: str) -> str | None:
    """The count metric of the rows an ``is_<kind>`` flag dimension classifies, else None."""
    entity, _, column = dimension.rpartition("__")
    words = name_words(column)
    if not entity or len(words) < 2 or words[0].lower() != "is":
        return None
    if singular(words[-1].lower()) not in _kind_values(catalog, entity):
        return None
    counts = [m.name for m in catalog.metrics if m.counts == entity]
    return counts[0] if len(counts) == 1 else None
