"""A tiny, fully known warehouse for the shipping-window tests, doctests and docs.

Why not the demo generator: tests of the planner need inputs whose answer is known by
construction (a freight index cheapest on Wednesdays with a known trend, uniform transit
times, one Christmas customs window), small enough to reason about by hand.

>>> from connectors.warehouse import connect
>>> con = connect(":memory:")
>>> build_toy_warehouse(con)["freight_index"]
2920
"""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd

from connectors.frames import insert_frame
from connectors.warehouse import ensure_schema

TOY_AS_OF = date(2026, 11, 20)
#: multiplicative day-of-week pattern of the toy index, Monday first (Wednesday cheapest)
TOY_DOW = (1.04, 1.00, 0.90, 0.97, 1.03, 1.05, 1.01)
TOY_BASE = {("CN-DE", "sea"): 20.0, ("CN-DE", "air"): 80.0, ("CN-US", "sea"): 25.0,
            ("CN-US", "air"): 90.0}  # fmt: skip
TOY_TRANSIT = {"sea": (20, 30), "air": (4, 8)}  # inclusive uniform ranges of days


def toy_freight_index(
    as_of: date = TOY_AS_OF, days: int = 730, slope_per_year: float = -0.10, seed: int = 3
) -> pd.DataFrame:
    """Daily quotes: base × (1 + slope·t) × day-of-week × (1 + 8% yearly sine) × 1% noise."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range(end=pd.Timestamp(as_of), periods=days, freq="D")
    t = np.arange(days) / 365.0 - (days - 1) / 365.0  # 0 at as_of
    frames = []
    for (lane, mode), base in TOY_BASE.items():
        dow = np.array(TOY_DOW)[dates.day_of_week.to_numpy()]
        season = 1 + 0.08 * np.sin(2 * np.pi * dates.day_of_year.to_numpy() / 365.25)
        price = base * (1 + slope_per_year * t) * dow * season
        price = price * (1 + rng.normal(0, 0.01, days))
        frames.append(pd.DataFrame({"index_date": dates, "lane": lane, "shipping_mode": mode,
                                    "price_per_unit": price.round(2)}))  # fmt: skip
    return pd.concat(frames, ignore_index=True)


def toy_shipments(as_of: date = TOY_AS_OF, per_key: int = 120, seed: int = 5) -> pd.DataFrame:
    """Delivered history: uniform transit per mode, pickups spread over the last year."""
    rng = np.random.default_rng(seed)
    rows = []
    i = 0
    for lane, mode in TOY_BASE:
        lo, hi = TOY_TRANSIT[mode]
        for _ in range(per_key):
            pickup = pd.Timestamp(as_of) - pd.Timedelta(days=int(rng.integers(45, 365)))
            days = int(rng.integers(lo, hi + 1))
            i += 1
            rows.append({
                "shipment_id": f"SH{i:09d}", "order_id": f"OLH{i:08d}", "carrier": "DHL",
                "tracking_no": f"T{i}", "warehouse": "WH-SH", "shipping_mode": mode,
                "lane": lane, "destination_country": lane[3:],
                "ready_at": pickup + pd.Timedelta(hours=8),
                "erp_shipped_at": pickup + pd.Timedelta(hours=9),
                "outbound_scan_at": pickup + pd.Timedelta(hours=9),
                "pickup_at": pickup + pd.Timedelta(hours=12),
                "delivered_at": pickup + pd.Timedelta(days=days, hours=10), "units": 10,
                "weight_kg": 5.0, "freight_cost": 100.0, "shipment_status": "delivered",
            })  # fmt: skip
    return pd.DataFrame(rows)


def add_pending_order(
    con: duckdb.DuckDBPyConnection,
    order_id: str,
    country: str,
    promised: date,
    units: int = 10,
    created: date = TOY_AS_OF - timedelta(days=1),
    mode: str | None = None,
    ready: date | None = None,
    sku: str = "SKU-0001",
) -> None:
    """One export order awaiting shipment (with an open shipment when ``mode`` is given)."""
    insert_frame(con, "orders", pd.DataFrame([{
        "order_id": order_id, "channel": "jd", "customer_id": "C1",
        "created_at": pd.Timestamp(created), "paid_at": pd.Timestamp(created),
        "payment_status": "paid", "order_status": "awaiting_shipment",
        "promised_delivery_date": pd.Timestamp(promised), "destination_country": country,
        "destination_region": "海外", "currency": "CNY",
    }]))  # fmt: skip
    insert_frame(con, "order_lines", pd.DataFrame([{
        "line_id": f"{order_id}-1", "order_id": order_id, "line_no": 1, "sku": sku,
        "qty": units,
    }]))  # fmt: skip
    if mode is not None:
        r = pd.Timestamp(ready or created)
        insert_frame(con, "shipments", pd.DataFrame([{
            "shipment_id": f"SHP{order_id}", "order_id": order_id, "shipping_mode": mode,
            "lane": f"CN-{country}", "destination_country": country, "ready_at": r,
            "units": units, "shipment_status": "awaiting_pickup",
        }]))  # fmt: skip


def build_toy_warehouse(con: duckdb.DuckDBPyConnection, as_of: date = TOY_AS_OF) -> dict:
    """Schema + toy freight index, delivered history and a DE Christmas customs window."""
    ensure_schema(con)
    counts = {
        "freight_index": insert_frame(con, "freight_index", toy_freight_index(as_of)),
        "shipments": insert_frame(con, "shipments", toy_shipments(as_of)),
    }
    cal = pd.DataFrame([{
        "country": "DE", "start_date": pd.Timestamp("2026-12-24"),
        "end_date": pd.Timestamp("2026-12-26"), "extra_delay_days": 3, "note": "Weihnachten",
    }])  # fmt: skip
    counts["customs_calendar"] = insert_frame(con, "customs_calendar", cal)
    return counts


def add_history_orders(con: duckdb.DuckDBPyConnection, seed: int = 7) -> int:
    """Orders for the toy shipment history, promised 0–12 days after the slowest transit."""
    ships = con.execute(
        "select order_id, shipping_mode, destination_country, ready_at from shipments "
        "where delivered_at is not null"
    ).df()
    rng = np.random.default_rng(seed)
    slowest = ships["shipping_mode"].map({m: hi for m, (lo, hi) in TOY_TRANSIT.items()})
    slack = rng.integers(0, 13, len(ships))
    promised = pd.to_datetime(ships["ready_at"]).dt.normalize() + pd.to_timedelta(
        slowest + slack, unit="D"
    )
    return insert_frame(con, "orders", pd.DataFrame({
        "order_id": ships["order_id"], "channel": "jd", "customer_id": "C1",
        "created_at": ships["ready_at"], "paid_at": ships["ready_at"],
        "payment_status": "paid", "order_status": "completed",
        "promised_delivery_date": promised, "destination_country": ships["destination_country"],
        "destination_region": "海外", "currency": "CNY",
    }))  # fmt: skip
