"""Pass step: a presence flag named where a metric should be (see :mod:`nl2sql.rules.presence`)."""

from __future__ import annotations

from nl2sql.rules.presence import flag_reading
from nl2sql.rules.state import ParseState
from semantic_layer.query import DimensionFilter


def metric_by_flag(p: ParseState) -> None:
    """Pass step: with no metric named, a presence flag's words name its metric (see above)."""
    for it in p.its:
        reading = flag_reading(p, it)
        if reading is None:
            continue
        metric, flag = reading
        if it.sense is not None and it.sense.name in p.group_by:
            p.group_by.remove(it.sense.name)  # the breakdown by the flag taken back
        p.add_metric(metric)
        it.used = True
        if flag is None:
            p.result.notes.append(f"'{it.text}' is the metric {metric}")
        else:
            p.filters.append(DimensionFilter(dimension=flag, op="=", values=["1"]))
            p.result.notes.append(f"'{it.text}' is {metric} where {flag} = 1")
        return
