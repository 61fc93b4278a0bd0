"""Bank statements that must never become wrong bank lines: amounts, signs, encodings, overlaps,
balances. Each case is a trap a real export contains; the expected value is written by hand."""

from __future__ import annotations

import logging
from decimal import Decimal
from pathlib import Path

import pytest

from connectors.errors import IngestError
from connectors.ingest import ingest_files
from tests.bank_files import ingest_cny_path

FIX = Path(__file__).parent / "fixtures" / "sources"
HEADER = "交易日期,交易时间,收入金额,支出金额,对方户名,附言,交易流水号\n"
FORMAT_HINT = "declared number format"


def _bank_csv(tmp_path: Path, name: str, rows: list[str], preamble: str = "") -> Path:
    path = tmp_path / name
    path.write_text(preamble + HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


# (收入金额 cell, 支出金额 cell, declared format) -> stored amount, or the reject reason's words
AMOUNTS = [
    ('"1,234.56"', "", "1,234.56", Decimal("1234.56")),
    ('"1.234,56"', "", "1,234.56", FORMAT_HINT),
    ('"12,34"', "", "1,234.56", FORMAT_HINT),
    ('"1,2,3"', "", "1,234.56", FORMAT_HINT),
    ("1e3", "", "1,234.56", FORMAT_HINT),
    ("1.234", "", "1,234.56", FORMAT_HINT),  # three decimals: a European 1234 or 1.234?
    ("", "-30.00", "1,234.56", Decimal("-30.00")),  # the sign follows the 支出 column
    ("", "30.00", "1,234.56", Decimal("-30.00")),
    ("-30.00", "", "1,234.56", "negative amount in 收入金额"),
    ("¥88.00", "", "1,234.56", Decimal("88.00")),
    ('"1.234,56"', "", "1.234,56", Decimal("1234.56")),
    ('"12,34"', "", "1.234,56", Decimal("12.34")),
    ('"1,234.56"', "", "1.234,56", FORMAT_HINT),
    ("", '"1.234,5"', "1.234,56", Decimal("-1234.50")),
]


@pytest.mark.parametrize(("credit", "debit", "declared", "expected"), AMOUNTS)
def test_amounts_are_parsed_strictly_in_the_declared_format(
    con, tmp_path, credit, debit, declared, expected
):
    path = _bank_csv(tmp_path, "s.csv", [f"2026-02-10,10:00:00,{credit},{debit},某公司,货款,R1"])
    f = ingest_cny_path(con, path, tmp_path, amount_format=declared)
    amounts = [r[0] for r in con.execute("select amount from bank_transactions").fetchall()]
    if isinstance(expected, Decimal):
        assert (amounts, f.rows_rejected) == ([expected], 0)
    else:
        assert (amounts, f.rows_rejected) == ([], 1)
        assert f.rejects[0]["line"] == 2 and expected in f.rejects[0]["reason"]
        assert "no amount" not in f.rejects[0]["reason"]  # one reason, not its echo
        assert f.rejects[0]["file"].endswith("s.csv")


def test_unknown_declared_format_is_refused(con, tmp_path):
    path = _bank_csv(tmp_path, "s.csv", ["2026-02-10,10:00:00,1.00,,某公司,货款,R1"])
    with pytest.raises(IngestError, match=r"amount format '1 234,56' is not supported"):
        ingest_cny_path(con, path, tmp_path, amount_format="1 234,56")


def test_a_utf8_line_in_a_gbk_file_refuses_the_file_naming_the_line(con, tmp_path):
    good = "2026-02-10,10:00:00,100.00,,上海某某贸易有限公司,附言:订单号JD20260210001,R1\n"
    utf8 = "2026-02-10,11:00:00,200.00,,北京某某科技有限公司,附言:订单号JD20260210002,R2\n"
    path = tmp_path / "mixed.csv"
    path.write_bytes((HEADER + good).encode("gbk") + utf8.encode("utf-8"))
    with pytest.raises(IngestError, match=r"mixed\.csv: line 3 is UTF-8 but the file is GBK"):
        ingest_cny_path(con, path, tmp_path)
    assert con.execute("select count(*) from bank_transactions").fetchone()[0] == 0
    path.write_bytes((HEADER + good + utf8).encode("gbk"))  # the same lines, one encoding
    assert ingest_cny_path(con, path, tmp_path).rows_loaded == 2


def test_a_re_export_under_another_name_adds_nothing_and_reports_the_overlap(con, tmp_path):
    rows = [f"2026-02-{d:02d},09:00:00,{d}00.00,,客户{d},货款{d},REF{d:03d}" for d in range(1, 21)]
    first = ingest_cny_path(con, _bank_csv(tmp_path, "export_a.csv", rows), tmp_path)
    assert (first.rows_loaded, first.overlaps) == (20, {})
    more = [*rows[10:], "2026-02-21,09:00:00,2100.00,,客户21,货款21,REF021"]
    again = ingest_cny_path(con, _bank_csv(tmp_path, "export_b_renamed.csv", more), tmp_path)
    assert (again.rows_loaded, again.rows_duplicate) == (1, 10)
    assert again.overlaps == {"export_a.csv": 10}
    stored = con.execute("select count(*), count(account_no) from bank_transactions").fetchone()
    assert stored == (21, 0)  # no account in the file: none invented from the file name


def test_a_real_duplicate_payment_inside_one_statement_is_kept(con, tmp_path):
    # no bank serial: two payments (the same serial twice is one line a page break repeated)
    line = "2026-02-10,10:00:00,500.00,,某公司,货款,"
    f = ingest_cny_path(con, _bank_csv(tmp_path, "dup.csv", [line, line]), tmp_path)
    assert f.rows_loaded == 2
    # a later download holding the pair plus one more line adds only the new one
    g = ingest_cny_path(con, _bank_csv(tmp_path, "next.csv", [line, line, line]), tmp_path)
    assert (g.rows_loaded, g.overlaps) == (1, {"dup.csv": 2})


MT940 = (FIX / "statement.mt940").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (MT940.split(":62F:")[0], r"no closing balance \(:62F:\)"),
        (  # the download stopped inside the last entry: parsed as 30.00 without the check
            MT940.split(":61:2602110211")[0] + ":61:2602110211C30\n",
            r"no closing balance",
        ),
        (
            MT940.replace(":62F:C260211CNY151749,50", ":62F:C260211CNY151779,50"),
            r"does not balance: opening 100000\.00 \(:60F:\) \+ 3 entries 51749\.50 = "
            r"151749\.50, but the closing balance \(:62F:\) is 151779\.50 \(difference 30\.00\)",
        ),
        (
            MT940.replace(":61:2602100210D", ":61:26X2100210D"),
            r"not a valid MT940 statement \(cannot read '26X2100210D1250,50",
        ),
    ],
    ids=["no-62F", "truncated-entry", "closing-differs", "unreadable-entry"],
)
def test_mt940_that_does_not_balance_is_refused(con, tmp_path, capfd, text, message):
    path = tmp_path / "s.mt940"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IngestError, match=message):
        ingest_files(con, "mt940", [path], progress=False)
    assert con.execute("select count(*) from bank_transactions").fetchone()[0] == 0
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")  # the parser's regex dumps never reach the user


