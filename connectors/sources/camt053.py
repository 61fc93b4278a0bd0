"""ISO 20022 camt.053 bank-to-customer statements (XML), parsed safely with ``defusedxml``.

Any camt.053 version works: the namespace is read from the root element. Column mapping
(→ ``bank_transactions``), one row per ``Ntry``:

==========================================  ======================================
Stmt/Acct/Id/IBAN (or Othr/Id)              ``account_no``
Ntry/BookgDt/DtTm or Dt                     ``booked_at``
Ntry/ValDt/Dt                               ``value_date``
Ntry/Amt (+ @Ccy), CdtDbtInd                ``amount`` (CRDT +, DBIT −), ``currency``
Ntry/AcctSvcrRef (else TxDtls/Refs/EndToEndId)  ``bank_ref``
TxDtls/RltdPties/Dbtr (credit) or Cdtr (debit) /Nm  ``counterparty_name`` (``/Pty/Nm`` from .001.08 on;
                                            a reversal (``RvslInd``) keeps the parties of the
                                            entry it undoes: Dbtr for a returned credit)
TxDtls/RltdPties/DbtrAcct or CdtrAcct /Id/IBAN|Othr/Id  ``counterparty_account``
TxDtls/RmtInf/Ustrd (all, joined), else AddtlNtryInf  ``memo`` (+ EndToEndId, see below;
                                            + Strd references: RfrdDocInf/Nb, an RF body)
==========================================  ======================================

An entry without remittance text (no ``Ustrd``) takes the payer's EndToEndId (unless
``NOTPROVIDED``) into the memo: payers often put the order number there and nowhere else. An entry with ``RvslInd`` true (the bank undoing an earlier
entry) gets :data:`~connectors.sources._bank.REVERSAL_MARK` in front of its memo, so
reconciliation holds it and the entry it reverses.

A batch entry whose TxDtls carry their own amounts (adding up to the entry's) gives one line
per TxDtls, each with its own debtor, remittance and amount, under the entry's AcctSvcrRef.
Only booked entries are read (``Sts`` PDNG / INFO are left out: they are not in the booked
balance). Each ``Stmt`` must balance: its opening booked balance (``Bal`` OPBD, or PRCD) plus every
``Ntry`` equals its closing booked balance (CLBD); a missing balance or a difference refuses the
file, showing the difference. An amount with more decimals than its currency has
(``1234.567`` CNY) refuses the file: it would otherwise be rounded into money the bank never moved.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.etree.ElementTree import Element

import duckdb
from defusedxml import ElementTree

from connectors.errors import IngestError
from connectors.sources._bank import (
    REVERSAL_MARK,
    check_balance,
    check_minor_units,
    load_statement,
)
from connectors.sources._chain import StatementChain
from connectors.sources.base import LoadContext, LoadResult
from connectors.sources.mt940 import FIELDS


def _text(el: Element | None, path: str, ns: dict[str, str]) -> str | None:
    if el is None:
        return None
    found = el.find(path, ns)
    return found.text.strip() if found is not None and found.text else None


def _account(el: Element | None, ns: dict[str, str]) -> str | None:
    return _text(el, "c:Id/c:IBAN", ns) or _text(el, "c:Id/c:Othr/c:Id", ns)


def _party_name(tx: Element | None, party: str, ns: dict[str, str]) -> str | None:
    """The debtor's or creditor's name: ``Dbtr/Nm`` up to .001.07, ``Dbtr/Pty/Nm`` from .001.08."""
    return _text(tx, f"c:RltdPties/c:{party}/c:Nm", ns) or _text(
        tx, f"c:RltdPties/c:{party}/c:Pty/c:Nm", ns
    )


def _memo(ntry: Element, ns: dict[str, str], scope: Element | None = None) -> str | None:
    """Remittance text of an entry (or of one of its TxDtls, ``scope``); EndToEndIds when none.

    Why the EndToEndId: it is the payer's own reference, and a payer who sends no remittance
    text often puts the order number there (beside remittance text it is usually a technical
    id, so it stays out). A reversal is marked (see :data:`REVERSAL_MARK`).
    """
    where = ntry if scope is None else scope
    ustrd = " ".join(u.text.strip() for u in where.iterfind(".//c:RmtInf/c:Ustrd", ns) if u.text)
    ustrd = " ".join(filter(None, [ustrd, *_structured(where, ns)]))
    memo = ustrd or (_text(ntry, "c:AddtlNtryInf", ns) or "")
    if not ustrd:
        e2e_path = "c:Refs/c:EndToEndId" if scope is not None else ".//c:TxDtls/c:Refs/c:EndToEndId"
        for e2e in where.iterfind(e2e_path, ns):
            ref = (e2e.text or "").strip()
            if ref and ref.upper() != "NOTPROVIDED" and ref not in memo:
                memo = f"{memo} {ref}".strip()
    if (_text(ntry, "c:RvslInd", ns) or "").lower() in ("true", "1"):
        memo = f"{REVERSAL_MARK} {memo}".strip()
    return memo or None


def _structured(where: Element, ns: dict[str, str]) -> list[str]:
    """The references a structured remittance (``RmtInf/Strd``) names: the referred document's
    number (``RfrdDocInf/Nb``, the invoice or order), the body of an ISO 11649 creditor reference
    (``RF`` + two check digits + the creditor's own reference, checked mod 97) and its free text
    (``AddtlRmtInf``).

    Why: a payer who pays by a structured reference writes no ``Ustrd``; the memo was empty, and
    the payment closed only when its amount alone pointed at one open order (session 25, set 16:
    ``RfrdDocInf/Nb`` and ``RF…`` references). A Swiss QR reference (``QRR``, 27 digits) or
    another scheme's number is the creditor's own numbering, not an order's: left out.

    >>> from xml.etree.ElementTree import fromstring
    >>> x = fromstring("<T><RmtInf><Strd><RfrdDocInf><Nb>INV-9</Nb></RfrdDocInf></Strd>"
    ...   "<Strd><CdtrRefInf><Ref>RF76LT2801090841</Ref></CdtrRefInf></Strd></RmtInf></T>")
    >>> _structured(x, {"c": ""})
    ['INV-9', 'LT2801090841']
    """
    out: list[str] = []
    for strd in where.iterfind(".//c:RmtInf/c:Strd", ns):
        for nb in strd.iterfind("c:RfrdDocInf/c:Nb", ns):
            if nb.text and nb.text.strip():
                out.append(nb.text.strip())
        ref = _text(strd, "c:CdtrRefInf/c:Ref", ns)
        if ref and (body := _rf_body(ref)):
            out.append(body)
        for extra in strd.iterfind("c:AddtlRmtInf", ns):
            if extra.text and extra.text.strip():
                out.append(extra.text.strip())
    return out


def _rf_body(ref: str) -> str | None:
    """The creditor's reference inside an ISO 11649 ``RF`` reference whose check digits hold.

    >>> _rf_body("RF18539007547034"), _rf_body("RF19539007547034"), _rf_body("2100000003")
    ('539007547034', None, None)
    """
    ref = ref.replace(" ", "").upper()
    if len(ref) < 5 or not ref.startswith("RF") or not ref[2:4].isdigit() or not ref[4:].isalnum():
        return None
    digits = "".join(str(int(ch, 36)) for ch in ref[4:] + ref[:4])
    return ref[4:] if int(digits) % 97 == 1 else None


def _batch_parts(ntry: Element, ns: dict[str, str]) -> list[tuple[Element, str]]:
    """The TxDtls of a batch entry with their own amounts, when those add up to the entry's.

    Why split: each TxDtls of a batch (``Btch``) is one payer's payment with its own debtor and
    remittance; read as one line, the whole batch was judged against the first payer only. An
    entry whose TxDtls carry no amounts, or amounts that do not add up, stays one line.
    """
    txs = ntry.findall("c:NtryDtls/c:TxDtls", ns)
    parts: list[tuple[Element, str]] = []
    for tx in txs:
        text = _text(tx, "c:Amt", ns) or _text(tx, "c:AmtDtls/c:TxAmt/c:Amt", ns)
        try:
            parts.append((tx, str(Decimal(text or ""))))
        except InvalidOperation:
            return []
    try:
        total = Decimal(_text(ntry, "c:Amt", ns) or "")
    except InvalidOperation:
        return []
    return parts if len(parts) > 1 and sum(Decimal(a) for _, a in parts) == total else []


def _booked(stmt: Element, ns: dict[str, str]) -> list[Element]:
    """The statement's booked entries: ``Sts`` PDNG (pending) and INFO ones are left out.

    Why: a pending entry has not moved the booked balance (CLBD), may still be cancelled, and
    is not money reconciliation can count; status is ``<Sts>BOOK</Sts>`` up to .001.07 and
    ``<Sts><Cd>BOOK</Cd></Sts>`` from .001.08 on. An entry without a status counts as booked.
    """
    return [
        n
        for n in stmt.findall("c:Ntry", ns)
        if (_text(n, "c:Sts/c:Cd", ns) or _text(n, "c:Sts", ns) or "BOOK").upper()
        not in ("PDNG", "INFO")
    ]


def _signed(el: Element, ns: dict[str, str], where: str) -> Decimal:
    """``Amt`` of a balance or entry, negative when ``CdtDbtInd`` is DBIT; refuses bad text."""
    text = _text(el, "c:Amt", ns)
    try:
        value = Decimal(text or "")
    except InvalidOperation:
        raise IngestError(f"{where}: amount {text!r} is not a decimal number") from None
    if not value.is_finite():
        raise IngestError(f"{where}: amount {text!r} is not a finite number")
    return -value if _text(el, "c:CdtDbtInd", ns) == "DBIT" else value


def _check_statement_balance(
    path: Path, stmt: Element, ns: dict[str, str]
) -> tuple[Decimal | None, Decimal | None]:
    """Opening (OPBD/PRCD) + every ``Ntry`` must equal the closing booked balance (CLBD);
    returns (opening, closing)."""
    where = f"{path}: statement {_text(stmt, 'c:Id', ns) or '(no Id)'}"
    balances: dict[str, Decimal] = {}
    for bal in stmt.findall("c:Bal", ns):
        code = _text(bal, "c:Tp/c:CdOrPrtry/c:Cd", ns)
        if code in ("OPBD", "PRCD", "CLBD") and code not in balances:
            balances[code] = _signed(bal, ns, f"{where}: balance {code}")
    entries = []
    for i, ntry in enumerate(_booked(stmt, ns), 1):
        entries.append(value := _signed(ntry, ns, f"{where}: entry {i}"))
        amt = ntry.find("c:Amt", ns)
        check_minor_units(f"{where}: entry {i}", amt.get("Ccy") if amt is not None else None, value)
    opening, closing = balances.get("OPBD", balances.get("PRCD")), balances.get("CLBD")
    check_balance(where, opening, entries, closing, opening_tag="Bal OPBD", closing_tag="Bal CLBD")
    return opening, closing


def _balance_dates(
    stmt: Element, ns: dict[str, str]
) -> tuple[date | None, date | None, str | None]:
    """(opening date, closing date, currency) of a ``Stmt``'s OPBD/PRCD and CLBD, for the chain
    check across files; a missing or unreadable date is None (that side is then not checked)."""
    found: dict[str, date | None] = {}
    ccy = None
    for bal in stmt.findall("c:Bal", ns):
        code = _text(bal, "c:Tp/c:CdOrPrtry/c:Cd", ns)
        if code in ("OPBD", "PRCD", "CLBD") and code not in found:
            text = _text(bal, "c:Dt/c:Dt", ns) or _text(bal, "c:Dt/c:DtTm", ns) or ""
            try:
                found[code] = date.fromisoformat(text[:10])
            except ValueError:
                found[code] = None
            amt = bal.find("c:Amt", ns)
            ccy = ccy or (amt.get("Ccy") if amt is not None else None)
    return found.get("OPBD", found.get("PRCD")), found.get("CLBD"), ccy


def _entry_rows(ntry: Element, ns: dict[str, str], account: str | None) -> list[dict]:
    """BANK_COLUMNS of one ``Ntry``: one row, or one per TxDtls of a batch (``_batch_parts``)."""
    amt = ntry.find("c:Amt", ns)
    sign = -1 if _text(ntry, "c:CdtDbtInd", ns) == "DBIT" else 1
    # The other party: the payer (Dbtr) of money in, the payee (Cdtr) of money out. A reversal
    # keeps the parties of the entry it undoes (a returned credit still names its Dbtr), so it
    # reads the original direction's party first; reading Cdtr there left the returned payment's
    # payer empty, and the reversal could undo another payer's equal payment.
    reversal = (_text(ntry, "c:RvslInd", ns) or "").lower() in ("true", "1")
    party, other = ("Cdtr", "Dbtr") if (sign < 0) != reversal else ("Dbtr", "Cdtr")
    common = {
        "account_no": account,
        "booked_at": _text(ntry, "c:BookgDt/c:DtTm", ns) or _text(ntry, "c:BookgDt/c:Dt", ns),
        "value_date": _text(ntry, "c:ValDt/c:Dt", ns) or _text(ntry, "c:ValDt/c:DtTm", ns),
        "currency": amt.get("Ccy") if amt is not None else None,
    }
    whole = (amt.text or "").strip() if amt is not None else ""
    parts: list[tuple[Element | None, str]] = [*_batch_parts(ntry, ns)] or [
        (ntry.find("c:NtryDtls/c:TxDtls", ns), whole)
    ]
    rows = []
    for tx, value in parts:
        rows.append(
            {
                **common,
                "amount": (value if sign > 0 else "-" + value) if value else None,
                "counterparty_name": _party_name(tx, party, ns)
                or (_party_name(tx, other, ns) if reversal else None),
                "counterparty_account": _account(
                    tx.find(f"c:RltdPties/c:{party}Acct", ns) if tx is not None else None, ns
                )
                or (
                    _account(tx.find(f"c:RltdPties/c:{other}Acct", ns), ns)
                    if reversal and tx is not None
                    else None
                ),
                "memo": _memo(ntry, ns, tx if len(parts) > 1 else None),
                "bank_ref": _text(ntry, "c:AcctSvcrRef", ns)
                or _text(tx, "c:Refs/c:EndToEndId", ns),
            }
        )
    return rows


def parse_rows(path: Path, chain: StatementChain | None = None) -> list[dict]:
    """One dict per ``Ntry`` (per TxDtls of a batch) with BANK_COLUMNS as text (``_line`` = n)."""
    try:
        root = ElementTree.parse(str(path)).getroot()
    except Exception as exc:  # ParseError, DefusedXmlException (entities, DTDs)
        raise IngestError(
            f"{path}: not a well-formed (or a forbidden) XML document: {exc}"
        ) from exc
    if root is None:
        raise IngestError(f"{path}: empty XML document; expected an ISO 20022 camt.053 Document")
    if root.tag.startswith("{") and ("camt.054" in root.tag or "camt.052" in root.tag):
        kind = "camt.054 debit/credit notification" if "camt.054" in root.tag else (
            "camt.052 intraday account report")  # fmt: skip
        raise IngestError(
            f"{path}: a {kind}, not a statement: it carries no booked opening and closing "
            "balance to check its entries against, and the same entries come again in the "
            "day's statement — ingest the camt.053 statement of the account instead"
        )
    if not root.tag.startswith("{") or "camt.053" not in root.tag:
        raise IngestError(f"{path}: root element {root.tag} is not an ISO 20022 camt.053 Document")
    ns = {"c": root.tag[1:].split("}")[0]}
    rows = []
    n = 0
    for stmt in root.iter(f"{{{ns['c']}}}Stmt"):
        account = _account(stmt.find("c:Acct", ns), ns)
        opening, closing = _check_statement_balance(path, stmt, ns)
        if chain is not None and opening is not None and closing is not None:
            label = f"statement {_text(stmt, 'c:Id', ns) or '(no Id)'}"
            opened, closed, ccy = _balance_dates(stmt, ns)
            chain.see(account or "(no account)", label, opening, closing,
                      opened=opened, closed=closed, currency=ccy)  # fmt: skip
        for ntry in _booked(stmt, ns):
            for row in _entry_rows(ntry, ns, account):
                n += 1
                rows.append({"_line": n, **row})
    if not n:
        raise IngestError(f"{path}: no Stmt/Ntry entries found")
    return rows


def load(con: duckdb.DuckDBPyConnection, path: Path, ctx: LoadContext) -> LoadResult:
    """Load one camt.053 file into ``bank_transactions`` (rejects are per entry index)."""
    return load_statement(con, path, ctx, "camt053", parse_rows, FIELDS)
