"""Report-shaped views the notebooks lead with: the reconciliation dashboard, the health split.

Why here and not in the notebooks: each is a small reshaping of a domain module's output that
decides what a reader sees first (a period's colour, which findings are critical, which
disagreements are recent). Kept as functions they are unit-tested on hand-made frames; the
notebooks only call them.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

#: the reconciliation colours, worst first (a period takes the worst colour of its flows)
LIGHTS = ("red", "yellow", "green")
LIGHT_COLOURS = {"red": "#d62728", "yellow": "#e6b400", "green": "#2ca02c"}
#: health severities that need action today; the rest is information to review
CRITICAL_SEVERITIES = ("critical", "high")


def period_lights(board: pd.DataFrame) -> pd.DataFrame:
    """One row per period: its light (worst colour of its flows), counts, red money, automation.

    Input: ``lab.reconciliation.views.dashboard`` (period, status, flows, amount, auto_closed).
    Columns: period, light, flows, green, yellow, red, red_amount, automation_rate. Periods are
    listed newest first: the month being closed is the one a reader opens the report for.

    >>> board = pd.DataFrame({"period": ["2026-01", "2026-01", "2026-02"],
    ...     "status": ["green", "red", "green"], "flows": [9, 1, 4],
    ...     "amount": [900.0, 48.5, 400.0], "auto_closed": [9, 0, 3]})
    >>> period_lights(board).to_dict(orient="records")[1]  # doctest: +NORMALIZE_WHITESPACE
    {'period': '2026-01', 'light': 'red', 'flows': 10, 'green': 9, 'yellow': 0, 'red': 1,
     'red_amount': 48.5, 'automation_rate': 0.9}
    """
    columns = ["period", "light", "flows", "green", "yellow", "red", "red_amount"]
    if board.empty:
        return pd.DataFrame(columns=[*columns, "automation_rate"])
    counts = board.pivot_table(
        index="period", columns="status", values="flows", aggfunc="sum", fill_value=0
    ).reindex(columns=list(LIGHTS), fill_value=0)
    red_amount = (
        board[board["status"] == "red"].groupby("period")["amount"].sum().reindex(counts.index)
    )
    auto = board.groupby("period")["auto_closed"].sum().reindex(counts.index)
    out = pd.DataFrame(
        {
            "period": counts.index.astype(str),
            "light": [
                next((c for c in LIGHTS if row[c] > 0), "green") for _, row in counts.iterrows()
            ],
            "flows": counts.sum(axis=1).astype(int).to_numpy(),
            "green": counts["green"].astype(int).to_numpy(),
            "yellow": counts["yellow"].astype(int).to_numpy(),
            "red": counts["red"].astype(int).to_numpy(),
            "red_amount": red_amount.fillna(0.0).astype(float).round(2).to_numpy(),
        }
    )
    out["automation_rate"] = (auto.to_numpy() / out["flows"]).astype(float)
    return out.sort_values("period", ascending=False, ignore_index=True)


def attention_chart(board: pd.DataFrame) -> alt.VConcatChart:
    """Two panels: all flows per period, then red and yellow flows on their own scale.

    Why two panels: a month has ~200 green flows and one or two red ones; stacked on one axis
    the red sliver is a pixel high and the chart says "all fine". The second panel counts only
    what needs a person, each bar labelled with its number, so a single red flow is visible.
    """
    data = board.assign(period=board["period"].astype(str))
    order = list(LIGHTS)
    colour = alt.Color(
        "status:N",
        scale=alt.Scale(domain=order, range=[LIGHT_COLOURS[s] for s in order]),
        sort=order,
        title="status",
    )
    # both panels share every period, so a month's red bar sits under its month above
    periods = sorted(data["period"].unique())
    width = max(160, min(560, 24 * len(periods)))  # one month is a bar, not a 560 px slab
    x = alt.X("period:O", title=None, scale=alt.Scale(domain=periods))
    everything = (
        alt.Chart(data, title="All flows per period")
        .mark_bar()
        .encode(x=x, y=alt.Y("sum(flows):Q", title="flows"), color=colour)
        .properties(width=width, height=150)
    )
    attention = data[data["status"] != "green"]
    if attention.empty:
        attention = pd.DataFrame({"period": [], "status": [], "flows": []})
    base = alt.Chart(attention, title="Flows that need a person (red and yellow, own scale)")
    bars = base.mark_bar().encode(
        x=x,
        xOffset=alt.XOffset("status:N", sort=order),
        y=alt.Y("flows:Q", title="flows", axis=alt.Axis(tickMinStep=1)),
        color=colour,
    )
    labels = base.mark_text(dy=-6, fontSize=10).encode(
        x=x,
        xOffset=alt.XOffset("status:N", sort=order),
        y="flows:Q",
        text="flows:Q",
    )
    return alt.vconcat(
        everything, (bars + labels).properties(width=width, height=150)
    ).resolve_scale(color="shared")


def split_findings(summary: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(critical, informational) rows of a findings summary, each most findings first.

    Critical = severities in :data:`CRITICAL_SEVERITIES` (an order is going wrong now: a
    parcel that never left, a refund without a return); informational = the rest (overdue
    deliveries to watch). Checks without findings are left out of both.

    >>> summary = pd.DataFrame({"check": ["a", "b", "c"], "severity": ["critical", "medium", "high"],
    ...                         "findings": [3, 60, 0]})
    >>> [list(part["check"]) for part in split_findings(summary)]
    [['a'], ['b']]
    """
    found = summary[summary["findings"] > 0]
    critical = found["severity"].isin(CRITICAL_SEVERITIES)
    rank = {s: i for i, s in enumerate(("critical", "high", "medium", "low"))}

    def ordered(part: pd.DataFrame) -> pd.DataFrame:
        keyed = part.assign(_rank=part["severity"].map(rank).fillna(len(rank)))
        return keyed.sort_values(["_rank", "findings"], ascending=[True, False]).drop(
            columns="_rank"
        )

    return (
        ordered(found[critical]).reset_index(drop=True),
        ordered(found[~critical]).reset_index(drop=True),
    )


def most_recent_first(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """``frame`` sorted by ``column`` newest first (missing times last), index reset.

    >>> f = pd.DataFrame({"o": ["a", "b", "c"], "t": pd.to_datetime(["2025-01-01", None, "2026-03-01"])})
    >>> list(most_recent_first(f, "t")["o"])
    ['c', 'a', 'b']
    """
    return frame.sort_values(
        column, ascending=False, na_position="last", kind="stable"
    ).reset_index(drop=True)
