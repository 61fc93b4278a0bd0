"""Statements of one account must chain: each opens where the one before it closed.

Why a note and not a refusal: each statement balances on its own, so its lines are real
bookings; a gap (``:60F:`` / ``OPBD`` not equal to the previous ``:62F:`` / ``CLBD``) means a
statement between them is missing — bookings the warehouse does not have — which finance must
know before trusting the period (a payment may be in the missing one).

Why the warehouse keeps balances: January's statement and February's arrive in two files, often
in two ingests. Checked only inside a file, a missing statement between files went unseen. Every
balanced statement's opening and closing (with their dates) is written to ``bank_statements`` in
the ingest's own transaction (a refused batch leaves nothing; the same statement again, even
re-exported under another name, is one row), and a new statement is compared with the stored
one of the same account and currency that closed last on or before its opening date — and with
the first stored one that opens on or after its closing date, for files ingested out of order.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import duckdb


@dataclass(frozen=True)
class Statement:
    """One balanced statement: its account, currency, dates and balances, and where it is."""

    account: str
    label: str
    opening: Decimal
    closing: Decimal
    opened: date | None = None
    closed: date | None = None
    currency: str = "CNY"

    @property
    def statement_id(self) -> str:
        """The same statement in any file (a re-export, an overlapping download) has one id."""
        parts = (self.account, self.currency, self.opened, f"{self.opening:.2f}", self.closed,
                 f"{self.closing:.2f}")  # fmt: skip
        key = "|".join(str(x) for x in parts)
        return hashlib.sha256(key.encode()).hexdigest()[:24]


def _gap(
    where: str, later: str, account: str, opening: Decimal, before: str, closed: Decimal
) -> str:
    return (
        f"{where}: {later} of account {account} opens at {opening:.2f}, but {before} closed at "
        f"{closed:.2f} (difference {opening - closed:.2f}): a statement between them is missing "
        "(they do not chain) — download it, or its bookings are not in the warehouse"
    )


class StatementChain:
    """Collects a file's statements in order and notes every gap, inside the file and (with a
    connection) against the statements earlier ingests stored.

    >>> chain = StatementChain("f.sta")
    >>> chain.see("A1", "statement at line 1", Decimal("0"), Decimal("70"))
    >>> chain.see("A1", "statement at line 9", Decimal("570"), Decimal("600"))
    >>> chain.notes
    ['f.sta: statement at line 9 of account A1 opens at 570.00, but statement at line 1 closed at 70.00 (difference 500.00): a statement between them is missing (they do not chain) — download it, or its bookings are not in the warehouse']
    """

    def __init__(self, where: str, con: duckdb.DuckDBPyConnection | None = None) -> None:
        self.where = where
        self.con = con
        self.notes: list[str] = []
        self.statements: list[Statement] = []
        self._last: dict[str, tuple[str, Decimal]] = {}

    def see(
        self,
        account: str,
        label: str,
        opening: Decimal,
        closing: Decimal,
        *,
        opened: date | None = None,
        closed: date | None = None,
        currency: str | None = None,
    ) -> None:
        """Record one statement (in file order) and note a gap from the account's previous one
        (in this file, else the stored one before it) or to the stored one after it."""
        st = Statement(account, label, opening, closing, opened, closed,
                       (currency or "CNY").strip().upper())  # fmt: skip
        if account in self._last:
            before, was = self._last[account]
            if opening != was:
                self.notes.append(_gap(self.where, label, account, opening, before, was))
        elif self.con is not None and opened is not None:
            self._against_stored_before(st)
        if self.con is not None and closed is not None:
            self._against_stored_after(st)
        self._last[account] = (label, closing)
        self.statements.append(st)

    def _against_stored_before(self, st: Statement) -> None:
        assert self.con is not None
        rows = self.con.execute(
            """SELECT closing_balance, closing_date, source_file FROM bank_statements
               WHERE account_no = ? AND currency = ? AND closing_date <= ? AND statement_id <> ?
               ORDER BY closing_date DESC, opening_date DESC LIMIT 1""",
            [st.account, st.currency, st.opened, st.statement_id],
        ).fetchall()  # all: a pending result blocks the next statement
        row = rows[0] if rows else None
        if row is not None and Decimal(row[0]) != st.opening:
            before = f"the statement closing {row[1]} in {row[2]}"
            self.notes.append(
                _gap(self.where, st.label, st.account, st.opening, before, Decimal(row[0]))
            )

    def _against_stored_after(self, st: Statement) -> None:
        assert self.con is not None
        rows = self.con.execute(
            """SELECT opening_balance, opening_date, source_file FROM bank_statements
               WHERE account_no = ? AND currency = ? AND opening_date >= ? AND statement_id <> ?
               ORDER BY opening_date, closing_date LIMIT 1""",
            [st.account, st.currency, st.closed, st.statement_id],
        ).fetchall()  # all: a pending result blocks the next statement
        row = rows[0] if rows else None
        if row is not None and Decimal(row[0]) != st.closing:
            later = f"the statement opening {row[1]} in {row[2]}"
            self.notes.append(_gap(self.where, later, st.account, Decimal(row[0]),
                                   st.label, st.closing))  # fmt: skip

    def store(self, source_file: str) -> None:
        """Write the file's statements to ``bank_statements`` (in the ingest's transaction);
        one already stored (the same statement from another file) is left as it is."""
        if self.con is None:
            return
        for st in self.statements:
            self.con.execute(
                """INSERT INTO bank_statements VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT DO NOTHING""",
                [
                    st.statement_id,
                    st.account,
                    st.currency,
                    st.opened,
                    st.opening,
                    st.closed,
                    st.closing,
                    source_file,
                ],
            )
