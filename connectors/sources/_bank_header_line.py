"""Where a bank CSV's table starts, and what the lines above and below it say.

Why a module of its own: :mod:`connectors.sources._bank_headers` holds the vocabulary of column
names (what each bank calls a date, an amount, a payer) and how one header cell is compared; this
module reads a *file* with it — which line is the header and with which delimiter, the account and
currency a preamble states, the currency a footer states, and a two-row header's side words. The
two were one module of 583 lines (session 29 split them by job before adding to either).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from connectors.errors import IngestError
from connectors.sources._bank_headers import (
    ACCOUNT_CURRENCY_LABELS,
    ACCT,
    AMOUNT,
    CREDIT,
    CURRENCY,
    DATE,
    DATE_EU,
    DEBIT,
    DELIMITERS,
    DIRECTION,
    MEMO,
    NAME,
    REF,
    bare,
    currency_code,
    key,
)
from connectors.sources._bank_settlement import settlement_report_columns
from connectors.sources._text import iter_lines

#: an account line above a Chinese table (账号：…)
_ACCOUNT_RE = re.compile(r"(?:账号|帐号|账户|帐户)\s*[:：]\s*([0-9][0-9 \-]{5,40}[0-9])")
#: an account line above an English, German or Dutch table (``Account: 12345678``, ``IBAN:
#: DE89 3704 …``, ``Account number;12345678``, ``Konto: …``, ``Rekeningnummer: …``): the label
#: alone in its cell (the number in the next) or followed by ``:``; the number is digits (with
#: spaces or dashes) or an IBAN. A name, a masked number (``****1234``) or a word is no account.
_ACCOUNT_LABELS = frozenset(
    {"account", "account number", "account no", "account #", "iban", "konto", "kontonummer",
     "rekening", "rekeningnummer", "numéro de compte", "compte"}
)  # fmt: skip
_ACCOUNT_VALUE = re.compile(r"([A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,30}|\d[\d \-]{5,40}\d)")


def _labelled_account(cells: list[str]) -> str | None:
    """The account number a line above the table gives by label (``IBAN: DE89 3704 …``, or
    ``"Account number";"12345678"``), spaces taken out of an IBAN; None when it gives none."""
    for i, cell in enumerate(cells):
        label, colon, rest = cell.partition(":")
        if key(label) not in _ACCOUNT_LABELS:
            continue
        value = (
            rest.strip() if colon and rest.strip() else next((c for c in cells[i + 1 :] if c), "")
        )
        m = _ACCOUNT_VALUE.fullmatch(value.strip())
        if m:
            return m.group(1).replace(" ", "") if value[:1].isalpha() else m.group(1)
    return None


DATE_KEYS = frozenset(key(d) for d in DATE)
_KNOWN = frozenset(
    key(n) for n in DATE + CREDIT + DEBIT + NAME + ACCT + MEMO + REF + AMOUNT + CURRENCY + DIRECTION
)
_EU_DATE_KEYS = frozenset(key(d) for d in DATE_EU)
_CURRENCY_KEYS = frozenset(key(c) for c in CURRENCY + ACCOUNT_CURRENCY_LABELS)


#: Excel's text-formula wrapper (``="CHF"``, ``="01.06.2032"``): an export writes a value so to
#: keep spreadsheet programs from converting it; the value is what is inside the quotes
_TEXT_FORMULA = re.compile(r'^="(.*)"$')


def _cells(line: str, delim: str) -> list[str]:
    row = next(csv.reader([line], delimiter=delim), [])
    return [_TEXT_FORMULA.sub(r"\1", c.strip()).strip().strip('"').strip() for c in row]


def _known(cells: list[str]) -> int:
    return sum(1 for c in cells if key(bare(c)) in _KNOWN)


def header_score(text: str) -> int:
    """How many known column names the best header-like line of ``text`` holds (any delimiter):
    the encoding that reads more of them is the file's (``Währung`` vs its GBK mojibake)."""
    best = 0
    for line in text.splitlines()[:50]:
        for delim in DELIMITERS:
            cells = _cells(line, delim)
            if any(key(c) in DATE_KEYS for c in cells):
                best = max(best, _known(cells))
    return best


@dataclass(frozen=True)
class Header:
    """Where the table starts and what the lines above it say."""

    line: int
    delim: str
    account: str | None  # the preamble's 账号：…
    currency: str | None  # the preamble's ``Währung: EUR`` / ``Currency;EUR`` (one, or None)
    conflicting_currency: bool  # the preamble names two currencies


def is_european(date_col: str) -> bool:
    """Whether the header is a Western European bank's (its date column named in DE/NL/FR)."""
    return key(date_col) in _EU_DATE_KEYS


#: a title or account line above the table naming a yuan account (中国工商银行人民币对公账户明细,
#: 账户类型：人民币活期): the file itself says its currency
_RMB_ACCOUNT = re.compile(r"人民币\s*(账户|帐户|结算|活期|定期|对公|单位|个人|交易|明细|存款|户)")


