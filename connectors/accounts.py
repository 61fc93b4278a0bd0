"""Settings the user keeps per bank account (``orderlens accounts set``): today, its currency.

Why: many exports never state their currency (a Chinese 网银 CSV with 收入/支出 columns, an
English Date/Description/Amount file), and the reader never guesses one, so a user with many
files from one account had to give ``--currency`` on every ingest. An account's currency is a
fact about the account, so it is kept once, in the warehouse (``bank_accounts``), and the bank
CSV reader uses it when a file names that account (a ``账号：…`` line above the table or a
本方账号 column) and states no currency itself. A file or a ``--currency`` that says another
currency is refused, never overridden: one of them is wrong, and the wrong one turns EUR into
CNY.
"""

from __future__ import annotations

import re

import duckdb

from connectors.errors import IngestError


def account_key(text: str | None) -> str:
    """An account number as it is kept: spaces, dashes and dots dropped, upper case.

    >>> account_key(" 6222 0210-0000 1234 "), account_key("de89 3704 0044 0532 0130 00")
    ('6222021000001234', 'DE89370400440532013000')
    """
    return re.sub(r"[\s\-.]", "", text or "").upper()


def set_account_currency(con: duckdb.DuckDBPyConnection, account: str, currency: str) -> str:
    """Keep ``currency`` (an ISO 4217 code, checked by the caller) as ``account``'s; return the
    account as kept."""
    key = account_key(account)
    if not key:
        raise IngestError(f"{account!r} is not an account number")
    con.execute(
        """INSERT INTO bank_accounts VALUES ($a, $c, current_timestamp)
           ON CONFLICT (account_no) DO UPDATE SET currency = excluded.currency, set_at = excluded.set_at""",
        {"a": key, "c": currency},
    )
    return key


def unset_account(con: duckdb.DuckDBPyConnection, account: str) -> bool:
    """Forget ``account``'s settings; whether it had any."""
    key = account_key(account)
    found = con.execute("SELECT count(*) FROM bank_accounts WHERE account_no = $a", {"a": key})
    had = bool((found.fetchone() or (0,))[0])
    con.execute("DELETE FROM bank_accounts WHERE account_no = $a", {"a": key})
    return had


def account_settings(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, object]]:
    """Every kept account: (account, currency, when it was set), by account."""
    return con.execute(
        "SELECT account_no, currency, set_at FROM bank_accounts ORDER BY account_no"
    ).fetchall()


def statement_account_currency(
    con: duckdb.DuckDBPyConnection, where: object, accounts: set[str]
) -> tuple[str, str] | None:
    """The currency kept for the accounts a statement names, with the account(s) for messages.

    None when the file names no account, or names one that has no setting (then the file must
    state its currency or be given ``--currency``, as before). Accounts kept in different
    currencies in one file refuse it: which currency a line without one is in cannot be known.
    """
    keys = {k for a in accounts if (k := account_key(a))}
    if not keys:
        return None
    rows = con.execute(
        "SELECT account_no, currency FROM bank_accounts WHERE list_contains($k, account_no)",
        {"k": sorted(keys)},
    ).fetchall()
    if len(rows) < len(keys):
        return None
    currencies = {c for _, c in rows}
    if len(currencies) > 1:
        kept = ", ".join(f"{a} {c}" for a, c in sorted(rows))
        raise IngestError(
            f"{where}: the file holds accounts kept in different currencies ({kept}) and a line "
            "without a currency cannot be placed; nothing was loaded — export one account at a "
            "time"
        )
    return currencies.pop(), ", ".join(sorted(keys))
