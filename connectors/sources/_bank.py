"""Shared last step of every bank reader: staged statement lines → ``bank_transactions``.

Why deterministic ids: the same statement line arrives again in the next (overlapping)
statement download; its ``txn_id`` is a hash of account, booking time, amount, bank reference,
memo and counterparty *plus its ordinal among identical lines of the file*, so an overlap adds
nothing while two genuinely identical lines in one statement (a real duplicate payment, which
reconciliation must see) both stay.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa

from connectors.errors import IngestError
from connectors.rows import one_row
from connectors.sources._chain import StatementChain
from connectors.sources._tabular import (
    Field,
    RawTable,
    install_macros,
    new_rejects_table,
    typed_rows,
)
from connectors.sources.base import LoadContext, LoadResult, insert_new

#: First word of the memo of a line the bank itself marks as a reversal (MT940 ``RC``/``RD``,
#: camt.053 ``RvslInd``): the file's flag has no column of its own, and a reversal must never be
#: read as a customer's payment — reconciliation holds it and the payment it undoes
#: (``lab/reconciliation/sql/01_load_flows.sql``). Chinese banks write 冲正 for the same thing.
REVERSAL_MARK = "[冲正 reversal]"

BANK_COLUMNS = ("account_no", "booked_at", "value_date", "amount", "currency",
                "counterparty_name", "counterparty_account", "memo", "bank_ref")  # fmt: skip


def check_balance(
    where: str,
    opening: Decimal | None,
    entries: list[Decimal],
    closing: Decimal | None,
    *,
    opening_tag: str,
    closing_tag: str,
) -> None:
    """Refuse a statement whose closing balance is not opening + entries (or is missing).

    Why: a truncated download, a hand-edited line or an entry the parser misread all show up
    here, and a statement that does not add up must not become bank lines that reconciliation
    trusts. The message shows both sides and the difference so the user can see what is off.

    >>> check_balance("s", Decimal("100"), [Decimal("-30")], Decimal("70"),
    ...               opening_tag="60F", closing_tag="62F")
    >>> check_balance("s", Decimal("100"), [Decimal("-30")], Decimal("60"),
    ...               opening_tag="60F", closing_tag="62F")
    Traceback (most recent call last):
    connectors.errors.IngestError: s: the statement does not balance: opening 100.00 (60F) + 1 entries -30.00 = 70.00, but the closing balance (62F) is 60.00 (difference -10.00); the file is truncated or was edited — download the statement again
    """
    if opening is None:
        raise IngestError(
            f"{where}: no opening balance ({opening_tag}); the statement is incomplete — "
            "download it again"
        )
    if closing is None:
        raise IngestError(
            f"{where}: no closing balance ({closing_tag}); the statement is truncated or "
            "incomplete — download it again"
        )
    total = sum(entries, Decimal(0))
    expected = opening + total
    if expected != closing:
        raise IngestError(
            f"{where}: the statement does not balance: opening {opening:.2f} ({opening_tag}) + "
            f"{len(entries)} entries {total:.2f} = {expected:.2f}, but the closing balance "
            f"({closing_tag}) is {closing:.2f} (difference {closing - expected:.2f}); the file "
            "is truncated or was edited — download the statement again"
        )


#: ISO 4217 minor units that are not two (every other currency has cents). A bank amount with
#: more decimals than its currency has is not money the bank can have moved.
_MINOR_UNITS = {"JPY": 0, "KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "PYG": 0, "UGX": 0, "XAF": 0,
                "XOF": 0, "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3,
                "TND": 3}  # fmt: skip


def check_minor_units(where: str, currency: str | None, amount: Decimal) -> None:
    """Refuse an amount with more decimals than its currency has (``1234.567`` in CNY).

    Why refuse rather than round: the warehouse keeps cents, so 1234.567 would silently become
    1234.57 — money the statement does not say — and a statement that writes such an amount (and
    balances with it) was not produced by a bank's booking system. Trailing zeros are fine
    (``1234.500`` is 1234.50).

    >>> check_minor_units("s: entry 2", "CNY", Decimal("1234.500"))
    >>> check_minor_units("s: entry 2", "CNY", Decimal("1234.567"))
    Traceback (most recent call last):
    connectors.errors.IngestError: s: entry 2: amount 1234.567 has 3 decimals, but CNY has 2; a bank books whole cents, so the statement was edited or is not a bank's export — download it again (nothing was loaded)
    """
    code = (currency or "CNY").strip().upper()
    units = _MINOR_UNITS.get(code, 2)
    allowed = min(units, 2)  # bank_transactions.amount is DECIMAL(14,2)
    if amount != amount.quantize(Decimal(1).scaleb(-allowed)):
        places = -int(amount.normalize().as_tuple().exponent)
        has = f"{code} has {units}" if units <= 2 else f"the warehouse keeps 2 ({code} has {units})"
        raise IngestError(
            f"{where}: amount {amount} has {places} decimals, but {has}; a bank "
            "books whole cents, so the statement was edited or is not a bank's export — "
            "download it again (nothing was loaded)"
        )


def stage_python_rows(
    con: duckdb.DuckDBPyConnection, rows: list[dict], columns: list[str], table: str
) -> RawTable:
    """Put rows parsed in Python (MT940, camt.053, JSON lines) into a text temp table.

    Every value is stringified so the same SQL conversions (and rejects) apply as for CSV.
    """
    data = {c: [None if r.get(c) is None else str(r.get(c)) for r in rows] for c in columns}
    arrow = pa.table(
        {
            "_line": pa.array([int(r["_line"]) for r in rows], pa.int64()),
            **{c: pa.array(v, pa.string()) for c, v in data.items()},
        }
    )
    con.register(f"{table}_arrow", arrow)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {table}_arrow")
    con.unregister(f"{table}_arrow")
    return RawTable(table, list(columns), len(rows), new_rejects_table(con, f"{table}_rej"))


#: What the line id hashes (with the line's ordinal among identical lines of its file).
_TXN_KEY = "account_no, booked_at, amount, bank_ref, memo, counterparty_name"
#: The bank's own identity of a statement line: its reference, booking time, signed amount and
#: counterparty (the memo too when the bank gives no reference). Not the account: a file that
#: does not name its account must still be recognised when it comes back under another name.
_BANK_KEY = (
    "bank_ref, booked_at, amount, counterparty_name, CASE WHEN bank_ref IS NULL THEN memo END"
)


def _drop_overlaps(
    con: duckdb.DuckDBPyConnection, good: str, label: str
) -> tuple[str, dict[str, int]]:
    """Lines of ``good`` already loaded from *other* files, found on the bank's keys.

    Count-aware: the k-th of n identical lines in this file is an overlap only if the
    warehouse already holds at least k such lines from other files, so a real duplicate payment
    (two identical lines in one statement) survives while a re-export adds nothing. Returns the
    view of new lines and {earlier file: lines it already had}.
    """
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE {good}_k AS
        SELECT g.*, row_number() OVER (PARTITION BY {_BANK_KEY} ORDER BY _line) AS _nth,
               row_number() OVER (PARTITION BY {_TXN_KEY} ORDER BY _line) AS _ord
        FROM {good} g"""
    )
    key_eq = " AND ".join(
        f"t.{k} IS NOT DISTINCT FROM g.{k}"
        for k in ("bank_ref", "booked_at", "amount", "counterparty_name")
    )
    memo_eq = "(g.bank_ref IS NOT NULL OR t.memo IS NOT DISTINCT FROM g.memo)"
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE {good}_seen AS
        SELECT g._line, t.source_file,
               row_number() OVER (PARTITION BY g._line ORDER BY t.source_file, t.txn_id) AS _k
        FROM {good}_k g JOIN bank_transactions t ON {key_eq} AND {memo_eq}
        WHERE t.source_file IS DISTINCT FROM $label""",
        {"label": label},
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP VIEW {good}_new AS
        SELECT g.* EXCLUDE (_nth) FROM {good}_k g
        WHERE NOT EXISTS (SELECT 1 FROM {good}_seen s WHERE s._line = g._line AND s._k = g._nth)"""
    )
    rows = con.execute(
        f"""SELECT s.source_file, count(*) FROM {good}_k g JOIN {good}_seen s
            ON s._line = g._line AND s._k = g._nth GROUP BY 1 ORDER BY 1"""
    ).fetchall()
    return f"{good}_new", {str(f): int(n) for f, n in rows}


