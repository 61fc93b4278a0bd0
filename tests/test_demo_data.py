"""The demo warehouse matches the schema, is referentially sound and adds up to the cent."""

from __future__ import annotations

import re

import pytest

from connectors.schema import SOURCE_TABLES, TABLES


def _one(con, sql: str):
    return con.execute(sql).fetchone()[0]


def test_every_source_table_has_rows(demo_con):
    for table in SOURCE_TABLES:
        assert _one(demo_con, f"SELECT count(*) FROM {table}") > 0, table
    assert _one(demo_con, "SELECT count(*) FROM orders") == 3000


def test_column_names_and_types_match_schema(demo_con):
    rows = demo_con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "ORDER BY table_name, ordinal_position"
    ).fetchall()
    actual: dict[str, list[tuple[str, str]]] = {}
    for table, column, dtype in rows:
        actual.setdefault(table, []).append((column, dtype))
    for name, table in TABLES.items():
        expected = [(c.name, c.type) for c in table.columns]
        assert actual[name] == expected, name


@pytest.mark.parametrize(
    ("child", "column", "parent", "key"),
    [
        ("order_lines", "order_id", "orders", "order_id"),
        ("order_lines", "sku", "skus", "sku"),
        ("orders", "customer_id", "customers", "customer_id"),
        ("shipments", "order_id", "orders", "order_id"),
        ("tracking_events", "shipment_id", "shipments", "shipment_id"),
        ("returns", "line_id", "order_lines", "line_id"),
        ("returns", "order_id", "orders", "order_id"),
        ("returns", "sku", "skus", "sku"),
        ("status_snapshots", "order_id", "orders", "order_id"),
        ("order_id_map", "order_id", "orders", "order_id"),
        ("bank_truth", "order_id", "orders", "order_id"),
        ("bank_truth", "txn_id", "bank_transactions", "txn_id"),
        ("payment_bills", "channel_order_no", "orders", "channel_order_no"),
        ("warehouse_stock", "sku", "skus", "sku"),
        ("service_interactions", "customer_id", "customers", "customer_id"),
        ("service_interactions", "order_id", "orders", "order_id"),
    ],
)
def test_foreign_keys_resolve(demo_con, child, column, parent, key):
    orphans = _one(
        demo_con,
        f"SELECT count(*) FROM {child} c WHERE c.{column} IS NOT NULL "
        f"AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.{key} = c.{column})",
    )
    assert orphans == 0


def test_returns_point_at_a_line_of_their_order_and_sku(demo_con):
    bad = _one(
        demo_con,
        "SELECT count(*) FROM returns r JOIN order_lines l USING (line_id) "
        "WHERE l.order_id <> r.order_id OR l.sku <> r.sku OR r.qty > l.qty OR r.qty < 1",
    )
    assert bad == 0


def test_anomaly_label_ids_exist(demo_con):
    for entity, table, key in [
        ("order", "orders", "order_id"),
        ("return", "returns", "return_id"),
        ("bank_transaction", "bank_transactions", "txn_id"),
    ]:
        missing = _one(
            demo_con,
            f"SELECT count(*) FROM anomaly_labels a WHERE entity = '{entity}' "
            f"AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.{key} = a.entity_id)",
        )
        assert missing == 0, entity
    entities = {
        r[0] for r in demo_con.execute("SELECT DISTINCT entity FROM anomaly_labels").fetchall()
    }
    assert entities == {"order", "return", "bank_transaction"}


def test_order_amounts_add_up(demo_con):
    bad_goods = _one(
        demo_con,
        "SELECT count(*) FROM orders o JOIN (SELECT order_id, sum(line_amount) s "
        "FROM order_lines GROUP BY 1) l USING (order_id) WHERE o.goods_amount <> l.s",
    )
    bad_paid = _one(
        demo_con,
        "SELECT count(*) FROM orders "
        "WHERE paid_amount <> goods_amount + shipping_fee - discount_amount OR discount_amount < 0",
    )
    bad_lines = _one(
        demo_con, "SELECT count(*) FROM order_lines WHERE line_amount <> qty * unit_price"
    )
    assert (bad_goods, bad_paid, bad_lines) == (0, 0, 0)


