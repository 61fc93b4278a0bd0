"""Pass step: a presence flag named where a metric should be (see :mod:`nl2sql.rules.presence`)."""

from __future__ import annotations

from nl2sql.rules.items import Refusal
from nl2sql.rules.presence import flag_reading, is_presence_flag
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


def refuse_flag_breakdown(p: ParseState) -> None:
    """Pass step: a breakdown by a presence flag is refused, never answered.

    The flag is 1 where its model has a row and NULL elsewhere, so "by" it splits a total into
    two unnamed parts ("sum of loss payment, loss reserve amount by claim number" read the
    first name as a breakdown). The word named a filter or a metric; which one the question
    cannot tell here.
    """
    for name in p.group_by:
        if is_presence_flag(p.catalog.dimension(name)):
            word = next((it.text for it in p.its if it.sense and it.sense.name == name), name)
            raise Refusal(
                f"'{word}' only marks whether a row has one, so it cannot be a breakdown; "
                f"ask for its metric or filter on it (e.g. '… with a {word}')",
                zh=f"“{word}”只标记是否存在对应记录，不能作为分组；请直接问它的指标或用它筛选",
                words=[word],
            )
