"""Pass: "trend", "走势" without a grain groups by day (ranges up to ~2 months) or month.

Why these grains: a trend needs enough points to show a shape and few enough to read; a day per
point over two months is ~60 points, months beyond that.
"""

from __future__ import annotations

from nl2sql.rules.state import ParseState

_DAILY_UP_TO_DAYS = 62


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
        p.add_group(f"metric_time__{grain}")
