"""Memo parser: table-driven cases (memo → references, components, evidence spans)."""

from __future__ import annotations

import pytest

from connectors.warehouse import connect, ensure_schema
from lab.reconciliation.memo import (
    DEFAULT_PATTERNS,
    RefPattern,
    learn_patterns,
    parse_memo,
    parse_memos,
    patterns_from_examples,
)

# memo, [(ref, components, instalment, valid, evidence text)]
CASES = [
    ("附言:订单号JD20260210001+运费", [("JD20260210001", ("goods", "freight"), None, True, "JD20260210001")]),
    ("货款 SO2602100001 SO2602100007", [
        ("SO2602100001", ("goods",), None, True, "SO2602100001"),
        ("SO2602100007", ("goods",), None, True, "SO2602100007"),
    ]),
    ("JD20260210001货款, JD20260210002运费, SO2602100003服务费", [
        ("JD20260210001", ("goods",), None, True, "JD20260210001"),
        ("JD20260210002", ("freight",), None, True, "JD20260210002"),
        ("SO2602100003", ("service",), None, True, "SO2602100003"),
    ]),
    ("ＪＤ２０２６０２１０００１货款", [("JD20260210001", ("goods",), None, True, "ＪＤ２０２６０２１０００１")]),
    ("订单 jd2026 0210 001 运费", [("JD20260210001", ("freight",), None, True, "jd2026 0210 001")]),
    ("123456789012345678 1234567890123456789 货款", [
        ("123456789012345678", ("goods",), None, True, "123456789012345678"),
        ("1234567890123456789", ("goods",), None, True, "1234567890123456789"),
    ]),
    ("WX20260210123456 佣金", [("WX20260210123456", ("commission",), None, True, "WX20260210123456")]),
    ("POS-SH01-260210-0001 返利", [("POS-SH01-260210-0001", ("rebate",), None, True, "POS-SH01-260210-0001")]),
    ("SO2602100003 税款", [("SO2602100003", ("tax",), None, True, "SO2602100003")]),
    ("定金 SO2602100001", [("SO2602100001", ("full",), "deposit", True, "SO2602100001")]),
    ("SO2602100001尾款", [("SO2602100001", ("full",), "balance", True, "SO2602100001")]),
    ("payment JD20260210001 goods + freight", [("JD20260210001", ("goods", "freight"), None, True, "JD20260210001")]),
    ("JD20260210001JD20260210002", [
        ("JD20260210001", ("full",), None, True, "JD20260210001"),
        ("JD20260210002", ("full",), None, True, "JD20260210002"),
    ]),
    # one-character typos: kept as invalid candidates for the fuzzy lookup
    ("订单号JD2026O210001", [("JD2026O210001", ("full",), None, False, "JD2026O210001")]),
    ("货款 SO26021000", [("SO26021000", ("goods",), None, False, "SO26021000")]),
    # no reference at all
    ("支付宝结算 2026-02-10", []),
    ("运费 SF 2026-02", []),
    ("货款", []),
    ("", []),
]  # fmt: skip


@pytest.mark.parametrize(("memo", "expected"), CASES, ids=[c[0] or "empty" for c in CASES])
def test_parse_memo_cases(memo: str, expected: list[tuple]) -> None:
    got = [(r.ref, r.components, r.instalment, r.valid, r.text) for r in parse_memo(memo)]
    assert got == expected


def test_evidence_span_points_into_original_memo() -> None:
    memo = "客户付款：ＪＤ２０２６ ０２１０００１运费，SO2602100003服务费"
    refs = parse_memo(memo)
    assert [memo[r.start : r.end] for r in refs] == [r.text for r in refs]
    assert (refs[0].start, refs[0].end) == (5, 19)
    assert refs[0].ref == "JD20260210001"
    assert refs[0].component_text == "运费"
    assert (refs[1].ref, refs[1].components) == ("SO2602100003", ("service",))


def test_patterns_learned_from_examples_generalise_lengths() -> None:
    pats = patterns_from_examples("jd", ["JD20260210001", "JD202602100012", "JD2026021000123"])
    assert [p.regex for p in pats] == [r"JD\d{11,13}"]
    assert pats[0].fullmatch("JD20260210002") and not pats[0].fullmatch("JD2026021")


def test_learn_patterns_from_warehouse_and_use_them() -> None:
    con = connect(":memory:")
    ensure_schema(con, ["orders"])
    con.execute(
        "insert into orders (order_id, channel, channel_order_no, erp_order_no) values "
        "('OL1','jd','JD20260210001','SO26021000001'), ('OL2','pos','POS-BJ02-260211-0042','SO26021100002'),"
        "('OL3','taobao','4012345678901234567','SO26021100003'), ('OL4','acme','AC-77-1234','SO26021100004')"
    )
    pats = learn_patterns(con)
    kinds = {p.kind: p.regex for p in pats}
    assert kinds["erp"] == r"SO\d{11}"
    assert kinds["acme"] == r"AC\-\d{2}\-\d{4}"  # a channel nobody hard-coded
    refs = parse_memo("货款 AC-77-1234, so26021100003", pats)
    assert [(r.ref, r.kind) for r in refs] == [("AC-77-1234", "acme"), ("SO26021100003", "erp")]
    empty = connect(":memory:")
    ensure_schema(empty, ["orders"])
    assert learn_patterns(empty) == DEFAULT_PATTERNS


def test_parse_memos_flattens_rows_per_reference() -> None:
    cols = parse_memos(
        [
            ("T1", "货款 SO2602100001 SO2602100007"),
            ("T2", None),
            ("T3", "货款 ＳＯ２６０２１００００９ so2602100003"),
            ("T4", "JD2026O210001运费"),
        ]
    )
    assert list(zip(cols["flow_id"], cols["ref_pos"], cols["ref"], cols["ref_text"], cols["valid"], strict=True)) == [
        ("T1", 0, "SO2602100001", "SO2602100001", True),
        ("T1", 1, "SO2602100007", "SO2602100007", True),
        ("T3", 0, "SO2602100009", "ＳＯ２６０２１００００９", True),
        ("T3", 1, "SO2602100003", "so2602100003", True),
        ("T4", 0, "JD2026O210001", "JD2026O210001", False),
    ]  # fmt: skip
    assert cols["components"][0] == ["goods"] and cols["components"][4] == ["freight"]
    # the shape cache gives exactly what parsing each memo alone gives
    memo = "JD20260210001货款, 4012345678901234567运费, SO2602100003服务费"
    alone = [(r.ref, r.start, r.end, r.components) for r in parse_memo(memo)]
    cached = parse_memos([("X", memo)])
    assert (
        list(
            zip(
                cols_ref := cached["ref"],
                cached["ref_start"],
                cached["ref_end"],
                map(tuple, cached["components"]),
                strict=True,
            )
        )
        == alone
    )
    assert len(cols_ref) == 3


def test_custom_pattern_objects_are_used_verbatim() -> None:
    pats = (RefPattern("acme", r"ACME\d{4}"),)
    assert [r.ref for r in parse_memo("pay acme1234 and ACME 5678", pats)] == [
        "ACME1234",
        "ACME5678",
    ]
