"""ISO 20022 camt.053 bank-to-customer statements (XML), parsed safely with ``defusedxml``.

Any camt.053 version works: the namespace is read from the root element. Column mapping
(→ ``bank_transactions``), one row per ``Ntry``:

==========================================  ======================================
Stmt/Acct/Id/IBAN (or Othr/Id)              ``account_no``
Ntry/BookgDt/DtTm or Dt                     ``booked_at``
Ntry/ValDt/Dt                               ``value_date``
Ntry/Amt (+ @Ccy), CdtDbtInd                ``amount`` (CRDT +, DBIT −), ``currency``
Ntry/AcctSvcrRef (else TxDtls/Refs/EndToEndId)  ``bank_ref``
TxDtls/RltdPties/Dbtr (credit) or Cdtr (debit) /Nm  ``counterparty_name`` (``/Pty/Nm`` from .001.08 on)
TxDtls/RltdPties/DbtrAcct or CdtrAcct /Id/IBAN|Othr/Id  ``counterparty_account``
TxDtls/RmtInf/Ustrd (all, joined), else AddtlNtryInf  ``memo`` (+ EndToEndId, see below)
==========================================  ======================================

An entry without remittance text (no ``Ustrd``) takes the payer's EndToEndId (unless
``NOTPROVIDED``) into the memo: payers often put the order number there and nowhere else. An entry with ``RvslInd`` true (the bank undoing an earlier
entry) gets :data:`~connectors.sources._bank.REVERSAL_MARK` in front of its memo, so
reconciliation holds it and the entry it reverses.

Each ``Stmt`` must balance: its opening booked balance (``Bal`` OPBD, or PRCD) plus every
``Ntry`` equals its closing booked balance (CLBD); a missing balance or a difference refuses the
file, showing the difference.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.etree.ElementTree import Element

import duckdb
from defusedxml import ElementTree

from connectors.errors import IngestError
from connectors.sources._bank import (
    BANK_COLUMNS,
    REVERSAL_MARK,
    check_balance,
    finish_bank,
    stage_python_rows,
)
from connectors.sources._tabular import install_macros, typed_rows
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


def _memo(ntry: Element, ns: dict[str, str]) -> str | None:
    """Remittance text of an entry; the payers' EndToEndIds when it has none.

    Why the EndToEndId: it is the payer's own reference, and a payer who sends no remittance
    text often puts the order number there (beside remittance text it is usually a technical
    id, so it stays out). A reversal is marked (see :data:`REVERSAL_MARK`).
    """
    ustrd = " ".join(u.text.strip() for u in ntry.iterfind(".//c:RmtInf/c:Ustrd", ns) if u.text)
    memo = ustrd or (_text(ntry, "c:AddtlNtryInf", ns) or "")
    if not ustrd:
        for e2e in ntry.iterfind(".//c:TxDtls/c:Refs/c:EndToEndId", ns):
            ref = (e2e.text or "").strip()
            if ref and ref.upper() != "NOTPROVIDED" and ref not in memo:
                memo = f"{memo} {ref}".strip()
    if (_text(ntry, "c:RvslInd", ns) or "").lower() in ("true", "1"):
        memo = f"{REVERSAL_MARK} {memo}".strip()
    return memo or None


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


def _check_statement_balance(path: Path, stmt: Element, ns: dict[str, str]) -> None:
    """Opening (OPBD/PRCD) + every ``Ntry`` must equal the closing booked balance (CLBD)."""
    where = f"{path}: statement {_text(stmt, 'c:Id', ns) or '(no Id)'}"
    balances: dict[str, Decimal] = {}
    for bal in stmt.findall("c:Bal", ns):
        code = _text(bal, "c:Tp/c:CdOrPrtry/c:Cd", ns)
        if code in ("OPBD", "PRCD", "CLBD") and code not in balances:
            balances[code] = _signed(bal, ns, f"{where}: balance {code}")
    entries = [
        _signed(n, ns, f"{where}: entry {i}") for i, n in enumerate(stmt.findall("c:Ntry", ns), 1)
    ]
    check_balance(
        where,
        balances.get("OPBD", balances.get("PRCD")),
        entries,
        balances.get("CLBD"),
        opening_tag="Bal OPBD",
        closing_tag="Bal CLBD",
    )


def parse_rows(path: Path) -> list[dict]:
    """One dict per ``Ntry`` with BANK_COLUMNS as text (``_line`` = entry index)."""
    try:
        root = ElementTree.parse(str(path)).getroot()
    except Exception as exc:  # ParseError, DefusedXmlException (entities, DTDs)
        raise IngestError(
            f"{path}: not a well-formed (or a forbidden) XML document: {exc}"
        ) from exc
    if root is None:
        raise IngestError(f"{path}: empty XML document; expected an ISO 20022 camt.053 Document")
    if not root.tag.startswith("{") or "camt.053" not in root.tag:
        raise IngestError(f"{path}: root element {root.tag} is not an ISO 20022 camt.053 Document")
    ns = {"c": root.tag[1:].split("}")[0]}
    rows = []
    n = 0
    for stmt in root.iter(f"{{{ns['c']}}}Stmt"):
        account = _account(stmt.find("c:Acct", ns), ns)
        _check_statement_balance(path, stmt, ns)
        for ntry in stmt.findall("c:Ntry", ns):
            n += 1
            amt = ntry.find("c:Amt", ns)
            sign = -1 if _text(ntry, "c:CdtDbtInd", ns) == "DBIT" else 1
            tx = ntry.find("c:NtryDtls/c:TxDtls", ns)
            party = "Cdtr" if sign < 0 else "Dbtr"
            memo = _memo(ntry, ns)
            amount = None
            if amt is not None and amt.text:
                amount = amt.text.strip() if sign > 0 else "-" + amt.text.strip()
            rows.append(
                {
                    "_line": n,
                    "account_no": account,
                    "booked_at": _text(ntry, "c:BookgDt/c:DtTm", ns)
                    or _text(ntry, "c:BookgDt/c:Dt", ns),
                    "value_date": _text(ntry, "c:ValDt/c:Dt", ns)
                    or _text(ntry, "c:ValDt/c:DtTm", ns),
                    "amount": amount,
                    "currency": amt.get("Ccy") if amt is not None else None,
                    "counterparty_name": _party_name(tx, party, ns),
                    "counterparty_account": _account(
                        tx.find(f"c:RltdPties/c:{party}Acct", ns) if tx is not None else None, ns
                    ),
                    "memo": memo,
                    "bank_ref": _text(ntry, "c:AcctSvcrRef", ns)
                    or _text(tx, "c:Refs/c:EndToEndId", ns),
                }
            )
    if not n:
        raise IngestError(f"{path}: no Stmt/Ntry entries found")
    return rows


def load(con: duckdb.DuckDBPyConnection, path: Path, ctx: LoadContext) -> LoadResult:
    """Load one camt.053 file into ``bank_transactions`` (rejects are per entry index)."""
    install_macros(con)
    raw = stage_python_rows(con, parse_rows(path), list(BANK_COLUMNS), f"{ctx.prefix}_raw")
    typed_rows(con, raw, FIELDS, f"{ctx.prefix}_good")
    return finish_bank(con, f"{ctx.prefix}_good", raw, ctx, "camt053", path)
