"""SWIFT MT940 bank statements, parsed by the ``mt-940`` package.

Column mapping (→ ``bank_transactions``):

===========================  ==============================================
:25: account identification  ``account_no``
:61: entry date / value date ``booked_at`` (entry date, else value date) / ``value_date``
:61: amount, D/C mark        ``amount`` (signed: credit +, debit −), ``currency`` (:60F:)
:61: customer reference      ``bank_ref`` (bank reference when the customer's is NONREF)
:86: details                 ``memo`` (the text, its 65-character lines joined where the
                             bank cut them, without the party sub-fields ``/IBAN/ /ACCT/
                             /BIC/ /NAME/``); ``counterparty_name`` / ``counterparty_account``
                             from ``/NAME/``, ``/IBAN/``, ``/ACCT/``, Rabobank's
                             ``/CNTP/iban/bic/name/`` or the structured ``?31``/``?32``
===========================  ==============================================

Every statement must be whole: an opening (``:60F:``) and a closing (``:62F:``) balance, every
``:61:`` entry readable, and closing = opening + entries, else the file is refused with the
difference (a truncated download parses "successfully" otherwise). Two statements of one
account that do not chain (the second does not open where the first closed: one is missing
between them) load with a note in the ingest report. The package's own log output never reaches
the user.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import mt940 as mt940_pkg

from connectors.errors import IngestError
from connectors.sources._bank import (
    REVERSAL_MARK,
    check_balance,
    check_minor_units,
    load_statement,
)
from connectors.sources._chain import StatementChain
from connectors.sources._tabular import Field
from connectors.sources.base import LoadContext, LoadResult

_SUB = re.compile(r"/(NAME|ACCT|IBAN|REMI|CNTP|BENM|ORDP)/([^/]*)")
#: Sub-fields whose value is a party, never remittance text: the account (IBAN/ACCT) and the name
#: move to ``counterparty_account`` / ``counterparty_name`` and leave the memo, where an account's
#: digits read as a reference to no order (the transfer was held red) and a name's words as
#: component words (``ATLAS INSURANCE SERVICES`` made the payment the order's service fee).
#: Rabobank writes ``/CNTP/iban/bic/name/city/``.
_ACCOUNT_SUB = re.compile(r"/(IBAN|ACCT|BIC|CSID|NAME)/[^/]*")
_CNTP = re.compile(r"/CNTP/([^/]*)/([^/]*)/([^/]*)/")
#: The payer's end-to-end id and the remittance sub-field (``/REMI/text`` or ``/REMI/USTD//text``).
_EREF = re.compile(r"/EREF/[^/]*")
_REMI = re.compile(r"/REMI/(?:USTD//|STRD//)?[^/\s]")
#: A SWIFT line is 65 characters; the first :86: line also carries its 4-character tag.
_SWIFT_LINE = 65

#: How the package reads a statement. Its defaults keep release 5.0.0's behaviour, which signs a
#: reversal of a credit (``RC``: money leaves the account) as money in and ignores lower-case
#: marks; a bank's reversal must be stored with the sign the balance uses. ``applicant_iban``
#: files the structured ``?31`` account apart from the ``?32``/``?33`` name, and
#: ``merge_keeps_values`` keeps the ``:61:`` reference when the ``:86:`` carries none.
_OPTIONS = mt940_pkg.Options(
    reversal_sign=True, case_insensitive_marks=True, applicant_iban=True, merge_keeps_values=True
)

#: Structured ``:86:`` fields (German ``?20``…``?29`` style, SEPA ``EREF+``/``SVWZ+``) that
#: carry the payer's remittance text, in the order they are shown in the memo. The end-to-end
#: id (``EREF+``) only when there is no remittance text: beside it, it is the payer's technical
#: id (``KD-2026-77310``), which read as a reference to no order and held the payment red.
_REMITTANCE_KEYS = ("purpose", "additional_purpose")
_END_TO_END = "end_to_end_reference"


def _first_line_width(lines: list[str]) -> int:
    """How many characters of text the first line of each :86: holds in this statement.

    Why: SWIFT counts the ``:86:`` tag in the 65-character line (61 characters of text), but
    some banks' file exports write 65 characters of text after it. Read with the SWIFT width, a
    first line that ended in a space at the bank's margin (the space is lost when lines are
    read) looked full and was glued to the next word (``PAYMENT FOR ORDERS`` +
    ``LT2801150231`` read as ``ORDERSLT2801150231``, a reference to no order:
    ``recon_independent8`` a2). A statement whose first lines run past 61 characters of text
    shows the bank's own width; otherwise the SWIFT width stands.

    >>> _first_line_width([":86:" + "A" * 61, "B"]), _first_line_width([":86:" + "A" * 64])
    (61, 65)
    """
    wide = any(ln.startswith(":86:") and len(ln.rstrip()) > _SWIFT_LINE for ln in lines)
    return _SWIFT_LINE if wide else _SWIFT_LINE - len(":86:")


def _unwrap(text: str, first_width: int = _SWIFT_LINE - len(":86:")) -> str:
    r"""Join the physical lines of a free-text :86: the way the bank split them.

    Why: banks cut :86: into 65-character lines wherever the text reaches the margin, in the
    middle of a word (``/N`` + ``AME/ATLAS INSURANCE SERV`` + ``ICES BV``); read with a space at
    every break, the payer's name and the sub-field labels were broken. A line that filled the
    margin continues on the next one; a shorter line ended where the writer ended it. The first
    line's margin is ``first_width`` (:func:`_first_line_width`).

    >>> _unwrap("/BIC/RABONL2U/N" + "A" * 46 + "\nAME/ATLAS INSURANCE\nBV")
    '/BIC/RABONL2U/NAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAME/ATLAS INSURANCE BV'
    """
    parts = text.split("\n")
    out, full = parts[0], len(parts[0]) >= first_width
    for part in parts[1:]:
        out += ("" if full else " ") + part
        full = len(part) >= _SWIFT_LINE
    return out


def _details(text: str) -> tuple[str, str | None, str | None]:
    """Memo text without party sub-fields, the payer's name and account (``/KEY/value``).

    >>> _details("/TRTP/SEPA/IBAN/NL91ABNA0417164300/NAME/ACME BV/REMI/SO2602100001")
    ('/TRTP/SEPA/IBAN//NAME//REMI/SO2602100001', 'ACME BV', 'NL91ABNA0417164300')
    """
    subs = dict(_SUB.findall(text or ""))
    cntp = _CNTP.search(text or "")
    name = subs.get("NAME") or subs.get("BENM") or subs.get("ORDP") or (cntp and cntp.group(3))
    acct = subs.get("IBAN") or subs.get("ACCT") or (cntp and cntp.group(1)) or ""
    memo = _ACCOUNT_SUB.sub(lambda m: f"/{m.group(1)}/", text or "")
    memo = _CNTP.sub("/CNTP////", memo)
    if _REMI.search(memo):  # beside remittance text the end-to-end id is a technical id (camt too)
        memo = _EREF.sub("/EREF/", memo)
    return " ".join(memo.split()), (name.strip() if name else None), acct.strip() or None


def _memo_and_party(
    d: dict, first_width: int = _SWIFT_LINE - len(":86:")
) -> tuple[str | None, str | None, str | None]:
    """Memo, counterparty name and account of one entry, whichever way its ``:86:`` is written.

    Why: a free-text ``:86:`` (``/NAME/…/REMI/…``) reaches us as ``transaction_details``, but
    the package takes a structured one (``?20`` remittance, ``?32`` name) apart into fields
    and leaves no details text, so the memo and the payer were lost. The payer's own reference
    in ``:61:`` (not ``NONREF``) is remittance information too: it joins the memo unless the
    memo already says it. A reversal the bank marked (``RC``/``RD``) starts with
    :data:`~connectors.sources._bank.REVERSAL_MARK`, so reconciliation never takes it, or the
    payment it undoes, for an order's money.
    """
    details, name, acct = _details(_unwrap(str(d.get("transaction_details") or ""), first_width))
    if not details:
        details = " ".join(" ".join(str(d[k]).split()) for k in _REMITTANCE_KEYS if d.get(k))
        details = details or " ".join(str(d.get(_END_TO_END) or "").split())
        name = " ".join(str(d.get("applicant_name") or "").split()) or None
        acct = str(d.get("applicant_iban") or "").strip() or None
    own_ref = str(d.get("customer_reference") or "").strip()
    if own_ref and own_ref.upper() != "NONREF" and own_ref not in details:
        details = f"{details} {own_ref}".strip()
    if str(d.get("status") or "").upper().startswith("R"):
        details = f"{REVERSAL_MARK} {details}".strip()
    return details or None, name, acct


@contextlib.contextmanager
def _quiet_parser() -> Iterator[list[str]]:
    """Keep the ``mt-940`` package's log lines (regex dumps of unparsable tags) from users.

    Without a handler they reach stderr through logging's last resort; here they are collected
    and only the first one is reused, reworded, in our own error message.
    """
    seen: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    log = logging.getLogger("mt940")
    handler, propagate = _Collect(logging.DEBUG), log.propagate
    log.addHandler(handler)
    log.propagate = False
    try:
        yield seen
    finally:
        log.removeHandler(handler)
        log.propagate = propagate


def _statements(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Split a file into statements at each ``:20:`` (first line number, lines)."""
    blocks: list[tuple[int, list[str]]] = []
    for n, line in enumerate(lines, 1):
        if line.startswith(":20:") or not blocks:
            blocks.append((n, []))
        blocks[-1][1].append(line)
    return [b for b in blocks if any(ln.startswith(":61:") or ln.startswith(":6") for ln in b[1])]