def _preamble_currencies(cells: list[str]) -> set[str]:
    """Currencies a line above the table states by label: ``Währung: EUR`` in one cell, or a
    currency label cell followed by the code (``"Currency:";"EUR"``), or a title naming a
    人民币 account (``人民币结算账户交易明细``)."""
    found: set[str] = set()
    for i, cell in enumerate(cells):
        if _RMB_ACCOUNT.search(cell):  # 人民币结算账户 / 人民币活期: the account is in yuan
            found.add("CNY")
        label, _, rest = cell.partition(":") if ":" in cell else cell.partition("：")
        if key(label) in _CURRENCY_KEYS:
            value = rest.strip() or next((c for c in cells[i + 1 :] if c), "")
            if code := currency_code(value):
                found.add(code)
        for m in _PAIR.finditer(cell):  # 交通银行: 账号:…  户名:…  币种:人民币 in one cell
            if key(m.group(1)) in _CURRENCY_KEYS and (code := currency_code(m.group(2))):
                found.add(code)
    return found


def is_currency_line(cells: list[str]) -> bool:
    """Whether a line of at most three filled cells is a currency label and its code
    (``Moneda,RON``, ``Valuta cont;EUR``, or one cell ``Waluta: PLN``): the statement's
    currency, not a transaction. ``Waluta: PL`` (cut short) names no currency: it is not one.

    >>> [is_currency_line(c) for c in (["Moneda", "RON"], ["Waluta: PLN"], ["Waluta: PL"],
    ...  ["Waluta"], ["03.04.2031", "PLN"])]
    [True, True, False, False, False]
    """
    filled = [c.strip() for c in cells if c and c.strip()]
    if len(filled) == 1 and not re.search("[:：]", filled[0]):
        return False
    return 1 <= len(filled) <= 3 and bool(_preamble_currencies(filled))


def footer_currencies(path: Path, encoding: str, header: Header) -> set[str]:
    """The currencies lines **below** the table state (``Moneda,RON`` after the last line).

    Why: Romanian exports (Banca Transilvania, BCR) print the account's currency only in the
    footer, beside the opening and closing balance; the file was refused as stating none
    (session 25). Only lines of at most three filled cells whose first is a currency label
    count, so a transaction line (its first cell a date) never does. Only the file's last
    64 KiB are read (a footer is at the end; a large export is not read twice).
    """
    lines: list[str]
    if path.stat().st_size <= _FOOTER_BYTES or encoding.startswith("utf-16"):
        lines = [t for n, t in iter_lines(path, encoding) if n > header.line]
    else:
        with path.open("rb") as fh:
            fh.seek(-_FOOTER_BYTES, 2)
            lines = fh.read().decode(encoding, errors="replace").splitlines()[1:]  # [0] is cut
    found: set[str] = set()
    for line in lines:
        cells = _cells(line, header.delim)
        if is_currency_line(cells):
            found |= _preamble_currencies([c.strip() for c in cells if c and c.strip()])
    return found


_FOOTER_BYTES = 64 * 1024


#: ``label:value`` pairs written side by side in one cell, separated by spaces
_PAIR = re.compile(r"(?<![^\s:：])([^\s:：]+)\s*[:：]\s*([^\s:：]+)")  # from a word's start: linear


def find_header(
    path: Path,
    encoding: str,
    shown: Path | None = None,
    by_meaning: Callable[[list[str]], bool] | None = None,
) -> Header:
    """The first line naming a date column, read with the delimiter that names the most known
    columns (ties: ',' then ';' then tab), and what the lines above it state. ``by_meaning``
    also accepts a line whose date column is named in other words (``记账日``) when it says the
    line names a date and an amount column (:mod:`connectors.sources._bank_meaning`)."""
    account = None
    currencies: set[str] = set()
    seen: list[list[str]] = []  # every line's cells, to say what a refused file looks like
    for lineno, line in iter_lines(path, encoding):
        best: tuple[int, str] | None = None
        for delim in DELIMITERS:
            cells = _cells(line, delim)
            dated = any(key(c) in DATE_KEYS for c in cells) or (
                by_meaning is not None and by_meaning(cells)
            )
            if dated and (best is None or _known(cells) > best[0]):
                best = (_known(cells), delim)
        if best is not None:
            one = next(iter(currencies)) if len(currencies) == 1 else None
            return Header(lineno, best[1], account, one, len(currencies) > 1)
        for delim in DELIMITERS:
            seen.append(_cells(line, delim))
            currencies |= _preamble_currencies(seen[-1])
        m = _ACCOUNT_RE.search(line)
        if m and account is None:
            account = m.group(1).strip()
        for delim in DELIMITERS if account is None else ():
            account = account or _labelled_account(_cells(line, delim))
        if lineno > 50:
            break
    if split := next(filter(None, map(settlement_report_columns, seen)), None):
        raise IngestError(
            f"{shown or path}: this looks like a payment provider's settlement or payout report "
            f"(columns {', '.join(split)}), not a bank statement: its lines are payments the "
            "provider pays out later in one transfer, and loaded as bank lines they would count "
            "that money twice. Ingest the bank statement that shows the payout (bank-csv, mt940 "
            "or camt053); the provider's report itself is not read (settlement bills are read "
            "for Alipay and WeChat Pay: formats alipay, wechat). Nothing was loaded."
        )
    raise IngestError(
        f"{shown or path}: no header line with a date column ({' / '.join(DATE)}) in the first "
        "50 lines; is this a bank statement CSV?" + headerless_hint(seen[: len(DELIMITERS)])
    )


