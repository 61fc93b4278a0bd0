"""After the parcel arrives: returns with refunds, and customer-service contacts.

Why: return rates differ by SKU (a few SKUs return far more often) so "which SKUs have a return
rate above 15%" has an answer; refunds normally follow the goods coming back, and the injected
``refund_without_return`` anomaly breaks exactly that rule.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from connectors.demo.common import DAY, HOUR, MINUTE, NAT, Context, add_labels, choice, pick

REASONS = np.array(["质量问题", "尺码不符", "七天无理由", "发错货", "物流破损"], dtype=object)
REASON_WEIGHTS = {"服装": [0.15, 0.5, 0.25, 0.05, 0.05], "default": [0.35, 0.02, 0.38, 0.1, 0.15]}
INTENTS = np.array(
    ["where_is_my_order", "change_address", "invoice", "return", "complaint"], dtype=object
)
SELF_SERVICE = np.array([0.5, 0.3, 0.4, 0.25, 0.05])
CONTACT = np.array(["wechat", "phone", "app", "web"], dtype=object)


def make_returns(
    ctx: Context, orders: pd.DataFrame, lines: pd.DataFrame, skus: pd.DataFrame
) -> pd.DataFrame:
    """At most one returned line per delivered order, drawn with the SKU's return rate."""
    rng = ctx.rng
    delivered = orders["delivered_at"].to_numpy()
    lo = lines["order_idx"].to_numpy()
    sku = lines["sku_idx"].to_numpy()
    rate = skus["return_rate"].to_numpy()[sku] * 0.65
    hit = (delivered[lo] != NAT) & (rng.random(len(lines)) < rate)
    cand = lines[hit]
    cand = cand[~cand["order_idx"].duplicated()]  # first returned line of each order
    m = len(cand)
    o = cand["order_idx"].to_numpy()
    qty = cand["qty"].to_numpy()
    rqty = np.where(rng.random(m) < 0.7, qty, rng.integers(1, qty + 1))
    requested = delivered[o] + rng.integers(8 * HOUR, 10 * DAY, m)
    keep = requested < ctx.as_of
    cand, o, rqty, requested = cand[keep], o[keep], rqty[keep], requested[keep]
    m = len(cand)
    received = requested + rng.integers(2 * DAY, 7 * DAY, m)
    refunded = received + rng.integers(2 * HOUR, 3 * DAY, m)
    rejected = rng.random(m) < 0.05
    received = np.where(received < ctx.as_of, received, NAT)
    refunded = np.where((received != NAT) & (refunded < ctx.as_of) & ~rejected, refunded, NAT)
    amount = rqty * cand["unit_price"].to_numpy()
    # refund_without_return: refunded within a day or two, goods never received
    anomaly = pick(rng, requested < ctx.as_of - 3 * DAY, 0.01)
    received = np.where(anomaly, NAT, received)
    refunded = np.where(anomaly, requested + rng.integers(4 * HOUR, 2 * DAY, m), refunded)
    rejected = rejected & ~anomaly
    status = np.select(
        [refunded != NAT, rejected & (received != NAT), received != NAT],
        ["refunded", "rejected", "received"],
        "requested",
    )
    cat = skus["category"].to_numpy()[cand["sku_idx"].to_numpy()]
    reason = np.where(
        cat == "服装",
        REASONS[choice(rng, REASON_WEIGHTS["服装"], m)],
        REASONS[choice(rng, REASON_WEIGHTS["default"], m)],
    )
    frame = pd.DataFrame(
        {
            "order_idx": o,
            "line_no": cand["line_no"].to_numpy(),
            "sku_idx": cand["sku_idx"].to_numpy(),
            "qty": rqty,
            "reason": reason,
            "requested_at": requested,
            "received_at": received,
            "refund_amount": np.where(refunded != NAT, amount, 0).astype(np.int64),
            "refunded_at": refunded,
            "return_status": status,
            "anomaly": anomaly,
        }
    )
    frame = frame.sort_values(["requested_at", "order_idx"], kind="stable").reset_index(drop=True)
    frame["return_num"] = np.arange(1, len(frame) + 1)
    ids = [f"RT{k:09d}" for k in frame.loc[frame["anomaly"], "return_num"]]
    add_labels(
        ctx,
        "return",
        ids,
        "refund_without_return",
        "refund paid but the goods were never received back",
    )
    # payment status follows the refunds
    refunds = frame[frame["refund_amount"] > 0].groupby("order_idx")["refund_amount"].sum()
    idx = refunds.index.to_numpy()
    full = refunds.to_numpy() >= orders["paid_amount"].to_numpy()[idx]
    orders.loc[idx, "payment_status"] = np.where(full, "refunded", "partially_refunded")
    return frame


def make_interactions(
    ctx: Context, orders: pd.DataFrame, customers: pd.DataFrame, late: np.ndarray
) -> pd.DataFrame:
    """~0.3 contacts per order, more for late or stuck parcels ("where is my order?")."""
    rng = ctx.rng
    n = len(orders)
    live = orders["order_status"].to_numpy() != "cancelled"
    p = np.where(late, 0.8, 0.22)
    first = live & (rng.random(n) < p)
    second = first & (rng.random(n) < 0.3)
    o = np.r_[np.flatnonzero(first), np.flatnonzero(second)]
    m = len(o)
    created = orders["created_at"].to_numpy()[o]
    at = created + (rng.random(m) * np.minimum(20 * DAY, ctx.as_of - 1 - created)).astype(np.int64)
    # complaints are rare on orders that went fine (5% of their contacts); the late or stuck
    # parcels above are what people call about (the detection KPI compares with these reports)
    intent = np.where(late[o], 0, choice(rng, [0.58, 0.1, 0.12, 0.15, 0.05], m))
    self_service = rng.random(m) < SELF_SERVICE[intent]
    minutes = np.where(self_service, 0.0, np.round(rng.lognormal(np.log(7), 0.6, m), 1))
    general = rng.random(m) < 0.05
    frame = pd.DataFrame(
        {
            "cust_idx": orders["cust_idx"].to_numpy()[o],
            "order_idx": np.where(general, -1, o),
            "created_at": (at // MINUTE) * MINUTE + rng.integers(0, 60, m),
            "contact_channel": CONTACT[choice(rng, [0.4, 0.25, 0.25, 0.1], m)],
            "intent": INTENTS[intent],
            "resolved_by": np.where(self_service, "self_service", "agent"),
            "handling_minutes": minutes,
        }
    )
    frame = frame.sort_values(["created_at", "cust_idx"], kind="stable").reset_index(drop=True)
    frame["interaction_num"] = np.arange(1, len(frame) + 1)
    return frame
