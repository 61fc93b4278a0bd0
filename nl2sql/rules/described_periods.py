"""A comparison period the metric's own description states is part of its name, not a change
to compute: "month-over-month inflation" is Monthly Inflation (%).

Why: "month-over-month inflation for ES by month in 2022" was asked back between Annual and
Monthly Inflation (%), and with one metric picked the phrase would have asked for the change of
that metric from the month before — though the model describes Monthly Inflation as "Average
month-over-month inflation rate": the phrase says which inflation, it asks for no change.
Likewise "year-over-year GDP growth" is GDP Growth Rate (%) ("Average year-over-year GDP growth
rate"), not that rate's change from a year before.

What is read: a period-over-period phrase ("month over month", "year over year", spelt with
hyphens or not) right before a word read as metrics (or an unknown word read weakly as
metrics), when exactly one of those metrics' descriptions says the same phrase. The word names
that metric and the phrase is absorbed (shown as a bridge). When no reading's description says
it, the phrase keeps its meaning — the change from the period before; when two do, the
question is asked back as before.
"""

from __future__ import annotations

import re

from nl2sql.lexicon_base import Sense
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState

_SPACES = re.compile(r"[\s\-]+")


def _plain(text: str) -> str:
    return _SPACES.sub(" ", text.lower()).strip()


def _is_period_phrase(it: Item) -> bool:
    return (
        it.kind == "role"
        and (it.role == "yoy" or it.role.startswith("pop"))
        and " " in (_plain(it.text))
    )


def _metric_readings(p: ParseState, it: Item) -> list[str]:
    return list(dict.fromkeys(s.name for s in p.metric_readings(it)))


def read_described_periods(p: ParseState) -> None:
    """Read "<period> over <period> <metric word>" as the one metric whose description says it."""
    for k, it in enumerate(p.all[:-1]):
        if not _is_period_phrase(it):
            continue
        nxt = p.all[k + 1]
        phrase = _plain(it.text)
        said = [
            name
            for name in _metric_readings(p, nxt)
            if (m := p.catalog.metric(name)) is not None and phrase in _plain(m.description)
        ]
        if len(said) != 1:
            continue
        metric = p.catalog.metric(said[0])
        assert metric is not None
        p.all[k + 1] = Item("domain", nxt.text, nxt.start, nxt.end, [Sense("metric", metric.name)])
        p.all[k] = Item("stop", it.text, it.start, it.end)
        p.result.bridged.append(f"{it.text.strip()} {nxt.text.strip()} → {metric.label}")
        p.its = [x for x in p.all if x.kind != "stop"]
        return
