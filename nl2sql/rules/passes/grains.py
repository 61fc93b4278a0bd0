"""Pass: time grains ("monthly", "按月", "by week") become ``metric_time__<grain>`` groups."""

from __future__ import annotations

from nl2sql.rules.state import ParseState


def group_by_grains(p: ParseState) -> None:
    """Add a time-grain group for every grain word (and claim a "by" right before it)."""
    for i, it in enumerate(p.its):
        after_number = (prev := p.at(i - 1)) is not None and prev.kind == "num"
        # "top 3 months", "收入前三的月份": the months are what is ranked (a grain to group by,
        # the number is N), not a quantity of time — read as one, the total was answered
        ranked = p.role_at(i - 2, "top") or p.role_at(i - 2, "bottom")
        if it.kind == "role" and it.role.startswith("grain:") and after_number and not ranked:
            continue  # "above 2 days": a quantity's unit (the thresholds pass), not a grain
        if it.kind == "role" and it.role.startswith("grainadj:"):
            it.used = True
            p.add_group(f"metric_time__{it.role.split(':')[1]}")
        elif it.kind == "role" and it.role.startswith("grain:"):
            it.used = True
            p.add_group(f"metric_time__{it.role.split(':')[1]}")
            if p.role_at(i - 1, "group"):
                p.its[i - 1].used = True