def _balance(data: dict, *keys: str) -> Decimal | None:
    for key in keys:
        if (bal := data.get(key)) is not None:
            return Decimal(bal.amount.amount)
    return None


def _balance_currency(data: dict, key: str) -> str | None:
    bal = data.get(key)
    return getattr(bal.amount, "currency", None) if bal is not None else None


def _balance_date(data: dict, *keys: str) -> date | None:
    """The date of the first balance present (``:60F:`` / ``:62F:``), for the chain check."""
    for key in keys:
        if (bal := data.get(key)) is not None and isinstance(bal.date, date):
            return date(bal.date.year, bal.date.month, bal.date.day)
    return None


def _parse_statement(
    path: Path, first: int, lines: list[str], chain: StatementChain | None = None
) -> list[dict]:
    """Rows of one statement, after checking it is complete and balances (and chains)."""
    where = f"{path}: statement at line {first}"
    with _quiet_parser():
        try:
            stmt = mt940_pkg.parse("\n".join(lines), options=_OPTIONS)
        except Exception as exc:  # the package raises assorted errors on malformed input
            bad = exc.args[2] if len(exc.args) > 2 else ""
            detail = f"cannot read {str(bad)[:60]!r}" if bad else type(exc).__name__
            raise IngestError(f"{where}: not a valid MT940 statement ({detail})") from None
    account = stmt.data.get("account_identification")
    if not account:
        raise IngestError(f"{where}: no :25: account identification; is this an MT940 file?")
    lines61 = [first + i for i, ln in enumerate(lines) if ln.startswith(":61:")]
    if len(lines61) != len(stmt):
        raise IngestError(
            f"{where}: {len(lines61)} :61: entries but {len(stmt)} could be read; "
            "the file is damaged — download it again"
        )
    amounts = [Decimal(t.data["amount"].amount) for t in stmt if t.data.get("amount") is not None]
    if len(amounts) != len(stmt):
        raise IngestError(f"{where}: an entry has no amount; the file is damaged")
    for line61, t, value in zip(lines61, stmt, amounts, strict=True):
        currency = getattr(t.data["amount"], "currency", None) or t.data.get("currency")
        check_minor_units(f"{path}: line {line61}", currency, value)
    opening = _balance(stmt.data, "final_opening_balance", "intermediate_opening_balance")
    closing = _balance(stmt.data, "final_closing_balance", "intermediate_closing_balance")
    check_balance(where, opening, amounts, closing, opening_tag=":60F:", closing_tag=":62F:")
    if chain is not None and opening is not None and closing is not None:
        chain.see(
            str(account),
            f"statement at line {first}",
            opening,
            closing,
            opened=_balance_date(
                stmt.data, "final_opening_balance", "intermediate_opening_balance"
            ),
            closed=_balance_date(
                stmt.data, "final_closing_balance", "intermediate_closing_balance"
            ),
            currency=_balance_currency(stmt.data, "final_opening_balance"),
        )
    rows = []
    width = _first_line_width(lines)
    for k, t in enumerate(stmt):
        d = t.data
        amount = d.get("amount")
        details, name, acct = _memo_and_party(d, width)
        ref = d.get("customer_reference")
        if not ref or ref == "NONREF":
            ref = d.get("bank_reference") or ref
        booked = d.get("entry_date") or d.get("date")
        rows.append(
            {
                "_line": lines61[k],
                "account_no": account,
                "booked_at": booked.isoformat() if booked else None,
                "value_date": d["date"].isoformat() if d.get("date") else None,
                "amount": str(amount.amount) if amount is not None else None,
                "currency": getattr(amount, "currency", None) or d.get("currency"),
                "counterparty_name": name,
                "counterparty_account": acct,
                "memo": details or None,
                "bank_ref": ref,
            }
        )
    return rows