def test_bills_and_settlements_add_up(demo_con):
    assert (
        _one(
            demo_con,
            "SELECT count(*) FROM payment_bills WHERE net_amount <> gross_amount - fee_amount",
        )
        == 0
    )
    # each settlement lump equals the net of that platform's settled bills of the memo's day
    mismatched = _one(
        demo_con,
        """
        WITH lumps AS (
          SELECT CASE WHEN memo LIKE '支付宝%' THEN 'alipay' WHEN memo LIKE '财付通%' THEN 'wechat'
                      WHEN memo LIKE '京东%' THEN 'jd' ELSE 'tmall' END AS platform,
                 CAST(regexp_extract(memo, '\\d{4}-\\d{2}-\\d{2}') AS DATE) AS day, amount
          FROM bank_transactions WHERE memo LIKE '%结算%'
        ), bills AS (
          SELECT platform, trade_time::DATE AS day, sum(net_amount) AS net FROM payment_bills
          WHERE settled_at IS NOT NULL GROUP BY ALL
        )
        SELECT count(*) FROM lumps l FULL JOIN bills b USING (platform, day)
        WHERE l.amount IS DISTINCT FROM b.net
        """,
    )
    assert mismatched == 0
    # retail payment bills of an order sum to what the customer paid (deposit + balance)
    bad = _one(
        demo_con,
        """
        SELECT count(*) FROM orders o JOIN (
          SELECT channel_order_no, sum(gross_amount) g FROM payment_bills
          WHERE bill_type = 'payment' GROUP BY 1) b USING (channel_order_no)
        WHERE b.g <> CASE WHEN o.paid_at IS NOT NULL THEN o.paid_amount ELSE o.deposit_amount END
        """,
    )
    assert bad == 0


def test_bank_truth_splits_each_line_exactly(demo_con):
    bad = _one(
        demo_con,
        "SELECT count(*) FROM bank_transactions b JOIN (SELECT txn_id, sum(amount) s "
        "FROM bank_truth GROUP BY 1) t USING (txn_id) WHERE b.amount <> t.s",
    )
    assert bad == 0
    # B2B orders that are paid received exactly their paid amount (goods + freight or full),
    # except the wrong-freight-template anomalies
    off = _one(
        demo_con,
        """
        SELECT count(*) FROM orders o JOIN customers c USING (customer_id)
        JOIN (SELECT order_id, sum(amount) s FROM bank_truth WHERE component <> 'service'
              GROUP BY 1) t USING (order_id)
        WHERE c.is_b2b AND o.paid_at IS NOT NULL AND t.s <> o.paid_amount
          AND o.order_id NOT IN (SELECT entity_id FROM anomaly_labels
                                 WHERE anomaly_type = 'allocation_mismatch')
        """,
    )
    assert off == 0
    components = {
        r[0] for r in demo_con.execute("SELECT DISTINCT component FROM bank_truth").fetchall()
    }
    assert components == {"goods", "freight", "service", "full"}


def test_order_number_formats(demo_con):
    patterns = {
        "jd": r"JD20\d{6}\d{3,5}",
        "taobao": r"\d{18}",
        "tmall": r"\d{19}",
        "miniprogram": r"WX20\d{6}\d{6}",
        "pos": r"POS-[A-Z]{2}\d{2}-\d{6}-\d{4}",
    }
    for channel, no, erp, oid in demo_con.execute(
        "SELECT channel, channel_order_no, erp_order_no, order_id FROM orders"
    ).fetchall():
        assert re.fullmatch(patterns[channel], no), (channel, no)
        assert re.fullmatch(r"SO\d{11}", erp), erp
        assert re.fullmatch(r"OL\d{9}", oid), oid
    assert _one(demo_con, "SELECT count(DISTINCT channel_order_no) = count(*) FROM orders")


