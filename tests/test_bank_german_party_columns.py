"""German online banking's party columns read by their meaning (session 20, reconblind20).

Found by ``recon_independent11``: a Volksbank-style export names the other side
``Name Zahlungsbeteiligter`` / ``IBAN Zahlungsbeteiligter``, words the lists did not hold, so
every line lost its payer (an unreferenced payment could then not be matched by payer). The
meaning reader now knows German party words (Zahlungsbeteiligter, Auftraggeber, Empfänger, …);
the *own* account's columns (``IBAN Auftragskonto``) stay no role. Statement written by hand.
"""

from __future__ import annotations

from decimal import Decimal

from tests.bank_files import ingest_text

HEAD = (
    "Bezeichnung Auftragskonto;IBAN Auftragskonto;Buchungstag;Name Zahlungsbeteiligter;"
    "IBAN Zahlungsbeteiligter;BIC Zahlungsbeteiligter;Verwendungszweck;Betrag;Waehrung;\n"
)


def test_the_payer_and_the_payers_iban_are_read_not_the_own_account(con, tmp_path):
    text = HEAD + (
        "Geschaeftskonto;DE02120300000000202051;07.05.2031;Lindenhof Moebel GmbH;"
        "DE89370400440532013000;COBADEFFXXX;Rechnung LM-5521;1.840,00;EUR;\n"
    )
    f = ingest_text(con, tmp_path, text)
    assert (f.rows_loaded, f.rows_rejected) == (1, 0)
    row = con.execute(
        "select amount, currency, counterparty_name, counterparty_account, memo "
        "from bank_transactions"
    ).fetchone()
    assert row == (
        Decimal("1840.00"), "EUR", "Lindenhof Moebel GmbH", "DE89370400440532013000",
        "Rechnung LM-5521",
    )  # fmt: skip
    note = next(n for n in f.notes if "by their meaning" in n)
    assert "'Name Zahlungsbeteiligter' as the payer" in note
    assert "Auftragskonto" not in note  # the account holder's own columns: no role


def test_an_umlaut_spelling_names_the_same_party(con, tmp_path):
    text = (
        "Buchungstag;Name Empfänger;Verwendungszweck;Betrag;Waehrung\n"
        "08.05.2031;Stadtwerke Ulm;Abschlag Mai;-120,00;EUR\n"
    )
    ingest_text(con, tmp_path, text)
    assert con.execute("select counterparty_name from bank_transactions").fetchone() == (
        "Stadtwerke Ulm",
    )
