"""Matching and status on a hand-made warehouse of traps (every flow's expected outcome known)."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from connectors.warehouse import connect, ensure_schema
from lab.reconciliation.engine import reconcile_period
from lab.reconciliation.review import close_flow, decide_match

CUSTOMERS = [
    ("C1", "上海甲贸易有限公司"), ("C2", "北京乙医疗器械有限公司"),
    ("C3", "广州丙电子商行"), ("C4", "深圳丁科技有限公司"), ("C5", "杭州网店顾客"),
]  # fmt: skip

# order_id, channel, channel_no, erp_no, customer, created, goods, ship, discount, paid,
# is_presale, deposit
ORDERS = [
    ("OL1", "jd", "JD20260105001", "SO26010500001", "C1", "2026-01-05 10:00", 1000, 50, 0, 1050, False, 0),
    ("OL2", "jd", "JD20260105002", "SO26010500002", "C1", "2026-01-05 11:00", 2000, 100, 0, 2100, False, 0),
    ("OL3", "pos", "POS-SH01-260105-0003", "SO26010500003", "C1", "2026-01-05 12:00", 500, 0, 0, 500, False, 0),
    ("OL4", "jd", "JD20260106004", "SO26010600004", "C2", "2026-01-06 09:00", 2950, 50, 0, 3000, False, 0),
    ("OL5", "jd", "JD20260106005", "SO26010600005", "C3", "2026-01-06 09:00", 777, 0, 0, 777, False, 0),
    ("OL6", "jd", "JD20260106006", "SO26010600006", "C4", "2026-01-06 09:00", 777, 0, 0, 777, False, 0),
    ("OL7", "jd", "JD20260107007", "SO26010700007", "C2", "2026-01-07 09:00", 5000, 0, 0, 5000, False, 0),
    ("OL8", "jd", "JD20260107008", "SO26010700008", "C3", "2026-01-07 09:00", 1234.56, 0, 0, 1234.56, False, 0),
    ("OL9", "jd", "JD20260108009", "SO26010800009", "C4", "2026-01-08 09:00", 4444, 0, 0, 4444, False, 0),
    ("OL10", "jd", "JD20260108010", "SO26010800010", "C2", "2026-01-08 09:00", 888, 0, 0, 888, False, 0),
    ("OL11", "jd", "JD20260108011", "SO26010800011", "C2", "2026-01-08 10:00", 888, 0, 0, 888, False, 0),
    ("OL12", "jd", "JD20260109012", "SO26010900012", "C1", "2026-01-09 09:00", 540, 60, 0, 600, False, 0),
    ("OL13", "taobao", "401234567890123413", "SO26010900013", "C5", "2026-01-09 09:00", 100, 0, 0, 100, False, 0),
    ("OL14", "taobao", "401234567890123414", "SO26010900014", "C5", "2026-01-09 10:00", 200, 0, 0, 200, False, 0),
    ("OL15", "jd", "JD20260110015", "SO26011000015", "C3", "2026-01-10 09:00", 1800, 0, 0, 1800, True, 300),
]  # fmt: skip

# txn_id, booked_at, amount, counterparty, memo, expected (cause, colour, {order_ids})
BANK = [
    ("T01", "2026-01-06 10:00", 1050, "上海甲贸易有限公司", "附言:订单号JD20260105001+运费", ("matched", "green", {"OL1"})),
    ("T02", "2026-01-06 11:00", 2160, "上海甲贸易有限公司", "JD20260105002货款, SO26010500003服务费", ("matched", "green", {"OL2", "OL3"})),
    ("T03", "2026-01-07 10:00", 3000, "北京乙医疗器械有限公司", "", ("matched", "green", {"OL4"})),
    ("T04", "2026-01-07 11:00", 777, "王建国", "代付货款", ("counterparty_mismatch", "red", set())),
    ("T05", "2026-01-08 10:00", 1500, "北京乙医疗器械有限公司", "SO26010700007 首付", ("instalment", "green", {"OL7"})),
    ("T06", "2026-01-20 10:00", 3500, "北京乙医疗器械有限公司", "SO26010700007", ("instalment", "green", {"OL7"})),
    ("T07", "2026-01-09 10:00", 1000, "广州丙电子商行", "ｓｏ２６０１０７０００08", ("partial_payment", "yellow", {"OL8"})),
    ("T08", "2026-01-06 10:05", 1050, "上海甲贸易有限公司", "附言:订单号JD20260105001+运费", ("duplicate", "red", set())),
    ("T09", "2026-01-09 11:00", 4444, "深圳丁科技有限公司", "货款 JD2026O108009", ("matched", "green", {"OL9"})),
    ("T10", "2026-01-10 10:00", 888, "北京乙医疗器械有限公司", "转账", ("ambiguous", "red", set())),
    ("T11", "2026-01-10 11:00", 612, "上海甲贸易有限公司", "SO26010900012货款, SO26010900012运费", ("freight_difference", "yellow", {"OL12"})),
    ("T12", "2026-01-10 09:30", 298.2, "支付宝（中国）网络技术有限公司", "支付宝结算 2026-01-10", ("settlement", "green", {"OL13", "OL14"})),
    ("T13", "2026-01-10 12:00", 999, "广州丙电子商行", "###货款??", ("no_reference", "red", set())),
    ("T14", "2026-01-11 12:00", 999, "广州丙电子商行", "JD20991231999 货款", ("unknown_reference", "red", set())),
    ("T15", "2026-01-11 13:00", 300, "广州丙电子商行", "JD20260110015", ("instalment", "green", {"OL15"})),
    ("T16", "2026-01-12 13:00", -500, "顺丰速运", "运费 SF 2026-01", None),
    ("T17", "2026-01-12 14:00", 2000, "某某公司", "JD20260108009", ("reference_rejected", "red", set())),
    # a typo landing on another customer's order that is expected to bring nothing (freight 0)
    ("T18", "2026-01-12 15:00", 2000, "上海甲贸易有限公司", "JD20260105002货款, JD20260106005运费", ("reference_rejected", "red", set())),
]  # fmt: skip

BILLS = [
    ("B1", "alipay", "401234567890123413", "2026-01-09 09:05", "2026-01-10 03:00", 100, 0.6, 99.4, "payment"),
    ("B2", "alipay", "401234567890123414", "2026-01-09 10:05", "2026-01-10 03:10", 200, 1.2, 198.8, "payment"),
]  # fmt: skip


def build_trap_warehouse(con: duckdb.DuckDBPyConnection) -> None:
    """Write the hand-made traps into an empty warehouse."""
    ensure_schema(con)
    con.executemany(
        "insert into customers (customer_id, customer_name, is_b2b) values (?, ?, true)", CUSTOMERS
    )
    for o in ORDERS:
        oid, ch, cno, erp, cust, created, goods, ship, disc, paid, presale, dep = o
        con.execute(
            """insert into orders (order_id, channel, channel_order_no, erp_order_no, customer_id,
               created_at, goods_amount, shipping_fee, discount_amount, paid_amount, is_presale,
               deposit_amount, payment_status, order_status, tax_rate)
               values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'paid', 'shipped', 0.13)""",
            [oid, ch, cno, erp, cust, created, goods, ship, disc, paid, presale, dep],
        )
        # two lines: 60% / 40% of goods, weights 3 and 1 kg; OL3 has service hours
        a1 = round(goods * 0.6, 2)
        con.execute(
            "insert into order_lines values (?, ?, 1, 'SKU-1', 3, ?, ?, 3.0, ?, 0), (?, ?, 2, 'SKU-2', 1, ?, ?, 1.0, 0, 0)",
            [f"{oid}-1", oid, a1 / 3, a1, 2.0 if oid == "OL3" else 0.0,
             f"{oid}-2", oid, goods - a1, goods - a1],
        )  # fmt: skip
    for txn, booked, amount, cp, memo, _ in BANK:
        con.execute(
            """insert into bank_transactions (txn_id, account_no, booked_at, value_date, amount,
               currency, counterparty_name, memo) values (?, '6222 0210 0000 1234', ?, ?::date, ?,
               'CNY', ?, ?)""",
            [txn, booked, booked, amount, cp, memo],
        )
    con.executemany("insert into payment_bills values (?, ?, ?, ?, ?, ?, ?, ?, ?)", BILLS)


@pytest.fixture()
def trap_con():
    con = connect(":memory:")
    build_trap_warehouse(con)
    yield con
    con.close()


def _flows(con) -> dict[str, tuple]:
    rows = con.execute(
        "select flow_id, match_status, status, reason, closed_by from recon_flow_status"
    ).fetchall()
    return {r[0]: r[1:] for r in rows}


def _orders_of(con, flow_id: str) -> set[str]:
    rows = con.execute(
        "select distinct order_id from recon_matches where flow_id = ?", [flow_id]
    ).fetchall()
    return {r[0] for r in rows}


@pytest.mark.parametrize("case", [b for b in BANK if b[5] is not None], ids=lambda b: b[0])
def test_every_trap_gets_its_cause_colour_and_orders(trap_con, case) -> None:
    reconcile_period(trap_con, "2026-01")
    txn, *_, (cause, colour, orders) = case
    got = _flows(trap_con)[txn]
    assert (got[0], got[1]) == (cause, colour), got
    assert got[2], "every flow has a reason"
    assert _orders_of(trap_con, txn) == orders


def test_outflows_are_not_order_flows_and_bills_are(trap_con) -> None:
    result = reconcile_period(trap_con, "2026-01")
    flows = _flows(trap_con)
    assert "T16" not in flows
    assert flows["B1"][:2] == ("matched", "green") and flows["B2"][:2] == ("matched", "green")
    assert result.flows == 17 + 2
    assert result.by_status == {"green": 10, "yellow": 2, "red": 7}
    assert result.automation_rate == pytest.approx(10 / 19)
    assert result.non_green_without_reason == 0
    assert result.allocation_exact


def test_evidence_rule_and_confidence_are_recorded(trap_con) -> None:
    reconcile_period(trap_con, "2026-01")
    rows = trap_con.execute(
        """select flow_id, order_id, component, matched_amount, rule, confidence, evidence
           from recon_matches where flow_id in ('T01', 'T02', 'T03', 'T09') order by 1, 2, 3"""
    ).fetchall()
    by = {(r[0], r[1], r[2]): r[3:] for r in rows}
    assert by[("T01", "OL1", "goods")][:3] == (Decimal("1000.00"), "memo_reference", 0.99)
    assert by[("T01", "OL1", "freight")][0] == Decimal("50.00")
    assert 'memo[6:19]="JD20260105001" 运费' in by[("T01", "OL1", "goods")][3]
    assert by[("T02", "OL3", "service")][0] == Decimal("160.00")  # 2 h × 80
    assert by[("T03", "OL4", "full")][1:3] == ("amount_counterparty_date", 0.8)
    assert "counterparty" in by[("T03", "OL4", "full")][3]
    assert by[("T09", "OL9", "goods")][1:3] == ("memo_reference_fuzzy", 0.85)
    assert "~JD20260108009" in by[("T09", "OL9", "goods")][3]


def test_third_party_same_amount_is_never_auto_matched(trap_con) -> None:
    reconcile_period(trap_con, "2026-01")
    reason = _flows(trap_con)["T04"][2]
    assert "2 order(s) of 2 other customer(s)" in reason and "王建国" in reason
    assert "OL5" in reason and "OL6" in reason


def test_near_tie_left_for_review_with_candidates(trap_con) -> None:
    reconcile_period(trap_con, "2026-01")
    reason = _flows(trap_con)["T10"][2]
    assert "2 open orders of this counterparty" in reason and "OL10,OL11" in reason


def test_duplicate_is_flagged_and_not_double_counted(trap_con) -> None:
    reconcile_period(trap_con, "2026-01")
    assert "duplicate of T01" in _flows(trap_con)["T08"][2]
    received = trap_con.execute(
        "select sum(matched_amount) from recon_matches where order_id = 'OL1'"
    ).fetchall()[0][0]
    assert received == Decimal("1050.00")


def test_rerun_is_idempotent(trap_con) -> None:
    reconcile_period(trap_con, "2026-01")
    snap = [
        trap_con.execute(f"select * from {t} order by all").fetchall()
        for t in ("recon_matches", "recon_flow_status", "allocations")
    ]
    reconcile_period(trap_con, "2026-01")
    again = [
        trap_con.execute(f"select * from {t} order by all").fetchall()
        for t in ("recon_matches", "recon_flow_status", "allocations")
    ]
    assert snap == again
    assert len(snap[0]) > 0 and len(snap[2]) > 0


def test_manual_decisions_survive_a_rerun(trap_con) -> None:
    reconcile_period(trap_con, "2026-01")
    decide_match(
        trap_con, period="2026-01", flow_id="T10", matches=[("OL11", 888, "full")],
        reviewer="li.na", note="customer confirmed by phone",
    )  # fmt: skip
    reconcile_period(trap_con, "2026-01")
    close_flow(trap_con, period="2026-01", flow_id="T08", reviewer="li.na", reason="refunded")
    result = reconcile_period(trap_con, "2026-01")
    flows = _flows(trap_con)
    assert flows["T10"] == ("manual", "green", "matched by li.na: OL11", "li.na")
    assert flows["T08"][1:] == ("green", "closed by li.na: refunded", "li.na")
    assert _orders_of(trap_con, "T10") == {"OL11"}
    alloc = trap_con.execute(
        "select sum(amount) from allocations where flow_id = 'T10'"
    ).fetchall()[0][0]
    assert alloc == Decimal("888.00")
    # closed by a person is not automation
    assert result.automation_rate == pytest.approx(10 / 19)
    assert result.by_status["green"] == 12


def test_tolerance_is_configurable(trap_con) -> None:
    # 1000 of 1234.56 is 19% short: a 25% tolerance accepts it, the default does not
    reconcile_period(trap_con, "2026-01", tolerance=0.25)
    assert _flows(trap_con)["T07"][:2] == ("matched", "green")
    reconcile_period(trap_con, "2026-01")
    assert _flows(trap_con)["T07"][:2] == ("partial_payment", "yellow")


def test_other_period_untouched(trap_con) -> None:
    reconcile_period(trap_con, "2026-01")
    r = reconcile_period(trap_con, "2026-02")
    assert r.flows == 0
    assert (
        trap_con.execute(
            "select count(*) from recon_flow_status where period = '2026-01'"
        ).fetchall()[0][0]
        == 19
    )
