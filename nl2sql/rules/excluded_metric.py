""" "GMV without cancelled orders" / 不含已取消订单的GMV: the exclusion of a metric that is one
value of a dimension is that value excluded from the other metric.

Why: the model's "cancelled orders" is the order count filtered to ``order_status =
'cancelled'`` (``CatalogMetric.filter_value``). After an exclusion word it names no second
figure to show but the rows to leave out; left as a metric, the exclusion word had nothing to
exclude and the question was refused. Read only when every other metric asked reaches that
dimension (the same rows can be filtered), and rows with no value are kept (they are not
cancelled), as "GMV excluding cancelled" already reads.
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from semantic_layer.query import DimensionFilter


def exclude_filtered_metric(p: ParseState, neg: Item) -> bool:
    """Read ``neg`` + a one-value metric as that value excluded (module doc); True when read."""
    k = next((k for k, x in enumerate(p.all) if x is neg), -1)
    after = next((x for x in p.all[k + 1 :] if x.kind != "stop"), None) if k >= 0 else None
    if after is None or after.kind != "domain" or after.sense is None:
        return False
    name = after.sense.name
    cm = p.catalog.metric(name) if after.sense.kind == "metric" else None
    if cm is None or len(cm.filter_value) != 2 or name not in p.metrics:
        return False
    dim, value = cm.filter_value
    rest = [m for m in p.metrics if m != name]
    if not rest or not all(dim in getattr(p.catalog.metric(m), "dimensions", ()) for m in rest):
        return False
    p.metrics.remove(name)
    if name in p.named_metrics:
        p.named_metrics.remove(name)
    p.filters.append(DimensionFilter(dimension=dim, op="!=", values=[value], keep_null=True))
    neg.used = True
    return True
