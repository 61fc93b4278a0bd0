"""Money in or out from the running balance, for a statement whose one amount column is unsigned.

Why: some Chinese banks' XLSX exports (浙商银行 账户明细 and others) write one 交易金额 column
without a sign and show money out only in red font — a colour no CSV keeps and the reader does
not look at. Read by its own sign, every such line was money **in**: a refund of 1,280.00 to a
customer closed that customer's open order of 1,280.00 (``recon_independent9`` dev a1). The
running balance beside the amount (余额 / 账户余额 / Balance / Saldo) is what the bank itself
computed, so it tells each line's direction: the balance rises by the amount (in) or falls by it
(out). Applied only when the file shows it is needed — no amount is negative and no direction
column or CR/DR mark was read, yet the balance falls by a line's amount somewhere — so a signed
statement is read exactly as before. A line whose balance moves by neither +amount nor −amount
(or whose balance is missing) is a reject naming both, never a guess.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import duckdb
from sqlglot import exp

from connectors.sources._bank_headers import BALANCE, first
from connectors.sources._tabular import KINDS, RawTable
from connectors.sources._text import iter_lines

#: an opening balance above the table: ``期初余额：150,000.00`` / ``Opening balance: 1,234.56``
#: one space run between the parts (``\s*[:：,;]?\s*"?\s*`` tried every split of a long run: a
#: line ``Opening Balance`` and 1,500 spaces above the table took a 3 KB statement's ingest from
#: 2 s to 66 s, cubic in the spaces; session 22)
_OPENING = re.compile(
    r"(?:期初余额|上期余额|Opening Balance)\s*(?:[:：,;]\s*)?(?:\"\s*)?([-+]?[0-9][0-9,.' ]*[0-9])",
    re.IGNORECASE,
)


def opening_balance(
    con: duckdb.DuckDBPyConnection, path: Path, enc: str, header_line: int, kind: str
) -> Decimal | None:
    """The opening balance a line above the table states, read in the file's number format;
    None when none is stated (or it does not read as an amount)."""
    for n, line in iter_lines(path, enc):
        if n >= header_line:
            return None
        m = _OPENING.search(line)
        if m:
            row = con.execute(f"SELECT {KINDS[kind]}($v)", {"v": m.group(1)}).fetchone()
            return Decimal(row[0]) if row and row[0] is not None else None
    return None


def _steps(balances: list[tuple[int, Decimal | None]], opening: Decimal | None, newest_first: bool
           ) -> dict[int, Decimal]:  # fmt: skip
    """Each line's balance change, read in the file's order or newest first."""
    seq = list(reversed(balances)) if newest_first else balances
    before = None if newest_first else opening
    out: dict[int, Decimal] = {}
    for line, bal in seq:
        if bal is None:
            continue  # a totals row or a blank line: the chain goes on from the last balance
        if before is not None:
            out[line] = bal - before
        before = bal
    return out


def sign_from_balance(
    con: duckdb.DuckDBPyConnection,
    raw: RawTable,
    good: str,
    cols: list[str],
    kind: str,
    opening: Decimal | None,
) -> int:
    """Sign the amounts of ``good`` (``_line``, ``amount``) by the balance column's steps; lines
    whose step is neither +amount nor −amount become rejects. Returns how many lines turned to
    money out (0 when the file did not need it)."""
    col = first(cols, BALANCE)
    if col is None:
        return 0
    amounts = {
        int(line): Decimal(a)
        for line, a in con.execute(f"SELECT _line, amount FROM {good} ORDER BY _line").fetchall()
    }
    if not amounts or any(a < 0 for a in amounts.values()):
        return 0  # a signed statement: its signs are the bank's
    cell = exp.func(KINDS[kind], exp.column(col, quoted=True)).sql("duckdb")
    balances = [
        (int(line), None if b is None else Decimal(b))
        for line, b in con.execute(
            f"SELECT _line, {cell} FROM {raw.name} ORDER BY _line"
        ).fetchall()
    ]

    def fits(steps: dict[int, Decimal]) -> tuple[int, int]:
        ups = sum(1 for n, a in amounts.items() if steps.get(n) == a)
        downs = sum(1 for n, a in amounts.items() if steps.get(n) == -a)
        return ups + downs, downs

    forward, backward = _steps(balances, opening, False), _steps(balances, None, True)
    (f_fit, f_down), (b_fit, b_down) = fits(forward), fits(backward)
    steps, downs = (forward, f_down) if f_fit >= b_fit else (backward, b_down)
    if downs == 0:
        return 0  # every step is a rise: the amounts are money in, as read
    out = [n for n, a in amounts.items() if steps.get(n) == -a]
    unclear = [n for n, a in amounts.items() if steps.get(n) not in (a, -a)]
    con.execute(f"UPDATE {good} SET amount = -amount WHERE list_contains($l, _line)", {"l": out})
    for n in unclear:
        step = steps.get(n)
        said = f"the {col} column moves by {step}" if step is not None else f"no {col} before it"
        con.execute(
            f"INSERT INTO {raw.rejects} SELECT _line, $reason, to_json(r)::VARCHAR "
            f"FROM {raw.name} r WHERE _line = $n",
            {
                "n": n,
                "reason": f"the amount {amounts[n]} has no sign and the file writes money out "
                f"unsigned (its {col} falls by the amount on other lines), but {said}: whether "
                "it came in or went out cannot be told — check the line in the bank's statement",
            },
        )
    if unclear:
        con.execute(f"DELETE FROM {good} WHERE list_contains($l, _line)", {"l": unclear})
    return len(out)


__all__ = ["BALANCE", "opening_balance", "sign_from_balance"]
