"""An account's currency is kept once (``orderlens accounts set``), not typed per file (session 15).

Before: a statement that states no currency was refused unless ``--currency`` came with it, so a
user with many files from one account typed it on every ingest (and one wrong keystroke loads
EUR as CNY). Now ``orderlens accounts set ACCOUNT --currency CNY`` keeps it in the warehouse
(``bank_accounts``); a file naming that account (a 账号：… line, a 本方账号 column) and stating
no currency is read in it. A file, a currency cell or a ``--currency`` saying another currency
is refused, never overridden. Files and values by hand.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from connectors.accounts import set_account_currency
from connectors.errors import CurrencyUnknownError, IngestError
from lab.cli import cli
from tests.bank_files import ingest_text as _ingest

ACCT = "账号：6222 0210 0000 1234\n"
BODY = "交易日期,流水号,收入金额,支出金额\n2026-11-02,R1,1200.00,\n"


def _currencies(con) -> list[tuple]:
    return con.execute("select bank_ref, currency from bank_transactions order by 1").fetchall()


def test_the_kept_currency_reads_a_silent_file_of_that_account(con, tmp_path):
    with pytest.raises(CurrencyUnknownError, match=r"orderlens accounts set ACCOUNT"):
        _ingest(con, tmp_path, ACCT + BODY)
    set_account_currency(con, "6222-0210-0000-1234", "USD")
    _ingest(con, tmp_path, ACCT + BODY)
    assert _currencies(con) == [("R1", "USD")]


def test_another_account_or_no_account_still_needs_a_currency(con, tmp_path):
    set_account_currency(con, "6222021000009999", "USD")
    for text in (ACCT + BODY, BODY):
        with pytest.raises(CurrencyUnknownError):
            _ingest(con, tmp_path, text)


def test_an_account_column_is_looked_up_and_two_currencies_refuse(con, tmp_path):
    text = "交易日期,流水号,本方账号,收入金额,支出金额\n2026-11-02,R1,111,5.00,\n2026-11-03,R2,222,6.00,\n"
    set_account_currency(con, "111", "EUR")
    set_account_currency(con, "222", "EUR")
    _ingest(con, tmp_path, text)
    assert _currencies(con) == [("R1", "EUR"), ("R2", "EUR")]
    con.execute("delete from bank_transactions; delete from ingest_log")
    set_account_currency(con, "222", "GBP")
    with pytest.raises(
        IngestError, match=r"accounts kept in different currencies \(111 EUR, 222 GBP\)"
    ):
        _ingest(con, tmp_path, text)


@pytest.mark.parametrize(
    ("text", "options", "message"),
    [
        (ACCT + "交易日期,流水号,收入金额(元),支出金额(元)\n2026-11-02,R1,1200.00,\n", {},
         r"gives the currency CNY but account 6222021000001234 is kept in USD"),
        (ACCT + BODY, {"currency": "EUR"},
         r"--currency EUR was given but account 6222021000001234 is kept in USD"),
    ],
    ids=["file-says-cny", "currency-option"],
)  # fmt: skip
def test_a_file_or_option_against_the_kept_currency_is_refused(
    con, tmp_path, text, options, message
):
    set_account_currency(con, "6222021000001234", "USD")
    with pytest.raises(IngestError, match=message):
        _ingest(con, tmp_path, text, **options)
    assert _currencies(con) == []


def test_a_currency_cell_against_the_kept_currency_is_a_reject(con, tmp_path):
    set_account_currency(con, "6222021000001234", "USD")
    text = (
        ACCT
        + "交易日期,流水号,币种,收入金额,支出金额\n2026-11-02,R1,美元,5.00,\n2026-11-03,R2,人民币,6.00,\n"
    )
    f = _ingest(con, tmp_path, text)
    assert _currencies(con) == [("R1", "USD")]
    assert [(r["line"], "contradicts account 6222021000001234's currency USD" in r["reason"])
            for r in f.rejects] == [(4, True)]  # fmt: skip


def test_the_cli_keeps_lists_and_uses_the_setting(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(ACCT + BODY, encoding="utf-8")
    db = str(tmp_path / "w.duckdb")
    run = CliRunner().invoke
    kept = run(cli, ["accounts", "set", "6222 0210 0000 1234", "--currency", "usd", "--db", db])
    assert kept.exit_code == 0 and "account 6222021000001234: currency USD" in kept.output
    listed = run(cli, ["accounts", "list", "--db", db])
    assert listed.output.startswith("6222021000001234\tUSD\tset ")
    loaded = run(cli, ["ingest", "bank-csv", str(path), "--db", db, "--no-progress"])
    assert loaded.exit_code == 0, loaded.output
    bad = run(cli, ["accounts", "set", "1", "--currency", "dollars", "--db", db])
    assert bad.exit_code != 0 and "not an ISO 4217 code" in bad.output
