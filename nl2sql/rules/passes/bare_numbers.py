"""Pass: "average max temperature in 33101 last month": a whole number nothing else claimed,
written as it is stored in exactly one categorical dimension (a postal code, a store number
kept as text), is that dimension's value (a filter).

Why: codes made of digits (postal codes, store or route numbers) are values, not quantities,
and when the question does not name their dimension ("postal code 33101" is read by
:mod:`nl2sql.rules.passes.identifiers`), the number was left over and the question refused
("I don't know what the number '33101' refers to"). Only after every other reading had its
turn (a year, a top-N, a threshold, a count take the number first), only a number spelled
exactly as one of the dimension's known values, only when one dimension holds it and the
question's metrics reach that dimension, never beside another named thing ("channel 101" is
that channel's number, which no channel has), and only one such number (two codes — "33101 and
10001" — are left asked: a list, a comparison or a range are different questions).
"""

from __future__ import annotations

from nl2sql.rules.roles import question_metrics
from nl2sql.rules.state import ParseState
from semantic_layer.query import DimensionFilter


def read_bare_number_values(p: ParseState) -> None:
    """Read the one unclaimed whole number that is one dimension's stored value as a filter."""
    nums = [
        it for it in p.its if it.kind == "num" and not it.used and not it.pct and it.text.isdigit()
    ]
    if len(nums) != 1:
        return
    (it,) = nums
    k = p.its.index(it)
    for x in (p.at(k - 1), p.at(k + 1)):
        if x is not None and x.kind == "domain" and not x.is_kind("metric"):
            return  # "channel 101": said of another named thing, which has no such value
    dims = [d for d in p.catalog.dimensions if d.dim_type == "categorical" and it.text in d.values]
    if len(dims) != 1:
        return
    dim = dims[0]
    metrics = question_metrics(p) or list(p.metrics)
    if not metrics or not all(p.metric_allows(m, dim.name) for m in metrics):
        return
    it.used = True
    p.filters.append(DimensionFilter(dimension=dim.name, op="=", values=[it.text]))
    p.result.notes.append(f"'{it.text}' is {dim.label} {it.text}")