def test_mt940_parser_log_is_kept_from_users_even_with_logging_configured(con, tmp_path, caplog):
    path = tmp_path / "s.mt940"
    path.write_text(MT940.replace(":60F:C260209CNY100000,00", ":60F:C2602X"), encoding="utf-8")
    with caplog.at_level(logging.DEBUG), pytest.raises(IngestError, match="statement at line 1"):
        ingest_files(con, "mt940", [path], progress=False)
    assert not [r for r in caplog.records if r.name.startswith("mt940")]


def test_each_mt940_statement_in_a_file_must_balance(con, tmp_path):
    second = (
        ":20:STMT20260211\n:25:CN12345678901234567\n:28C:00043/001\n"
        ":60F:C260211CNY151749,50\n:61:2602120212C100,00NTRFSO9//BK2602120001\n"
        ":86:/NAME/BEIJING CLINIC/REMI/SO2602100009\n:62F:C260212CNY{closing}\n-\n"
    )
    path = tmp_path / "two.mt940"
    path.write_text(MT940.rstrip("-\n") + "\n" + second.format(closing="151949,50"), "utf-8")
    with pytest.raises(IngestError, match=r"statement at line 12: .*\(difference 100\.00\)"):
        ingest_files(con, "mt940", [path], progress=False)
    path.write_text(MT940.rstrip("-\n") + "\n" + second.format(closing="151849,50"), "utf-8")
    assert ingest_files(con, "mt940", [path], progress=False).files[0].rows_loaded == 4


