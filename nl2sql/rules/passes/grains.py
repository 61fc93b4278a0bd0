"""Pass: time grains ("monthly", "按月", "by week") become ``metric_time__<grain>`` groups."""

from __future__ import annotations

from nl2sql.rules.state import ParseState


def group_by_grains(p: ParseState) -> None:
    """Add a time-grain group for every grain word (and claim a "by" right before it)."""
    for i, it in enumerate(p.its):
        after_number = (prev := p.at(i - 1)) is not None and prev.kind == "num"
        if it.kind == "role" and it.role.startswith("grain:") and after_number:
            continue  # "above 2 days": a quantity's unit (the thresholds pass), not a grain
        if it.kind == "role" and it.role.startswith("grainadj:"):
            it.used = True
            p.add_group(f"metric_time__{it.role.split(':')[1]}")
        elif it.kind == "role" and it.role.startswith("grain:"):
            it.used = True
            p.add_group(f"metric_time__{it.role.split(':')[1]}")
            if p.role_at(i - 1, "group"):
                p.its[i - 1].used = True
