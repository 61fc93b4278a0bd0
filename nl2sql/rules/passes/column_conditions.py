"""Pass: "orders with an order total over $30", "订单总额超过30美元的订单数量" — a comparison on
the amount column a dimension names, beside a count, is a condition on each row.

Why: dbt projects expose a row's amount twice, as the measure a metric sums ("Order Total") and
as a categorical dimension over the same column (`order_total_dim`, label "order total"), so
the words before the comparison name that dimension. The threshold pass refused it ("order
total is not a metric") although the question is plain: count the orders whose own total
passes. The reading is taken only when

* the words right before the comparison name a dimension over an amount column (a column some
  money metric of the model aggregates),
* another noun of the question is a count (the rows being counted), which the dimension can
  filter — otherwise "order total over 30" alone stays a condition on the metric (HAVING),
* any currency written with the number is the amount's own (else :mod:`nl2sql.rules.money`
  refuses, as for every money condition).
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.money import _amount_columns, _check_currency, _column, money_marker
from nl2sql.rules.state import ParseState
from semantic_layer.query import DimensionFilter, FilterOp

#: the comparison roles (``cmp:>`` ...) a row condition takes, as filter operators
_ROW_OPS: dict[str, FilterOp] = {">": ">", ">=": ">=", "<": "<", "<=": "<="}


def _amount_dimension(p: ParseState, it: Item) -> tuple[str, str] | None:
    """(dimension, metric) when ``it`` names a dimension over an amount column some money
    metric aggregates, else None."""
    columns = _amount_columns(p)  # once, not per metric: each read checks every metric's words
    amounts = {
        _column(m.measure_expr): m.name
        for m in p.catalog.metrics
        if m.measure_expr and _column(m.measure_expr) in columns
    }
    for s in it.senses:
        d = p.catalog.dimension(s.name) if s.kind == "dimension" else None
        if d is not None and d.dim_type == "categorical" and _column(d.expr) in amounts:
            return d.name, amounts[_column(d.expr)]
    return None


def _counted(p: ParseState, subject: Item, dimension: str) -> str | None:
    """The count metric another noun of the question names, if the dimension filters it."""
    for x in p.its:
        if x is subject or x.kind != "domain" or x.used:
            continue
        metric = p.count_metric(x)
        if metric is not None and p.metric_allows(metric, dimension):
            return metric
    return None


def read_column_conditions(p: ParseState) -> None:
    """Turn "<amount dimension> <comparison> <number>" beside a count into a row filter."""
    for i, it in enumerate(p.its):
        if it.kind != "role" or not it.role.startswith("cmp:") or it.used:
            continue
        op = _ROW_OPS.get(it.role.split(":")[1])
        before, num = p.at(i - 1), p.at(i + 1)
        if op is None or before is None or num is None or num.kind != "num":
            continue
        if before.kind != "domain" or before.used or num.used or num.pct:
            continue
        found = _amount_dimension(p, before)
        if found is None:
            continue
        dimension, amount_metric = found
        counted = _counted(p, before, dimension)
        if counted is None:
            continue
        marker = money_marker(p, num)
        if marker is not None:
            _check_currency(p, amount_metric, marker)
            marker.used = True
        p.filters.append(
            DimensionFilter(dimension=dimension, op=op, values=[float(num.number or 0.0)])
        )
        p.add_metric(counted)
        it.used = num.used = before.used = True
        p.result.notes.append(f"'{before.text}' compared with a number is a condition on each row")
