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
import unicodedata
from collections.abc import Callable

import duckdb

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

# ---- Chinese: (role, pattern over the folded header), first match wins
_PARTY = r"(对方|交易对手|对手方?|收款人|付款人|收款方|付款方|汇款人|收付款人|收\(付\)款人)"
_ZH_RULES: tuple[tuple[str | None, re.Pattern[str]], ...] = (
    # words that look like a role but are another thing: no role
    (
        None,
        re.compile(
            r"起息|生效|到期|出生|截止|查询|打印|起始|终止|可用|冻结|透支|开户|行名|行号|机构|代码|种类"
        ),
    ),
    # Korean banks' downloads (거래일시 / 거래일자, 출금액 / 입금액, 잔액, 적요 / 내용, 보낸분/받는분):
    # the same roles in Hangul; the branch (거래점) has none
    (None, re.compile(r"거래점|취급점|처리점|지점")),
    ("date", re.compile(r"(거래|입출금|처리|기장)?(일시|일자|날짜)|거래일")),
    ("debit", re.compile(r"(출금|지급|찾으신)(액|금액)?")),
    ("credit", re.compile(r"(입금|맡기신)(액|금액)?")),
    ("balance", re.compile(r"(거래후)?(잔액|잔고)")),
    ("amount", re.compile(r"(거래)?금액")),
    (
        "name",
        re.compile(r"보낸분/받는분|받는분/보낸분|보낸분|받는분|입금자명?|송금인명?|의뢰인명?"),
    ),
    ("memo", re.compile(r".*(적요|내용|메모|비고)")),
    # Japanese banks' downloads (日付, 支払い金額 / 預かり金額, お引出し / お預入れ, 差引残高,
    # 摘要内容): the same roles in Japanese words, kana and the kanji 額 (not 额)
    ("date", re.compile(r"日付|(取引|取扱|入出金|約定|お?取り?扱い?)日")),
    ("debit", re.compile(r"(お?支払い?|お?引き?出し?|出金)(金額|額)?")),
    ("credit", re.compile(r"(お?預か?り|お?預け?入れ?|入金)(金額|額)?")),
    ("balance", re.compile(r"(差引|取引後|現在)?残高")),
    ("memo", re.compile(r".*(摘要|内容)")),
    ("ccy", re.compile(r"(币种|币别|货币)(名称)?")),
    (
        "dir",
        re.compile(
            r"(借贷|收支|收付|出入|借/贷|贷/借|收/付|付/收)(标志|标识|方向|类型|类别|属性)?"
            r"|(资金|交易)(方向|流向)"
        ),
    ),
    ("balance", re.compile(r"(账户|帐户|交易后|联机|当前|本次|记账后)?余额")),
    ("credit", re.compile(r"(交易|本币)?(贷方|收入|存入|转入|收款)(金额|发生额|发生金额|额)?")),
    ("debit", re.compile(r"(交易|本币)?(借方|支出|支取|转出|付款|付出)(金额|发生额|发生金额|额)?")),
    ("amount", re.compile(r"(交易|发生|入账|记账|本币|账务)?(金额|发生额|发生金额)")),
    ("acct", re.compile(_PARTY + r"(账号|帐号|账户|帐户|卡号)(号码)?")),
    ("name", re.compile(_PARTY + r"(账户|帐户)?(名称|户名|名|姓名|单位|单位名称|账户名|帐户名)")),
    (
        "ref",
        re.compile(r"(?!对方|原).*(流水号|流水|参考号|交易号|交易编号|业务编号|凭证号|凭证号码)"),
    ),
    ("memo", re.compile(r".*(摘要|附言|用途|备注|说明|事由|留言|描述)")),
    ("date", re.compile(r".*(日期|日)|(交易|记账|入账|发生|处理)(时间|时刻)")),
)

