"""The evaluation harness answers a currency refusal only with the currency a case gives.

Why (session 21): ``lab.evals.recon_flows.ingest_as_user`` answered every "does not say its
currency" refusal with ``--currency CNY``, so no hand-written set could check that such a file
is refused, and a EUR file stating none was loaded as CNY — its EUR 3,900.00 closed a CNY order
of 3,900.00 green in the harness, a wrong green that no user who knows their account would
see. A case now says ``account_currency`` (``null``: nobody answers); without it the answer
stays CNY, so sets 1–11 are scored as before. Invented file, in ``tmp_path``.
"""

from __future__ import annotations

import pytest

from connectors.errors import CurrencyUnknownError
from lab.evals.recon_flows import ingest_as_user

# a French-style ';' export that states no currency anywhere: the reader refuses it whole
NO_CURRENCY = "Date;Libellé;Débit;Crédit\n23/05/2077;VIR RECU QX-77-0001;;1 250,00\n"


@pytest.fixture
def statement(tmp_path):
    path = tmp_path / "releve_2077_05.csv"
    path.write_text(NO_CURRENCY, encoding="utf-8")
    return path


def _currencies(con) -> list[tuple[str, str]]:
    return con.execute("select currency, amount::varchar from bank_transactions").fetchall()


def test_no_account_currency_lets_the_refusal_through(con, statement, tmp_path) -> None:
    with pytest.raises(CurrencyUnknownError, match="does not say its currency"):
        ingest_as_user(
            con, "bank-csv", [statement], rejects_dir=tmp_path / "r", account_currency=None
        )
    assert _currencies(con) == []


def test_the_cases_account_currency_answers_the_refusal(con, statement, tmp_path) -> None:
    ingest_as_user(con, "bank-csv", [statement], rejects_dir=tmp_path / "r", account_currency="EUR")
    assert _currencies(con) == [("EUR", "1250.00")]


def test_without_one_the_answer_is_still_cny(con, statement, tmp_path) -> None:
    ingest_as_user(con, "bank-csv", [statement], rejects_dir=tmp_path / "r")
    assert _currencies(con) == [("CNY", "1250.00")]


def test_a_file_that_states_its_currency_is_read_once_without_an_answer(con, tmp_path) -> None:
    path = tmp_path / "releve_eur.csv"
    path.write_text(
        NO_CURRENCY.replace("Crédit\n", "Crédit;Devise\n").replace(",00\n", ",00;EUR\n")
    )
    ingest_as_user(con, "bank-csv", [path], rejects_dir=tmp_path / "r", account_currency=None)
    assert _currencies(con) == [("EUR", "1250.00")]
