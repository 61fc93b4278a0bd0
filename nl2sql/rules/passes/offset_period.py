"""Pass: a metric that compares periods, asked for one whole period, is read by that period.

Why: a model's "Sales MoM Change (%)" shifts its sales input by a month (``offset_window``);
it has a value per period only, so the semantic layer (as MetricFlow) refuses it without a time
grain. "Sales MoM change (%) for March 2026" names the period, yet was refused with "group
by metric_time". The question's one whole calendar period (a month, a quarter, a year, a week
from Monday, a day) is the grain it is read by: one row, that period's value. Only when the
period is no coarser than the metric's own shift ("YoY change for Q3" by quarter; "MoM change
for 2026" is no one month, so it is still refused, with "… by month" offered) and no grain is
asked already.
"""

from __future__ import annotations

from nl2sql.derived import period_grain
from nl2sql.rules.state import ParseState
from semantic_layer.model import GRAINS


def group_offset_by_period(p: ParseState) -> None:
    """Group a period-comparing metric asked for one whole period by that period's grain."""
    if any(g.startswith("metric_time__") for g in p.group_by) or p.axis_time is not None:
        return
    shifts = [m.offset_grain for n in p.metrics if (m := p.catalog.metric(n)) and m.offset_grain]
    if not shifts:
        return
    grain = period_grain(p.result.time.range if p.result.time else p.inherited_time)
    if grain is None or any(GRAINS.index(grain) > GRAINS.index(s) for s in shifts):
        return
    p.add_group(f"metric_time__{grain}")
    p.result.notes.append(f"the period-over-period metric is read for the one {grain} asked")