def test_memos_reference_orders_like_the_bank_does(demo_con):
    memos = [
        r[0]
        for r in demo_con.execute(
            "SELECT memo FROM bank_transactions WHERE memo IS NOT NULL"
        ).fetchall()
    ]
    assert any(m.startswith("附言:订单号") for m in memos)
    assert any(re.search(r"[０-９]{6}", m) for m in memos)  # full-width digits
    assert any(m.startswith("货款 SO") for m in memos)
    assert any("运费" in m and "货款" in m for m in memos)


def test_status_values_and_lifecycle(demo_con):
    pay = {r[0] for r in demo_con.execute("SELECT DISTINCT payment_status FROM orders").fetchall()}
    assert pay == {"unpaid", "partial_paid", "paid", "refunded", "partially_refunded"}
    status = {r[0] for r in demo_con.execute("SELECT DISTINCT order_status FROM orders").fetchall()}
    assert status == {
        "pending_payment",
        "awaiting_shipment",
        "shipped",
        "delivered",
        "completed",
        "cancelled",
    }
    # shipments never claim events after the warehouse's as-of instant, and are in time order
    assert (
        _one(
            demo_con,
            "SELECT count(*) FROM shipments WHERE outbound_scan_at > pickup_at OR pickup_at > delivered_at "
            "OR ready_at > erp_shipped_at OR erp_shipped_at >= DATE '2026-11-21'",
        )
        == 0
    )
    # normal returns: goods back before the refund
    assert (
        _one(
            demo_con,
            "SELECT count(*) FROM returns WHERE received_at IS NOT NULL AND refunded_at < received_at",
        )
        == 0
    )


def test_pending_export_orders_for_the_planner(demo_con):
    n, earliest, latest = demo_con.execute(
        "SELECT count(*), min(promised_delivery_date), max(promised_delivery_date) FROM orders "
        "WHERE order_status = 'awaiting_shipment' AND destination_country <> 'CN'"
    ).fetchone()
    assert n >= 20
    assert str(earliest) >= "2026-11-27" and str(latest) <= "2027-01-15"
    modes = {
        r[0]
        for r in demo_con.execute(
            "SELECT DISTINCT shipping_mode FROM orders WHERE destination_country <> 'CN'"
        ).fetchall()
    }
    assert modes == {"air", "rail", "sea"}


def test_realistic_shape(demo_con):
    # promotions lift volume: 双11 days busier than an average day
    ratio = _one(
        demo_con,
        "SELECT (count(*) FILTER (WHERE promotion = '双11') / 22.0) / (count(*) / 730.0) FROM orders",
    )
    assert ratio > 1.5
    # repeat customers exist and counts are skewed
    top, repeaters = demo_con.execute(
        "SELECT max(n), count(*) FILTER (WHERE n > 1) FROM "
        "(SELECT customer_id, count(*) n FROM orders GROUP BY 1)"
    ).fetchone()
    assert top >= 10 and repeaters > 100
    # some SKUs return far more than others (> 15%)
    high = _one(
        demo_con,
        "SELECT count(*) FROM (SELECT l.sku, count(r.return_id) / count(*) AS rate "
        "FROM order_lines l LEFT JOIN returns r USING (line_id) GROUP BY 1 "
        "HAVING count(*) >= 20 AND rate > 0.15)",
    )
    assert high >= 1
    # export share around 15%, B2B customers around 8%
    export = _one(demo_con, "SELECT avg((destination_country <> 'CN')::INT) FROM orders")
    assert 0.08 < export < 0.25
    # freight index: mid-week cheaper than weekends on the same lanes
    mid, weekend = demo_con.execute(
        "SELECT avg(price_per_unit) FILTER (WHERE dayofweek(index_date) IN (2, 3)), "
        "avg(price_per_unit) FILTER (WHERE dayofweek(index_date) IN (0, 6)) FROM freight_index"
    ).fetchone()
    assert mid < weekend


