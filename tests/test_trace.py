"""Status trace: id resolution, timelines with red lags, the answer card and the HTML report.

The hand-made warehouse is small and explicit; the demo warehouse tests check every id type a
user can quote resolves to its order.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from connectors.warehouse import connect, ensure_schema
from lab.trace import (
    STAGES,
    TraceError,
    build_timeline,
    card_for_question,
    find_order_reference,
    render_card_html,
    resolve_references,
    sample_orders,
    timeline_for,
    trace_card,
    write_comparison_report,
)


def ts(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"2026-02-{text}")


SNAPS = [
    # (id, order, system, stage, when, operator, source, external id)
    ("S1", "OL000000001", "platform", "created", "10 09:00", "system", "api", "JD20260210001"),
    ("S2", "OL000000001", "erp", "created", "10 09:04", "sync", "batch", "SO2602100001"),
    ("S3", "OL000000001", "crm", "created", "10 09:30", "sync", "batch", "JD20260210001"),
    ("S4", "OL000000001", "platform", "paid", "10 09:01", "system", "api", "JD20260210001"),
    ("S5", "OL000000001", "erp", "paid", "10 09:06", "sync", "batch", "SO2602100001"),
    ("S6", "OL000000001", "wms", "picking", "10 14:00", "wms-scan", "scan", "SO2602100001"),
    ("S7", "OL000000001", "wms", "outbound", "10 16:00", "wms-scan", "scan", "SO2602100001"),
    ("S8", "OL000000001", "erp", "outbound", "10 16:05", "zhang.wei", "manual", "SO2602100001"),
    ("S9", "OL000000001", "courier", "picked_up", "10 19:00", "SF", "webhook", "SF1234567890"),
    ("S10", "OL000000001", "erp", "picked_up", "10 19:40", "sync", "batch", "SO2602100001"),
    ("S11", "OL000000001", "courier", "in_transit", "11 02:00", "SF", "webhook", "SF1234567890"),
    # a lagging system's late record of an earlier stage does not move the order back
    ("S12", "OL000000001", "erp", "paid", "11 03:00", "sync", "batch", "SO2602100001"),
    (
        "S20",
        "OL000000002",
        "platform",
        "created",
        "10 10:00",
        "system",
        "api",
        "1234567890123456789",
    ),
    ("S21", "OL000000002", "erp", "created", "10 10:02", "sync", "batch", "SO2602100002"),
    ("S22", "OL000000002", "erp", "cancelled", "10 12:00", "li.na", "manual", "SO2602100002"),
]
COLUMNS = [
    "snapshot_id",
    "order_id",
    "system",
    "status",
    "observed_at",
    "operator",
    "source",
    "external_id",
]
ORDERS = [
    {"order_id": "OL000000001", "channel": "jd", "channel_order_no": "JD20260210001",
     "erp_order_no": "SO2602100001", "order_status": "shipped", "payment_status": "paid",
     "created_at": ts("10 09:00"), "promised_delivery_date": dt.date(2026, 2, 14)},
    {"order_id": "OL000000002", "channel": "taobao", "channel_order_no": "1234567890123456789",
     "erp_order_no": "SO2602100002", "order_status": "cancelled", "payment_status": "unpaid",
     "created_at": ts("10 10:00"), "promised_delivery_date": dt.date(2026, 2, 15)},
]  # fmt: skip
ID_MAP = [
    ("platform", "JD20260210001", "OL000000001"), ("erp", "SO2602100001", "OL000000001"),
    ("wms", "SO2602100001", "OL000000001"), ("courier", "SF1234567890", "OL000000001"),
    ("crm", "JD20260210001", "OL000000001"), ("platform", "1234567890123456789", "OL000000002"),
    ("erp", "SO2602100002", "OL000000002"),
]  # fmt: skip
SHIPMENTS = [
    {"shipment_id": "SH1", "order_id": "OL000000001", "carrier": "SF", "tracking_no": "SF1234567890",
     "erp_shipped_at": ts("10 16:05"), "outbound_scan_at": ts("10 16:00"), "pickup_at": ts("10 19:00"),
     "shipment_status": "in_transit"},
]  # fmt: skip
EVENTS = [
    {"event_id": "E1", "shipment_id": "SH1", "carrier": "SF", "tracking_no": "SF1234567890",
     "event_time": ts("11 02:00"), "status_code": "IN_TRANSIT", "status_text": "运输中",
     "location": "上海转运中心", "is_api_error": False},
]  # fmt: skip


def _insert(con, table: str, frame: pd.DataFrame) -> None:
    con.register("_rows", frame)
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")
    con.unregister("_rows")


@pytest.fixture(scope="module")
def con():
    con = connect(":memory:")
    ensure_schema(con)
    snaps = pd.DataFrame(SNAPS, columns=COLUMNS)
    snaps["observed_at"] = snaps["observed_at"].map(ts)
    _insert(con, "status_snapshots", snaps)
    _insert(con, "orders", pd.DataFrame(ORDERS))
    _insert(
        con, "order_id_map", pd.DataFrame(ID_MAP, columns=["system", "external_id", "order_id"])
    )
    _insert(con, "shipments", pd.DataFrame(SHIPMENTS))
    _insert(con, "tracking_events", pd.DataFrame(EVENTS))
    yield con
    con.close()


@pytest.mark.parametrize(
    ("reference", "order_id", "system"),
    [
        ("JD20260210001", "OL000000001", "platform"),
        ("jd 2026 0210 001", "OL000000001", "platform"),
        ("ＪＤ２０２６０２１０００１", "OL000000001", "platform"),
        ("SO2602100001", "OL000000001", "erp"),
        ("SF1234567890", "OL000000001", "courier"),
        ("OL000000002", "OL000000002", "order_id"),
        ("1234567890123456789", "OL000000002", "platform"),
        ("JD20260210999", None, None),
    ],
)
def test_any_id_resolves_to_the_global_order(con, reference, order_id, system):
    row = resolve_references(con, [reference]).iloc[0]
    assert row["order_id"] == order_id
    assert row["matched_system"] == system


def test_timeline_marks_lags_over_15_minutes_red(con):
    tl = timeline_for(con, ["OL000000001"]).set_index(["stage", "system"])
    assert tl.loc[("created", "crm"), "lag_minutes"] == 30.0
    assert bool(tl.loc[("created", "crm"), "red"]) is True
    assert bool(tl.loc[("created", "erp"), "red"]) is False
    assert bool(tl.loc[("picked_up", "erp"), "red"]) is True  # 40 minutes behind the courier
    assert tl.loc[("paid", "erp"), "records"] == 2  # first record counts, the repeat is counted
    assert tl.loc[("paid", "erp"), "lag_minutes"] == 5.0
    assert set(tl.reset_index()["stage_zh"]) >= {"下单", "付款", "备货", "出库", "揽收", "运输"}
    looser = timeline_for(con, ["OL000000001"], red_minutes=45)
    assert not looser["red"].any()


def test_timeline_is_in_journey_order(con):
    tl = timeline_for(con, ["OL000000001"])
    ranks = [STAGES.index(s) for s in tl["stage"]]
    assert ranks == sorted(ranks)


def test_card_where_is_my_order(con):
    card = trace_card(con, "SF1234567890")
    assert card["order_id"] == "OL000000001"
    assert card["matched_system"] == "courier"
    assert card["current_stage"] == "in_transit" and card["current_stage_zh"] == "运输"
    assert card["red_count"] == 2
    assert [s["stage"] for s in card["stages"]] == list(STAGES)
    assert [s["reached"] for s in card["stages"]] == [True] * 6 + [False] * 2
    assert "上海转运中心" in card["headline_zh"] and "in transit" in card["headline_en"]
    json.dumps(card, ensure_ascii=False)  # the Ask page sends it as JSON
    cancelled = trace_card(con, "1234567890123456789")
    assert cancelled["current_stage"] == "cancelled"
    assert trace_card(con, "JD20990101001") is None
    assert trace_card(con, "  ") is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("where is order JD20260210001?", "JD20260210001"),
        ("订单JD20260210001到哪了", "JD20260210001"),
        ("订单ｊｄ２０２６０２１０００１到哪了", "JD20260210001"),
        ("SF1234567890 still not delivered since 20260210", "SF1234567890"),
        ("how many orders in 2026?", None),
        ("where is JD20990101001?", None),  # looks like an id, but nothing knows it
    ],
)
def test_find_order_reference(con, question, expected):
    assert find_order_reference(question, con) == expected


def test_card_for_question(con):
    assert card_for_question(con, "订单SO2602100001到哪了")["order_id"] == "OL000000001"
    assert card_for_question(con, "what was GMV last month") is None


def test_card_html_is_self_contained_and_marks_red(con):
    html = render_card_html(trace_card(con, "JD20260210001"))
    assert html.count('class="ol-red"') == 2
    assert "http" not in html and "<script" not in html
    assert "揽收" in html and "zhang.wei" in html
    zh = render_card_html(trace_card(con, "JD20260210001"), lang="zh")
    assert "当前状态" in zh


def test_comparison_report(con, tmp_path):
    out = tmp_path / "trace.html"
    info = write_comparison_report(con, ["JD20260210001", "OL000000002", "nope123456"], out)
    assert info == {"path": str(out), "orders": 2, "missing": ["nope123456"], "red_orders": 1}
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "http" not in html.lower().replace(
        "<!doctype html>", ""
    )
    assert html.index("OL000000001") < html.index("OL000000002")  # worst first
    with pytest.raises(TraceError, match="none of the references"):
        write_comparison_report(con, ["nothing"], tmp_path / "x.html")


def test_sample_is_deterministic(con):
    assert sample_orders(con, 1, seed=3) == sample_orders(con, 1, seed=3)
    assert sorted(sample_orders(con, 5)) == ["OL000000001", "OL000000002"]


def test_empty_timeline():
    assert build_timeline(pd.DataFrame()).empty


ID_TYPES = [
    ("platform", "SELECT external_id, order_id FROM order_id_map WHERE system = 'platform' AND external_id LIKE 'JD%' ORDER BY external_id LIMIT 1"),
    ("platform", "SELECT external_id, order_id FROM order_id_map WHERE system = 'platform' AND regexp_matches(external_id, '^[0-9]{18,19}$') ORDER BY external_id LIMIT 1"),
    ("platform", "SELECT external_id, order_id FROM order_id_map WHERE system = 'platform' AND external_id LIKE 'WX%' ORDER BY external_id LIMIT 1"),
    ("erp", "SELECT external_id, order_id FROM order_id_map WHERE system = 'erp' ORDER BY external_id LIMIT 1"),
    ("courier", "SELECT external_id, order_id FROM order_id_map WHERE system = 'courier' ORDER BY external_id LIMIT 1"),
    ("order_id", "SELECT order_id, order_id FROM orders ORDER BY order_id LIMIT 1"),
]  # fmt: skip


@pytest.mark.parametrize(("system", "sql"), ID_TYPES)
def test_demo_card_resolves_every_id_type(demo_con, system, sql):
    reference, order_id = demo_con.execute(sql).fetchall()[0]
    card = trace_card(demo_con, reference)
    assert card is not None and card["order_id"] == order_id
    assert card["matched_system"] == system
    assert card["stages"][0]["stage"] == "created"
    assert card["current_stage"] is not None
    question = f"订单{reference}到哪了"
    assert find_order_reference(question, demo_con) == reference.upper()
    html = render_card_html(card)
    assert card["order_id"] in html


def test_demo_disagreement_orders_are_red(demo_con):
    ids = [r[0] for r in demo_con.execute(
        "SELECT entity_id FROM anomaly_labels WHERE anomaly_type = 'status_disagreement' ORDER BY 1 LIMIT 5"
    ).fetchall()]  # fmt: skip
    cards = [trace_card(demo_con, i) for i in ids]
    assert ids and all(c["red_count"] >= 1 for c in cards)
    normal = sample_orders(demo_con, 30, seed=1)
    labelled = {r[0] for r in demo_con.execute("SELECT entity_id FROM anomaly_labels").fetchall()}
    clean = [o for o in normal if o not in labelled]
    tl = timeline_for(demo_con, clean)
    assert not tl["red"].any()  # normal sync delay is at most 12 minutes
