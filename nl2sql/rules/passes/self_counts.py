"""Pass: a count of the very thing the answer is grouped by is refused ("bikes used by bike").

Why: a metric that counts an entity (``counts``: Bikes Used counts distinct bikes) is 1 in
every row grouped by that entity, so ranking by it ("which bike rode the most" read through
"rode" as Bikes Used) named an arbitrary bike with 1, and a breakdown listed a column of 1s
(issue #12, a wrong answer on a held-out model; "number of members by payer member" on
another). Such a question asks for something else — most often another count of the same rows
(Rides by bike) — so it is refused, offering the model's other counts by that entity that
the engine can answer.
"""

from __future__ import annotations

from nl2sql.rules.items import Refusal
from nl2sql.rules.state import ParseState

#: at most this many other metrics are offered
_OFFERED = 3


def refuse_self_counts(p: ParseState) -> None:
    """Refuse when a metric counts an entity the question groups by (1 in every row)."""
    grouped = set(p.group_by)
    for name in p.metrics:
        m = p.catalog.metric(name)
        if m is None or not m.counts or m.counts not in grouped:
            continue
        entity = m.counts
        words = entity.replace("_", " ")
        label = m.label or m.name
        others = [
            x
            for x in p.catalog.metrics
            if x.name != m.name
            and x.metric_type == "simple"
            and x.counts
            and x.counts != entity
            and p.metric_allows(x.name, entity)
        ][:_OFFERED]
        zh = p.result.lang == "zh"
        raise Refusal(
            f"'{label}' counts {words}, so by {words} it is 1 in every row; ask for another "
            f"metric by {words}",
            zh=f"“{label}”统计的就是{words}，按{words}分组时每行都是 1；请按{words}查询其他指标",
            words=[
                f"按{words}统计的{x.label or x.name}" if zh else f"{x.label or x.name} by {words}"
                for x in others
            ],
            kind="questions",
        )