def test_orphan_courier_pushes_have_no_shipment(demo_con):
    orphans = demo_con.execute(
        "SELECT count(*), bool_and(status_code = 'INVALID_NUMBER' AND is_api_error) "
        "FROM tracking_events WHERE shipment_id IS NULL"
    ).fetchone()
    assert orphans[0] >= 3 and orphans[1]
    clash = demo_con.execute(
        "SELECT count(*) FROM tracking_events e JOIN shipments s USING (tracking_no) "
        "WHERE e.shipment_id IS NULL"
    ).fetchone()[0]
    assert clash == 0


def test_headline_question_finds_bad_skus(demo_db, demo_con):
    """The product's headline question has answers on the demo: bad SKUs' buyers churn."""
    import nl2sql

    answer = nl2sql.ask("找出最近30天退货率>15%且复购率<5%的SKU", db=demo_db, today="2026-11-20")
    assert answer.error is None and not answer.refused
    assert len(answer.df) >= 1
    skus = answer.df["sku"].tolist()
    # hand-written: the sales cohort of 2026-10-22 .. 2026-11-20 (last 30 days including today):
    # units of its lines later returned (rejected requests excluded) / units sold, and the
    # 30-day repurchase of its buyers
    rows = demo_con.execute(
        """
        WITH f AS (SELECT order_id, customer_id, created_at,
                          COALESCE(LEAD(created_at) OVER (PARTITION BY customer_id
                                   ORDER BY created_at, order_id)
                                   <= created_at + INTERVAL 30 DAY, FALSE) AS again
                   FROM orders),
             x AS (SELECT line_id, SUM(qty) AS q FROM returns WHERE return_status <> 'rejected'
                   GROUP BY 1),
             s AS (SELECT l.sku, SUM(l.qty) AS sold, SUM(LEAST(COALESCE(x.q, 0), l.qty)) AS ret,
                          COUNT(DISTINCT f.customer_id) FILTER (WHERE f.again) AS rb,
                          COUNT(DISTINCT f.customer_id) AS b
                   FROM order_lines l JOIN f USING (order_id) LEFT JOIN x USING (line_id)
                   WHERE f.created_at >= DATE '2026-10-22' AND f.created_at < DATE '2026-11-21'
                   GROUP BY 1)
        SELECT s.sku, s.ret / s.sold, s.rb / s.b FROM s
        WHERE s.sku IN (SELECT unnest(?::VARCHAR[]))
        """,
        [skus],
    ).fetchall()
    truth = {sku: (rr, rp) for sku, rr, rp in rows}
    assert set(truth) == set(skus)
    for row in answer.df.itertuples(index=False):
        rr, rp = truth[row.sku]
        assert rr > 0.15 and rp < 0.05, row.sku
        assert row.return_rate == pytest.approx(rr) and row.repurchase_rate == pytest.approx(rp)
    # not a small-sample fluke: over the whole history a bad SKU with 100+ buyers has high
    # returns (> 10% of its units, the shop average is about 3%) and not one buyer who ordered
    # again within 30 days of buying it
    churned = demo_con.execute(
        """
        WITH f AS (SELECT order_id, customer_id,
                          COALESCE(LEAD(created_at) OVER (PARTITION BY customer_id
                                   ORDER BY created_at, order_id)
                                   <= created_at + INTERVAL 30 DAY, FALSE) AS again
                   FROM orders),
             s AS (SELECT l.sku, SUM(l.qty) AS sold, COUNT(DISTINCT f.customer_id) AS b,
                          COUNT(DISTINCT f.customer_id) FILTER (WHERE f.again) AS rb
                   FROM order_lines l JOIN f USING (order_id) GROUP BY 1),
             r AS (SELECT sku, SUM(qty) AS ret FROM returns GROUP BY 1)
        SELECT count(*) FROM s JOIN r USING (sku) WHERE s.b >= 100 AND r.ret / s.sold > 0.10
                                                    AND s.rb = 0
        """
    ).fetchone()[0]
    assert churned >= 1