# ---- English: a header is read only when every word is one of its role's words
#: words that, beside a side word ("Credit Amount", "Paid In", "Withdrawal Value"), make the
#: column that side's amount: the credit and debit roles share them
_SIDE_AMOUNT = frozenset(
    {"amount", "amt", "value", "transaction", "trans", "txn", "paid", "money", "funds", "sum"}
)
#: words naming the other side of a line; the payer's account and the payer's name both need one
_COUNTERPARTY = frozenset(
    {
        "payer",
        "payee",
        "counterparty",
        "beneficiary",
        "remitter",
        "originator",
        "recipient",
        "sender",
        "counter",
        "party",
        "other",
        # German online banking (umlauts folded: Empfänger is empfaenger)
        "zahlungsbeteiligter",
        "zahlungspflichtiger",
        "zahlungsempfaenger",
        "auftraggeber",
        "empfaenger",
        "beguenstigter",
        "gegenpartei",
    }
)
_EN_ROLES: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = (
    # (role, words one of which must be there, filler words that may also be there)
    ("value_date", frozenset({"value", "val", "effective", "valuta"}), frozenset({"date", "dt"})),
    (
        "date",
        frozenset({"date", "dt"}),
        frozenset(
            {
                "transaction",
                "trans",
                "txn",
                "posting",
                "posted",
                "post",
                "booking",
                "booked",
                "book",
                "entry",
                "processed",
                "completed",
                "accounting",
                "ledger",
                "trade",
            }
        ),
    ),
    ("ccy", frozenset({"currency", "ccy", "curr"}), frozenset({"code", "iso"})),
    (
        "dir",
        frozenset({"dr", "cr", "d", "c", "debit", "credit", "direction", "indicator"}),
        frozenset(
            {
                "d",
                "c",
                "debit",
                "credit",
                "dr",
                "cr",
                "indicator",
                "ind",
                "flag",
                "mark",
                "sign",
                "direction",
            }
        ),
    ),
    (
        "balance",
        frozenset({"balance", "bal"}),
        frozenset(
            {
                "running",
                "ledger",
                "book",
                "booked",
                "closing",
                "current",
                "account",
                "after",
                "post",
                "posted",
                "end",
                "of",
                "day",
                "transaction",
            }
        ),
    ),
    (
        "credit",
        frozenset(
            {
                "credit",
                "credits",
                "deposit",
                "deposits",
                "receipts",
                "receipt",
                "inflow",
                "inflows",
                "in",
            }
        ),
        _SIDE_AMOUNT,
    ),
    (
        "debit",
        frozenset({"debit", "debits", "withdrawal", "withdrawals", "outflow", "outflows", "out"}),
        _SIDE_AMOUNT,
    ),
    (
        "amount",
        # ``Value`` alone is the line's signed amount beside ``Balance`` (NatWest / RBS); with
        # ``Date`` it is the value date, which no role takes (every word must be the role's)
        frozenset({"amount", "amt", "value"}),
        frozenset({"transaction", "trans", "txn", "posted", "booked", "signed", "entry"}),
    ),
    (
        "acct",
        _COUNTERPARTY,
        frozenset(
            {
                "account",
                "acct",
                "iban",
                "number",
                "no",
                "nr",
                "party",
                "counter",
                "other",
                "payer",
                "payee",
                "konto",
                "kontonummer",
            }
        ),
    ),
    (
        "name",
        _COUNTERPARTY,
        frozenset({"name", "party", "counter", "other", "payer", "payee"}),
    ),
    (
        "ref",
        frozenset(
            {
                "bank",
                "transaction",
                "trans",
                "txn",
                "trn",
                "journal",
                "serial",
                "sequence",
                "seq",
                "trace",
            }
        ),
        frozenset({"ref", "reference", "id", "number", "no", "nr"}),
    ),
    (
        "memo",
        frozenset(
            {
                "description",
                "narrative",
                "narration",
                "details",
                "detail",
                "memo",
                "remarks",
                "remark",
                "particulars",
                "remittance",
                "purpose",
                "notes",
                "note",
                "reference",
            }
        ),
        frozenset(
            {
                "customer",
                "payer",
                "payment",
                "your",
                "transaction",
                "trans",
                "txn",
                "information",
                "info",
                "text",
                "additional",
                "end",
                "to",
                "remitter",
                "reference",
                "ref",
            }
        ),
    ),
)
#: an account-role header must say it is an account, a name-role one must not
_ACCT_WORDS = frozenset({"account", "acct", "iban", "number", "no", "nr", "konto", "kontonummer"})
#: a direction header names both sides (Dr/Cr, D/C, Debit/Credit) or says it is one
_BOTH_SIDES = ({"dr", "cr"}, {"d", "c"}, {"debit", "credit"})


def _english(words: list[str]) -> str | None:
    have = set(words)
    for role, needed, filler in _EN_ROLES:
        if not have & needed or not have <= needed | filler:
            continue
        if role == "acct" and not have & _ACCT_WORDS:
            continue
        if role == "value_date" and not have & {"date", "dt"} and have <= {"value"}:
            continue  # ``Value`` alone is the amount (NatWest); ``Valuta`` alone stays a date
        if role == "name" and have & _ACCT_WORDS:
            continue
        if role == "dir" and not (
            any(s <= have for s in _BOTH_SIDES) or have & {"direction", "indicator"}
        ):
            continue
        if role == "ref" and not have & {"ref", "reference", "id", "number", "no", "nr"}:
            continue
        if role == "memo" and have <= {"reference", "ref", "transaction", "trans", "txn"}:
            continue  # "Reference" / "Transaction Reference": whose reference is not said
        return None if role == "value_date" else role
    return None


