"""Which metric a phrase names when several metrics contain it: the one it names exactly.

Why: dbt projects often keep a metric and a variant of it whose label only extends the first
one's — "Orders" and "Orders (Fill nulls with 0)", "Revenue" and "Revenue (last 7 days)".
"orders" reaches both (the first by its label, the second by its name ``orders``), and refusing
it as ambiguous makes the plain metric unreachable by its own label. The rule: a metric whose
*label* is the phrase wins over metrics whose label only contains it; failing that, one whose
*name* is the phrase. Two exact matches stay ambiguous (the question is clarified).

>>> from semantic_layer.catalog import Catalog, CatalogMetric
>>> cat = Catalog(metrics=(CatalogMetric("order_count", "Orders"),
...     CatalogMetric("orders", "Orders (Fill nulls with 0)")), dimensions=())
>>> exact_metric(cat, "orders", ["order_count", "orders"])
'order_count'
>>> exact_metric(cat, "order total", ["orders", "order_count"]) is None
True
"""

from __future__ import annotations

from nl2sql.lexicon import key_of
from semantic_layer.catalog import Catalog


def _same(said: tuple[str, ...], own: tuple[str, ...]) -> bool:
    """Whether two word tuples are the same phrase, a plural "s" on the last word aside."""
    if said == own:
        return True
    if len(said) != len(own) or not said or said[:-1] != own[:-1]:
        return False
    a, b = said[-1], own[-1]
    return a == b + "s" or b == a + "s"


def exact_metric(catalog: Catalog, text: str, names: list[str]) -> str | None:
    """The one metric of ``names`` whose label (else name) is ``text``, None otherwise."""
    said = key_of(text)
    metrics = [m for n in names if (m := catalog.metric(n)) is not None]
    for field in ("label", "name"):
        hits = [m.name for m in metrics if _same(said, key_of(getattr(m, field) or ""))]
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None
    return None
