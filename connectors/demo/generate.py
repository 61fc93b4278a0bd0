"""Build the seeded demo warehouse: ``build_demo_warehouse(db_path, orders=..., seed=...)``.

Why a temp file: the build writes into ``<db>.building`` and atomically replaces ``db_path``
at the end, so a crash never leaves a half-written warehouse and building twice gives the same
content. Deterministic for (orders, seed, end_date): one ``numpy.random.default_rng(seed)``
stream consumed in a fixed order; DuckDB only formats and joins.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from connectors.demo import (
    aftersales,
    entities,
    finance,
    freight,
    fulfilment,
    load,
    orders,
    trust_chain,
)
from connectors.demo.common import (
    DAY,
    HISTORY_DAYS,
    HOUR,
    NAT,
    Context,
    add_labels,
    dates,
    order_ids,
)
from connectors.errors import ConnectorError
from connectors.rows import one_row
from connectors.schema import SOURCE_TABLES
from connectors.warehouse import (
    add_primary_keys,
    ensure_schema,
    make_private,
    make_private_folder,
)

MAIN_ACCOUNT = "6222 0210 0000 1234"
SETTLEMENT_ACCOUNT = "6217 0000 1000 5678"
CARRIER_PAYEE = {
    "SF": "顺丰速运有限公司",
    "ZTO": "中通快递股份有限公司",
    "YTO": "圆通速递有限公司",
    "JDL": "京东物流供应链有限公司",
    "DHL": "DHL Express (China)",
    "FedEx": "联邦快递（中国）有限公司",
    "UPS": "UPS Parcel Delivery (Shanghai)",
    "COSCO": "中远海运集装箱运输有限公司",
    "MAERSK": "Maersk (China) Shipping",
    "CRE": "中铁集装箱运输有限责任公司",
}


DEFERRED_KEYS: tuple[str, ...] = SOURCE_TABLES
"""Tables filled without their primary key; the keys of ``schema.py`` are added after the load.