def meaning(header: str) -> str | None:
    """The role of a header cell the lists do not know, from banking vocabulary; None when it
    has none or could mean two things.

    >>> [meaning(h) for h in ("记账日", "对方账户名", "主机流水号", "交易摘要", "对方开户行", "起息日")]
    ['date', 'name', 'ref', 'memo', None, None]
    >>> [meaning(h) for h in ("Payer/Payee Name", "Dr/Cr", "Customer Reference", "Value Date")]
    ['name', 'dir', 'memo', None]
    >>> [meaning(h) for h in ("Value", "Transaction Value", "Valuta", "Value Dt")]
    ['amount', 'amount', None, None]
    >>> [meaning(h) for h in ("Name Zahlungsbeteiligter", "IBAN Zahlungsbeteiligter",
    ...                       "Name Empfänger", "IBAN Auftragskonto", "BIC Zahlungsbeteiligter")]
    ['name', 'acct', 'name', None, None]
    >>> [meaning(h) for h in ("Transaction Ref1", "Ref 2", "Narrative 2", "Balance1")]
    ['memo', 'memo', 'memo', None]
    >>> [meaning(h) for h in ("日付", "支払い金額", "お預入れ", "差引残高", "摘要内容", "入払区分")]
    ['date', 'debit', 'credit', 'balance', 'memo', None]
    >>> [meaning(h) for h in ("거래일시", "출금액(원)", "입금액(원)", "잔액(원)", "보낸분/받는분", "거래점")]
    ['date', 'debit', 'credit', 'balance', 'name', None]
    """
    text = key(bare(header))
    part = _PART.fullmatch(text)
    if part and not any(ch.isdigit() for ch in part.group(1)):
        # one numbered part of a text split over columns (``Transaction Ref1`` … ``Ref3``,
        # ``Narrative 2``): a serial is one column, so a reference or a text part is memo
        return (
            "memo"
            if meaning(part.group(1)) in ("ref", "memo") or _is_ref_word(part.group(1))
            else None
        )
    if not text or any(ch.isdigit() for ch in text) or len(text) > 24:
        return None  # a value or a sentence, not a column's name
    if re.search(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]", text):
        folded = unicodedata.normalize("NFKC", text).replace(" ", "")
        for role, pattern in _ZH_RULES:
            hit = pattern.search(folded) if role is None else pattern.fullmatch(folded)
            if hit:
                return role
        return None
    folded = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return _english(re.findall(r"[a-z]+", folded))


_TIME = re.compile(r"(时间|时刻|\btime\b)$")
#: a header naming one numbered part (``transaction ref1``, ``narrative 2``, ``ref-3``)
_PART = re.compile(r"(.*?[a-z\u4e00-\u9fff])[\s\-_]?[1-9]")


def _is_ref_word(text: str) -> bool:
    """``Ref`` / ``Reference`` alone (or after transaction words): whose reference is not said."""
    return set(re.findall(r"[a-z]+", text)) <= {
        "ref",
        "reference",
        "transaction",
        "trans",
        "txn",
    } and bool(set(re.findall(r"[a-z]+", text)) & {"ref", "reference"})


def _listed_role(cell: str) -> str | None:
    k = key(bare(cell))
    return next((r for r, names in _LISTED.items() if any(key(n) == k for n in names)), None)


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
        role = meaning(cell)
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
    roles = {_listed_role(c) or meaning(c) for c in cells}
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
                best = max(best, sum(1 for c in cells if _listed_role(c) or meaning(c)))
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
            dates = [c for c in cells if (_listed_role(c) or meaning(c)) == "date"]
            if len(cells) >= 3 and dates:
                return (
                    f"line {n} names the date ('{dates[0]}') but no amount column: none of "
                    f"{', '.join(c for c in cells if c)} is money in, money out or an amount"
                )
    return None


#: where a reason's text stops naming columns: the line's own value follows (``…: '1,2345'``)
_VALUE_STARTS = ": '"


def user_headers(reason: str, names: dict[str, str]) -> str:
    """A reject's reason with each renamed column called by the user's own header.

    Why: a column read by its meaning is renamed to a list name (``預かり金額`` → ``贷方发生额``,
    ``입금액(원)`` → ``Credit``), and reasons built from it named a column the user's file does
    not have (``bad amount in 贷方发生额``: session 22). Only the part of each ``; ``-joined
    reason before the line's quoted value is rewritten, so a value is never changed.

    >>> user_headers("bad amount in Credit: 'Credit 1,2'; no amount in Credit or Debit",
    ...              {"Credit": "입금액(원)", "Debit": "출금액(원)"})
    "bad amount in 입금액(원): 'Credit 1,2'; no amount in 입금액(원) or 출금액(원)"
    """
    if not names:
        return reason
    pattern = re.compile(
        r"(?<![\w])("
        + "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
        + r")(?![\w])"
    )
    parts = []
    for part in reason.split("; "):
        head, sep, value = part.partition(_VALUE_STARTS)
        parts.append(pattern.sub(lambda m: names[m.group(1)], head) + sep + value)
    return "; ".join(parts)


def rename_in_reasons(con: duckdb.DuckDBPyConnection, rejects: str, names: dict[str, str]) -> None:
    """Rewrite the rejects table's reasons by :func:`user_headers` (one statement)."""
    if not names:
        return
    rows = con.execute(f"SELECT line, reason FROM {rejects}").fetchall()
    changed = [(line, new) for line, why in rows if (new := user_headers(why, names)) != why]
    if changed:
        con.execute(
            f"""UPDATE {rejects} SET reason = n.reason FROM (SELECT unnest($l) AS line,
                unnest($r) AS reason) AS n WHERE {rejects}.line = n.line""",
            {"l": [c[0] for c in changed], "r": [c[1] for c in changed]},
        )
