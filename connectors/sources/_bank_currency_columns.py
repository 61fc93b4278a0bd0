"""Downloads that hold several accounts' money in one column per currency (RBC's ``CAD$`` /
``USD$``): each line read in the currency of the one column that holds its amount.

Why a module of its own: an RBC Royal Bank download lists every account of the customer —
``Account Type, Account Number, Transaction Date, …, CAD$, USD$`` — and writes each line's signed
amount in the column of its account's currency, the other left empty. There is no ``Amount``
column, so the file was refused for having none (session 29, recon_independent20), although
which currency each line is in is plain: the column that holds its figure says it. The reader
now appends an ``Amount`` and a ``Currency`` cell to every line (the header gets both names),
so the rest of the bank reader reads the file like any export with a currency column.

What is not guessed: a line with figures in two currency columns is no amount (its ``Amount``
cell keeps both, ``27315.40 | 4125.00``, and it is rejected as unparseable, showing them); a line
with none is a reject for its missing amount. The file is read this way only when the account's
currency is known (``--currency``, or a currency line above the table): it is the person who
knows which account the statement is for, and the refusal tells them so and that keeping only
that account's column is the other way (:func:`refusal`). Only headers that are a currency's
ISO code followed by a dollar sign (``CAD$``, ``USD$``) count, and only two or more of them in a
header without an amount or money-in column.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

from connectors.errors import CurrencyUnknownError
from connectors.sources._bank_headers import AMOUNT, CREDIT, currency_code, first

#: a column named by a currency's ISO code and a dollar sign (RBC: ``CAD$``, ``USD$``)
_MONEY_IN = re.compile(r"^([A-Z]{3})\s?\$$")
AMOUNT_NAME = "Amount"
CURRENCY_NAME = "Currency"


def per_currency_columns(cells: list[str]) -> list[tuple[int, str]]:
    """(position, ISO code) of each money column named by its currency, when a header has two
    or more of them and no amount or money-in column of its own; else ``[]``.

    >>> per_currency_columns(["Account Number", "Transaction Date", "CAD$", "USD$"])
    [(2, 'CAD'), (3, 'USD')]
    >>> per_currency_columns(["Date", "Amount", "CAD$", "USD$"]), per_currency_columns(["CAD$"])
    ([], [])
    >>> per_currency_columns(["Date", "ABC$", "XYZ$"])  # not currencies
    []
    """
    names = [c.strip() for c in cells]
    if first(names, AMOUNT) is not None or first(names, CREDIT) is not None:
        return []
    found = []
    for i, name in enumerate(names):
        m = _MONEY_IN.match(name)
        if m and currency_code(m.group(1)) == m.group(1):
            found.append((i, m.group(1)))
    return found if len(found) >= 2 else []


def refusal(path: Path, columns: list[tuple[int, str]], cells: list[str]) -> CurrencyUnknownError:
    """The refusal of such a file when nobody said the account's currency: which columns hold
    money, and the two ways on (say the currency, or keep one column)."""
    names = " / ".join(cells[i].strip() for i, _ in columns)
    codes = " or ".join(code for _, code in columns)
    keep = cells[columns[0][0]].strip()
    return CurrencyUnknownError(
        f"{path}: its money is in one column per currency ({names}: a download of several "
        f"accounts) and no account currency is stated; say the account's currency (--currency "
        f"{codes}) and each line is read in the currency of the one column that holds its "
        f"amount, or keep only the column of the account you reconcile (e.g. delete every "
        f"column but {keep}) and say its currency"
    )


def splitter(delim: str, columns: list[tuple[int, str]]) -> Callable[[str], str]:
    """A ``to_utf8`` transform appending ``Amount`` and ``Currency`` cells: the header line (the
    first line it sees) gets the two names; every other line the figure of its one filled
    currency column and that column's code (both empty when none is filled; all figures
    joined by `` | `` and no code when several are)."""
    width = {"header": 0}  # the header's number of cells, once seen: short lines are padded

    def transform(line: str) -> str:
        ending = line[len(line.rstrip("\r\n")) :]
        cells = next(csv.reader([line.rstrip("\r\n")], delimiter=delim), [])
        if not width["header"]:
            width["header"] = len(cells)
            extra = [AMOUNT_NAME, CURRENCY_NAME]
        else:
            filled = [
                (cells[i].strip(), code)
                for i, code in columns
                if i < len(cells) and cells[i].strip()
            ]
            if len(filled) == 1:
                extra = [filled[0][0], filled[0][1]]
            else:
                extra = [" | ".join(v for v, _ in filled), ""]
            cells += [""] * (width["header"] - len(cells))
        buf = io.StringIO()
        csv.writer(buf, delimiter=delim, lineterminator="").writerow(cells + extra)
        return buf.getvalue() + ending

    return transform