#: a cell that is a date (day, month and year in any order, ``-`` ``/`` or ``.`` between) or a
#: signed amount (digits grouped by ``,`` ``.`` or spaces, at most two decimals, a sign or brackets)
_DATE_CELL = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_AMOUNT_CELL = re.compile(r"[+\-(]?\s*[$€£¥]?\s*\d[\d,. ]*(\.\d{1,2}|,\d{2})?\)?")


def headerless_hint(first_line: list[list[str]]) -> str:
    """What to add when the file's first line is already a transaction (a date, amounts, text):
    a header naming each column, proposed from what the cells hold — the reader does not guess
    which number is the amount and which the balance (session 29: CommBank-style downloads
    have no header row; refused, the message did not say how to make the file readable).
    ``first_line`` is the first line split by each delimiter; the split with the most cells wins.

    >>> headerless_hint([["05/07/2035", "+1,280.00", "DIRECT CREDIT", "+211,280.00"]])
    " The first line looks like a transaction (a date, amounts, text) and no line names the columns: add a header line above it, such as 'Date,Amount,Description,Balance' (the reader does not guess which number is the amount and which the balance)."
    >>> headerless_hint([["Statement of account"]])
    ''
    """
    cells = max(first_line, key=len, default=[])
    if len(cells) < 2 or not cells or not _DATE_CELL.fullmatch(cells[0].strip()):
        return ""
    names: list[str] = []
    numbers = 0
    for cell in cells:
        text = cell.strip()
        if _DATE_CELL.fullmatch(text):
            names.append("Date" if "Date" not in names else "Value Date")
        elif text and _AMOUNT_CELL.fullmatch(text):
            numbers += 1
            names.append("Amount" if numbers == 1 else "Balance" if numbers == 2 else "Number")
        else:
            names.append("Description" if "Description" not in names else "Reference")
    if numbers == 0:
        return ""
    return (
        " The first line looks like a transaction (a date, amounts, text) and no line names the "
        f"columns: add a header line above it, such as '{','.join(names)}' (the reader does not "
        "guess which number is the amount and which the balance)."
    )


#: a bare side word a two-row header writes under a merged amount cell, by the account
#: holder's side (借方 = money out, 贷方 = money in, as in 借方发生额 / 贷方发生额)
_SIDE_WORDS = {"借": "借方", "借方": "借方", "贷": "贷方", "贷方": "贷方"}
#: the amount cell above them, and what follows its name (a unit in brackets is kept)
_AMOUNT_STEM = re.compile(r"(发生额|交易金额|金额)(\s*(?:[（(][^()（）]*[)）])?)")


def name_sides(header: list[str], sub: list[str]) -> list[str]:
    """The second row of a two-row header with its bare side words named: ``借方`` / ``贷方``
    under a merged ``发生额`` are ``借方发生额`` / ``贷方发生额`` (a unit is kept: ``金额（万元）``
    over ``借`` / ``贷`` gives ``借方金额（万元）``, which the unit check then refuses).

    Why: some banks' XLSX exports (兴业银行-style 账户交易明细) merge 发生额 over two cells that say
    only 借方 and 贷方; alone those name no column, and the whole file was refused
    (``recon_independent8`` a1). A merged cell's text is in its first column only, so the cell
    right of it reads empty: the words are named only when the amount cell and the one empty
    cell right of it stand over exactly one 借 side and one 贷 side. Any other shape is left as
    it is (and read, or refused, as before).

    >>> name_sides(["交易日期", "发生额", "", "余额"], ["", "借方", "贷方", ""])
    ['', '借方发生额', '贷方发生额', '']
    >>> name_sides(["金额(元)", ""], ["贷", "借"])
    ['贷方金额(元)', '借方金额(元)']
    >>> name_sides(["发生额", "余额"], ["借方", "贷方"])  # 余额 is not under 发生额
    ['借方', '贷方']
    """
    out = list(sub)
    heads = [unicodedata.normalize("NFKC", h).strip() for h in header]
    cells = [c.strip() for c in sub]
    for i in range(len(heads) - 1):
        m = _AMOUNT_STEM.fullmatch(heads[i])
        if i + 1 >= len(cells) or m is None or heads[i + 1]:
            continue
        sides = [_SIDE_WORDS.get(cells[i]), _SIDE_WORDS.get(cells[i + 1])]
        if sorted(s or "" for s in sides) != ["借方", "贷方"]:
            continue
        stem = "发生额" if m.group(1) == "发生额" else "金额"
        out[i], out[i + 1] = (f"{s}{stem}{m.group(2).strip()}" for s in sides)
    return out
