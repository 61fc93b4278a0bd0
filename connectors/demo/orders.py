"""Orders and order lines: when, who, through which channel, what, and the amounts.

Why: everything else (payments, shipments, returns, bank lines) is derived from these arrays.
Money is kept in integer cents so the accounting identities (goods = Σ lines,
paid = goods + shipping − discount) hold exactly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from connectors.demo.common import (
    DAY,
    HISTORY_DAYS,
    HOUR,
    MINUTE,
    NAT,
    Context,
    choice,
    dates,
    group_rank,
    pick,
)

CHANNELS = np.array(["taobao", "tmall", "jd", "miniprogram", "pos"], dtype=object)
CHANNEL_WEIGHTS_RETAIL = [0.30, 0.25, 0.25, 0.12, 0.08]
CHANNEL_WEIGHTS_B2B = [0.0, 0.30, 0.50, 0.20, 0.0]
CHANNEL_WEIGHTS_OVERSEAS = [0.15, 0.45, 0.30, 0.10, 0.0]
POS_STORES = np.array(["SH01", "SH02", "BJ01", "GZ01", "CD01", "WH01"], dtype=object)
HOUR_WEIGHTS = [
    3,
    1.5,
    0.8,
    0.5,
    0.4,
    0.4,
    0.6,
    1.2,
    2,
    3,
    4,
    4,
    3.5,
    3.5,
    4,
    4,
    3.5,
    3,
    3,
    3.5,
    4.5,
    5,
    5,
    4,
]
# first kg, each further kg (CNY) of the export freight template per destination
EXPORT_TEMPLATE = {
    "DE": (45, 18),
    "US": (50, 20),
    "JP": (30, 12),
    "GB": (48, 18),
    "FR": (45, 18),
    "AU": (55, 22),
}
LEAD_DAYS = {"express": (3, 6), "air": (12, 19), "rail": (30, 39), "sea": (50, 66)}
MODES = np.array(["express", "air", "rail", "sea"], dtype=object)
SERVICE_RATE_PER_HOUR = 80_00  # cents: installation service billed to B2B customers per hour
PRESALE_SHARE_WINDOW = 0.6
PRESALE_SHARE_BASE = 0.008
PRESALE_SHARE_CURRENT = 0.03


def _promotion_of(day_dates: np.ndarray) -> np.ndarray:
    """Promotion name per day: 618 (Jun 1–18), 双11 (Nov 1–11), 年货节 (Jan 5–20), else None."""
    month = (day_dates.astype("datetime64[M]").astype(int) % 12) + 1
    dom = (day_dates - day_dates.astype("datetime64[M]")).astype(int) + 1
    promo = np.full(len(day_dates), None, dtype=object)
    promo[(month == 6) & (dom <= 18)] = "618"
    promo[(month == 11) & (dom <= 11)] = "双11"
    promo[(month == 1) & (dom >= 5) & (dom <= 20)] = "年货节"
    return promo


def _day_weights(ctx: Context) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Relative order volume per history day: growth × weekday × season × promotion spikes."""
    day_dates = dates(ctx.days)
    month = (day_dates.astype("datetime64[M]").astype(int) % 12) + 1
    dom = (day_dates - day_dates.astype("datetime64[M]")).astype(int) + 1
    doy = (day_dates - day_dates.astype("datetime64[Y]")).astype(int)
    dow = (day_dates.astype(int) + 3) % 7
    trend = 1 + 0.6 * np.arange(HISTORY_DAYS) / HISTORY_DAYS
    weekly = np.array([0.95, 0.93, 0.95, 0.97, 1.03, 1.12, 1.08])[dow]
    season = 1 + 0.15 * np.cos(2 * np.pi * (doy - 340) / 365)
    promo = _promotion_of(day_dates)
    spike = np.ones(HISTORY_DAYS)
    spike[promo == "618"] = 1.8
    spike[(month == 6) & (dom == 18)] = 5.0
    spike[promo == "双11"] = 2.2
    spike[(month == 11) & (dom == 11)] = 7.0
    spike[promo == "年货节"] = 1.4
    presale_window = ((month == 5) & (dom >= 20)) | ((month == 10) & (dom >= 20))
    return trend * weekly * season * spike, promo, presale_window


