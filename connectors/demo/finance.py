"""Money flows: B2B bank transfers (with ground-truth splits), settlement bills, bank traps.

Why one module: the bank statement, the platform bills and ``bank_truth`` must agree to the
cent, and the injected finance anomalies (unmatched flows, duplicate lines, wrong freight
template) are defined against them, so they are drawn together.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from connectors.demo.common import DAY, HOUR, MINUTE, NAT, Context, add_labels, order_ids, pick

COMPONENTS = np.array(["goods", "freight", "service", "full"], dtype=object)
GOODS, FREIGHT, SERVICE, FULL = range(4)
PLATFORM_OF_CHANNEL = {0: "alipay", 1: "tmall", 2: "jd", 3: "wechat"}  # pos: paid in store
FEE_RATE = {"alipay": 0.006, "wechat": 0.006, "tmall": 0.025, "jd": 0.05}
SETTLE_DAYS = {"alipay": 1, "wechat": 1, "tmall": 1, "jd": 3}
SETTLEMENT_MEMO = {
    "alipay": "支付宝结算 ",
    "wechat": "财付通 结算 ",
    "jd": "京东结算 ",
    "tmall": "天猫结算 ",
}
SETTLEMENT_PAYER = {
    "alipay": "支付宝（中国）网络技术有限公司",
    "wechat": "财付通支付科技有限公司",
    "jd": "网银在线（北京）科技有限公司",
    "tmall": "浙江天猫技术有限公司",
}
TRANSFER_SPAN_DAYS = 30  # one transfer pays orders placed within a month
THIRD_PARTIES = ["深圳市快付通代付服务有限公司", "王建国", "义乌市商贸代收代付中心", "陈晓梅"]


def b2b_payments(ctx: Context, orders: pd.DataFrame) -> pd.DataFrame:
    """B2B orders are paid by bank transfer: one transfer covers items of several orders.

    Items are (order, component, amount): ``full`` (the whole ``paid_amount``) or ``goods``
    (paid − shipping) + ``freight`` (shipping_fee); B2B installation adds a ``service`` item
    (service hours × 80 CNY, billed outside ``paid_amount``). Some large orders are paid in
    two instalments (30% deposit line + 70% later, both ``full``). Consecutive items of one
    customer are cut into transfers; transfers booked after ``as_of`` never happened and their
    orders stay unpaid. Sets ``paid_at``/``cancelled_at`` of B2B orders; returns the items
    with their ``group`` (future bank line) and ``booked_at``.
    """
    rng = ctx.rng
    n = len(orders)
    b2b = orders["is_b2b"].to_numpy()
    created = orders["created_at"].to_numpy()
    cancel = b2b & (rng.random(n) < 0.01)
    orders.loc[cancel, "cancelled_at"] = np.minimum(
        created[cancel] + rng.integers(HOUR, 3 * DAY, cancel.sum()), ctx.as_of - 1
    )
    payer = b2b & ~cancel
    paid = orders["paid_amount"].to_numpy()
    ship = orders["shipping_fee"].to_numpy()
    svc = orders["service_fee"].to_numpy()
    split = rng.random(n) < 0.5
    instal = ~split & (paid > 2000_00) & (rng.random(n) < 0.08)
    parts = []

    def add(mask: np.ndarray, comp: int, amount: np.ndarray, deposit: bool = False) -> None:
        idx = np.flatnonzero(payer & mask)
        parts.append(
            pd.DataFrame(
                {"order_idx": idx, "component": comp, "amount": amount[idx], "deposit": deposit}
            )
        )

    dep_amount = np.round(paid * 0.3 / 100) * 100
    add(~split & ~instal, FULL, paid)
    add(instal, FULL, dep_amount.astype(np.int64), deposit=True)
    add(instal, FULL, (paid - dep_amount).astype(np.int64))
    add(split, GOODS, paid - ship)
    add(split & (ship > 0), FREIGHT, ship)
    add(svc > 0, SERVICE, svc)
    items = pd.concat(parts, ignore_index=True)
    items["cust_idx"] = orders["cust_idx"].to_numpy()[items["order_idx"]]
    items = items.sort_values(["cust_idx", "deposit", "order_idx", "component"], kind="stable")
    items = items.reset_index(drop=True)
    m = len(items)
    cust = items["cust_idx"].to_numpy()
    dep = items["deposit"].to_numpy()
    item_created = created[items["order_idx"]]
    new_group = np.r_[True, cust[1:] != cust[:-1]] | dep | np.r_[True, dep[:-1]]
    new_group |= rng.random(m) < 0.45
    # a transfer covers at most a month of one customer's orders (the usual B2B terms): nobody
    # holds an order's payment for months until a later order (that paid orders 690 days late)
    new_group = _cut_long_transfers(new_group, item_created, TRANSFER_SPAN_DAYS * DAY)
    group = np.cumsum(new_group) - 1
    items["group"] = group
    g_created = pd.Series(item_created).groupby(group).max().to_numpy()
    g_dep = pd.Series(dep).groupby(group).any().to_numpy()
    g_booked = np.where(
        g_dep,
        g_created + rng.integers(2 * HOUR, DAY, len(g_created)),
        g_created + rng.integers(DAY // 2, 5 * DAY, len(g_created)),
    )
    g_booked = (g_booked // MINUTE) * MINUTE + rng.integers(0, 60, len(g_created))
    items["booked_at"] = g_booked[group]
    # Orders with any item booked after the history are unpaid: drop all their items.
    late = items.loc[items["booked_at"] >= ctx.as_of, "order_idx"].unique()
    items = items[~items["order_idx"].isin(late)].reset_index(drop=True)
    paid_at = items.groupby("order_idx")["booked_at"].max()
    orders.loc[paid_at.index.to_numpy(), "paid_at"] = paid_at.to_numpy()
    items["ref_kind"] = rng.integers(0, 2, len(items))  # 0: channel order no, 1: ERP no
    return items


def _cut_long_transfers(new_group: np.ndarray, created: np.ndarray, span: int) -> np.ndarray:
    """Start a new transfer wherever an item's order is more than ``span`` seconds younger than
    the transfer's first order (items sorted by customer and order time).

    >>> starts = np.array([True, False, False, False])
    >>> _cut_long_transfers(starts, np.array([0, 5, 12, 14]), 10).tolist()
    [True, False, True, False]
    """
    new_group = new_group.copy()
    while True:
        group = np.cumsum(new_group) - 1
        first = created[np.flatnonzero(new_group)][group]
        bad = np.flatnonzero((created - first > span) & ~new_group)
        if not len(bad):
            return new_group
        first_bad = bad[np.r_[True, group[bad][1:] != group[bad][:-1]]]
        new_group[first_bad] = True


def inject_wrong_freight(ctx: Context, orders: pd.DataFrame, items: pd.DataFrame) -> None:
    """``allocation_mismatch``: the customer paid freight per a wrong (old) template."""
    rng = ctx.rng
    freight = (items["component"].to_numpy() == FREIGHT) & (items["amount"].to_numpy() >= 10_00)
    chosen = pick(rng, freight, 0.01)
    idx = np.flatnonzero(chosen)
    right = items["amount"].to_numpy()[idx]
    factor = np.where(
        rng.random(len(idx)) < 0.6,
        rng.uniform(1.06, 1.3, len(idx)),
        rng.uniform(0.75, 0.94, len(idx)),
    )
    wrong = (np.round(right * factor / 100) * 100).astype(np.int64)
    items.loc[idx, "amount"] = wrong
    onum = items["order_idx"].to_numpy()[idx] + 1
    detail = [
        f"freight paid {w / 100:.2f} CNY per an outdated freight template; shipping_fee is {r / 100:.2f} CNY"
        for w, r in zip(wrong, right, strict=True)
    ]
    add_labels(ctx, "order", order_ids(onum), "allocation_mismatch", detail)


def b2b_groups(ctx: Context, items: pd.DataFrame) -> pd.DataFrame:
    """One bank line per transfer group: amount, booking time, payer, memo style and variants."""
    rng = ctx.rng
    instal_orders = items.loc[items["deposit"].to_numpy(), "order_idx"].to_numpy()
    goods = items.assign(
        _goods=np.isin(items["component"].to_numpy(), [GOODS, FULL]),
        _instal=np.isin(items["order_idx"].to_numpy(), instal_orders),
    )
    g = goods.groupby("group", sort=True).agg(  # built-in aggregations only: no per-group Python
        amount=("amount", "sum"),
        booked_at=("booked_at", "first"),
        cust_idx=("cust_idx", "first"),
        n_items=("amount", "size"),
        all_goods=("_goods", "all"),
        first_comp=("component", "first"),
        instal=("_instal", "any"),
    )
    k = len(g)
    style = rng.choice(3, k, p=[0.45, 0.35, 0.2])
    style = np.where((style == 2) & ~g["all_goods"].to_numpy(), 1, style)
    # Matchable trap: a single-order transfer with no / a meaningless memo, identified by its
    # amount = the order's paid amount; an instalment (30% / 70% of it) is not, so it keeps a memo.
    single_full = (
        (g["n_items"].to_numpy() == 1)
        & (g["first_comp"].to_numpy() == FULL)
        & ~g["instal"].to_numpy()
    )
    blank = single_full & (rng.random(k) < 0.06)
    style = np.where(blank, 3, style)
    g["style"] = style
    g["blank_memo"] = rng.choice(["", "转账", "货款", "付款"], k)
    return g.reset_index()


def bank_traps(
    ctx: Context, orders: pd.DataFrame, customers: pd.DataFrame, groups: pd.DataFrame
) -> pd.DataFrame:
    """Unmatched inflows (incl. third-party payers) and duplicated lines, with their labels.

    Returned rows have ``kind`` ∈ {unmatched, third_party, duplicate}; labels are added by
    :func:`label_bank_traps` once txn ids exist.
    """
    rng = ctx.rng
    b2b_cust = np.flatnonzero(customers["is_b2b"].to_numpy())
    n_unmatched = max(3, round(0.01 * len(groups)))
    who = rng.choice(b2b_cust, n_unmatched)
    amount = rng.integers(100_00, 50_000_00, n_unmatched)
    # never equal to an order of that customer (the label says "matches no open order")
    paid = orders.loc[orders["paid_at"] != NAT, ["cust_idx", "paid_amount"]]
    clash = pd.MultiIndex.from_arrays([who, amount]).isin(
        pd.MultiIndex.from_frame(paid[["cust_idx", "paid_amount"]])
    )
    amount = np.where(clash, amount + 1, amount)
    unmatched = pd.DataFrame(
        {
            "kind": "unmatched",
            "cust_idx": who,
            "counterparty": customers["customer_name"].to_numpy()[who],
            "counterparty_account": customers["account"].to_numpy()[who],
            "amount": amount,
            "booked_at": ctx.start + rng.integers(DAY, ctx.as_of - ctx.start - DAY, n_unmatched),
            "memo": rng.choice(
                ["", "往来款", "转账", "###货款??", "备用金", "ＸＸ款项"], n_unmatched
            ),
            "dup_of": -1,
        }
    )
    # Third-party payer whose amount equals orders of two different customers.
    b2b_paid = orders[(orders["is_b2b"]) & (orders["paid_at"] != NAT)]
    per_amount = b2b_paid.groupby("paid_amount").agg(
        n_cust=("cust_idx", "nunique"), created=("created_at", "max")
    )
    ambiguous = per_amount[per_amount["n_cust"] >= 2]
    take = min(len(ambiguous), max(2, round(0.003 * len(groups))))
    chosen = ambiguous.iloc[rng.choice(len(ambiguous), take, replace=False)] if take else ambiguous
    third = pd.DataFrame(
        {
            "kind": "third_party",
            "cust_idx": -1,
            "counterparty": rng.choice(THIRD_PARTIES, take),
            "counterparty_account": [f"6230{rng.integers(10**11, 10**12)}" for _ in range(take)],
            "amount": chosen.index.to_numpy(),
            "booked_at": np.minimum(
                chosen["created"].to_numpy() + rng.integers(DAY, 4 * DAY, take), ctx.as_of - HOUR
            ),
            "memo": rng.choice(["", "代付货款", "付款"], take),
            "dup_of": -1,
        }
    )
    # Duplicates: the same transfer booked twice within 10 minutes.
    eligible = (groups["style"].to_numpy() != 3) & (
        groups["booked_at"].to_numpy() < ctx.as_of - HOUR
    )
    dup = np.flatnonzero(pick(rng, eligible, 0.005))
    dups = pd.DataFrame(
        {
            "kind": "duplicate",
            "cust_idx": groups["cust_idx"].to_numpy()[dup],
            "counterparty": None,
            "counterparty_account": None,
            "amount": groups["amount"].to_numpy()[dup],
            "booked_at": groups["booked_at"].to_numpy()[dup]
            + rng.integers(MINUTE, 9 * MINUTE, len(dup)),
            "memo": None,
            "dup_of": groups["group"].to_numpy()[dup],
        }
    )
    return pd.concat([unmatched, third, dups], ignore_index=True)


def make_bills(ctx: Context, orders: pd.DataFrame, refunds: pd.DataFrame) -> pd.DataFrame:
    """Platform settlement bills: payments (deposit + balance for pre-sales) and refunds.

    ``refunds`` has order_idx, refund_amount (cents), refunded_at. Bills settle T+1 (T+3 for
    jd) at night; bills not settled by ``as_of`` have ``settled_at`` NULL.
    """
    rng = ctx.rng
    ch = orders["channel_code"].to_numpy()
    platform_order = (~orders["is_b2b"].to_numpy()) & (ch != 4)
    paid_at = orders["paid_at"].to_numpy()
    dep_at = orders["deposit_at"].to_numpy()
    presale = orders["is_presale"].to_numpy()
    paid = orders["paid_amount"].to_numpy()
    dep = orders["deposit_amount"].to_numpy()
    parts = []
    full = platform_order & ~presale & (paid_at != NAT)
    idx = np.flatnonzero(full)
    parts.append(
        pd.DataFrame({"order_idx": idx, "trade": paid_at[idx], "gross": paid[idx], "kind": 0})
    )
    idx = np.flatnonzero(platform_order & presale & (dep_at != NAT))
    parts.append(
        pd.DataFrame({"order_idx": idx, "trade": dep_at[idx], "gross": dep[idx], "kind": 0})
    )
    idx = np.flatnonzero(platform_order & presale & (paid_at != NAT))
    parts.append(
        pd.DataFrame(
            {"order_idx": idx, "trade": paid_at[idx], "gross": paid[idx] - dep[idx], "kind": 0}
        )
    )
    r = refunds[platform_order[refunds["order_idx"].to_numpy()]]
    parts.append(
        pd.DataFrame(
            {
                "order_idx": r["order_idx"].to_numpy(),
                "trade": r["refunded_at"].to_numpy(),
                "gross": -r["refund_amount"].to_numpy(),
                "kind": 1,
            }
        )
    )
    bills = pd.concat(parts, ignore_index=True)
    bills = bills.sort_values(["trade", "order_idx", "kind"], kind="stable").reset_index(drop=True)
    platform = np.array([PLATFORM_OF_CHANNEL.get(c, "") for c in range(5)], dtype=object)[
        ch[bills["order_idx"].to_numpy()]
    ]
    rate = np.vectorize(FEE_RATE.get)(platform).astype(float)
    gross = bills["gross"].to_numpy()
    fee = np.where(bills["kind"].to_numpy() == 0, np.round(gross * rate), 0).astype(np.int64)
    trade_day = bills["trade"].to_numpy() // DAY * DAY
    settle_days = np.vectorize(SETTLE_DAYS.get)(platform).astype(np.int64)
    settled = trade_day + settle_days * DAY + 2 * HOUR + rng.integers(0, 2 * HOUR, len(bills))
    bills["platform"] = platform
    bills["fee"] = fee
    bills["net"] = gross - fee
    bills["trade_day"] = trade_day
    bills["settled_at"] = np.where(settled < ctx.as_of, settled, NAT)
    return bills


def settlement_lumps(ctx: Context, bills: pd.DataFrame) -> pd.DataFrame:
    """One bank inflow per (platform, trade day): Σ net of that day's settled bills."""
    rng = ctx.rng
    settled = bills[bills["settled_at"] != NAT]
    lumps = (
        settled.groupby(["platform", "trade_day"], sort=True)
        .agg(amount=("net", "sum"), settled_at=("settled_at", "max"))
        .reset_index()
    )
    lumps["booked_at"] = (
        lumps["settled_at"] // DAY * DAY + 9 * HOUR + rng.integers(0, 2 * HOUR, len(lumps))
    )
    lumps["booked_at"] = np.minimum(lumps["booked_at"], ctx.as_of - 1)
    return lumps


