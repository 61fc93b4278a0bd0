"""What reconciliation made of each loaded bank line, read back one way for every statement eval.

Why one query: the held-out set (``recon_heldout``), the independent sets (``recon_independent``,
``recon_independent2``) and the generated statements (``recon_statements``) all score the same
thing after ``reconcile_period``: each bank line's colour, the orders it closed and the reason.
Three copies of this join had started to differ (one grouped by bank reference, so two lines
sharing a reference and a colour would have read as one); scoring must not depend on which eval
asks. A line is one ``bank_transactions`` row (a batch split per payer stays several lines; the
scorers decide how to judge them).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from connectors.errors import CurrencyUnknownError
from connectors.ingest import IngestReport, ingest_files

#: The currency of the evaluated shop's bank accounts: its orders are priced in CNY, and every
#: set's truth was written for CNY accounts. Given only when a statement states none.
ACCOUNT_CURRENCY = "CNY"


@dataclass(frozen=True)
class FlowRow:
    """One loaded bank line and what reconciliation made of it (``colour`` None: no flow)."""

    ref: str | None
    amount: Decimal
    colour: str | None
    orders: tuple[str, ...]
    reason: str
    memo: str = ""  # the line's text: finds a line without a bank serial whose amount repeats


def flow_rows(con: duckdb.DuckDBPyConnection) -> list[FlowRow]:
    """Every bank line with its flow's colour, reason and the orders it matched money to
    (an order counts only where ``matched_amount > 0``), ordered by reference then line."""
    rows = con.execute(
        """select b.bank_ref, b.amount, s.status, coalesce(s.reason, ''),
                  list(distinct m.order_id order by m.order_id)
                    filter (where m.order_id is not null and m.matched_amount > 0),
                  coalesce(b.memo, '')
           from bank_transactions b
           left join recon_flow_status s on s.flow_id = b.txn_id
           left join recon_matches m on m.flow_id = b.txn_id
           group by b.txn_id, b.bank_ref, b.amount, s.status, s.reason, b.memo
           order by b.bank_ref nulls last, b.txn_id"""
    ).fetchall()
    return [FlowRow(r[0], Decimal(r[1]), r[2], tuple(r[4] or ()), r[3], r[5]) for r in rows]


def ingest_as_user(
    con: duckdb.DuckDBPyConnection,
    fmt: str,
    paths: list[Path],
    *,
    rejects_dir: Path,
    options: dict[str, Any] | None = None,
    account_currency: str | None = ACCOUNT_CURRENCY,
) -> IngestReport:
    """Ingest as a person would: a file refused because it states no currency is ingested
    again with the account's currency (``--currency <account_currency>``), as the refusal tells
    them to; with ``account_currency=None`` nobody answers and the refusal is raised.

    Why in the harness and not the reader: the reader must not guess (a USD account's CSV with
    Chinese headers reads the same as a CNY one's), but the person who downloaded the file knows
    their account. The retry happens only on that refusal; a file that states a currency is
    ingested exactly once, without it. Why the currency is a parameter: answering every such
    refusal with CNY meant no set could check that a EUR file stating none is refused, nor
    that its holder's EUR keeps it off the CNY orders (a case says its own, or ``None``).
    Disclosed in README (Reconciliation) and each set's README.
    """
    try:
        return ingest_files(
            con, fmt, paths, rejects_dir=rejects_dir, progress=False, options=options
        )
    except CurrencyUnknownError:
        if account_currency is None:
            raise
        given = {**(options or {}), "currency": account_currency}
        return ingest_files(con, fmt, paths, rejects_dir=rejects_dir, progress=False, options=given)
