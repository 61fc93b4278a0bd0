"""Each system's status snapshots of an order on one timeline, with late records marked red.

Why per stage: the trust chain question is "when did each system learn that the order reached
this stage?" For every (order, stage) the earliest record among all systems is the reference;
every system's first record of that stage is ``lag_minutes`` behind it, and red when the lag
exceeds the threshold (15 minutes by default, the same as the ``status_disagreement`` check).
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pandas as pd

#: What one system said about one stage of an order: the columns of a timeline row that the
#: card lists per stage and the trace answer shows (after ``stage`` and ``stage_zh``).
OBSERVATION_COLUMNS = (
    "system",
    "observed_at",
    "operator",
    "source",
    "external_id",
    "records",
    "lag_minutes",
    "red",
)
#: The columns of :func:`build_timeline` before the observation ones.
TIMELINE_KEY_COLUMNS = ("order_id", "stage", "stage_zh", "stage_rank")

# The order journey 下单→付款→备货→出库→揽收→运输→派送→签收, then the side branches.
STAGES: tuple[str, ...] = (
    "created",
    "paid",
    "picking",
    "outbound",
    "picked_up",
    "in_transit",
    "out_for_delivery",
    "delivered",
)
SIDE_STAGES: tuple[str, ...] = ("awaiting_shipment", "cancelled")
STAGE_LABELS_ZH: dict[str, str] = {
    "created": "下单",
    "paid": "付款",
    "picking": "备货",
    "outbound": "出库",
    "picked_up": "揽收",
    "in_transit": "运输",
    "out_for_delivery": "派送",
    "delivered": "签收",
    "awaiting_shipment": "待发货",
    "cancelled": "取消",
}
STAGE_LABELS_EN: dict[str, str] = {
    "created": "created",
    "paid": "paid",
    "picking": "picking",
    "outbound": "outbound scan",
    "picked_up": "picked up",
    "in_transit": "in transit",
    "out_for_delivery": "out for delivery",
    "delivered": "delivered",
    "awaiting_shipment": "awaiting shipment",
    "cancelled": "cancelled",
}
SYSTEMS: tuple[str, ...] = ("platform", "erp", "wms", "courier", "crm")
DEFAULT_RED_MINUTES = 15.0

_SNAPSHOT_SQL = """
SELECT s.order_id, s.status AS stage, s.system, s.observed_at, s.operator, s.source,
       s.external_id, s.snapshot_id
FROM status_snapshots AS s
SEMI JOIN _trace_orders AS t ON t.order_id = s.order_id
ORDER BY s.order_id, s.observed_at, s.snapshot_id
"""

_SAMPLE_SQL = """
SELECT o.order_id
FROM orders AS o
WHERE EXISTS (SELECT 1 FROM status_snapshots AS s WHERE s.order_id = o.order_id)
ORDER BY HASH(o.order_id, CAST($seed AS BIGINT)), o.order_id
LIMIT CAST($n AS BIGINT)
"""


def stage_rank(stage: str) -> int:
    """Position on the journey; side stages sort after ``delivered``.

    >>> stage_rank("created"), stage_rank("delivered"), stage_rank("cancelled")
    (0, 7, 9)
    """
    order = (*STAGES, *SIDE_STAGES)
    return order.index(stage) if stage in order else len(order)


def load_snapshots(con: duckdb.DuckDBPyConnection, order_ids: Iterable[str]) -> pd.DataFrame:
    """Every status snapshot of the given orders (one SQL, ids bound as a table)."""
    ids = pd.DataFrame({"order_id": pd.Series(list(dict.fromkeys(order_ids)), dtype="object")})
    con.register("_trace_orders", ids)
    try:
        return con.execute(_SNAPSHOT_SQL).df()
    finally:
        con.unregister("_trace_orders")


def sample_orders(con: duckdb.DuckDBPyConnection, n: int, seed: int = 0) -> list[str]:
    """A deterministic pseudo-random sample of ``n`` orders that have snapshots."""
    rows = con.execute(_SAMPLE_SQL, {"n": int(n), "seed": int(seed)}).fetchall()
    return [r[0] for r in rows]


def build_timeline(
    snapshots: pd.DataFrame, red_minutes: float = DEFAULT_RED_MINUTES
) -> pd.DataFrame:
    """One row per (order, stage, system): the system's first record of the stage and its lag.

    Columns: order_id, stage, stage_zh, stage_rank, system, observed_at, operator, source,
    external_id, records (how many times the system recorded the stage), lag_minutes (behind the
    earliest system for that stage), spread_minutes (latest − earliest system for the stage),
    red (lag over ``red_minutes``).
    """
    cols = [*TIMELINE_KEY_COLUMNS, *OBSERVATION_COLUMNS[:-1], "spread_minutes", "red"]
    if snapshots.empty:
        return pd.DataFrame(columns=cols)
    snaps = snapshots.sort_values(["order_id", "stage", "system", "observed_at"])
    keys = ["order_id", "stage", "system"]
    first = snaps.groupby(keys, sort=False).head(1).copy()
    first["records"] = (
        snaps.groupby(keys, sort=False)["observed_at"].transform("size").loc[first.index]
    )
    by_stage = first.groupby(["order_id", "stage"])["observed_at"]
    earliest = by_stage.transform("min")
    latest = by_stage.transform("max")
    first["lag_minutes"] = (first["observed_at"] - earliest).dt.total_seconds() / 60.0
    first["spread_minutes"] = (latest - earliest).dt.total_seconds() / 60.0
    first["red"] = first["lag_minutes"] > float(red_minutes)
    first["stage_zh"] = first["stage"].map(STAGE_LABELS_ZH).fillna(first["stage"])
    first["stage_rank"] = first["stage"].map(stage_rank)
    first = first.sort_values(
        ["order_id", "stage_rank", "observed_at", "system"], ignore_index=True
    )
    return first[cols]


def timeline_for(
    con: duckdb.DuckDBPyConnection,
    order_ids: Iterable[str],
    red_minutes: float = DEFAULT_RED_MINUTES,
) -> pd.DataFrame:
    """:func:`build_timeline` of the given orders, straight from the warehouse."""
    return build_timeline(load_snapshots(con, order_ids), red_minutes=red_minutes)


def stage_matrix(timeline: pd.DataFrame) -> pd.DataFrame:
    """Per order and stage: how many systems saw it, spread, red flag, first and last time."""
    if timeline.empty:
        return pd.DataFrame(
            columns=[
                "order_id",
                "stage",
                "stage_zh",
                "systems",
                "first_at",
                "last_at",
                "spread_minutes",
                "red",
            ]
        )
    grouped = timeline.groupby(["order_id", "stage", "stage_zh", "stage_rank"], as_index=False)
    out = grouped.agg(
        systems=("system", "nunique"),
        first_at=("observed_at", "min"),
        last_at=("observed_at", "max"),
        spread_minutes=("spread_minutes", "max"),
        red=("red", "any"),
    )
    return out.sort_values(["order_id", "stage_rank"], ignore_index=True).drop(columns="stage_rank")
