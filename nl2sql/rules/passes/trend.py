"""Pass: "trend", "走势" without a grain groups by day (ranges up to ~2 months) or month, or by
the grain the metric is recorded in when that is coarser.

Why these grains: a trend needs enough points to show a shape and few enough to read; a day per
point over two months is ~60 points, months beyond that. A metric recorded by year (a yearly
membership count, a fiscal-year budget) has no monthly points: "各分馆会员数的变化" grouped by
month was refused as finer than the time dimension, while the trend it asks for is year by year.
"""

from __future__ import annotations

from nl2sql.general import GRAINS
from nl2sql.rules.state import ParseState

_DAILY_UP_TO_DAYS = 62


def _recorded_grain(p: ParseState) -> str | None:
    """The coarsest grain the question's metrics are recorded in (their time dimension's
    ``time_granularity``), if any of them says one."""
    found = []
    for name in p.metrics:
        m = p.catalog.metric(name)
        axis = m.agg_time_dimension if m is not None else None
        if not axis:
            continue
        d = p.catalog.dimension(axis) or next(
            (x for x in p.catalog.dimensions if x.name.endswith(f"__{axis}")), None
        )
        if d is not None and d.time_granularity in GRAINS:
            found.append(d.time_granularity)
    return max(found, key=GRAINS.index) if found else None


def read_trend(p: ParseState) -> None:
    """Add a time grain for a trend word when no time grain is grouped yet."""
    trend = [it for it in p.its if it.kind == "role" and it.role == "trend"]
    for it in trend:
        it.used = True
    if trend and not any(g.startswith("metric_time__") for g in p.group_by):
        tm = p.result.time
        days = None
        if tm and tm.range.start and tm.range.end:
            days = (tm.range.end - tm.range.start).days
        grain = "day" if days is not None and days <= _DAILY_UP_TO_DAYS else "month"
        recorded = _recorded_grain(p)
        if recorded is not None and GRAINS.index(recorded) > GRAINS.index(grain):
            grain = recorded
        p.add_group(f"metric_time__{grain}")
