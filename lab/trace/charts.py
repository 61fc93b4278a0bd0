"""The timeline chart of the status trace notebook: every system's records on one time axis."""

from __future__ import annotations

import altair as alt
import pandas as pd

from lab.trace.timeline import STAGES, SYSTEMS


def timeline_chart(timeline: pd.DataFrame, *, max_orders: int = 12) -> alt.Chart:
    """Per order, a row per system: points at each stage record, red when lagging.

    Input: :func:`lab.trace.timeline.build_timeline` output; the first ``max_orders`` orders in
    the frame's order are drawn, top to bottom in that order (the status-trace report passes
    the most recent orders first).
    """
    orders = list(dict.fromkeys(timeline["order_id"]))[:max_orders]
    data = timeline[timeline["order_id"].isin(orders)].assign(
        lag=lambda d: d["lag_minutes"].round(1),
        flag=lambda d: d["red"].map({True: "over threshold", False: "in sync"}),
        observed_at=lambda d: pd.to_datetime(d["observed_at"]),
    )[
        [
            "order_id",
            "system",
            "stage",
            "stage_zh",
            "observed_at",
            "lag",
            "flag",
            "operator",
            "source",
        ]
    ]
    return (
        alt.Chart(data, title="Status trace: each system's records (red = late)")
        .mark_point(filled=True, size=70)
        .encode(
            x=alt.X("observed_at:T", title=None),
            y=alt.Y("system:N", sort=list(SYSTEMS), title=None),
            color=alt.Color(
                "flag:N",
                scale=alt.Scale(domain=["in sync", "over threshold"], range=["#1a7f37", "#cf222e"]),
            ),
            shape=alt.Shape("stage:N", sort=list(STAGES)),
            row=alt.Row("order_id:N", title=None, sort=orders),
            tooltip=[
                "order_id",
                "system",
                "stage",
                "stage_zh",
                "observed_at:T",
                "lag",
                "operator",
                "source",
            ],
        )
        .resolve_scale(x="independent")
        .properties(height=90, width=560)
    )