#: What ``skipped`` calls a line a page break printed twice.
PAGE_REPEAT = "page-break repeats (same serial, same everything)"


def _drop_page_repeats(con: duckdb.DuckDBPyConnection, good: str) -> int:
    """Keep one of the lines an export repeats with the same bank serial and every value equal.

    Why: a CSV printed page by page repeats the last line of a page at the top of the next one;
    both copies carry the bank's own serial (流水号). Kept twice, the payment became two equal
    payments, both held red as duplicates, and it never closed. Only an exact repeat *with a
    serial* is one line: lines without a serial (a customer who really paid twice) and lines
    that share a serial but differ in anything stay apart. Returns how many were dropped.
    """
    n = one_row(con.execute(f"SELECT count(*) FROM {good}"))[0]
    con.execute(
        f"""DELETE FROM {good} WHERE _line IN (
            SELECT _line FROM {good} WHERE bank_ref IS NOT NULL
            QUALIFY row_number() OVER (PARTITION BY {", ".join(BANK_COLUMNS)} ORDER BY _line) > 1)"""
    )
    return int(n - one_row(con.execute(f"SELECT count(*) FROM {good}"))[0])


def finish_bank(
    con: duckdb.DuckDBPyConnection,
    good: str,
    raw: RawTable,
    ctx: LoadContext,
    fmt: str,
    path: Path | str,
    *,
    page_repeats: bool = False,
) -> LoadResult:
    """Insert typed lines from temp table ``good`` (BANK_COLUMNS + ``_line``) into the warehouse.

    Lines another file already brought (an overlapping download, a re-export under another
    name) are skipped on the bank's keys and reported per earlier file in ``overlaps``.
    ``page_repeats`` (paged exports: bank CSV) keeps one of a line repeated with its serial
    across a page break (:func:`_drop_page_repeats`), counted in ``skipped``; a statement that
    must balance (MT940, camt.053) never repeats a line, so there it is not done.
    """
    res = LoadResult("bank_transactions", rows_read=raw.rows, rejects=raw.rejects)
    label = Path(str(path)).name
    if page_repeats and (dropped := _drop_page_repeats(con, good)):
        res.skipped[PAGE_REPEAT] = dropped
    n_good = one_row(con.execute(f"SELECT count(*) FROM {good}"))[0]
    new, res.overlaps = _drop_overlaps(con, good, label)
    res.rows_loaded = insert_new(
        con,
        "bank_transactions",
        f"""SELECT '{fmt}-' || substr(sha256(concat_ws('|', account_no, booked_at, amount, bank_ref,
                       memo, counterparty_name, _ord)), 1, 16) AS txn_id,
                   {", ".join(BANK_COLUMNS[:3])}, amount, coalesce(currency, 'CNY') AS currency,
                   counterparty_name, counterparty_account, memo, bank_ref,
                   $label AS source_file
            FROM {new}""".replace("$label", "'" + label.replace("'", "''") + "'"),
        ("txn_id",),
    )
    res.rows_duplicate = n_good - res.rows_loaded
    return res


def load_statement(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    ctx: LoadContext,
    fmt: str,
    parse: Callable[[Path, StatementChain], list[dict]],
    fields: list[Field],
) -> LoadResult:
    """Load one statement file that carries balances (MT940, camt.053; ``fmt`` names it) into
    ``bank_transactions``: ``parse`` gives its lines as text, ``fields`` types them, and its
    balances join the account's chain of statements (``_chain``), whose notes it reports."""
    install_macros(con)
    chain = StatementChain(str(path), con)
    raw = stage_python_rows(con, parse(path, chain), list(BANK_COLUMNS), f"{ctx.prefix}_raw")
    typed_rows(con, raw, fields, f"{ctx.prefix}_good")
    res = finish_bank(con, f"{ctx.prefix}_good", raw, ctx, fmt, path)
    res.notes += chain.notes
    chain.store(path.name)
    return res
