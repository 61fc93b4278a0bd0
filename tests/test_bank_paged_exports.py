"""Paged bank exports and money written the way other countries write it (session 10).

Found by the second independent statement set (``tests/eval/recon_independent2``): totals rows
(本页合计 / 合计 / 总计 / 共N笔 / Total / Summe) and a header printed again after a page break were
listed as rejects; a line a page break repeats with its serial became two payments (both red);
``12'500.00``, ``2’315.00``, ``1 480.00`` and ``1 234,56`` were rejected; camt.053 / MT940
amounts with three decimals in CNY were silently rounded to cents. Expected values by hand.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from connectors.errors import IngestError
from connectors.ingest import ingest_files


def _ingest(con, path: Path, tmp_path: Path, fmt: str = "bank-csv", **options):
    if fmt == "bank-csv":
        # the account's currency (--currency): the files state none
        options.setdefault("currency", "CNY")
    report = ingest_files(
        con, fmt, [path], rejects_dir=tmp_path / "rej", progress=False, options=options
    )
    return report


def _lines(con) -> list[tuple]:
    return con.execute(
        "select bank_ref, amount from bank_transactions order by bank_ref, amount"
    ).fetchall()


# ---------------------------------------------------------------- totals rows, page breaks

BOCOM = """交通银行对公客户交易明细
账号：310066771018170123456
交易日期,交易时间,交易流水号,摘要,借贷标志,发生额,余额,对方户名,附言
20270206,10:12:01,BC01,转账,贷,"2,650.00","42,650.00",青岚文化传媒有限公司,货款 PO1
20270206,15:40:22,BC02,转账,贷,"3,880.00","46,530.00",无锡恒拓机电有限公司,PO2
本页合计,,,,,"6,530.00",,,
交易日期,交易时间,交易流水号,摘要,借贷标志,发生额,余额,对方户名,附言
20270206,15:40:22,BC02,转账,贷,"3,880.00","46,530.00",无锡恒拓机电有限公司,PO2
20270207,09:00:00,BC03,转账,贷,"1,000.00","47,530.00",王磊,合计 PO3 PO4
20270207,09:05:00,,转账,贷,450.00,"47,980.00",王磊,PO5
20270207,09:05:00,,转账,贷,450.00,"48,430.00",王磊,PO5
20270208,10:00:00,BC04,转账,贷,300.00,"48,730.00",王磊,PO6
20270208,10:00:00,BC04,转账,贷,300.00,"49,030.00",王磊,PO7
,,,合计,,"12,340.00",,,
合计,,,,,"12,340.00",,,
共9笔,,,,,,,,
"""

SPDB = """账号：98210078801300001234
交易日期,收入金额,支出金额,对方户名,备注,交易流水号
2027-02-09,"3,725.00",,广州佳禾食品有限公司,KA1,S1
2027-02-09,"5,210.00",,重庆山城精密制造有限公司,KA2,S2
Page total,"8,935.00",0.00,,,
2027-02-09,"5,210.00",,重庆山城精密制造有限公司,KA2,S2
Summe,"14,145.00",0.00,,,
总计,"14,145.00",0.00,,,
Total,"14,145.00",0.00,,,
2027-02-10,,(none),,,S3
"""


def test_totals_rows_and_repeated_headers_are_skipped_and_counted(con, tmp_path):
    """BoCom (借贷标志 + one amount column) and SPDB (收入/支出) exports, GBK and UTF-8."""
    path = tmp_path / "bocom.csv"
    path.write_bytes(BOCOM.encode("gbk"))
    f = _ingest(con, path, tmp_path).files[0]
    assert f.skipped == {
        "totals rows": 4,
        "header lines repeated after a page break": 1,
        "page-break repeats (same serial, same everything)": 1,
    }
    # a real line whose memo says 合计 loads; so do both of two equal lines without a serial
    # and both lines that share a serial but differ (another order)
    assert _lines(con) == [
        ("BC01", Decimal("2650.00")), ("BC02", Decimal("3880.00")),
        ("BC03", Decimal("1000.00")), ("BC04", Decimal("300.00")), ("BC04", Decimal("300.00")),
        (None, Decimal("450.00")), (None, Decimal("450.00")),
    ]  # fmt: skip
    assert (f.rows_rejected, f.rows_loaded) == (0, 7)

    path = tmp_path / "spdb.csv"
    path.write_text(SPDB, encoding="utf-8")
    f = _ingest(con, path, tmp_path).files[0]
    assert f.skipped == {"totals rows": 4, "page-break repeats (same serial, same everything)": 1}
    # a real reject stays a reject, with its own line number
    assert [(r["line"], r["reason"][:25]) for r in f.rejects] == [
        (10, "bad amount in 支出金额: '(non")
    ]
    assert [r for r in _lines(con) if r[0] in ("S1", "S2")] == [
        ("S1", Decimal("3725.00")), ("S2", Decimal("5210.00"))]  # fmt: skip


def test_a_paged_export_downloaded_again_with_one_more_line_adds_only_that_line(con, tmp_path):
    """Idempotent: the repeat counted once in the first file is an overlap in the second."""
    first = tmp_path / "bocom.csv"
    first.write_bytes(BOCOM.encode("gbk"))
    assert _ingest(con, first, tmp_path).files[0].rows_loaded == 7
    again = tmp_path / "bocom_again.csv"
    more = "20270209,08:00:00,BC05,转账,贷,99.00,,王磊,PO8\n"
    again.write_bytes((BOCOM + more).encode("gbk"))
    f = _ingest(con, again, tmp_path).files[0]
    assert (f.rows_loaded, f.overlaps) == (1, {"bocom.csv": 7})
    assert _ingest(con, again, tmp_path).files[0].status == "skipped: already ingested"
    assert len(_lines(con)) == 8


def test_the_ingest_report_names_what_was_skipped(con, tmp_path):
    path = tmp_path / "bocom.csv"
    path.write_bytes(BOCOM.encode("gbk"))
    summary = _ingest(con, path, tmp_path).summary()
    assert "skipped (not transactions): 4 totals rows, 1 header lines repeated after a page " \
           "break, 1 page-break repeats (same serial, same everything)" in summary  # fmt: skip


# ---------------------------------------------------------------- thousands separators

SEPARATORS = [
    # Swiss exports: apostrophes (ASCII and typographic) under the default format
    ("1,234.56", ["12'500.00", "2’315.00", "1'234'567.89"],
     [Decimal("12500.00"), Decimal("2315.00"), Decimal("1234567.89")]),
    # spaces: plain, no-break, narrow no-break (French / ERP exports), in both formats
    ("1,234.56", ["1 480.00", "1\u00a0234.56", "-1 234.00"],
     [Decimal("1480.00"), Decimal("1234.56"), Decimal("-1234.00")]),
    ("1.234,56", ["1 234,56", "4\u00a0321,00", "2\u202f050,00"],
     [Decimal("1234.56"), Decimal("4321.00"), Decimal("2050.00")]),
    ("1.234,56", ["12'500,00"], [Decimal("12500.00")]),
]  # fmt: skip


@pytest.mark.parametrize(("declared", "cells", "expected"), SEPARATORS)
def test_apostrophes_and_spaces_group_thousands(con, tmp_path, declared, cells, expected):
    path = tmp_path / "sep.csv"
    rows = [f'2027-02-1{i},"{c}",某公司,R{i}' for i, c in enumerate(cells)]
    path.write_text("交易日期,交易金额,对方户名,交易流水号\n" + "\n".join(rows) + "\n")
    f = _ingest(con, path, tmp_path, amount_format=declared).files[0]
    assert ([a for _, a in _lines(con)], f.rows_rejected) == (expected, 0)


@pytest.mark.parametrize("cell", ["12 34.00", "1 2345.00", "1'234,567.89", "1 234.567", "1'23.00"])
def test_a_separator_outside_groups_of_three_is_still_a_reject(con, tmp_path, cell):
    path = tmp_path / "bad.csv"
    path.write_text(f'交易日期,交易金额,对方户名,交易流水号\n2027-02-11,"{cell}",某公司,R1\n')
    # declared: undeclared, '1 234.567' alone shows no decimal mark and refuses the file
    f = _ingest(con, path, tmp_path, amount_format="1,234.56").files[0]
    assert (_lines(con), f.rows_rejected) == ([], 1)
    assert "declared number format 1,234.56" in f.rejects[0]["reason"]


# ---------------------------------------------------------------- decimals of the currency

CAMT = (
    '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.{v}">'
    "<BkToCstmrStmt><Stmt><Id>S1</Id><Acct><Id><IBAN>CN0011223344</IBAN></Id></Acct>"
    '<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="{c}">0</Amt>'
    "<CdtDbtInd>CRDT</CdtDbtInd></Bal>"
    '<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="{c}">{a}</Amt>'
    "<CdtDbtInd>CRDT</CdtDbtInd></Bal>"
    '<Ntry><Amt Ccy="{c}">{a}</Amt><CdtDbtInd>CRDT</CdtDbtInd>'
    "<BookgDt><Dt>2027-02-10</Dt></BookgDt><AcctSvcrRef>E1</AcctSvcrRef></Ntry>"
    "</Stmt></BkToCstmrStmt></Document>"
)


@pytest.mark.parametrize(
    ("version", "ccy", "amount", "loaded"),
    [
        ("04", "CNY", "1234.567", None),
        ("10", "EUR", "845.605", None),
        ("04", "JPY", "1200.5", None),  # yen have no decimals
        ("06", "CNY", "1234.500", Decimal("1234.50")),  # trailing zeros are whole cents
        ("04", "KWD", "12.345", None),  # fils exist, but the warehouse keeps cents
        ("04", "KWD", "12.340", Decimal("12.34")),
    ],
)
def test_a_camt_amount_finer_than_its_currency_refuses_the_file(
    con, tmp_path, version, ccy, amount, loaded
):
    path = tmp_path / "s.xml"
    path.write_text(CAMT.format(v=version, c=ccy, a=amount), encoding="utf-8")
    if loaded is not None:
        _ingest(con, path, tmp_path, fmt="camt053")
        assert _lines(con) == [("E1", loaded)]
        return
    with pytest.raises(IngestError, match=rf"entry 1: amount {amount} has \d decimals, but "):
        _ingest(con, path, tmp_path, fmt="camt053")
    assert _lines(con) == []


def test_an_mt940_amount_with_three_decimals_refuses_the_file(con, tmp_path):
    path = tmp_path / "s.sta"
    path.write_text(
        ":20:DEUTDEFFXXX\n:25:50070010/0987654321\n:28C:1/1\n:60F:C270131CNY0,00\n"
        ":61:2702010201C1234,567NTRFNONREF//DB1\n:86:PO27-10101\n:62F:C270201CNY1234,567\n"
    )
    with pytest.raises(
        IngestError, match=r"line 5: amount 1234\.567 has 3 decimals, but CNY has 2"
    ):
        _ingest(con, path, tmp_path, fmt="mt940")
    assert _lines(con) == []


# ---------------------------------------------------------------- statements that do not chain


def _mt940_two(second_opening: str) -> str:
    return (
        ":20:DEUTDEFFXXX\n:25:50070010/0987654321\n:28C:31/1\n:60F:D270131CNY0,00\n"
        ":61:2702010201C100,00NTRFNONREF//DB1\n:86:PO27-10101\n:62F:C270201CNY100,00\n-\n"
        f":20:DEUTDEFFXXX\n:25:50070010/0987654321\n:28C:33/1\n:60F:C270208CNY{second_opening}\n"
        ":61:2702090209C50,00NTRFNONREF//DB2\n:86:PO27-10102\n"
        f":62F:C270209CNY{Decimal(second_opening.replace(',', '.')) + 50:.2f}\n".replace(".", ",")
    )


def test_a_statement_missing_between_two_is_noted_and_the_lines_load(con, tmp_path):
    """Each statement balances, so its lines are real; the gap is reported, not refused."""
    path = tmp_path / "gap.sta"
    path.write_text(_mt940_two("600,00"))
    f = _ingest(con, path, tmp_path, fmt="mt940").files[0]
    assert f.rows_loaded == 2 and len(f.notes) == 1
    assert "statement at line 9 of account 50070010/0987654321 opens at 600.00, but statement " \
           "at line 1 closed at 100.00 (difference 500.00): a statement between them is " \
           "missing" in f.notes[0]  # fmt: skip
    path = tmp_path / "chained.sta"  # another account: gap.sta's statements are stored now
    text = _mt940_two("100,00").replace("DB1", "DB3").replace("DB2", "DB4")
    path.write_text(text.replace("0987654321", "0987654329"))
    assert _ingest(con, path, tmp_path, fmt="mt940").files[0].notes == []


def test_camt_statements_of_one_account_that_do_not_chain_are_noted(con, tmp_path):
    one = CAMT.format(v="04", c="CNY", a="80.00")
    stmt = one[one.index("<Stmt>") : one.index("</Stmt>") + 7]
    second = stmt.replace("<Id>S1</Id>", "<Id>S2</Id>").replace("E1", "E2")
    second = second.replace('">0</Amt>', '">95.00</Amt>').replace('">80.00</Amt><CdtDbtInd>CRDT'
                                                                  "</CdtDbtInd></Bal>",
                                                                  '">175.00</Amt><CdtDbtInd>CRDT'
                                                                  "</CdtDbtInd></Bal>")  # fmt: skip
    path = tmp_path / "two.xml"
    path.write_text(one.replace("</Stmt>", "</Stmt>" + second), encoding="utf-8")
    f = _ingest(con, path, tmp_path, fmt="camt053").files[0]
    assert f.rows_loaded == 2
    assert [n.split(": ", 1)[1][:70] for n in f.notes] == [
        "statement S2 of account CN0011223344 opens at 95.00, but statement S1 "
    ]
