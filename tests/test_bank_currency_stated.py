"""A bank CSV's currency comes from the file or from the user, never from a default (session 14).

Before, an English-header or Chinese-header bank CSV that named no currency was read as CNY:
a US activity export of a USD account, or a Swiss account exported with Chinese headers, closed
CNY orders with USD or CHF money. Now the file must say it (a currency column, the amount
header's currency or 元 unit, a line above the table, a ¥ / 元 mark on an amount) or the user
gives it (``--currency``); otherwise the file is refused with what is missing and what to type.
Files and values by hand.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from connectors.errors import CurrencyUnknownError, IngestError
from lab.cli import cli
from tests.bank_files import ingest_text as _ingest

US = 'Posting Date,Description,Reference,Debit,Credit\n2026-11-02,ACH NORTHWIND,R1,,"1,200.00"\n'
CN = "交易日期,流水号,收入金额,支出金额,对方户名\n2026-11-02,R1,1200.00,,某公司\n"


def _currencies(con) -> list[tuple]:
    return con.execute("select bank_ref, currency from bank_transactions order by 1").fetchall()


@pytest.mark.parametrize(
    ("text", "what_to_type"),
    [(US, "--currency and its ISO 4217 code"), (CN, "e.g. --currency CNY")],
    ids=["english", "chinese"],
)
def test_a_file_that_states_no_currency_is_refused_with_what_to_type(
    con, tmp_path, text, what_to_type
):
    # the example is the file's own script's currency (session 22): a Chinese header offers
    # CNY, an English (or French, German) one offers no code it has no hint of
    with pytest.raises(CurrencyUnknownError, match=r"does not say its currency") as refused:
        _ingest(con, tmp_path, text)
    assert what_to_type in str(refused.value)
    assert ("CNY" in str(refused.value)) == (text == CN)
    assert _currencies(con) == []


@pytest.mark.parametrize(("text", "given"), [(US, "usd"), (CN, "CNY"), (CN, "人民币")])
def test_the_currency_the_user_gives_is_the_accounts(con, tmp_path, text, given):
    _ingest(con, tmp_path, text, currency=given)
    assert _currencies(con) == [("R1", "USD" if given == "usd" else "CNY")]


# what counts as "the file says so": each of these alone makes the file CNY (or USD)
STATED = [
    ("币种：人民币\n" + CN, "CNY"),
    ("中国工商银行人民币结算账户交易明细\n" + CN, "CNY"),
    (CN.replace("收入金额,支出金额", "收入金额(元),支出金额(元)"), "CNY"),
    (CN.replace("1200.00", "¥1200.00"), "CNY"),
    (CN.replace("1200.00", "1200.00元"), "CNY"),
    ("Currency:,USD\n" + US, "USD"),
    (US.replace("Debit,Credit", "Debit (USD),Credit (USD)"), "USD"),
    (US.replace("Credit\n", "Credit,Currency\n").rstrip("\n") + ",USD\n", "USD"),
]


@pytest.mark.parametrize(("text", "currency"), STATED)
def test_a_currency_the_file_states_is_read(con, tmp_path, text, currency):
    _ingest(con, tmp_path, text)
    assert _currencies(con) == [("R1", currency)]


def test_a_given_currency_that_contradicts_the_file_refuses_it(con, tmp_path):
    with pytest.raises(IngestError, match=r"gives the currency CNY but --currency EUR"):
        _ingest(con, tmp_path, "币种：人民币\n" + CN, currency="EUR")


def test_a_mark_on_an_amount_that_contradicts_the_header_refuses_the_file(con, tmp_path):
    text = "Currency:,USD\n" + CN.replace("1200.00", "¥1200.00")
    with pytest.raises(IngestError, match=r"marked CNY but the statement gives the currency USD"):
        _ingest(con, tmp_path, text)


def test_an_empty_currency_cell_is_a_reject_when_nothing_else_says_it(con, tmp_path):
    text = CN.replace("对方户名\n", "对方户名,币种\n").replace("某公司\n", "某公司,美元\n")
    text += "2026-11-03,R2,50.00,,某公司,\n"
    f = _ingest(con, tmp_path, text)
    assert _currencies(con) == [("R1", "USD")]
    assert [(r["line"], "no currency in 币种" in r["reason"]) for r in f.rejects] == [(3, True)]


def test_a_currency_that_is_not_iso_4217_is_refused(con, tmp_path):
    with pytest.raises(IngestError, match=r"--currency 'DOLLARS' is not an ISO 4217"):
        _ingest(con, tmp_path, US, currency="DOLLARS")


def test_the_cli_passes_currency(tmp_path):
    path = tmp_path / "us.csv"
    path.write_text(US, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    args = ["ingest", "bank-csv", str(path), "--db", str(db), "--no-progress"]
    refused = CliRunner().invoke(cli, args)
    assert refused.exit_code != 0 and "--currency and its ISO 4217 code" in refused.output
    loaded = CliRunner().invoke(cli, [*args, "--currency", "USD"])
    assert loaded.exit_code == 0, loaded.output
