"""SWIFT MT940 bank statements, parsed by the ``mt-940`` package.

Column mapping (→ ``bank_transactions``):

===========================  ==============================================
:25: account identification  ``account_no``
:61: entry date / value date ``booked_at`` (entry date, else value date) / ``value_date``
:61: amount, D/C mark        ``amount`` (signed: credit +, debit −), ``currency`` (:60F:)
:61: customer reference      ``bank_ref`` (bank reference when the customer's is NONREF)
:86: details                 ``memo`` (whole text); ``counterparty_name`` /
                             ``counterparty_account`` from ``/NAME/``, ``/ACCT/`` style
                             sub-fields or the package's structured ``extra_details``
===========================  ==============================================
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import mt940 as mt940_pkg

from connectors.errors import IngestError
from connectors.sources._bank import BANK_COLUMNS, finish_bank, stage_python_rows
from connectors.sources._tabular import Field, install_macros, typed_rows
from connectors.sources.base import LoadContext, LoadResult

_SUB = re.compile(r"/(NAME|ACCT|REMI|CNTP|BENM|ORDP)/([^/]*)")


def _details(text: str) -> tuple[str | None, str | None]:
    subs = dict(_SUB.findall(text or ""))
    name = subs.get("NAME") or subs.get("BENM") or subs.get("ORDP")
    return (name.strip() if name else None), (subs.get("ACCT") or "").strip() or None


def parse_rows(path: Path) -> list[dict]:
    """One dict per :61: line with BANK_COLUMNS as text; ``_line`` is the 1-based line index."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = path.read_text(encoding="gb18030")
    try:
        stmt = mt940_pkg.parse(text)
    except Exception as exc:  # the package raises assorted errors on malformed input
        raise IngestError(f"{path}: not a valid MT940 statement ({exc})") from exc
    account = stmt.data.get("account_identification")
    if not account:
        raise IngestError(f"{path}: no :25: account identification; is this an MT940 file?")
    lines61 = [i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith(":61:")]
    rows = []
    for k, t in enumerate(stmt):
        d = t.data
        amount = d.get("amount")
        details = " ".join(str(d.get("transaction_details") or "").split())
        name, acct = _details(details)
        ref = d.get("customer_reference")
        if not ref or ref == "NONREF":
            ref = d.get("bank_reference") or ref
        booked = d.get("entry_date") or d.get("date")
        rows.append(
            {
                "_line": lines61[k] if k < len(lines61) else 0,
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


FIELDS = [Field("account_no", "account_no", required=True),
          Field("booked_at", "booked_at", "timestamp", required=True),
          Field("value_date", "value_date", "date"),
          Field("amount", "amount", "money", required=True),
          Field("currency", "currency"), Field("counterparty_name", "counterparty_name"),
          Field("counterparty_account", "counterparty_account"), Field("memo", "memo"),
          Field("bank_ref", "bank_ref")]  # fmt: skip


def load(con: duckdb.DuckDBPyConnection, path: Path, ctx: LoadContext) -> LoadResult:
    """Load one MT940 file into ``bank_transactions``."""
    install_macros(con)
    raw = stage_python_rows(con, parse_rows(path), list(BANK_COLUMNS), f"{ctx.prefix}_raw")
    typed_rows(con, raw, FIELDS, f"{ctx.prefix}_good")
    return finish_bank(con, f"{ctx.prefix}_good", raw, ctx, "mt940", path)
