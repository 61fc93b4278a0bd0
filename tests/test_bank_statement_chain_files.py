"""A statement missing between two files (session 11, RECON11).

Found by the third independent statement set (``tests/eval/recon_independent3``): February's
MT940 and March's of one account came in two files, March opening 700.00 above February's
close, and the ingest said nothing — the chain was only checked inside one file. The warehouse
now keeps every balanced statement's balances (``bank_statements``), in the ingest's
transaction, and a later file is checked against them. Also here: a camt.054 notification (or
camt.052 report) is refused naming the statement to ingest instead. Expected values by hand.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from connectors.errors import IngestError
from connectors.ingest import ingest_files


def _ingest(con, paths: list[Path], tmp_path: Path, fmt: str):
    return ingest_files(con, fmt, paths, rejects_dir=tmp_path / "rej", progress=False)


def _mt940(acct: str, opened: str, opening: str, closed: str, amount: str, ref: str) -> str:
    close = Decimal(opening) + Decimal(amount)
    return (
        f":20:STMT{ref}\n:25:{acct}\n:28C:1/1\n:60F:C{opened}CNY{opening.replace('.', ',')}\n"
        f":61:{closed}{closed[2:]}C{amount.replace('.', ',')}NTRFNONREF//{ref}\n:86:PAYMENT\n"
        f":62F:C{closed}CNY{f'{close:.2f}'.replace('.', ',')}\n-\n"
    )


def _camt(iban: str, opened: str, opening: str, closed: str, amount: str, ref: str) -> str:
    close = Decimal(opening) + Decimal(amount)

    def bal(code: str, value: object, day: str) -> str:
        return (
            f'<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{value}</Amt>'
            f"<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{day}</Dt></Dt></Bal>"
        )

    return (
        '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">'
        f"<BkToCstmrStmt><Stmt><Id>{ref}</Id><Acct><Id><IBAN>{iban}</IBAN></Id></Acct>"
        + bal("OPBD", opening, opened)
        + bal("CLBD", f"{close:.2f}", closed)
        + f'<Ntry><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd>'
        f"</Sts><BookgDt><Dt>{closed}</Dt></BookgDt><AcctSvcrRef>{ref}</AcctSvcrRef></Ntry>"
        "</Stmt></BkToCstmrStmt></Document>"
    )


@pytest.mark.parametrize(
    ("kind", "root", "what"),
    [("054", "BkToCstmrDbtCdtNtfctn", "camt.054 debit/credit notification"),
     ("052", "BkToCstmrAcctRpt", "camt.052 intraday account report")],
)  # fmt: skip
def test_a_notification_or_intraday_report_is_refused_with_the_statement_to_ingest(
    con, tmp_path, kind, root, what
):
    """No balances to check, and its entries come again in the day's camt.053."""
    path = tmp_path / "n.xml"
    path.write_text(
        f'<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.{kind}.001.02">'
        f"<{root}><GrpHdr><MsgId>M</MsgId></GrpHdr></{root}></Document>"
    )
    with pytest.raises(IngestError, match=rf"n\.xml: a {what}, not a statement: .* ingest the "
                                          r"camt\.053 statement of the account instead"):  # fmt: skip
        _ingest(con, [path], tmp_path, "camt053")


def _notes(report) -> list[str]:
    return [n for f in report.files for n in f.notes]


def test_february_then_march_mt940_with_a_gap_between_the_files_is_noted(con, tmp_path):
    feb, mar = tmp_path / "feb.sta", tmp_path / "mar.sta"
    feb.write_text(_mt940("0200001109300012345", "270227", "10000.00", "270228", "500.00", "F1"))
    mar.write_text(_mt940("0200001109300012345", "270319", "11200.00", "270321", "60.00", "M1"))
    assert _notes(_ingest(con, [feb], tmp_path, "mt940")) == []
    notes = _notes(_ingest(con, [mar], tmp_path, "mt940"))
    assert len(notes) == 1
    assert notes[0].endswith(
        "mar.sta: statement at line 1 of account 0200001109300012345 opens at 11200.00, but the "
        "statement closing 2027-02-28 in feb.sta closed at 10500.00 (difference 700.00): a "
        "statement between them is missing (they do not chain) — download it, or its bookings "
        "are not in the warehouse"
    )
    # both lines load: each statement balances, so its bookings are real
    assert con.execute("select count(*) from bank_transactions").fetchone() == (2,)


def test_a_march_statement_that_opens_at_februarys_close_is_not_noted(con, tmp_path):
    feb, mar = tmp_path / "feb.sta", tmp_path / "mar.sta"
    feb.write_text(_mt940("ACC-7", "270227", "10000.00", "270228", "500.00", "F1"))
    mar.write_text(_mt940("ACC-7", "270301", "10500.00", "270302", "60.00", "M1"))
    other = tmp_path / "other.sta"  # another account's gap says nothing about this one
    other.write_text(_mt940("ACC-8", "270301", "99.00", "270302", "1.00", "O1"))
    assert _notes(_ingest(con, [feb, mar, other], tmp_path, "mt940")) == []


def test_files_ingested_out_of_order_are_checked_against_the_later_statement(con, tmp_path):
    feb, mar = tmp_path / "feb.xml", tmp_path / "mar.xml"
    feb.write_text(_camt("DE02100100100006820101", "2027-02-01", "0", "2027-02-28", "80.00", "F"))
    mar.write_text(_camt("DE02100100100006820101", "2027-03-01", "95.00", "2027-03-31", "5.00",
                         "M"))  # fmt: skip
    assert _notes(_ingest(con, [mar], tmp_path, "camt053")) == []
    notes = _notes(_ingest(con, [feb], tmp_path, "camt053"))
    assert [n.split(": ", 1)[1] for n in notes] == [
        "the statement opening 2027-03-01 in mar.xml of account DE02100100100006820101 opens at "
        "95.00, but statement F closed at 80.00 (difference 15.00): a statement between them is "
        "missing (they do not chain) — download it, or its bookings are not in the warehouse"
    ]


def test_the_same_statement_again_is_one_row_and_a_refused_batch_stores_none(con, tmp_path):
    jan = tmp_path / "jan.sta"
    jan.write_text(_mt940("ACC-9", "270101", "0.00", "270131", "70.00", "J1"))
    again = tmp_path / "jan_reexport.sta"  # the same statement, other bytes (CRLF)
    again.write_bytes(jan.read_text().replace("\n", "\r\n").encode())
    _ingest(con, [jan], tmp_path, "mt940")
    assert _notes(_ingest(con, [again], tmp_path, "mt940")) == []
    assert con.execute(
        "select account_no, opening_date, opening_balance, closing_date, closing_balance "
        "from bank_statements"
    ).fetchall() == [
        ("ACC-9", __import__("datetime").date(2027, 1, 1), Decimal("0.00"),
         __import__("datetime").date(2027, 1, 31), Decimal("70.00"))
    ]  # fmt: skip
    feb = tmp_path / "feb.sta"
    feb.write_text(_mt940("ACC-9", "270201", "70.00", "270228", "5.00", "F1"))
    broken = tmp_path / "broken.sta"
    broken.write_text(_mt940("ACC-9", "270301", "75.00", "270331", "5.00", "M1")[:-12])
    with pytest.raises(IngestError):
        _ingest(con, [feb, broken], tmp_path, "mt940")
    assert con.execute("select count(*) from bank_statements").fetchone() == (1,)
