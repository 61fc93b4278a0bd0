"""Red team, session 22: the bank readers' patterns are linear in the length of what they read.

Before: several patterns let two ``\\s*`` (or a run and a word) meet with only optional parts
between them, so the regular-expression engine tried every split of a long run of spaces.
Measured on ``orderlens ingest bank-csv`` (load ~12): a 3 KB statement whose amount header was
``Amount(`` and 1,500 spaces ran past 300 s (killed); a line ``Opening Balance`` and 1,500
spaces above the table took the ingest from 2 s to 66 s. Directly: the yuan-unit pattern took
14.4 s on ``(`` and 2,000 spaces, the opening balance 103 s (cubic), a ``label:value`` cell of
20,000 letters 21.9 s (quadratic). A statement is a file someone else wrote (a bank portal, a
counterparty, an e-mail); none of these may depend on how its cells are padded.
"""

from __future__ import annotations

import time

import pytest

from connectors.sources import _bank_header_line as header_line
from connectors.sources import _bank_headers as headers
from connectors.sources._bank_balance import _OPENING
from tests.bank_files import ingest_text

#: far above what the fixed patterns take here (milliseconds), far below the old ones (seconds
#: to minutes): a regression fails the test instead of hanging it for long
BUDGET_S = 1.0


def _within_budget(call, *args) -> object:
    start = time.perf_counter()
    out = call(*args)
    took = time.perf_counter() - start
    assert took < BUDGET_S, f"{call.__name__} took {took:.2f} s"
    return out


SPACES = " " * 2_000


@pytest.mark.parametrize(
    ("call", "header"),
    [
        (headers.header_currency, "Amount(" + SPACES + "x"),
        (headers.note_direction, "Amount(" + SPACES + "x"),
        (headers.bare, "收入金额（" + SPACES + "x"),
        (headers.key, "Betrag" + SPACES * 10 + "x"),
        (headers.UNIT_OTHER.search, "收入金额(万" + SPACES * 10 + "x"),
        (headers._COMPOUND.split, "交易流水号" + SPACES * 10 + "x"),
        (headers._HEADER_CCY.search, "Betrag" + SPACES * 10 + "x"),
    ],
)
def test_a_padded_header_is_read_in_linear_time(call, header) -> None:
    _within_budget(call, header)


def test_a_padded_preamble_line_is_read_in_linear_time() -> None:
    assert _within_budget(_OPENING.search, "Opening Balance" + SPACES + "x") is None
    assert _within_budget(header_line._preamble_currencies, ["k" * 20_000 + " 币种:人民币"]) == {
        "CNY"
    }


def test_the_patterns_read_what_they_read_before() -> None:
    assert [headers.header_currency(h) for h in ("Bedrag (EUR)", "收入金额（+元）", "Betrag in EUR",
                                                 "Débit euros", "Amount (€)", "金额")] == [
        "EUR", "CNY", "EUR", "EUR", "EUR", None]  # fmt: skip
    assert headers.bare("收入金额 （ + 元 ）") == "收入金额"
    assert headers.UNIT_OTHER.search("收入金额 ( 千元 )").group(1) == "千元"
    assert headers.UNIT_OTHER.search("Amount (EUR)") is None
    assert headers.note_direction("Amount ( paid out )") == -1
    assert headers.key(" Auftraggeber / Empfänger: ") == "auftraggeber/empfänger"
    assert _OPENING.search('Opening Balance, "1 234.56"').group(1) == "1 234.56"
    assert _OPENING.search("期初余额 ：  150,000.00").group(1) == "150,000.00"


def test_a_padded_statement_is_ingested_in_seconds(con, tmp_path) -> None:
    text = (
        "Kiln Cooperative statement\n"
        f"Opening Balance{SPACES}x\n"
        "Date,Description,Amount,Balance\n"
        "2026-11-01,Glaze supplies,-3.50,996.50\n"
        "2026-11-02,Studio fee,100.00,1096.50\n"
    )
    start = time.perf_counter()
    report = ingest_text(con, tmp_path, text, currency="EUR")
    assert time.perf_counter() - start < 30  # before: 66 s at load ~12
    assert report.rows_loaded == 2