Why: checking a key row by row serialises every insert on the index; building each index once
over the loaded table is cheaper (1M orders, measured: 53 s instead of 68 s, peak RSS 3.1 GB).
A duplicate or NULL key still fails the build, at the end instead of at the insert.
"""

LAST_BUILD_SECONDS: dict[str, float] = {}
"""Seconds per build step of the last build in this process (read by bench/bench_generate.py)."""


class DemoBuildError(ConnectorError):
    """The demo warehouse could not be built (bad arguments or unwritable path)."""


def parse_end_date(end_date: str | dt.date | None) -> dt.date:
    """``None`` → today; ISO strings and dates accepted.

    >>> parse_end_date("2026-11-20")
    datetime.date(2026, 11, 20)
    """
    if end_date is None:
        return dt.date.today()
    if isinstance(end_date, dt.datetime):
        return end_date.date()
    if isinstance(end_date, dt.date):
        return end_date
    try:
        return dt.date.fromisoformat(str(end_date))
    except ValueError as exc:
        raise DemoBuildError(f"end date {end_date!r} is not an ISO date (YYYY-MM-DD)") from exc


def build_demo_warehouse(
    db_path: str | Path,
    *,
    orders: int = 20_000,
    seed: int = 7,
    end_date: str | dt.date | None = None,
    progress: bool = True,
) -> dict[str, int]:
    """(Re)create the demo warehouse at ``db_path``; returns rows per source table."""
    if orders < 100:
        raise DemoBuildError(f"--orders must be at least 100 (got {orders})")
    end = parse_end_date(end_date)
    path = Path(db_path)
    make_private_folder(path)  # private like any warehouse OrderLens creates
    tmp = path.with_name(path.name + ".building")
    for stale in (tmp, Path(str(tmp) + ".wal")):
        stale.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        # bounded memory for 1M-order builds; row order is not part of the contract
        con.execute("SET memory_limit = '2500MB'")
        con.execute("SET preserve_insertion_order = false")
        con.execute("SET enable_progress_bar = false")  # tqdm reports progress, not DuckDB
        ensure_schema(con, defer_keys=DEFERRED_KEYS)
        with _Steps(progress) as step:
            _build(con, Context.create(orders=orders, seed=seed, end_date=end), step)
            # after _build returned: the generator's arrays are freed before the index builds
            add_primary_keys(con, DEFERRED_KEYS)
            step("primary keys")
        counts = {t: one_row(con.execute(f"SELECT count(*) FROM {t}"))[0] for t in SOURCE_TABLES}
        con.execute("CHECKPOINT")
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    Path(str(path) + ".wal").unlink(missing_ok=True)
    make_private(tmp)
    os.replace(tmp, path)
    return counts


class _Steps:
    """Progress bar + :data:`LAST_BUILD_SECONDS`: call it with a label when a step is done."""

    TOTAL = 16

    def __init__(self, progress: bool) -> None:
        self.bar = tqdm(total=self.TOTAL, desc="demo warehouse", unit="step", disable=not progress)
        LAST_BUILD_SECONDS.clear()
        self.clock = time.perf_counter()

    def __call__(self, label: str) -> None:
        now = time.perf_counter()
        LAST_BUILD_SECONDS[label] = now - self.clock
        self.clock = now
        self.bar.set_postfix_str(label)
        self.bar.update(1)

    def __enter__(self) -> _Steps:
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.close()


def _build(con: duckdb.DuckDBPyConnection, ctx: Context, step: _Steps) -> None:
    start_date = str(dates(np.array([ctx.start]))[0])
    skus = entities.make_skus(ctx)
    customers = entities.make_customers(ctx)
    index_rows, prices = freight.make_freight_index(ctx)
    calendar = freight.make_customs_calendar(ctx)
    load.load_skus(con, skus)
    load.load_simple(con, "freight_index", index_rows)
    load.load_simple(con, "customs_calendar", calendar)
    step("skus, freight index, customs calendar")

    frame, lines = orders.make_orders(ctx, customers, skus)
    orders.settle_retail_payments(ctx, frame)
    missed = orders.inject_autocancel_missed(ctx, frame)
    items = finance.b2b_payments(ctx, frame)
    finance.inject_wrong_freight(ctx, frame, items)
    step("orders drawn")

    ful = fulfilment.ship_orders(ctx, frame, customers, prices, calendar)
    _plan_pending_exports(ctx, frame, ful)
    fulfilment.order_statuses(ctx, frame, ful.shipments)
    returns = aftersales.make_returns(ctx, frame, lines, skus)
    step("shipments, returns")

    first_order = (
        pd.Series(frame["created_at"].to_numpy()).groupby(frame["cust_idx"].to_numpy()).min()
    )
    first = np.full(len(customers), NAT)
    first[first_order.index.to_numpy()] = first_order.to_numpy()
    entities.finish_customers(ctx, customers, first)
    load.load_customers(con, customers)
    load.load_orders(con, frame, customers, start_date)
    days_left = frame["promised_day"].to_numpy() * DAY + ctx.start
    missed_ids = order_ids(np.flatnonzero(missed) + 1)
    add_labels(
        ctx,
        "order",
        missed_ids,
        "autocancel_missed_partial_paid",
        "pre-sale deposit paid, balance not paid within 7 days of created_at, order still open",
    )
    step("customers, orders")
    load.load_lines(con, lines)
    step("order_lines")
    load.load_shipments(con, ful.shipments)
    step("shipments")
    load.load_events(con, ful.events)
    ful.events = ful.events.iloc[:0]  # free ~5 rows per order before the big inserts
    load.load_orphan_events(con, max(3, len(ful.shipments) // 2000), start_date, HISTORY_DAYS)
    step("tracking_events")
    load.load_returns(con, returns)
    step("returns")

    refunds = returns[returns["refund_amount"] > 0][["order_idx", "refund_amount", "refunded_at"]]
    bills = finance.make_bills(ctx, frame, refunds)
    finance.withhold_packaging_commission(bills, frame, lines)
    load.load_bills(con, bills)
    step("payment_bills")

    times, bad_system, wms_seen = trust_chain.make_snapshots(ctx, frame, ful)
    load.load_snapshots(con, times, trust_chain.slot_table(), bad_system)
    del times
    step("status_snapshots")
    load.load_id_map(con, frame, wms_seen)
    step("order_id_map")

    groups = finance.b2b_groups(ctx, items)
    variant = ctx.rng.choice(5, len(items), p=[0.85, 0.04, 0.04, 0.04, 0.03])
    items["variant"] = variant
    traps = finance.bank_traps(ctx, frame, customers, groups)
    lumps = finance.settlement_lumps(ctx, bills)
    bank = _bank_rows(ctx, groups, customers, traps, lumps, ful.shipments)
    load.load_bank(con, bank, items, groups)
    _label_bank(ctx, bank)
    step("bank_transactions, bank_truth")

    late = (frame["order_status"].to_numpy() == "shipped") & (days_left < ctx.as_of)
    interactions = aftersales.make_interactions(ctx, frame, customers, late)
    _load_interactions(con, interactions, customers)
    step("service_interactions")

    export_units = _export_units(ctx, frame, lines)
    stock = freight.make_warehouse_stock(ctx, skus, export_units)
    stock["sku"] = skus["sku"].to_numpy()[stock["sku_num"].to_numpy() - 1]
    load.load_simple(
        con,
        "warehouse_stock",
        stock[
            ["overseas_warehouse", "country", "sku", "stock_date", "on_hand", "avg_daily_demand"]
        ],
    )
    step("warehouse_stock")

    labels = pd.concat(ctx.labels, ignore_index=True)
    load.load_simple(
        con, "anomaly_labels", labels[["entity", "entity_id", "anomaly_type", "detail"]]
    )
    step("anomaly_labels")


def _plan_pending_exports(ctx: Context, frame: pd.DataFrame, ful: fulfilment.Fulfilment) -> None:
    """Pending export orders: promised 1–8 weeks after end_date, mode that can make it."""
    rng = ctx.rng
    shipped = np.zeros(len(frame), dtype=bool)
    shipped[ful.shipments["order_idx"].to_numpy()] = True
    pending = (
        frame["is_export"].to_numpy()
        & ~shipped
        & (frame["paid_at"].to_numpy() != NAT)
        & (frame["cancelled_at"].to_numpy() == NAT)
    )
    n = int(pending.sum())
    end_day = (ctx.as_of - ctx.start) // DAY - 1
    slack = rng.integers(7, 57, n)
    country = frame["country"].to_numpy()[pending]
    rail_ok = np.isin(country, ["DE", "FR", "GB"])
    mode = np.where(slack < 24, 1, np.where(slack < 45, np.where(rail_ok, 2, 1), 3))
    mode = np.where((slack >= 45) & (rng.random(n) < 0.25), np.where(rail_ok, 2, 1), mode)
    frame.loc[pending, "promised_day"] = end_day + slack
    frame.loc[pending, "mode_code"] = mode


def _bank_rows(
    ctx: Context,
    groups: pd.DataFrame,
    customers: pd.DataFrame,
    traps: pd.DataFrame,
    lumps: pd.DataFrame,
    shipments: pd.DataFrame,
) -> pd.DataFrame:
    """All bank lines, numbered in booking order: B2B transfers, traps, settlements, freight."""
    rng = ctx.rng
    names = customers["customer_name"].to_numpy()
    accounts = customers["account"].to_numpy()
    b2b = pd.DataFrame(
        {
            "kind": "b2b",
            "grp": groups["group"].to_numpy(),
            "booked_at": groups["booked_at"].to_numpy(),
            "amount": groups["amount"].to_numpy(),
            "account_no": MAIN_ACCOUNT,
            "counterparty": names[groups["cust_idx"].to_numpy()],
            "counterparty_account": accounts[groups["cust_idx"].to_numpy()],
            "memo": None,
        }
    )
    t = traps
    cust = t["cust_idx"].to_numpy()
    known = cust >= 0
    trap_rows = pd.DataFrame(
        {
            "kind": t["kind"].to_numpy(),
            "grp": t["dup_of"].to_numpy(),
            "booked_at": t["booked_at"].to_numpy(),
            "amount": t["amount"].to_numpy(),
            "account_no": MAIN_ACCOUNT,
            "counterparty": np.where(
                known, names[np.maximum(cust, 0)], t["counterparty"].to_numpy()
            ),
            "counterparty_account": np.where(
                known, accounts[np.maximum(cust, 0)], t["counterparty_account"].to_numpy()
            ),
            "memo": t["memo"].to_numpy(),
        }
    )
    day_str = dates(lumps["trade_day"].to_numpy()).astype(str)
    lump_rows = pd.DataFrame(
        {
            "kind": "settlement",
            "grp": -1,
            "booked_at": lumps["booked_at"].to_numpy(),
            "amount": lumps["amount"].to_numpy(),
            "account_no": SETTLEMENT_ACCOUNT,
            "counterparty": lumps["platform"].map(finance.SETTLEMENT_PAYER).to_numpy(),
            "counterparty_account": lumps["platform"]
            .map(
                {
                    "alipay": "2088000000000001",
                    "wechat": "1900000000000109",
                    "jd": "1100000000000360",
                    "tmall": "2088000000000002",
                }
            )
            .to_numpy(),
            "memo": lumps["platform"].map(finance.SETTLEMENT_MEMO).to_numpy() + day_str,
        }
    )
    sh = shipments
    carrier = fulfilment.CARRIERS[sh["carrier_code"].to_numpy()]
    month = dates(sh["erp_shipped_at"].to_numpy()).astype("datetime64[M]")
    owed = (
        pd.DataFrame({"carrier": carrier, "month": month, "cost": sh["freight_cost"].to_numpy()})
        .groupby(["carrier", "month"], sort=True)["cost"]
        .sum()
        .reset_index()
    )
    pay_day = (owed["month"].to_numpy().astype("datetime64[M]") + 1).astype("datetime64[D]") + 4
    booked = (
        pay_day.astype("datetime64[s]").astype(np.int64)
        + 10 * HOUR
        + rng.integers(0, 4 * HOUR, len(owed))
    )
    owed = owed.assign(booked_at=booked)[booked < ctx.as_of]
    freight_rows = pd.DataFrame(
        {
            "kind": "freight",
            "grp": -1,
            "booked_at": owed["booked_at"].to_numpy(),
            "amount": -owed["cost"].to_numpy(),
            "account_no": MAIN_ACCOUNT,
            "counterparty": owed["carrier"].map(CARRIER_PAYEE).to_numpy(),
            "counterparty_account": owed["carrier"]
            .map({c: f"3100{i:010d}" for i, c in enumerate(CARRIER_PAYEE)})
            .to_numpy(),
            "memo": "运费 "
            + owed["carrier"].to_numpy().astype(object)
            + " "
            + owed["month"].to_numpy().astype("datetime64[M]").astype(str).astype(object),
        }
    )
    bank = pd.concat([b2b, trap_rows, lump_rows, freight_rows], ignore_index=True)
    bank = bank.sort_values(["booked_at", "kind", "grp", "amount"], kind="stable").reset_index(
        drop=True
    )
    bank["txn_num"] = np.arange(1, len(bank) + 1)
    bank["grp"] = bank["grp"].astype(np.int64)
    return bank


def _label_bank(ctx: Context, bank: pd.DataFrame) -> None:
    def ids(mask: np.ndarray) -> list[str]:
        return [f"BT{k:09d}" for k in bank.loc[mask, "txn_num"]]

    kind = bank["kind"].to_numpy()
    add_labels(
        ctx,
        "bank_transaction",
        ids(kind == "unmatched"),
        "unmatched_bank_flow",
        "inflow with no usable memo; amount matches no order of the payer",
    )
    add_labels(
        ctx,
        "bank_transaction",
        ids(kind == "third_party"),
        "unmatched_bank_flow",
        "third-party payer; amount equals orders of two different customers, must not be auto-matched",
    )
    add_labels(
        ctx,
        "bank_transaction",
        ids(kind == "duplicate"),
        "duplicate_bank_line",
        "same account, amount, payer and memo booked again within 10 minutes",
    )


def _load_interactions(con, interactions: pd.DataFrame, customers: pd.DataFrame) -> None:
    f = interactions
    frame = pd.DataFrame(
        {
            "interaction_id": [f"SI{k:09d}" for k in f["interaction_num"]],
            "customer_id": customers["customer_id"].to_numpy()[f["cust_idx"].to_numpy()],
            "order_idx": f["order_idx"].to_numpy(),
            "created_at": f["created_at"].to_numpy().view("datetime64[s]"),
            "contact_channel": f["contact_channel"].to_numpy(),
            "intent": f["intent"].to_numpy(),
            "resolved_by": f["resolved_by"].to_numpy(),
            "handling_minutes": f["handling_minutes"].to_numpy(),
        }
    )
    load.run(
        con,
        "INSERT INTO service_interactions SELECT interaction_id, customer_id, "
        f"CASE WHEN order_idx >= 0 THEN {load.oid('order_idx')} END, created_at, contact_channel, "
        "intent, resolved_by, handling_minutes FROM _si",
        _si=frame,
    )


def _export_units(ctx: Context, frame: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """Units per (export country, SKU) ordered in the last 90 days (drives overseas stock)."""
    lo = lines["order_idx"].to_numpy()
    recent = frame["created_at"].to_numpy()[lo] >= ctx.as_of - 90 * DAY
    export = frame["is_export"].to_numpy()[lo] & recent
    df = pd.DataFrame(
        {
            "country": frame["country"].to_numpy()[lo][export],
            "sku_num": lines["sku_idx"].to_numpy()[export] + 1,
            "units90": lines["qty"].to_numpy()[export],
        }
    )
    return df.groupby(["country", "sku_num"], as_index=False)["units90"].sum()
