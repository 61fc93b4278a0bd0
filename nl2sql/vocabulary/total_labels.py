""" "total <X> count" for a count whose label says "Total <Xs>": 总订单数 beside "Order Count".

Why: every metric gets its name with the aggregation word users put before it ("total order
count" for "Order Count", so "total transaction amount" is not read as a metric labelled
"Total Transactions" plus a stray "amount"). But when the model also has a plain count
labelled "Total Orders", "total order count" -- and its Chinese 总订单数, "the total number of
orders" -- is that metric's own label with a counting word, not a total of "Order Count": a
model that keeps both counts does so because "Order Count" counts only some orders (here the
ones whose filter keeps them), so answering it for 总订单数 gave 1,560 where all 1,867 orders
were asked, a wrong answer that reads right. The phrase goes to the row count so labelled; a
model without such a label keeps the old reading.
"""

from __future__ import annotations

from nl2sql.vocabulary.anchors import SUFFIX, Anchor
from nl2sql.vocabulary.english import name_words, singular
from semantic_layer.catalog import Catalog, CatalogMetric

#: words that only say a number of things is counted ("order count", "number of orders")
_COUNT_WORDS = frozenset({"count", "counts", "cnt", "number", "of"})
#: what a plain row count aggregates: ``count(1)``, ``count(*)``, ``sum(1)``
_ROW_EXPRS = frozenset({"1", "*"})


def _counts_rows(metric: CatalogMetric) -> bool:
    """A simple, unfiltered count of rows (``COUNT(id)``, ``SUM(1)``)."""
    if metric.metric_type != "simple" or metric.filtered:
        return False
    if metric.agg in ("count", "count_distinct"):
        return True
    return metric.agg == "sum" and (metric.measure_expr or "").strip() in _ROW_EXPRS


def total_label_owner(catalog: Catalog, metric: CatalogMetric, phrase: str) -> CatalogMetric | None:
    """The other metric labelled "Total <the phrase's things>", when ``phrase`` counts them.

    >>> from semantic_layer.catalog import CatalogMetric as M
    >>> class C: metrics = [M(name="order_count", label="Order Count", agg="sum"),
    ...     M(name="orders_total_count", label="Total Orders", agg="sum", measure_expr="1")]
    >>> total_label_owner(C, C.metrics[0], "order count").name
    'orders_total_count'
    >>> total_label_owner(C, C.metrics[0], "order") is None  # no counting word: no count asked
    True
    """
    words = phrase.split()
    core = [singular(w) for w in words if w not in _COUNT_WORDS]
    if not core or len(core) == len(words):
        return None
    for o in catalog.metrics:
        if o.name == metric.name or not _counts_rows(o):
            continue
        label = [singular(w) for w in name_words(o.label or "")]
        if label[:1] == ["total"] and label[1:] == core:
            return o
    return None


def total_anchors(catalog: Catalog, metric: CatalogMetric, named: list[Anchor]) -> list[Anchor]:
    """ "total <phrase>" for each of ``metric``'s own phrases (its name and label), each given
    to the count labelled "Total <things>" when the phrase counts those things."""
    out = []
    for a in named:
        owner = total_label_owner(catalog, metric, a.phrase) or metric
        via = owner.label or owner.name
        out.append(Anchor(f"total {a.phrase}", "metric", owner.name, None, via, "total", SUFFIX))
    return out


#: words saying the whole number of the counted things is asked ("total", 总数 "total number")
TOTAL_SAID = frozenset(
    {
        "total",
        "total number",
        "total number of",
        "in total",
        "总",
        "总数",
        "总共",
        "一共",
        "合计",
        "总计",
    }
)


def total_label_count(catalog: Catalog, nouns: set[str]) -> str | None:
    """The one unfiltered row count labelled "Total <the noun, plural>" (or "<Nouns> Total"),
    None otherwise.

    Why: "预订总数" / "total number of bookings" asks for all bookings; beside a filtered
    "Booking Count" (only the confirmed ones) the count the model labels "Total Bookings" is
    that number, while the noun's own count metric answered a part of it.

    >>> from semantic_layer.catalog import CatalogMetric as M
    >>> class C: metrics = [M(name="booking_count", label="Booking Count", agg="sum"),
    ...     M(name="bookings_total", label="Total Bookings", agg="sum", measure_expr="1")]
    >>> total_label_count(C, {"booking"}), total_label_count(C, {"room"})
    ('bookings_total', None)
    """
    heads = {singular(w) for n in nouns for w in n.split()[-1:] if w.isascii()}
    names = [o.name for o in catalog.metrics if _counts_rows(o) and _total_of(o.label) in heads]
    return names[0] if len(names) == 1 else None


def _total_of(label: str | None) -> str | None:
    """The counted noun of a label "Total Crates" or "Crates Total" (singular), else None.

    >>> _total_of("Crates Total"), _total_of("Total Orders"), _total_of("Order Count")
    ('crate', 'order', None)
    """
    words = [w.lower() for w in name_words(label or "")]
    if len(words) != 2 or "total" not in words:
        return None
    other = words[1] if words[0] == "total" else words[0]
    return singular(other) if other != "total" else None
