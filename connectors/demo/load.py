"""Turning the generator's numeric frames into warehouse rows, in DuckDB SQL.

Why: ids, order numbers, tracking numbers and memos are millions of strings; formatting them in
DuckDB (vectorised, parallel) instead of Python keeps a 1,000,000-order build within the time
budget. Each function registers its frames, runs one ``INSERT INTO <table> SELECT ...`` (static
SQL, no user input), and unregisters them. Money arrives in integer cents.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from connectors.demo.common import NAT, ts
from connectors.demo.fulfilment import CARRIERS, EVENT_CODES, EVENT_TEXT, TRACKING_PREFIX

CENTS = "::DOUBLE / 100)::DECIMAL(14,2)"


def _sql_list(values: list[str]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def money(col: str) -> str:
    """SQL turning an integer-cents column into ``DECIMAL(14,2)``."""
    return f"({col}{CENTS}"


def oid(col: str) -> str:
    """SQL for the global order id of a 0-based order index column."""
    return f"'OL' || lpad(({col} + 1)::VARCHAR, 9, '0')"


def run(con: duckdb.DuckDBPyConnection, sql: str, **frames: pd.DataFrame) -> None:
    """Register ``frames`` under their names, run ``sql``, unregister them."""
    for name, frame in frames.items():
        con.register(name, frame)
    try:
        con.execute(sql)
    finally:
        for name in frames:
            con.unregister(name)


def load_customers(con, customers: pd.DataFrame) -> None:
    frame = customers[
        ["customer_id", "customer_name", "tier", "region", "city", "country", "is_b2b"]
    ].copy()
    frame["created_at"] = ts(customers["created_at"].to_numpy())
    run(con, "INSERT INTO customers SELECT * FROM _c", _c=frame)


def load_skus(con, skus: pd.DataFrame) -> None:
    frame = skus[["sku", "sku_name", "category", "brand", "unit_cost", "list_price", "weight_kg"]]
    run(con, "INSERT INTO skus SELECT * FROM _s", _s=frame)


def load_orders(con, orders: pd.DataFrame, customers: pd.DataFrame, start_date: str) -> None:
    f = orders
    frame = pd.DataFrame(
        {
            "order_num": f["order_num"].to_numpy(),
            "channel_code": f["channel_code"].to_numpy(),
            "rnd": f["rnd"].to_numpy(),
            "chan_seq": f["chan_seq"].to_numpy(),
            "erp_seq": f["erp_seq"].to_numpy(),
            "store": f["store"].to_numpy(),
            "customer_id": customers["customer_id"].to_numpy()[f["cust_idx"].to_numpy()],
            "created_at": ts(f["created_at"].to_numpy()),
            "paid_at": ts(f["paid_at"].to_numpy()),
            "payment_status": f["payment_status"].to_numpy(),
            "order_status": f["order_status"].to_numpy(),
            "is_presale": f["is_presale"].to_numpy(),
            "deposit": f["deposit_amount"].to_numpy(),
            "promotion": f["promotion"].to_numpy(),
            "promised_day": f["promised_day"].to_numpy(),
            "country": f["country"].to_numpy(),
            "region": customers["region"].to_numpy()[f["cust_idx"].to_numpy()],
            "city": customers["city"].to_numpy()[f["cust_idx"].to_numpy()],
            "goods": f["goods_amount"].to_numpy(),
            "shipping": f["shipping_fee"].to_numpy(),
            "discount": f["discount_amount"].to_numpy(),
            "paid": f["paid_amount"].to_numpy(),
            "is_b2b": f["is_b2b"].to_numpy(),
            "cust_num": f["cust_idx"].to_numpy() + 1,
            "has_rebate": customers["has_rebate"].to_numpy()[f["cust_idx"].to_numpy()],
            "invoice_type": f["invoice_type"].to_numpy(),
            "tax_rate": f["tax_rate"].to_numpy(),
            "shipping_mode": np.array(["express", "air", "rail", "sea"], dtype=object)[
                f["mode_code"].to_numpy()
            ],
        }
    )
    frame.loc[frame["channel_code"].to_numpy() == 4, "shipping_mode"] = None
    sql = f"""
    INSERT INTO orders BY NAME
    SELECT
      'OL' || lpad(order_num::VARCHAR, 9, '0') AS order_id,
      {_sql_list(["taobao", "tmall", "jd", "miniprogram", "pos"])}[channel_code + 1] AS channel,
      CASE channel_code
        WHEN 0 THEN '2' || lpad(rnd::VARCHAR, 10, '0') || lpad(order_num::VARCHAR, 7, '0')
        WHEN 1 THEN '4' || lpad((rnd * 7 % 100000000000)::VARCHAR, 11, '0') || lpad(order_num::VARCHAR, 7, '0')
        WHEN 2 THEN 'JD' || strftime(created_at, '%Y%m%d')
                    || lpad(chan_seq::VARCHAR, greatest(3, length(chan_seq::VARCHAR))::INTEGER, '0')
        WHEN 3 THEN 'WX' || strftime(created_at, '%Y%m%d') || lpad(chan_seq::VARCHAR, 6, '0')
        ELSE 'POS-' || store || '-' || strftime(created_at, '%y%m%d') || '-' || lpad(chan_seq::VARCHAR, 4, '0')
      END AS channel_order_no,
      'SO' || strftime(created_at, '%y%m%d') || lpad(erp_seq::VARCHAR, 5, '0') AS erp_order_no,
      customer_id, created_at, paid_at, payment_status, order_status, is_presale,
      {money("deposit")} AS deposit_amount,
      promotion,
      DATE '{start_date}' + promised_day::INTEGER AS promised_delivery_date,
      country AS destination_country, region AS destination_region, city AS destination_city,
      {money("goods")} AS goods_amount, {money("shipping")} AS shipping_fee,
      {money("discount")} AS discount_amount, {money("paid")} AS paid_amount,
      'CNY' AS currency,
      CASE WHEN is_b2b THEN 'HT' || strftime(created_at, '%Y') || '-' || lpad(cust_num::VARCHAR, 6, '0') END AS contract_no,
      invoice_type,
      tax_rate::DECIMAL(5,4) AS tax_rate,
      CASE WHEN has_rebate THEN 'RB-' || lpad(cust_num::VARCHAR, 6, '0') END AS rebate_agreement_id,
      shipping_mode
    FROM _o
    """
    run(con, sql, _o=frame)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _ok AS SELECT CAST(substr(order_id, 3) AS INTEGER) - 1 AS order_idx, "
        "order_id, channel_order_no, erp_order_no FROM orders"
    )


def load_lines(con, lines: pd.DataFrame) -> None:
    sql = f"""
    INSERT INTO order_lines
    SELECT {oid("order_idx")} || '-' || line_no, {oid("order_idx")}, line_no,
      'SKU-' || lpad((sku_idx + 1)::VARCHAR, 4, '0'), qty, {money("unit_price")},
      {money("line_amount")}, weight_kg, service_hours, {money("custom_packaging_fee")}
    FROM _l
    """
    run(con, sql, _l=lines)


def load_shipments(con, shipments: pd.DataFrame) -> None:
    frame = shipments.copy()
    for col in ("ready_at", "erp_shipped_at", "outbound_scan_at", "pickup_at", "delivered_at"):
        frame[col] = ts(frame[col].to_numpy())
    sql = f"""
    INSERT INTO shipments
    SELECT 'SH' || lpad(ship_num::VARCHAR, 9, '0'), {oid("order_idx")},
      {_sql_list(list(CARRIERS))}[carrier_code + 1],
      {_sql_list(TRACKING_PREFIX)}[carrier_code + 1] || lpad(rnd::VARCHAR, 4, '0') || lpad(ship_num::VARCHAR, 9, '0'),
      warehouse, mode, lane, country, ready_at, erp_shipped_at, outbound_scan_at, pickup_at,
      delivered_at, units, weight_kg, {money("freight_cost")}, status
    FROM _sh
    """
    run(con, sql, _sh=frame)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _track AS SELECT o.order_idx, s.tracking_no "
        "FROM shipments s JOIN _ok o USING (order_id) "
        "QUALIFY row_number() OVER (PARTITION BY s.order_id ORDER BY s.erp_shipped_at DESC) = 1"
    )


def load_events(con, events: pd.DataFrame) -> None:
    ev = events.sort_values(["ship_idx", "event_time", "code"], kind="stable")
    frame = pd.DataFrame(
        {
            "event_num": np.arange(1, len(ev) + 1),
            "ship_num": ev["ship_idx"].to_numpy() + 1,
            "code": ev["code"].to_numpy(),
            "event_time": ts(ev["event_time"].to_numpy()),
            "is_api_error": ev["is_api_error"].to_numpy(),
        }
    )
    hubs = _sql_list(
        ["上海转运中心", "武汉转运中心", "广州转运中心", "郑州转运中心", "成都转运中心"]
    )
    sql = f"""
    INSERT INTO tracking_events
    SELECT 'EV' || lpad(e.event_num::VARCHAR, 10, '0'), s.shipment_id, s.carrier, s.tracking_no,
      e.event_time, {_sql_list(EVENT_CODES)}[e.code + 1], {_sql_list(EVENT_TEXT)}[e.code + 1],
      CASE
        WHEN e.code IN (0, 6, 7, 8) THEN s.warehouse
        WHEN e.code = 1 AND s.lane <> 'CN-CN' THEN s.lane || ' 国际干线'
        WHEN e.code = 1 THEN {hubs}[(e.event_num % 5) + 1]
        ELSE s.destination_city
      END,
      e.is_api_error
    FROM _ev e
    JOIN _shk s ON s.ship_num = e.ship_num
    """
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _shk AS SELECT CAST(substr(s.shipment_id, 3) AS INTEGER) "
        "AS ship_num, s.shipment_id, s.carrier, s.tracking_no, s.warehouse, s.lane, "
        "o.destination_city FROM shipments s JOIN orders o USING (order_id)"
    )
    run(con, sql, _ev=frame)
    con.execute("DROP TABLE _shk")


def load_orphan_events(con, count: int, start_date: str, days: int) -> None:
    """Courier pushes about tracking numbers we never issued (``shipment_id`` NULL)."""
    con.execute(
        f"""
    INSERT INTO tracking_events
    SELECT 'EVX' || lpad(i::VARCHAR, 9, '0'), NULL, ['SF', 'ZTO', 'YTO'][i % 3 + 1],
      ['SF', 'ZT', 'YT'][i % 3 + 1] || lpad(((i * 7919 + 104729) % 1000000000)::VARCHAR, 14, '0'),
      TIMESTAMP '{start_date}' + to_seconds((i * 7919 % {days}) * 86400 + (i * 104729) % 86400),
      'INVALID_NUMBER', '单号无效', NULL, true
    FROM range(1, {count + 1}) t(i)
    """
    )


def load_returns(con, returns: pd.DataFrame) -> None:
    frame = returns.drop(columns=["anomaly"]).copy()
    for col in ("requested_at", "received_at", "refunded_at"):
        frame[col] = ts(frame[col].to_numpy())
    sql = f"""
    INSERT INTO returns
    SELECT 'RT' || lpad(return_num::VARCHAR, 9, '0'), {oid("order_idx")},
      {oid("order_idx")} || '-' || line_no, 'SKU-' || lpad((sku_idx + 1)::VARCHAR, 4, '0'),
      qty, reason, requested_at, received_at, {money("refund_amount")}, refunded_at, return_status
    FROM _r
    """
    run(con, sql, _r=frame)


def load_bills(con, bills: pd.DataFrame) -> None:
    frame = pd.DataFrame(
        {
            "bill_num": np.arange(1, len(bills) + 1),
            "order_idx": bills["order_idx"].to_numpy(),
            "platform": bills["platform"].to_numpy(),
            "trade_time": ts(bills["trade"].to_numpy()),
            "settled_at": ts(bills["settled_at"].to_numpy()),
            "gross": bills["gross"].to_numpy(),
            "fee": bills["fee"].to_numpy(),
            "net": bills["net"].to_numpy(),
            "bill_type": np.where(bills["kind"].to_numpy() == 0, "payment", "refund"),
        }
    )
    sql = f"""
    INSERT INTO payment_bills
    SELECT 'PB' || lpad(b.bill_num::VARCHAR, 10, '0'), b.platform, k.channel_order_no,
      b.trade_time, b.settled_at, {money("b.gross")}, {money("b.fee")}, {money("b.net")}, b.bill_type
    FROM _b b JOIN _ok k ON k.order_idx = b.order_idx
    """
    run(con, sql, _b=frame)


SNAPSHOT_CHUNK_ORDERS = 250_000
"""Orders per snapshot insert: bounds the Python frame (~27 rows per order) at 1M orders."""


def load_snapshots(con, times: np.ndarray, slots: pd.DataFrame, bad_system: np.ndarray) -> None:
    """Insert the (slot, order) time matrix, a range of orders at a time, in primary-key order.

    Why order-major: ``snapshot_id`` is order number + slot, so rows fed order by order arrive
    sorted by the primary key and the index grows at its right edge (measured at 1M orders:
    26 s instead of 32 s for slot-by-slot chunks, and less memory). The per-order ids are joined
    once from ``_keys``; the slot attributes are list look-ups, not a join.
    """
    bad = pd.DataFrame(
        {"order_idx": np.flatnonzero(bad_system >= 0), "bad_system": bad_system[bad_system >= 0]}
    )
    run(
        con,
        "CREATE OR REPLACE TEMP TABLE _keys AS "
        "SELECT k.order_idx, k.order_id, k.channel_order_no, k.erp_order_no, tr.tracking_no, "
        "b.bad_system FROM _ok k LEFT JOIN _track tr USING (order_idx) "
        "LEFT JOIN _bad b USING (order_idx)",
        _bad=bad,
    )
    clerks = _sql_list(["zhang.wei", "li.na", "wang.fang", "liu.yang", "chen.jie"])

    def per_slot(col: str) -> str:
        return _sql_list([str(v) for v in slots[col]]) + "[s.slot + 1]"

    codes = "[" + ", ".join(str(int(v)) for v in slots["system_code"]) + "][s.slot + 1]"
    sql = f"""
    INSERT INTO status_snapshots
    WITH ids AS (
      SELECT s.order_idx, s.slot, s.observed_at, {per_slot("status")} AS status,
        {per_slot("system")} AS system, {codes} AS system_code,
        {per_slot("operator")} AS operator, {per_slot("source")} AS source, k.order_id,
        k.channel_order_no, k.erp_order_no, k.tracking_no, k.bad_system
      FROM _sn s JOIN _keys k ON k.order_idx = s.order_idx
    ), e AS (
      SELECT *, CASE system_code
          WHEN 0 THEN channel_order_no WHEN 4 THEN channel_order_no
          WHEN 3 THEN tracking_no ELSE erp_order_no
        END AS ext
      FROM ids
    )
    SELECT 'SS' || lpad((order_idx + 1)::VARCHAR, 9, '0') || lpad(slot::VARCHAR, 2, '0'),
      order_id, system, status, observed_at,
      CASE WHEN operator = '*' THEN {clerks}[(order_idx % 5) + 1] ELSE operator END,
      source,
      CASE WHEN bad_system IS DISTINCT FROM system_code THEN ext
        WHEN system_code = 1 THEN ext || '-1'
        WHEN system_code = 2 THEN replace(ext, 'SO', 'S0')
        ELSE left(ext, length(ext) - 1) || ((right(ext, 1)::INTEGER + 1) % 10)::VARCHAR
      END
    FROM e
    """
    for first in range(0, times.shape[1], SNAPSHOT_CHUNK_ORDERS):
        block = times[:, first : first + SNAPSHOT_CHUNK_ORDERS].T  # (order, slot)
        order_idx, slot_idx = np.nonzero(block != NAT)
        frame = pd.DataFrame(
            {
                "order_idx": (order_idx + first).astype(np.int32),
                "slot": slot_idx.astype(np.int16),
                "observed_at": ts(block[order_idx, slot_idx]),
            }
        )
        del order_idx, slot_idx
        run(con, sql, _sn=frame)
        del frame
    con.execute("DROP TABLE _keys")


def load_id_map(con, orders: pd.DataFrame, wms_seen: np.ndarray) -> None:
    """Every (system, external id) → order, from the correct ids (not the snapshots' typos)."""
    seen = pd.DataFrame(
        {
            "order_idx": np.arange(len(orders)),
            "created_at": ts(orders["created_at"].to_numpy()),
            "wms_seen": ts(wms_seen),
        }
    )
    per_system = [  # (system, id column of _ok, time column of _seen)
        ("crm", "channel_order_no", "created_at"),
        ("erp", "erp_order_no", "created_at"),
        ("platform", "channel_order_no", "created_at"),
        ("wms", "erp_order_no", "wms_seen"),
    ]
    # one insert per system, each sorted by external id: rows reach the (system, external_id)
    # key in order (measured at 1M orders: 6.9 s instead of 8.3 s for one UNION ALL insert)
    for system, id_col, time_col in per_system:
        run(
            con,
            f"INSERT INTO order_id_map SELECT '{system}', k.{id_col}, k.order_id, s.{time_col} "
            f"FROM _ok k JOIN _seen s USING (order_idx) WHERE s.{time_col} IS NOT NULL ORDER BY 2",
            _seen=seen,
        )
    con.execute(
        "INSERT INTO order_id_map SELECT 'courier', tracking_no, order_id, erp_shipped_at "
        "FROM shipments ORDER BY 2"
    )


def load_bank(con, bank: pd.DataFrame, items: pd.DataFrame, groups: pd.DataFrame) -> None:
    """Bank lines (memos of B2B transfers built from their items) and ``bank_truth``."""
    it = pd.DataFrame(
        {
            "grp": items["group"].to_numpy(),
            "seq": np.arange(len(items)),
            "order_idx": items["order_idx"].to_numpy(),
            "component": items["component"].to_numpy(),
            "amount": items["amount"].to_numpy(),
            "ref_kind": items["ref_kind"].to_numpy(),
            "variant": items["variant"].to_numpy(),
        }
    )
    g = groups[["group", "style", "blank_memo"]].rename(columns={"group": "grp"})
    fullwidth = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ－"
    memo_sql = f"""
    CREATE OR REPLACE TEMP TABLE _memo AS
    WITH it AS (
      SELECT i.grp, i.seq, i.component, i.variant,
        CASE WHEN i.ref_kind = 0 THEN k.channel_order_no ELSE k.erp_order_no END AS r
      FROM _it i JOIN _ok k ON k.order_idx = i.order_idx
    ), v AS (
      SELECT grp, seq, component, CASE variant
        WHEN 1 THEN translate(r, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-', '{fullwidth}')
        WHEN 2 THEN left(r, 4) || ' ' || substr(r, 5)
        WHEN 3 THEN lower(r)
        WHEN 4 THEN left(r, length(r) - 2)
                    || ((substr(r, length(r) - 1, 1)::INTEGER + 3) % 10)::VARCHAR || right(r, 1)
        ELSE r END AS ref
      FROM it
    )
    SELECT v.grp, CASE any_value(g.style)
        WHEN 0 THEN '附言:订单号' || string_agg(ref || ['货款', '运费', '服务费', ''][component + 1], '+' ORDER BY seq)
        WHEN 1 THEN string_agg(ref || ['货款', '运费', '服务费', '货款'][component + 1], ', ' ORDER BY seq)
        WHEN 2 THEN '货款 ' || string_agg(ref, ' ' ORDER BY seq)
        ELSE any_value(g.blank_memo) END AS memo
    FROM v JOIN _g g ON g.grp = v.grp
    GROUP BY v.grp
    """
    run(con, memo_sql, _it=it, _g=g)
    frame = bank.copy()
    frame["booked_at"] = ts(frame["booked_at"].to_numpy())
    sql = f"""
    INSERT INTO bank_transactions
    SELECT 'BT' || lpad(b.txn_num::VARCHAR, 9, '0'), b.account_no, b.booked_at, b.booked_at::DATE,
      {money("b.amount")}, 'CNY', b.counterparty, b.counterparty_account,
      CASE WHEN b.grp >= 0 THEN nullif(m.memo, '') ELSE nullif(b.memo, '') END,
      'BR' || strftime(b.booked_at, '%Y%m%d') || lpad(b.txn_num::VARCHAR, 9, '0'),
      CASE WHEN b.account_no LIKE '6222%' THEN 'icbc_' || strftime(b.booked_at, '%Y%m') || '.sta'
           ELSE 'ccb_' || strftime(b.booked_at, '%Y%m') || '.csv' END
    FROM _bank b LEFT JOIN _memo m ON m.grp = b.grp
    """
    run(con, sql, _bank=frame)
    truth = f"""
    INSERT INTO bank_truth
    SELECT 'BT' || lpad(b.txn_num::VARCHAR, 9, '0'), {oid("i.order_idx")},
      ['goods', 'freight', 'service', 'full'][i.component + 1], {money("i.amount")}
    FROM _it i JOIN _bank b ON b.grp = i.grp AND b.kind = 'b2b'
    """
    run(con, truth, _it=it, _bank=bank[["grp", "kind", "txn_num"]])


def load_simple(con, table: str, frame: pd.DataFrame) -> None:
    """Insert a frame whose columns already are the table's columns, in order."""
    run(con, f"INSERT INTO {table} SELECT * FROM _f", _f=frame)