CAMT = (FIX / "statement_camt053.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            CAMT.replace(">157637.50<", ">157637.00<"),
            r"statement STMT-2026-02-10: the statement does not balance: .* \(difference -0\.50\)",
        ),
        (CAMT.replace("<Cd>CLBD</Cd>", "<Cd>ITBD</Cd>"), r"no closing balance \(Bal CLBD\)"),
        (CAMT.replace("<Cd>OPBD</Cd>", "<Cd>XXXX</Cd>"), r"no opening balance \(Bal OPBD\)"),
        (CAMT.replace(">8888.00<", ">8888.0O<"), r"amount '8888\.0O' is not a decimal number"),
    ],
    ids=["closing-differs", "no-closing", "no-opening", "bad-amount"],
)
def test_camt053_that_does_not_balance_is_refused(con, tmp_path, text, message):
    path = tmp_path / "s.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IngestError, match=message):
        ingest_files(con, "camt053", [path], progress=False)
    assert con.execute("select count(*) from bank_transactions").fetchone()[0] == 0


# one amount column: (header, cells) -> stored amounts, or the reject reason's words per line
ONE_COLUMN = [
    (
        "借贷标志,交易金额",
        ['贷,"1,200.00"', "借,45.10", "D,7.00", "收,3.00"],
        [Decimal("1200.00"), Decimal("-45.10"), Decimal("-7.00"), Decimal("3.00")],
    ),
    (
        "交易金额,币种",
        ['"2,500.00 CR",人民币', "300.00 DR,人民币", "￥８８．００ cr,美元"],
        [Decimal("2500.00"), Decimal("-300.00"), Decimal("88.00")],
    ),
    ("交易金额,币种", ["-12.00,人民币", "12.00,人民币"], [Decimal("-12.00"), Decimal("12.00")]),
    (
        "借贷标志,交易金额",
        ["贷,-5.00", "借,5.00 CR", "转,5.00", ",5.00", '贷,"1,2,3"'],
        [
            "marked as money in",
            "disagree",
            "unknown direction in 借贷标志",
            "no direction",
            "declared number format",
        ],
    ),
]


@pytest.mark.parametrize(("header", "cells", "expected"), ONE_COLUMN)
def test_one_amount_column_takes_its_direction_from_a_flag_a_mark_or_its_sign(
    con, tmp_path, header, cells, expected
):
    """Exports with one 交易金额 column (a 借贷标志 column or ``CR``/``DR``) were refused whole."""
    path = tmp_path / "one.csv"
    rows = [f"2026-05-0{i + 1},某公司,{c},R{i}" for i, c in enumerate(cells)]
    path.write_text(f"交易日期,对方户名,{header},交易流水号\n" + "\n".join(rows) + "\n")
    f = ingest_cny_path(con, path, tmp_path)
    got = con.execute("select amount, currency from bank_transactions order by bank_ref").fetchall()
    if isinstance(expected[0], Decimal):
        assert [a for a, _ in got] == expected and f.rows_rejected == 0
        if "币种" in header:
            assert got[-1][1] == ("USD" if "美元" in cells[-1] else "CNY")
    else:
        assert got == [] and [r["line"] for r in f.rejects] == list(range(2, 2 + len(cells)))
        assert all(w in r["reason"] for w, r in zip(expected, f.rejects, strict=True))


def test_a_file_with_no_amount_column_at_all_names_both_layouts(con, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("交易日期,对方户名,摘要\n2026-05-01,某公司,货款\n")
    with pytest.raises(
        IngestError, match=r"or one amount column \(交易金额 / 发生额 / 金额 / Amount"
    ):
        ingest_cny_path(con, path, tmp_path)