def parse_rows(path: Path, chain: StatementChain | None = None) -> list[dict]:
    """One dict per :61: line with BANK_COLUMNS as text; ``_line`` is the 1-based line index.

    Each statement (``:20:`` … ``:62F:``) in the file must be complete and balance; ``chain``
    notes a statement that does not open where the account's previous one closed.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = path.read_text(encoding="gb18030")
    blocks = _statements(text.splitlines())
    if not blocks:
        raise IngestError(f"{path}: no MT940 statement (:20: … :61: … :62F:) found")
    return [row for first, lines in blocks for row in _parse_statement(path, first, lines, chain)]


FIELDS = [Field("account_no", "account_no", required=True),
          Field("booked_at", "booked_at", "timestamp", required=True),
          Field("value_date", "value_date", "date"),
          Field("amount", "amount", "money", required=True),
          Field("currency", "currency"), Field("counterparty_name", "counterparty_name"),
          Field("counterparty_account", "counterparty_account"), Field("memo", "memo"),
          Field("bank_ref", "bank_ref")]  # fmt: skip


def load(con: duckdb.DuckDBPyConnection, path: Path, ctx: LoadContext) -> LoadResult:
    """Load one MT940 file into ``bank_transactions``."""
    return load_statement(con, path, ctx, "mt940", parse_rows, FIELDS)
