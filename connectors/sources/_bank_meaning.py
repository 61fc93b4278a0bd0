"""A bank CSV's columns read by their meaning, when their names are not in the readers' lists.

Why: the bank-CSV reader knew the header words of the exports it had been shown (交易日期,
对方户名, 交易流水号, Posting Date, …). Another bank writes the same columns in other ordinary
words — 江苏银行's ``记账日`` and ``对方账户名``, 华夏银行's ``主机流水号``, 网商银行's ``交易摘要``,
Citibank's ``Payer/Payee Name``, HSBC's ``Dr/Cr`` and ``Customer Reference`` — and the file was
refused whole, or read without its payer or its order reference (``recon_independent10``). A
header cell the lists do not know is classified here from general banking vocabulary (Chinese
and English): 日期 / 日 / date, 借方 / 贷方 / debit / credit, 余额 / balance, 对方 + 名 / payer, 对方
+ 账号 / payer's account, 流水 / bank reference, 摘要 / 附言 / narrative / customer reference,
借贷 / 收支 / Dr/Cr, 币种 / currency. The cell is then renamed to the list name of its role, so
everything downstream (amount parsing, directions, rejects) is the reader's one strict path.

Conservative by construction: only cells the lists do not know are looked at; a role a listed
column already fills is never given to a second column (memo excepted: several texts are
joined); a word that also means something else (``起息日`` / ``Value Date`` is the value date,
``对方开户行`` the payer's bank, ``可用余额`` not the running balance) has no role; an English
header is read only when all its words are known filler words of one role. Every renaming is
said in the ingest report, so a person sees which column was read as what.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from connectors.sources._bank_balance import BALANCE
from connectors.sources._bank_headers import (
    ACCT,
    AMOUNT,
    CREDIT,
    CURRENCY,
    DATE,
    DEBIT,
    DIRECTION,
    IDS,
    MEMO,
    NAME,
    REF,
    bare,
    key,
)
from connectors.sources._bank_words import meaning

#: the list name each role's column is renamed to (Chinese header, English header)
CANONICAL = {
    "date": ("交易日期", "Transaction Date"),
    "credit": ("贷方发生额", "Credit"),
    "debit": ("借方发生额", "Debit"),
    "amount": ("交易金额", "Amount"),
    "balance": ("余额", "Balance"),
    "name": ("对方户名", "Counterparty"),
    "acct": ("对方账号", "Counterparty Account"),
    "ref": ("流水号", "Bank Reference"),
    "dir": ("借贷标志", "借贷标志"),
    "ccy": ("币种", "Currency"),
}
#: names a memo column may take (several memo columns are joined; each needs its own name)
MEMO_NAMES = ("附言", "摘要", "用途", "备注", "Description", "Details", "Memo", "Narrative")
#: what the report calls each role
ROLE_WORDS = {"date": "the date", "credit": "money in", "debit": "money out",
              "amount": "the amount", "balance": "the running balance", "name": "the payer",
              "acct": "the payer's account", "ref": "the bank's serial", "dir": "the direction",
              "ccy": "the currency", "memo": "text (memo)"}  # fmt: skip
_LISTED = {
    "date": DATE, "credit": CREDIT, "debit": DEBIT, "amount": AMOUNT, "balance": BALANCE,
    "name": NAME, "acct": ACCT, "ref": REF + IDS, "dir": DIRECTION, "ccy": CURRENCY, "memo": MEMO,
}  # fmt: skip
_KNOWN_KEYS = frozenset(key(n) for names in _LISTED.values() for n in names)
_TIME = re.compile(r"(时间|时刻|\btime\b)$")


def _listed_role(cell: str) -> str | None:
    k = key(bare(cell))
    return next((r for r, names in _LISTED.items() if any(key(n) == k for n in names)), None)


#: a trailing note saying which currency the column is in (``Kwota transakcji (waluta
#: rachunku)``: "in the account's currency"): the name before it is the column's name
_CCY_NOTE = re.compile(r"(?<!\s)\s*[(（]([^()（）]{1,30})[)）]$")
_CCY_NOTE_WORDS = frozenset({"waluta", "waluty", "walucie", "currency", "währung", "měna", "měně",
                             "valuutta", "devise", "divisa", "moeda", "valuta"})  # fmt: skip


def _noted_role(cell: str) -> str | None:
    """The role of a header whose name is followed by a note of its currency, read without
    the note (listed or by meaning); None for any other header.

    >>> _noted_role("Kwota transakcji (waluta rachunku)"), _noted_role("Kwota (blokady)")
    ('amount', None)
    """
    note = _CCY_NOTE.search(cell.strip())
    if (
        note is None
        or not set(re.findall(r"[^\W\d_]+", note.group(1).casefold())) & _CCY_NOTE_WORDS
    ):
        return None
    base = cell.strip()[: note.start()]
    return _listed_role(base) or meaning(base)


def _role(cell: str) -> str | None:
    """A header cell's role: listed, by meaning, or by meaning once its currency note is dropped."""
    return _listed_role(cell) or meaning(cell) or _noted_role(cell)


