"""Shipments and courier tracking events, including courier failures and their roll-back.

Why: the status trust chain ("shipped" only after a physical outbound scan, courier failures
roll the order back to awaiting shipment) is what the health checks audit, so the normal flow,
the normal roll-backs and the two injected shipping anomalies are generated side by side from
one set of per-order time arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from connectors.demo.common import (
    DAY,
    HISTORY_DAYS,
    HOUR,
    MINUTE,
    NAT,
    Context,
    add_labels,
    choice,
    order_ids,
    pick,
)
from connectors.demo.freight import LANE_MODE_CODE, customs_delay_days

CARRIERS = np.array(
    ["SF", "ZTO", "YTO", "JDL", "DHL", "FedEx", "UPS", "COSCO", "MAERSK", "CRE"], dtype=object
)
TRACKING_PREFIX = ["SF", "ZT", "YT", "JDVA", "", "", "1Z", "COSU", "MAEU", "CRE"]
TRANSIT_DAYS = {0: (1, 4), 1: (4, 8), 2: (14, 22), 3: (20, 40)}  # mode code → days
EVENT_CODES = [
    "PICKED_UP",
    "IN_TRANSIT",
    "OUT_FOR_DELIVERY",
    "DELIVERED",
    "EXCEPTION",
    "RETURNED",
    "PICKUP_FAILED",
    "API_TIMEOUT",
    "INVALID_NUMBER",
]
EVENT_TEXT = ["揽收", "运输中", "派件", "签收", "异常", "退回", "揽收失败", "接口超时", "单号无效"]
FAILURES = np.array([6, 7, 8])  # PICKUP_FAILED, API_TIMEOUT, INVALID_NUMBER
# Normal sync delay of a second system: a Weibull body (shape 1.5, scale 3.2 min: mean ≈ 2.9 min,
# 99.9% under 11 min) and a small share of slow syncs (a backlogged queue, a retry) spread evenly
# over 6–24 min, so lags fall on BOTH sides of the 15-minute disagreement threshold (14:59 and
# 15:01 both occur) and a check whose threshold is slightly off scores below 100%.
SYNC_SHAPE, SYNC_SCALE = 1.5, 3.2 * MINUTE
SLOW_SYNC_SHARE, SLOW_SYNC_RANGE = 0.0006, (6 * MINUTE, 24 * MINUTE)


def sync_delay(rng: np.random.Generator, n: int) -> np.ndarray:
    """Seconds a second system takes to record a stage: continuous, no cap (see above).

    One uniform draw per value (inverse CDF), so the random stream advances by ``n`` exactly.

    >>> lag = sync_delay(np.random.default_rng(0), 200_000)
    >>> bool(2.5 < lag.mean() / 60 < 3.5), int((lag > 15 * 60).sum()) > 0, int(lag.min()) >= 0
    (True, True, True)
    """
    u = rng.random(n)
    slow = u < SLOW_SYNC_SHARE
    body_u = np.clip((u - SLOW_SYNC_SHARE) / (1 - SLOW_SYNC_SHARE), 0.0, 1 - 1e-12)
    body = SYNC_SCALE * (-np.log1p(-body_u)) ** (1 / SYNC_SHAPE)
    low, high = SLOW_SYNC_RANGE
    slow_lag = low + (high - low) * u / SLOW_SYNC_SHARE
    return np.where(slow, slow_lag, body).astype(np.int64)


@dataclass
class Fulfilment:
    """Per-order fulfilment times (int64 seconds, NAT = never) and the produced tables."""

    ready_at: np.ndarray
    outbound_t: np.ndarray  # stage time "outbound" of the main shipment (min of erp / wms)
    rollback_at: np.ndarray  # erp awaiting_shipment after a rolled-back courier failure
    first_outbound_t: np.ndarray  # outbound stage time of a failed first shipment (or NAT)
    first_transit: np.ndarray
    out_for_delivery: np.ndarray
    shipments: pd.DataFrame
    events: pd.DataFrame


def ship_orders(
    ctx: Context,
    orders: pd.DataFrame,
    customers: pd.DataFrame,
    prices: np.ndarray,
    calendar: pd.DataFrame,
) -> Fulfilment:
    """Ship every paid, open order (except pending export orders); inject shipping anomalies."""
    rng = ctx.rng
    n = len(orders)
    created = orders["created_at"].to_numpy()
    paid_at = orders["paid_at"].to_numpy()
    export = orders["is_export"].to_numpy()
    mode = orders["mode_code"].to_numpy()
    shippable = (
        (paid_at != NAT) & ~orders["is_pos"].to_numpy() & (orders["cancelled_at"].to_numpy() == NAT)
    )
    held = export & (created >= ctx.as_of - 42 * DAY) & (rng.random(n) < 0.85)
    ready = np.where(export, rng.integers(DAY, 4 * DAY, n), rng.integers(2 * HOUR, 30 * HOUR, n))
    ready_at = np.where(shippable, paid_at + ready, NAT)
    t_out = ready_at + rng.integers(5 * MINUTE, 3 * HOUR, n)
    erp_first = rng.random(n) < 0.5
    d = sync_delay(rng, n)
    erp_at = t_out + np.where(erp_first, 0, d)
    scan_at = t_out + np.where(erp_first, d, 0)
    pickup = np.maximum(erp_at, scan_at) + rng.integers(HOUR, 12 * HOUR, n)
    lo = np.zeros(n)
    hi = np.zeros(n)
    for code, (a, b) in TRANSIT_DAYS.items():
        lo = np.where(mode == code, a, lo)
        hi = np.where(mode == code, b, hi)
    transit = (rng.uniform(lo, hi) * DAY).astype(np.int64)
    arrival_day = ((pickup + transit) // DAY).astype("datetime64[D]")
    country = orders["country"].to_numpy()
    transit += customs_delay_days(calendar, country, arrival_day) * DAY
    delivered = pickup + transit

    # Normal roll-back: first shipment fails at pickup, order back to awaiting_shipment, re-shipped.
    base = shippable & ~held
    rollback = base & (delivered < ctx.as_of - 10 * DAY) & (rng.random(n) < 0.008)
    fail_at = np.where(rollback, scan_at + rng.integers(HOUR, 6 * HOUR, n), NAT)
    rollback_at = np.where(rollback, fail_at + rng.integers(10 * MINUTE, 90 * MINUTE, n), NAT)
    shift = np.where(rollback, rollback_at + rng.integers(2 * HOUR, 20 * HOUR, n) - t_out, 0)
    first = {
        "erp": np.where(rollback, erp_at, NAT),
        "scan": np.where(rollback, scan_at, NAT),
        "t": np.where(rollback, t_out, NAT),
    }
    t_out, erp_at, scan_at = t_out + shift, erp_at + shift, scan_at + shift
    pickup, delivered = pickup + shift, delivered + shift

    shipped = base & (np.maximum(erp_at, scan_at) < ctx.as_of)
    recent_ok = (
        shipped & (erp_at < ctx.as_of - 2 * DAY) & (erp_at >= ctx.as_of - 45 * DAY) & ~rollback
    )
    not_picked = pick(rng, recent_ok, 0.01)
    failed = pick(rng, recent_ok & ~not_picked, 0.01)
    scan_at = np.where(not_picked, NAT, scan_at)
    pickup = np.where(not_picked | failed, NAT, pickup)
    delivered = np.where(not_picked | failed, NAT, delivered)
    pickup = np.where(pickup < ctx.as_of, pickup, NAT)
    delivered = np.where((delivered < ctx.as_of) & (pickup != NAT), delivered, NAT)
    fail_anomaly_at = np.where(failed, scan_at + rng.integers(HOUR, 6 * HOUR, n), NAT)
    fail_kind = rng.choice(FAILURES, n)
    add_labels(
        ctx,
        "order",
        order_ids(np.flatnonzero(not_picked) + 1),
        "shipped_not_picked_up",
        "ERP marked the order shipped but the parcel was never scanned out nor picked up",
    )
    add_labels(
        ctx,
        "order",
        order_ids(np.flatnonzero(failed) + 1),
        "courier_failure_not_rolled_back",
        [f"{EVENT_CODES[k]} on the only shipment; order left 'shipped'" for k in fail_kind[failed]],
    )

    # ---- shipments table (first failed attempt + main shipment)
    cust = orders["cust_idx"].to_numpy()
    region = customers["region"].to_numpy()[cust]
    wh_map = {
        "华东": "WH-SH",
        "华北": "WH-BJ",
        "东北": "WH-BJ",
        "华南": "WH-GZ",
        "西南": "WH-CD",
        "西北": "WH-CD",
        "华中": "WH-WH",
    }
    warehouse = np.array([wh_map.get(r, "") for r in region], dtype=object)
    warehouse = np.where(export, np.where(mode == 1, "WH-SZX-EXP", "WH-NGB-EXP"), warehouse)
    dom_carrier = choice(rng, [0.3, 0.3, 0.2, 0.2], n)
    dom_carrier = np.where(
        (orders["channel_code"].to_numpy() == 2) & (rng.random(n) < 0.8), 3, dom_carrier
    )
    carrier = np.select(
        [mode == 0, mode == 1, mode == 2],
        [dom_carrier, 4 + choice(rng, [0.5, 0.3, 0.2], n), np.full(n, 9)],
        7 + choice(rng, [0.6, 0.4], n),
    )
    carrier_first = np.where(mode == 0, choice(rng, [0.3, 0.3, 0.2, 0.2], n), carrier)
    lane = np.where(export, "CN-" + country.astype(object), "CN-CN")
    mode_names = np.array(["express", "air", "rail", "sea"], dtype=object)
    lm_code = np.array(
        [LANE_MODE_CODE.get((ln, m), 0) for ln, m in zip(lane, mode_names[mode], strict=True)]
    )
    units = orders["units"].to_numpy()

    def frame(idx: np.ndarray, attempt: int, e, s, p, dl, car, status) -> pd.DataFrame:
        day = np.clip((e[idx] - ctx.start) // DAY, 0, HISTORY_DAYS - 1)
        cost = np.round(
            prices[lm_code[idx], day] * units[idx] * rng.uniform(0.9, 1.1, len(idx)) * 100
        )
        return pd.DataFrame(
            {
                "order_idx": idx,
                "attempt": attempt,
                "carrier_code": car[idx],
                "warehouse": warehouse[idx],
                "mode": mode_names[mode[idx]],
                "lane": lane[idx],
                "country": country[idx],
                "ready_at": ready_at[idx],
                "erp_shipped_at": e[idx],
                "outbound_scan_at": s[idx],
                "pickup_at": p[idx],
                "delivered_at": dl[idx],
                "units": units[idx],
                "weight_kg": orders["weight_kg"].to_numpy()[idx],
                "freight_cost": cost.astype(np.int64),
                "status": status[idx] if isinstance(status, np.ndarray) else status,
                "rnd": rng.integers(0, 10_000, len(idx)),
            }
        )

    status = np.where(
        delivered != NAT,
        "delivered",
        np.where(failed, "exception", np.where(pickup != NAT, "in_transit", "awaiting_pickup")),
    )
    nat = np.full(n, NAT)
    firsts = frame(
        np.flatnonzero(rollback),
        0,
        first["erp"],
        first["scan"],
        nat,
        nat,
        carrier_first,
        "exception",
    )
    mains = frame(np.flatnonzero(shipped), 1, erp_at, scan_at, pickup, delivered, carrier, status)
    shipments = pd.concat([firsts, mains], ignore_index=True)
    shipments = shipments.sort_values(
        ["erp_shipped_at", "order_idx", "attempt"], kind="stable"
    ).reset_index(drop=True)
    shipments["ship_num"] = np.arange(1, len(shipments) + 1)

    # ---- tracking events (times projected past as_of are dropped)
    sh = shipments
    o = sh["order_idx"].to_numpy()
    main = sh["attempt"].to_numpy() == 1
    p_at = sh["pickup_at"].to_numpy()
    d_at = sh["delivered_at"].to_numpy()
    proj_end = np.where(d_at != NAT, d_at, np.where(p_at != NAT, p_at + transit[o], NAT))
    m = len(sh)
    ev: list[pd.DataFrame] = []

    def emit(mask: np.ndarray, code: np.ndarray | int, when: np.ndarray) -> None:
        idx = np.flatnonzero(mask & (when != NAT) & (when < ctx.as_of))
        codes = code[idx] if isinstance(code, np.ndarray) else code
        ev.append(pd.DataFrame({"ship_idx": idx, "code": codes, "event_time": when[idx]}))

    has_p = p_at != NAT
    span = np.where(has_p, proj_end - p_at, 0)
    emit(has_p, 0, p_at)
    n_tr = np.where(sh["lane"].to_numpy() == "CN-CN", 1, 3)
    for k in range(1, 4):
        emit(has_p & (k <= n_tr), 1, p_at + span * k // (n_tr + 2))
    emit(has_p, 2, proj_end - np.minimum(rng.integers(HOUR, 5 * HOUR, m), span // 5))
    emit(has_p, 3, proj_end)
    emit(has_p & (rng.random(m) < 0.01), 4, p_at + span // 2 + HOUR)
    # transient API timeout before a successful pickup: not an anomaly
    out = sh["outbound_scan_at"].to_numpy()
    emit(has_p & (rng.random(m) < 0.005), 7, out + np.maximum((p_at - out) // 2, MINUTE))
    # failures: the first attempt of a roll-back, and the injected non-rolled-back ones
    fail_time = np.where(~main, fail_at[o], np.where(failed[o], fail_anomaly_at[o], NAT))
    emit(fail_time != NAT, np.where(~main, rng.choice(FAILURES, m), fail_kind[o]), fail_time)
    events = pd.concat(ev, ignore_index=True)
    events["is_api_error"] = np.isin(events["code"].to_numpy(), [7, 8])

    # per-order times the trust chain needs
    first_transit = np.full(n, NAT)
    ofd_order = np.full(n, NAT)
    evm = events[main[events["ship_idx"].to_numpy()]]
    for code, target in ((1, first_transit), (2, ofd_order)):
        sub = evm[evm["code"] == code].groupby("ship_idx")["event_time"].min()
        target[o[sub.index.to_numpy()]] = sub.to_numpy()
    outbound_t = np.where(shipped, t_out, NAT)
    return Fulfilment(
        ready_at=ready_at,
        outbound_t=outbound_t,
        rollback_at=rollback_at,
        first_outbound_t=first["t"],
        first_transit=first_transit,
        out_for_delivery=ofd_order,
        shipments=shipments,
        events=events,
    )


def order_statuses(ctx: Context, orders: pd.DataFrame, shipments: pd.DataFrame) -> None:
    """Final ``order_status`` and ``payment_status`` (before returns adjust refunds)."""
    n = len(orders)
    main = shipments[shipments["attempt"] == 1]
    delivered = np.full(n, NAT)
    delivered[main["order_idx"].to_numpy()] = main["delivered_at"].to_numpy()
    has_ship = np.zeros(n, dtype=bool)
    has_ship[main["order_idx"].to_numpy()] = True
    paid = orders["paid_at"].to_numpy() != NAT
    cancelled = orders["cancelled_at"].to_numpy() != NAT
    status = np.select(
        [
            cancelled,
            ~paid,
            orders["is_pos"].to_numpy(),
            ~has_ship,
            delivered == NAT,
            delivered < ctx.as_of - 7 * DAY,
        ],
        ["cancelled", "pending_payment", "completed", "awaiting_shipment", "shipped", "completed"],
        "delivered",
    )
    deposit = orders["deposit_at"].to_numpy() != NAT
    pay = np.where(paid, "paid", np.where(deposit, "partial_paid", "unpaid"))
    orders["order_status"] = status
    orders["payment_status"] = pay
    orders["delivered_at"] = delivered