#: The article's JD rule: 京东平台佣金 = 订单实付 × 5% + 定制包装费 × 1.2 (fee on custom packaging).
PACKAGING_COMMISSION = {"jd": 1.2}


def withhold_packaging_commission(
    bills: pd.DataFrame, orders: pd.DataFrame, lines: pd.DataFrame
) -> None:
    """Add the platform's commission on custom packaging to its payment bills (in place).

    Why: the article's JD formula charges 1.2 × the order's custom packaging fee on top of 5 %
    of the paid amount; reconciliation checks every bill's withheld fee against that formula.
    A bill that pays part of an order (pre-sale deposit or balance) carries its pro-rata share,
    so the bills of an order add up to the order's fee. Kept apart from :func:`make_bills` so
    the base fee logic stays as it was.
    """
    packaging = np.bincount(
        lines["order_idx"].to_numpy(),
        weights=lines["custom_packaging_fee"].to_numpy(),
        minlength=len(orders),
    )
    idx = bills["order_idx"].to_numpy()
    factor = bills["platform"].map(PACKAGING_COMMISSION).fillna(0.0).to_numpy()
    paid = orders["paid_amount"].to_numpy()[idx].astype(float)
    share = np.divide(bills["gross"].to_numpy(), paid, out=np.zeros(len(bills)), where=paid > 0)
    extra = np.where(
        bills["kind"].to_numpy() == 0, np.round(factor * packaging[idx] * share), 0
    ).astype(np.int64)
    bills["fee"] = bills["fee"].to_numpy() + extra
    bills["net"] = bills["gross"].to_numpy() - bills["fee"].to_numpy()