def _reorders_within(cust: np.ndarray, created: np.ndarray, window: int) -> np.ndarray:
    """Per order: does the same customer place the next order at most ``window`` later?

    Same rule as the ``order_repurchase`` view (next order by created_at, then order number),
    computed on the arrays; ``created`` is sorted ascending, so order index = order number.

    >>> _reorders_within(np.array([0, 1, 0, 0]), np.array([0, 5, 10, 50]), 10).tolist()
    [True, False, False, False]
    """
    by_cust = np.lexsort((np.arange(len(cust)), cust))
    same = cust[by_cust[1:]] == cust[by_cust[:-1]]
    gap = created[by_cust[1:]] - created[by_cust[:-1]]
    soon = np.zeros(len(cust), dtype=bool)
    soon[by_cust[:-1]] = same & (gap <= window)
    return soon


def make_orders(
    ctx: Context, customers: pd.DataFrame, skus: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Draw every order and line (numeric columns; strings are formatted in SQL on load)."""
    rng = ctx.rng
    n = ctx.orders
    weights, day_promo, presale_window = _day_weights(ctx)
    day = choice(rng, weights, n)
    hour = choice(rng, HOUR_WEIGHTS, n)
    created = ctx.start + day * DAY + hour * HOUR + rng.integers(0, HOUR, n)
    order = np.argsort(created, kind="stable")
    created, day = created[order], day[order]
    cust = choice(rng, customers["weight"].to_numpy(), n)
    b2b = customers["is_b2b"].to_numpy()[cust]
    overseas = customers["region"].to_numpy()[cust] == "海外"
    ch = np.where(
        b2b,
        choice(rng, CHANNEL_WEIGHTS_B2B, n),
        np.where(
            overseas,
            choice(rng, CHANNEL_WEIGHTS_OVERSEAS, n),
            choice(rng, CHANNEL_WEIGHTS_RETAIL, n),
        ),
    )
    pos = ch == 4
    no_promo = np.full(n, None, dtype=object)  # np.where's stubs take arrays, not a bare None
    promo = np.where(rng.random(n) < 0.85, day_promo[day], no_promo)
    promo = np.where(b2b | pos, no_promo, promo)

    # ---- pre-sales: concentrated in the 10 days before 618 / 双11, plus the running campaign
    share = np.where(presale_window[day], PRESALE_SHARE_WINDOW, PRESALE_SHARE_BASE)
    share = np.where(created >= ctx.as_of - 14 * DAY, PRESALE_SHARE_CURRENT, share)
    presale = (rng.random(n) < share) & ~b2b & ~pos & ~overseas

    # ---- lines
    n_lines = (
        np.where(
            b2b,
            choice(rng, [0.3, 0.25, 0.2, 0.15, 0.1], n),
            choice(rng, [0.5, 0.25, 0.13, 0.08, 0.04], n),
        )
        + 1
    )
    starts = np.r_[0, np.cumsum(n_lines)[:-1]]
    total = int(n_lines.sum())
    line_order = np.repeat(np.arange(n), n_lines)
    line_no = np.arange(total) - np.repeat(starts, n_lines) + 1
    pop = skus["popularity"].to_numpy()
    sku = choice(rng, pop, total)
    # Bad experience -> churn: buyers of a "bad" SKU (returns > 25%) do not order again within
    # 30 days, and repeat customers mostly avoid those SKUs. Drawn backwards (the customer's
    # order sequence is fixed first): an order followed by the same customer's next order within
    # 30 days carries no bad SKU, so bad SKUs have a 30-day repurchase rate of 0.
    counts = np.bincount(cust, minlength=len(customers))
    repeat = counts[cust][line_order] > 1
    soon = _reorders_within(cust, created, 30 * DAY)[line_order]
    bad = skus["is_bad"].to_numpy()
    good_pop = np.where(bad, 0.0, pop)
    resample = bad[sku] & (soon | (repeat & (rng.random(total) < 0.85)))
    sku = np.where(resample, choice(rng, good_pop, total), sku)
    line_b2b = b2b[line_order]
    qty = np.where(line_b2b, rng.integers(3, 11, total), np.minimum(rng.geometric(0.62, total), 10))
    list_cents = np.round(skus["list_price"].to_numpy() * 100).astype(np.int64)[sku]
    factor = np.where(
        line_b2b,
        0.85,
        np.where(
            promo[line_order] != None,  # noqa: E711 (object array comparison)
            rng.uniform(0.8, 0.95, total),
            np.where(rng.random(total) < 0.1, rng.uniform(0.9, 1.0, total), 1.0),
        ),
    )
    unit_price = (np.round(list_cents * factor / 10) * 10).astype(np.int64)
    line_amount = qty * unit_price
    line_weight = np.round(qty * skus["weight_kg"].to_numpy()[sku], 3)
    service_hours = np.where(
        rng.random(total) < 0.7, qty * skus["service_hours_per_unit"].to_numpy()[sku], 0.0
    )
    packaging = np.where(
        rng.random(total) < np.where(line_b2b, 0.15, 0.02),
        rng.choice([500, 1000, 2000, 5000], total),
        0,
    ).astype(np.int64)
    lines = pd.DataFrame(
        {
            "order_idx": line_order,
            "line_no": line_no,
            "sku_idx": sku,
            "qty": qty,
            "unit_price": unit_price,
            "line_amount": line_amount,
            "weight_kg": line_weight,
            "service_hours": service_hours,
            "custom_packaging_fee": packaging,
        }
    )

    # ---- amounts (cents)
    goods = np.add.reduceat(line_amount, starts)
    weight = np.add.reduceat(line_weight, starts)
    units = np.add.reduceat(qty, starts)
    hours = np.add.reduceat(service_hours, starts)
    country = customers["country"].to_numpy()[cust]
    extra_kg = np.ceil(np.maximum(weight - 1, 0))
    first = np.zeros(n)
    per = np.zeros(n)
    for c, (f, p) in EXPORT_TEMPLATE.items():  # six countries, not rows
        first = np.where(country == c, f, first)
        per = np.where(country == c, p, per)
    tier = customers["tier"].to_numpy()[cust]
    free_domestic = (goods >= 9900) | (tier == "VIP") | (promo != None)  # noqa: E711
    domestic_fee = np.where(free_domestic, 0, np.minimum(800 + 200 * extra_kg, 3000))
    b2b_fee = 1000 + np.round(150 * np.ceil(weight))
    export_fee = (first + per * extra_kg) * 100
    shipping = np.where(overseas, export_fee, np.where(b2b, b2b_fee, domestic_fee))
    shipping = np.where(pos, 0, shipping).astype(np.int64)
    promo_disc = np.round(goods * rng.uniform(0.03, 0.12, n) / 100) * 100
    coupon = rng.choice([500, 1000, 2000, 3000], n)
    coupon = np.where((rng.random(n) < 0.2) & (goods > 3 * coupon), coupon, 0)
    discount = np.where(b2b, 0, np.where(promo != None, promo_disc, coupon))  # noqa: E711
    discount = np.minimum(discount, goods).astype(np.int64)
    paid_amount = goods + shipping - discount

    mode = np.where(overseas, choice(rng, [0.35, 0.2, 0.45], n) + 1, 0)  # air, rail, sea
    no_rail = ~np.isin(country, ["DE", "FR", "GB"])
    mode = np.where((mode == 2) & no_rail, 3, mode)
    lead = np.zeros(n, dtype=np.int64)
    for code, m in enumerate(MODES):
        lo, hi = LEAD_DAYS[m]
        lead = np.where(mode == code, rng.integers(lo, hi, n), lead)
    lead = lead + np.where(presale, 7, 0)
    created_day = (created - ctx.start) // DAY
    promised_day = np.where(pos, created_day, created_day + lead)

    first_cat = skus["category"].to_numpy()[sku[starts]]
    tax = np.where(first_cat == "宠物食品", 0.09, 0.13)
    tax = np.where(b2b & (hours > 0), 0.06, tax)
    invoice = np.where(
        b2b,
        np.where(rng.random(n) < 0.9, "专票", "普票"),
        np.where(rng.random(n) < 0.3, "普票", np.full(n, None, dtype=object)),
    )
    day_key = created_day * 8 + ch
    store = np.where(pos, rng.integers(0, len(POS_STORES), n), 0)
    frame = pd.DataFrame(
        {
            "order_num": np.arange(1, n + 1),
            "cust_idx": cust,
            "channel_code": ch,
            "created_at": created,
            "promotion": promo,
            "is_presale": presale,
            "is_b2b": b2b,
            "is_export": overseas,
            "is_pos": pos,
            "country": country,
            "mode_code": mode,
            "promised_day": promised_day,
            "goods_amount": goods,
            "shipping_fee": shipping,
            "discount_amount": discount,
            "paid_amount": paid_amount,
            "deposit_amount": np.where(presale, np.round(paid_amount * 0.2 / 100) * 100, 0).astype(
                np.int64
            ),
            "weight_kg": weight,
            "units": units,
            "service_hours": hours,
            "service_fee": np.where(b2b, np.round(hours * SERVICE_RATE_PER_HOUR), 0).astype(
                np.int64
            ),
            "tax_rate": tax,
            "invoice_type": invoice,
            "chan_seq": group_rank(day_key) + 1,
            "erp_seq": group_rank(created_day) + 1,
            "store": POS_STORES[store],
            "rnd": rng.integers(0, 10**10, n),
            # filled by the payment / fulfilment stages
            "paid_at": np.full(n, NAT, dtype=np.int64),
            "deposit_at": np.full(n, NAT, dtype=np.int64),
            "cancelled_at": np.full(n, NAT, dtype=np.int64),
        }
    )
    return frame, lines


def settle_retail_payments(ctx: Context, orders: pd.DataFrame) -> None:
    """Retail payment timeline: pay within minutes, some cancel unpaid, pre-sale deposits.

    Pre-sale rule (documented in docs/warehouse.md): the balance is due within 7 days of
    ``created_at``; orders still ``partial_paid`` after that are auto-cancelled, except the
    injected ``autocancel_missed_partial_paid`` anomalies. Pre-sales created 7–9 days before
    ``as_of`` always pay, so "deadline passed" never hinges on the as-of instant's definition.
    """
    rng = ctx.rng
    n = len(orders)
    created = orders["created_at"].to_numpy()
    retail = ~orders["is_b2b"].to_numpy()
    presale = orders["is_presale"].to_numpy()
    pay_at = created + rng.integers(30, 20 * MINUTE, n)
    cancel = retail & ~presale & (rng.random(n) < 0.025)
    paid_at = np.where(retail & ~cancel & ~presale & (pay_at < ctx.as_of), pay_at, NAT)
    cancelled_at = np.where(
        cancel, np.minimum(created + rng.integers(15 * MINUTE, DAY, n), ctx.as_of - 1), NAT
    )

    # pre-sales
    deposit_at = np.where(presale & (pay_at < ctx.as_of), pay_at, NAT)
    deadline = created + 7 * DAY
    band = (created >= ctx.as_of - 9 * DAY) & (created < ctx.as_of - 7 * DAY)
    pays = (rng.random(n) < 0.88) | band
    balance_at = created + np.where(
        band, rng.integers(DAY, 5 * DAY, n), rng.integers(DAY, 7 * DAY - HOUR, n)
    )
    ok = presale & (deposit_at != NAT)
    paid_at = np.where(ok & pays & (balance_at < ctx.as_of), balance_at, paid_at)
    passed = deadline < ctx.as_of
    auto_cancel = ok & ~pays & passed
    cancelled_at = np.where(auto_cancel, deadline + rng.integers(0, 2 * HOUR, n), cancelled_at)
    cancelled_at = np.where(cancelled_at >= ctx.as_of, ctx.as_of - 1, cancelled_at)
    orders["paid_at"] = paid_at.astype(np.int64)
    orders["deposit_at"] = deposit_at.astype(np.int64)
    orders["cancelled_at"] = cancelled_at.astype(np.int64)


def inject_autocancel_missed(ctx: Context, orders: pd.DataFrame) -> np.ndarray:
    """Pre-sale orders whose balance never came, left open after the deadline (labelled)."""
    created = orders["created_at"].to_numpy()
    eligible = (
        orders["is_presale"].to_numpy()
        & (orders["deposit_at"].to_numpy() != NAT)
        & (created < ctx.as_of - 9 * DAY)
    )
    chosen = pick(ctx.rng, eligible, 0.015)
    orders.loc[chosen, "paid_at"] = NAT
    orders.loc[chosen, "cancelled_at"] = NAT
    return chosen
