"""Hand-built ground truth for the cases issue 14 names: till sales are not overdue deliveries,
the default as-of judges orders due that day, replays use the statuses of their day, and the
15-minute disagreement threshold is exact to the second.

Independent of the demo generator: every warehouse here is a handful of rows written below.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from connectors.warehouse import connect, ensure_schema
from lab.health import default_as_of, run_checks


def ts(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"2026-{text}")


def _order(order_id: str, **kw) -> dict:
    n = order_id[-4:]
    return {"order_id": order_id, "channel": "jd", "channel_order_no": f"JD{n}",
            "erp_order_no": f"SO{n}", "customer_id": "C1", "created_at": ts("11-01 09:00"),
            "paid_at": ts("11-01 09:05"), "payment_status": "paid", "order_status": "completed",
            "is_presale": False, "deposit_amount": 0, "promised_delivery_date": dt.date(2026, 11, 5),
            "paid_amount": 100} | kw  # fmt: skip


def _snap(sid: str, oid: str, system: str, status: str, when: str) -> dict:
    n = oid[-4:]
    ext = {"erp": f"SO{n}", "wms": f"SO{n}", "courier": f"SF{n}"}.get(system, f"JD{n}")
    return {"snapshot_id": sid, "order_id": oid, "system": system, "status": status,
            "observed_at": ts(when), "operator": "system", "source": "api", "external_id": ext}  # fmt: skip


def _ship(oid: str, shipped: str, scan: str | None, pickup: str | None, delivered: str | None):
    n = oid[-4:]
    return {"shipment_id": f"SH{n}", "order_id": oid, "carrier": "SF", "tracking_no": f"SF{n}",
            "erp_shipped_at": ts(shipped), "outbound_scan_at": ts(scan) if scan else None,
            "pickup_at": ts(pickup) if pickup else None,
            "delivered_at": ts(delivered) if delivered else None}  # fmt: skip


ORDERS = [
    # a POS till sale: completed at the counter, never shipped, "promise" long passed
    _order("OL000000101", channel="pos", channel_order_no="POS-0101"),
    # online, due on 11-20 (the last loaded day), not delivered yet
    _order("OL000000102", order_status="shipped", promised_delivery_date=dt.date(2026, 11, 20)),
    # never paid, promise passed: nothing to deliver
    _order("OL000000103", paid_at=None, payment_status="unpaid", order_status="pending_payment"),
    # delivered today (11-14), but on 11-12 it was shipped and not picked up for two days
    _order("OL000000104", order_status="delivered", promised_delivery_date=dt.date(2026, 11, 16)),
    # pre-sale deposit, balance never paid, auto-cancelled on 11-12 (late): today cancelled
    _order("OL000000105", paid_at=None, payment_status="partial_paid", order_status="cancelled",
           is_presale=True, deposit_amount=30, promised_delivery_date=None),
    # systems 14:59 apart on 'created' (agree), and 15:01 apart (disagree)
    _order("OL000000106", promised_delivery_date=None),
    _order("OL000000107", promised_delivery_date=None),
]  # fmt: skip

SHIPMENTS = [
    _ship("OL000000102", "11-17 10:00", "11-17 10:02", "11-17 15:00", None),
    _ship("OL000000104", "11-10 10:00", None, "11-12 18:00", "11-14 12:00"),
]

SNAPSHOTS = [
    _snap("S1", "OL000000102", "erp", "picked_up", "11-17 15:03"),
    _snap("S2", "OL000000104", "erp", "outbound", "11-10 10:00"),
    _snap("S3", "OL000000104", "erp", "picked_up", "11-12 18:05"),
    _snap("S4", "OL000000104", "erp", "delivered", "11-14 12:05"),
    _snap("S5", "OL000000105", "erp", "created", "11-01 09:00"),
    _snap("S6", "OL000000105", "erp", "cancelled", "11-12 02:00"),
    _snap("S7", "OL000000106", "platform", "created", "11-01 09:00:00"),
    _snap("S8", "OL000000106", "erp", "created", "11-01 09:14:59"),
    _snap("S9", "OL000000107", "platform", "created", "11-01 09:00:00"),
    _snap("S10", "OL000000107", "erp", "created", "11-01 09:15:01"),
    _snap("S11", "OL000000101", "platform", "created", "11-20 23:59:00"),  # the last record
]
ID_MAP = [
    {"system": system, "external_id": ext, "order_id": oid}
    for system, ext, oid in sorted(
        {(s["system"], s["external_id"], s["order_id"]) for s in SNAPSHOTS}
    )
]


def _insert(con, table: str, rows: list[dict]) -> None:
    con.register("_rows", pd.DataFrame(rows))
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")
    con.unregister("_rows")


@pytest.fixture(scope="module")
def con():
    c = connect(":memory:")
    ensure_schema(c)
    for table, rows in (("orders", ORDERS), ("shipments", SHIPMENTS),
                        ("status_snapshots", SNAPSHOTS), ("order_id_map", ID_MAP)):  # fmt: skip
        _insert(c, table, rows)
    yield c
    c.close()


def _found(con, check: str, **kw) -> set[str]:
    return set(run_checks(con, checks=[check], **kw)["entity_id"])


def test_default_as_of_is_the_end_of_the_last_loaded_day(con):
    assert default_as_of(con) == dt.datetime(2026, 11, 21)


def test_overdue_skips_till_sales_and_unpaid_orders_and_judges_orders_due_that_day(con):
    assert _found(con, "overdue_delivery") == {"OL000000102"}  # due 11-20, the day is over
    # in the middle of the due day the promise can still be kept
    assert _found(con, "overdue_delivery", as_of="2026-11-20 15:00") == set()


def test_replay_uses_the_order_status_of_its_day(con):
    # on 11-12 at noon the order was shipped (ERP outbound 11-10) and not picked up for 26 h
    assert _found(con, "shipped_not_picked_up", as_of="2026-11-11 12:00") == {"OL000000104"}
    assert _found(con, "shipped_not_picked_up", as_of="2026-11-20") == set()  # delivered now


def test_replay_sees_a_pre_sale_before_its_late_cancellation(con):
    assert _found(con, "autocancel_missed_partial_paid", as_of="2026-11-10") == {"OL000000105"}
    assert _found(con, "autocancel_missed_partial_paid") == set()  # cancelled on 11-12


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(15, {"OL000000107"}), (13, {"OL000000106", "OL000000107"}), (17, set())],
)
def test_disagreement_threshold_is_exact_to_the_second(con, minutes, expected):
    found = _found(con, "status_disagreement", thresholds={"status_disagreement.minutes": minutes})
    assert found == expected


# ---- the detection KPI: flagged by the system before any person reported it --------------------

DETECTION_ORDERS = [
    _order("OL000000201", order_status="shipped", promised_delivery_date=dt.date(2026, 11, 10)),
    _order("OL000000202", order_status="shipped", promised_delivery_date=dt.date(2026, 11, 10)),
    _order("OL000000203", promised_delivery_date=dt.date(2026, 11, 10)),
    _order("OL000000204", promised_delivery_date=dt.date(2026, 11, 10)),
    _order("OL000000205", promised_delivery_date=dt.date(2026, 11, 10)),
    _order("OL000000206", promised_delivery_date=dt.date(2026, 11, 10)),
]


def _contact(iid: str, oid: str, intent: str, when: str) -> dict:
    return {"interaction_id": iid, "customer_id": "C1", "order_id": oid, "created_at": ts(when),
            "contact_channel": "phone", "intent": intent, "resolved_by": "agent",
            "handling_minutes": 5.0}  # fmt: skip


CONTACTS = [
    _contact("I1", "OL000000201", "where_is_my_order", "11-12 10:00"),  # after the flag: lead 34 h
    _contact("I2", "OL000000202", "complaint", "11-08 10:00"),  # before the flag: people first
    _contact("I3", "OL000000203", "complaint", "11-15 10:00"),  # never flagged: missed
    _contact("I4", "OL000000204", "where_is_my_order", "11-09 10:00"),  # before the promise
    _contact("I5", "OL000000205", "where_is_my_order", "11-13 10:00"),  # after it was delivered
    _contact("I6", "OL000000206", "complaint", "09-01 10:00"),  # outside the 30-day window
]
DETECTION_SHIPMENTS = [
    _ship("OL000000205", "11-05 10:00", "11-05 10:01", "11-05 12:00", "11-12 09:00")
]
FINDINGS = pd.DataFrame(
    {
        "check": ["shipped_not_picked_up", "overdue_delivery", "overdue_delivery"],
        "order_id": ["OL000000201", "OL000000202", "OL000000201"],
        "detected_at": [ts("11-11 00:00"), ts("11-11 00:00"), ts("11-11 00:00")],
    }
)


@pytest.fixture(scope="module")
def detection_con():
    c = connect(":memory:")
    ensure_schema(c)
    _insert(c, "orders", DETECTION_ORDERS)
    _insert(c, "shipments", DETECTION_SHIPMENTS)
    _insert(c, "service_interactions", CONTACTS)
    yield c
    c.close()


def test_detection_rate_counts_what_the_system_flagged_before_people_reported(detection_con):
    from lab.health.detection import detection_rate

    d = detection_rate(detection_con, FINDINGS, dt.datetime(2026, 11, 21))
    per = d.per_order.set_index("order_id")
    # surfaced: 201 (flagged, then asked), 202 (complained before the flag), 203 (complaint only)
    assert sorted(per.index) == ["OL000000201", "OL000000202", "OL000000203"]
    assert per["flagged_first"].to_dict() == {
        "OL000000201": True, "OL000000202": False, "OL000000203": False
    }  # fmt: skip
    assert (d.surfaced, d.flagged_first, d.reported_first) == (3, 1, 2)
    assert d.rate == pytest.approx(1 / 3)
    assert d.median_lead_hours == pytest.approx(34.0)
    assert "1/3 surfaced anomalies" in d.note()


def test_detection_rate_ignores_reports_after_the_as_of(detection_con):
    from lab.health.detection import detection_rate

    d = detection_rate(detection_con, FINDINGS, dt.datetime(2026, 11, 11, 12))
    # on 11-11 noon only 202's complaint (11-08) had been made; 201 was flagged, nobody asked yet
    assert (d.surfaced, d.flagged_first, d.reported_first) == (2, 1, 1)
    assert d.median_lead_hours is None