def _is_cjk(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def renames(cells: list[str]) -> dict[int, str]:
    """Cell index → list name, for the header's unknown cells whose meaning is clear and whose
    role no listed column fills (the first such cell of a role; a bank serial named 流水 before
    one named 凭证). A memo cell takes a memo name no other column has.

    >>> renames(["记账日", "借方发生额", "贷方发生额", "账户余额", "对方账户名", "柜员流水号"])
    {0: '交易日期', 4: '对方户名', 5: '流水号'}
    >>> renames(["Value Date", "Post Date", "Narrative", "Dr/Cr", "Amount"])
    {3: '借贷标志'}
    """
    # a listed date column named as a time (交易时间) holds a day only in some exports: a
    # column named as a day (记账日) is the date beside it, the time then joined to it
    filled = {_listed_role(c) for c in cells if not _TIME.search(key(bare(c)))} - {None}
    taken = {key(c) for c in cells}
    found: dict[str, list[int]] = {}
    for i, cell in enumerate(cells):
        if key(bare(cell)) in _KNOWN_KEYS:
            continue
        role = meaning(cell) or _noted_role(cell)
        if role is not None:
            found.setdefault(role, []).append(i)
    out: dict[int, str] = {}
    for role, idx in found.items():
        if role == "memo":
            for i in idx:
                names = [m for m in MEMO_NAMES if _is_cjk(m) == _is_cjk(cells[i])]
                name = next((m for m in names if key(m) not in taken), None)
                if name is not None:
                    out[i] = name
                    taken.add(key(name))
            continue
        if role in filled or (role in ("credit", "debit") and "amount" in filled):
            continue
        if role == "amount" and filled & {"credit", "debit"}:
            continue
        if role == "ref":
            idx = sorted(idx, key=lambda i: "流水" not in cells[i])
        zh, en = CANONICAL[role]
        name = zh if _is_cjk(cells[idx[0]]) else en
        if key(name) not in taken:
            out[idx[0]] = name
            taken.add(key(name))
    return out


def is_header_by_meaning(cells: list[str]) -> bool:
    """Whether a line names a date and an amount column (listed or by meaning): a header the
    lists alone did not recognise (``记账日,…,借方发生额,贷方发生额``)."""
    roles = {_role(c) for c in cells}
    return "date" in roles and bool(roles & {"credit", "debit", "amount"})


def header_renamer(
    delim: str, said: list[str], names: dict[str, str] | None = None
) -> Callable[[str], str]:
    """A ``to_utf8`` transform that renames the header line's cells (the first line it sees)
    by :func:`renames`, appending ``'记账日' as the date`` phrases to ``said`` and each list
    name → the user's own header to ``names`` (for :func:`user_headers`)."""
    state = {"done": False}

    def transform(line: str) -> str:
        if state["done"]:
            return line
        state["done"] = True
        ending = line[len(line.rstrip("\r\n")) :]
        cells = next(csv.reader([line.rstrip("\r\n")], delimiter=delim), [])
        plan = renames([c.strip() for c in cells])
        if not plan:
            return line
        for i, name in plan.items():
            role = _listed_role(name) or "memo"
            said.append(f"'{cells[i].strip()}' as {ROLE_WORDS[role]}")
            if names is not None:
                names[name] = cells[i].strip()
            cells[i] = name
        buf = io.StringIO()
        csv.writer(buf, delimiter=delim, lineterminator="").writerow(cells)
        return buf.getvalue() + ending

    return transform


def meaning_score(text: str, delims: tuple[str, ...] = (",", ";", "\t")) -> int:
    """How many columns the best header-like line of ``text`` names by meaning or by list (the
    encoding that reads more of them is the file's, as for listed names)."""
    best = 0
    for line in text.splitlines()[:50]:
        for delim in delims:
            cells = [c.strip() for c in next(csv.reader([line], delimiter=delim), [])]
            if is_header_by_meaning(cells):
                best = max(best, sum(1 for c in cells if _role(c)))
    return best


def missing_columns(lines: list[str]) -> str | None:
    """What a table whose header was not recognised lacks: the first line naming a date column
    (listed or by meaning) among three or more cells, and that it names no amount column.
    None when no line names a date (then the file is no statement table at all).

    >>> missing_columns(["记账日,对方账户名,汇款附言"])
    "line 1 names the date ('记账日') but no amount column: none of 记账日, 对方账户名, 汇款附言 is money in, money out or an amount"
    """
    for n, line in enumerate(lines[:50], start=1):
        for delim in (",", ";", "\t"):
            cells = [c.strip() for c in next(csv.reader([line], delimiter=delim), [])]
            dates = [c for c in cells if _role(c) == "date"]
            if len(cells) >= 3 and dates:
                return (
                    f"line {n} names the date ('{dates[0]}') but no amount column: none of "
                    f"{', '.join(c for c in cells if c)} is money in, money out or an amount"
                )
    return None
