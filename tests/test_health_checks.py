"""Health checks on a hand-made warehouse: each check finds its positive case, skips its twins.

Table-driven: ``EXPECTED`` lists, per check, the entity ids that must be found; every other
entity in the fixture is a near-miss twin built to NOT satisfy the definition.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from connectors.warehouse import connect, ensure_schema
from lab.health import CHECKS, HealthError, normalize_thresholds, run_checks, summarize

AS_OF = dt.datetime(2026, 11, 20, 0, 0)


def ts(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"2026-{text}")


def _order(order_id: str, **kw) -> dict:
    base = {
        "order_id": order_id,
        "channel": "jd",
        "channel_order_no": "JD" + order_id[-8:],
        "erp_order_no": "SO" + order_id[-8:],
        "customer_id": "C1",
        "created_at": ts("11-01 09:00"),
        "payment_status": "paid",
        "order_status": "delivered",
        "is_presale": False,
        "deposit_amount": 0,
        "promised_delivery_date": dt.date(2026, 11, 25),
        "paid_amount": 100,
    }
    return base | kw


ORDERS = [
    _order("OL000000001"),  # normal, delivered on time
    _order("OL000000002", order_status="shipped"),  # ERP shipped, nothing physical
    _order("OL000000003", order_status="shipped"),  # ERP shipped 4 h ago: too early to judge
    _order("OL000000004", order_status="shipped"),  # pickup failed, never rolled back
    _order("OL000000005", order_status="shipped"),  # timeout rolled back, re-shipped, picked up
    _order("OL000000006", order_status="delivered"),  # erp and courier 20 min apart
    _order("OL000000007", order_status="delivered"),  # erp reports a typo'd ERP number
    _order("OL000000008", order_status="awaiting_shipment", promised_delivery_date=dt.date(2026, 11, 10)),
    _order("OL000000009", order_status="cancelled", promised_delivery_date=dt.date(2026, 11, 10)),
    _order("OL000000010", is_presale=True, payment_status="partial_paid", order_status="awaiting_shipment"),
    _order("OL000000011", is_presale=True, payment_status="partial_paid", order_status="awaiting_shipment",
           created_at=ts("11-18 09:00")),
    _order("OL000000012", is_presale=True, payment_status="partial_paid", order_status="cancelled"),
    _order("OL000000013", is_presale=True, payment_status="paid", order_status="delivered"),
    _order("OL000000014", order_status="delivered", promised_delivery_date=dt.date(2026, 11, 12)),
]  # fmt: skip


def _shipment(sid: str, oid: str, shipped: str, scan: str | None, pickup: str | None,
              delivered: str | None = None) -> dict:  # fmt: skip
    return {
        "shipment_id": sid,
        "order_id": oid,
        "carrier": "SF",
        "tracking_no": "SF" + sid[-4:],
        "erp_shipped_at": ts(shipped),
        "outbound_scan_at": ts(scan) if scan else None,
        "pickup_at": ts(pickup) if pickup else None,
        "delivered_at": ts(delivered) if delivered else None,
    }


SHIPMENTS = [
    _shipment("SH0001", "OL000000001", "11-10 10:00", "11-10 10:03", "11-10 15:00", "11-12 10:00"),
    _shipment("SH0002", "OL000000002", "11-15 10:00", None, None),
    _shipment("SH0003", "OL000000003", "11-19 20:00", None, None),
    _shipment("SH0004", "OL000000004", "11-15 10:00", "11-15 10:05", None),
    _shipment("SH0005", "OL000000005", "11-14 10:00", "11-14 10:05", None),
    _shipment("SH0015", "OL000000005", "11-15 09:00", "11-15 09:05", "11-15 12:00"),
    _shipment("SH0006", "OL000000006", "11-10 10:00", "11-10 10:02", "11-10 12:00", "11-12 10:00"),
    _shipment("SH0007", "OL000000007", "11-10 10:00", "11-10 10:02", "11-10 12:00", "11-12 10:00"),
    _shipment("SH0014", "OL000000014", "11-10 10:00", "11-10 10:02", "11-10 12:00", "11-13 10:00"),
]


def _event(eid: str, sid: str, when: str, code: str) -> dict:
    return {"event_id": eid, "shipment_id": sid, "carrier": "SF", "tracking_no": "SF" + sid[-4:],
            "event_time": ts(when), "status_code": code, "status_text": code,
            "is_api_error": code in ("API_TIMEOUT", "INVALID_NUMBER")}  # fmt: skip


EVENTS = [
    _event("E1", "SH0001", "11-10 15:00", "PICKED_UP"),
    _event("E2", "SH0001", "11-12 10:00", "DELIVERED"),
    _event("E3", "SH0004", "11-15 18:00", "PICKUP_FAILED"),
    _event("E4", "SH0005", "11-14 12:00", "API_TIMEOUT"),
    _event("E5", "SH0015", "11-15 12:00", "PICKED_UP"),
    _event("E6", "SH0006", "11-10 12:00", "PICKED_UP"),
    _event("E7", "SH0007", "11-10 12:00", "PICKED_UP"),
]


def _snap(sid: str, oid: str, system: str, status: str, when: str, ext: str | None = None) -> dict:
    n = oid[-8:]
    default = {"erp": "SO" + n, "wms": "SO" + n, "platform": "JD" + n, "crm": "JD" + n}
    return {"snapshot_id": sid, "order_id": oid, "system": system, "status": status,
            "observed_at": ts(when), "operator": "system", "source": "api",
            "external_id": ext or default.get(system, "SF0001")}  # fmt: skip


SNAPSHOTS = [
    _snap("S1", "OL000000001", "platform", "created", "11-01 09:00"),
    _snap("S2", "OL000000001", "erp", "created", "11-01 09:05"),
    _snap("S3", "OL000000001", "erp", "picked_up", "11-10 15:04"),
    _snap("S4", "OL000000001", "courier", "picked_up", "11-10 15:00", "SF0001"),
    _snap("S5", "OL000000005", "erp", "awaiting_shipment", "11-14 12:30"),
    _snap("S6", "OL000000006", "erp", "picked_up", "11-10 12:20"),
    _snap("S7", "OL000000006", "courier", "picked_up", "11-10 12:00", "SF0006"),
    _snap("S8", "OL000000007", "erp", "created", "11-01 09:03", "SO0000007X"),
    _snap("S9", "OL000000007", "platform", "created", "11-01 09:00"),
    # a stage recorded twice by ONE system (re-shipment) is not a disagreement
    _snap("S10", "OL000000005", "erp", "outbound", "11-14 10:05"),
    _snap("S11", "OL000000005", "erp", "outbound", "11-15 09:05"),
]

ID_MAP = [
    {"system": s, "external_id": e, "order_id": o["order_id"]}
    for o in ORDERS
    for s, e in (("platform", o["channel_order_no"]), ("crm", o["channel_order_no"]),
                 ("erp", o["erp_order_no"]), ("wms", o["erp_order_no"]))
] + [{"system": "courier", "external_id": sh["tracking_no"], "order_id": sh["order_id"]}
     for sh in SHIPMENTS]  # fmt: skip

RETURNS = [
    {"return_id": "RT1", "order_id": "OL000000001", "line_id": "OL000000001-1", "sku": "SKU-1",
     "qty": 1, "requested_at": ts("11-13 09:00"), "received_at": None, "refund_amount": 50,
     "refunded_at": ts("11-14 09:00"), "return_status": "refunded"},
    {"return_id": "RT2", "order_id": "OL000000006", "line_id": "OL000000006-1", "sku": "SKU-1",
     "qty": 1, "requested_at": ts("11-13 09:00"), "received_at": ts("11-14 08:00"),
     "refund_amount": 50, "refunded_at": ts("11-14 09:00"), "return_status": "refunded"},
    {"return_id": "RT3", "order_id": "OL000000007", "line_id": "OL000000007-1", "sku": "SKU-1",
     "qty": 1, "requested_at": ts("11-13 09:00"), "received_at": None, "refund_amount": 0,
     "refunded_at": None, "return_status": "requested"},
]  # fmt: skip

EXPECTED = {
    "shipped_not_picked_up": {"OL000000002"},
    "courier_failure_not_rolled_back": {"OL000000004"},
    "status_disagreement": {"OL000000006"},
    "inconsistent_ids": {"OL000000007"},
    "overdue_delivery": {"OL000000008", "OL000000014"},
    "refund_without_return": {"RT1"},
    "autocancel_missed_partial_paid": {"OL000000010"},
}


def _insert(con, table: str, rows: list[dict]) -> None:
    frame = pd.DataFrame(rows)
    con.register("_rows", frame)
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")
    con.unregister("_rows")


@pytest.fixture(scope="module")
def fixture_con():
    con = connect(":memory:")
    ensure_schema(con)
    for table, rows in (("orders", ORDERS), ("shipments", SHIPMENTS), ("tracking_events", EVENTS),
                        ("status_snapshots", SNAPSHOTS), ("order_id_map", ID_MAP),
                        ("returns", RETURNS)):  # fmt: skip
        _insert(con, table, rows)
    yield con
    con.close()


@pytest.fixture(scope="module")
def findings(fixture_con) -> pd.DataFrame:
    return run_checks(fixture_con, as_of=AS_OF)


@pytest.mark.parametrize(("check", "expected"), sorted(EXPECTED.items()))
def test_each_check_finds_exactly_its_cases(findings, check, expected):
    found = set(findings.loc[findings["check"] == check, "entity_id"])
    assert found == expected


def test_every_check_has_a_fixture_case():
    assert set(EXPECTED) == set(CHECKS)


def test_findings_carry_order_evidence_and_action(findings):
    row = findings[findings["check"] == "courier_failure_not_rolled_back"].iloc[0]
    assert row["order_id"] == "OL000000004"
    assert row["channel_order_no"] == "JD00000004"
    evidence = json.loads(row["evidence"])
    assert [e["status_code"] for e in evidence] == ["PICKUP_FAILED"]
    assert "PICKUP_FAILED" in row["summary"]
    assert row["action"].startswith("Roll the order back")
    assert row["severity"] == "critical"
    disagreement = findings[findings["check"] == "status_disagreement"].iloc[0]
    assert "picked_up by 20.0 min" in disagreement["summary"]
    assert {e["system"] for e in json.loads(disagreement["evidence"])} == {"erp", "courier"}
    ids = findings[findings["check"] == "inconsistent_ids"].iloc[0]
    assert "erp reports 'SO0000007X' but the id map holds SO00000007" in ids["summary"]


def test_findings_sorted_by_severity(findings):
    ranks = findings["severity"].map({"critical": 0, "high": 1, "medium": 2, "low": 3})
    assert ranks.is_monotonic_increasing


@pytest.mark.parametrize(
    ("thresholds", "check", "expected"),
    [
        # 3 h: SH0003 (4 h old) is judged now; SH0001 (picked up after 5 h) is delivered, not judged
        ({"shipped_not_picked_up": {"hours": 3}}, "shipped_not_picked_up", {"OL000000002", "OL000000003"}),
        ({"status_disagreement.minutes": 25}, "status_disagreement", set()),
        ({"status_disagreement.minutes": 3}, "status_disagreement", {"OL000000006", "OL000000001"}),
        ({"autocancel_missed_partial_paid": {"balance_due_days": 30}}, "autocancel_missed_partial_paid", set()),
        ({"overdue_delivery": {"grace_days": 5}}, "overdue_delivery", {"OL000000008"}),
        ({"courier_failure_not_rolled_back": {"grace_minutes": 60 * 24 * 10}}, "courier_failure_not_rolled_back", set()),
    ],
)  # fmt: skip
def test_thresholds_are_configurable(fixture_con, thresholds, check, expected):
    result = run_checks(fixture_con, as_of=AS_OF, thresholds=thresholds, checks=[check])
    assert set(result["entity_id"]) == expected
    assert result.attrs["thresholds"][check] != CHECKS[check].defaults or not CHECKS[check].defaults


def test_as_of_ignores_the_future(fixture_con):
    early = run_checks(fixture_con, as_of="2026-11-14 08:00", checks=["refund_without_return"])
    assert early.empty  # the refund of RT1 happened later


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"nope.hours": 1}, "unknown check 'nope'"),
        ({"status_disagreement.hours": 1}, "unknown threshold status_disagreement.hours"),
        ({"status_disagreement.minutes": "soon"}, "is not a whole number of at least 0"),
        ({"minutes": 3}, "must be 'check.param'"),
    ],
)
def test_bad_thresholds_say_what_to_fix(bad, message):
    with pytest.raises(HealthError, match=message):
        normalize_thresholds(bad)


def test_summary_lists_every_check(findings):
    table = summarize(findings).set_index("check")
    assert table.loc["overdue_delivery", "findings"] == 2
    assert len(table) == len(CHECKS)


def test_check_sql_is_parsed_and_parameterised():
    for check in CHECKS.values():
        assert "$as_of" in check.sql
        assert check.explanation and check.action and check.reads
