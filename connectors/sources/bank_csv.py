"""Chinese bank statement CSV (网银 交易明细 导出): GBK or UTF-8, 收入/支出 or 借方/贷方 columns.

A bank's XLSX export (``.xlsx``/``.xlsm``, first sheet) is read the same way; a two-row header
(金额 merged over 借方发生额 / 贷方发生额 under a merged title row) is folded into one, and rejects
keep the sheet's row numbers. An old ``.xls`` is refused with the fix (save it as .xlsx or CSV).

Banks put a preamble above the header (``账号：6222…``, ``户名：…``, ``起止日期…``); the header is
the first line naming a date column. Header synonyms (first one present wins):

====================  =================================================  ========================
canonical             headers                                            note
====================  =================================================  ========================
``booked_at``         交易日期 / 记账日期 / 交易日 / 交易时间 (+ 交易时间 if separate)  required
``amount`` (+)        收入金额 / 收入 / 贷方发生额 / 贷方金额              money in
``amount`` (−)        支出金额 / 支出 / 借方发生额 / 借方金额              money out
``counterparty_name`` 对方户名 / 对方账户名称 / 对方名称 / 对方单位 / 收(付)方名称
``counterparty_account`` 对方账号 / 对方账户 / 对方卡号 / 收(付)方帐号
``memo``              附言, 摘要, 用途, 备注 (all present, joined by a space)
``bank_ref``          交易流水号 / 流水号 / 凭证号 / 业务参考号
``amount`` (±)        交易金额 / 发生额 / 金额 (one column) with 借贷标志 /       see below
                      借贷方向 / 收支方向 / 收支标志 / 借贷 / 收/支 / 方向
``currency``          币种 (人民币/RMB → CNY, 美元 → USD, 欧元, 港币, 日元,    see below
                      英镑), else what the file states, else ``--currency``
``account_no``        本方账号 column, else the preamble's 账号：…, else empty (NULL)
====================  =================================================  ========================

A payment platform's account ledger (支付宝账务明细: 发生时间, 账务流水号, 收入金额（+元）/
支出金额（-元）, 商户订单号 into the memo) and an English-language bank's CSV (Posting Date,
Debit/Credit or Withdrawals/Deposits, Description, Reference, Currency) are read with the same
plan: the English and ledger names follow the Chinese ones in the lists below the docstring,
compared without case or a trailing ``:``/``.``.

Western European exports (German Umsätze / CSV-CAMT, Dutch ING / Rabobank / ABN AMRO, French)
are read with the same plan too: ``;`` or tab delimiters, Windows-1252 told from GBK by the
header words (:func:`connectors.sources._text.detect_statement_encoding`), DE/NL/FR header names,
``dd.mm.yyyy`` dates (day first by convention), ``Af``/``Bij`` and ``S``/``H`` directions, and
the currency from a Währung/Munt/Devise column, the amount header (``Bedrag (EUR)``) or a line
above the table. The header names and the currency of the file are in
:mod:`connectors.sources._bank_headers`.

The currency is never guessed, whatever the language of the header. The file says it by a
currency column (币种 / Currency / Währung …, a cell per line), a currency or 元 unit in the
amount header (``Bedrag (EUR)``, ``收入金额(元)``), a line above the table (``Currency: USD``,
``币种：人民币``, a title naming a 人民币 account: ``人民币结算账户交易明细``), or a yuan mark on an
amount (``¥2,480.00``, ``1,280.00元``, ``RMB 50``). Else the user gives the account's currency
(``orderlens ingest bank-csv --currency CNY``); a file that states none and was given none is
refused with what is missing and what to type (before, it was read as CNY: a USD or CHF
account's money closed CNY orders). ``--currency`` that contradicts the file is refused too.

A row with both 收入 and 支出, or neither, is a reject.

Without a money-in/money-out pair, one amount column is read with its direction: a 借贷标志-style
column (贷/收/C = in, 借/支/D = out), else a trailing ``CR``/``DR`` on the value
(``1,580.00 CR``), else the value's own sign. A column and a mark that disagree, an unknown
direction word, or a negative value marked as money in are rejects, never a guess.

Amounts are parsed strictly in one number format, ``1,234.56`` or ``1.234,56``: the declared one
(``amount_format`` option, ``orderlens ingest bank-csv --amount-format``), else the one the whole
file shows (:func:`connectors.sources._bank_amounts.infer_format`: a well-formed decimal comma
and no decimal point is ``1.234,56``; ``1.234`` alone shows nothing and refuses the file). A
value that does not fit — ``12,34`` or ``1.234,56`` under ``1,234.56``, ``1,2,3``,
``1e3``, three decimals — is a reject with its line and the format it was read with, never a
guess; a file that writes both formats (``2.200,00`` beside ``1,234.00``) is refused whole,
naming a line of each. Accounting brackets are a minus sign (``(1,234.56)``). The sign follows
the column: whatever is written in 支出 is money out (``-30.00`` there
is stored as −30.00), and a negative in 收入 is refused (a reversal belongs in 支出) unless the
line's own text says it is a reversal (冲正 / 冲账 / 冲销 / 红字): that is Chinese bookkeeping's
red-ink reversal of a credit, read as money out with the reversal mark in front of its memo
(a negative in 支出 on such a line reverses a debit: money in, marked the same way — unless
the file writes its other outflows negative in 支出 too: then that minus is the column's sign and
the reversal is money out). A
card acquirer's sales detail (a 终端号 / Terminal ID column, or a card-number column beside a
结算金额 / settlement amount) is refused: its sales reach the bank as one lump.
A file without an account (no 本方账号 column, no 账号：… line) leaves ``account_no`` empty:
the file name is not an account, and overlaps are found on the bank's own keys anyway.

Lines that are not money (:mod:`connectors.sources._bank_lines`): balance lines, and lines a
status column (Sparkasse ``Info``, ``Status``, 交易状态) says are not booked (``Umsatz
vorgemerkt``, ``PENDING``, 处理中) are skipped and counted; an unknown status word is a reject. A
reversal flag column (招商银行 ``冲帐标志`` ``*``) puts the reversal mark in front of the memo.

Paged exports: totals rows (合计 / 总计 / 本页合计 / 小计 / 共N笔 / Total / Summe) and the header
printed again after a page break are not transactions — skipped and counted in the ingest
report (``skipped``), not listed as rejects; a line the next page repeats with the same serial
and every value equal is loaded once (also counted). Apostrophes and spaces group thousands in
either number format (``12'500.00``, ``1 234,56``).
"""

from __future__ import annotations

import csv
from dataclasses import replace
from itertools import islice, zip_longest
from pathlib import Path

import duckdb
from sqlglot import exp

from connectors.accounts import statement_account_currency
from connectors.errors import IngestError
from connectors.sources._bank import REVERSAL_MARK, finish_bank
from connectors.sources._bank_amounts import (
    DEFAULT_FORMAT,
    NET,
    amount_plan,
    check_one_decimal_mark,
    infer_format,
    red_ink_condition,
)
from connectors.sources._bank_balance import opening_balance, sign_from_balance
from connectors.sources._bank_currency import (
    currency_plan,
    currency_sql,
    declared_currency,
    mark_checks,
    marked_currency,
)
from connectors.sources._bank_currency_columns import per_currency_columns, splitter
from connectors.sources._bank_currency_columns import refusal as currency_columns_refusal
from connectors.sources._bank_dates import (
    Era,
    date_order,
    read_serial_dates,
    refuse_serial_dates,
)
from connectors.sources._bank_formats import card_sales_columns, known_export
from connectors.sources._bank_header_line import (
    DATE_KEYS,
    find_header,
    footer_currencies,
    header_score,
    is_european,
    name_sides,
)
from connectors.sources._bank_headers import (
    ACCT,
    AMOUNT,
    BALANCE,
    CREDIT,
    CURRENCY,
    DATE,
    DEBIT,
    MEMO,
    NAME,
    currency_hint,
    every,
    first,
    key,
)
from connectors.sources._bank_lines import (
    BALANCES,
    NOT_BOOKED,
    TOTALS,
    drop_dated_balances,
    drop_labelled_totals,
    drop_unbooked,
    flag_check,
    flagged_memo,
    reversal_flag,
    skip_footer_lines,
    skip_non_transactions,
)
from connectors.sources._bank_meaning import (
    header_renamer,
    is_header_by_meaning,
    meaning_score,
    missing_columns,
)
from connectors.sources._bank_serial import serial_and_reference_text
from connectors.sources._bank_sniff import refuse_other_format
from connectors.sources._bank_user_names import rename_in_reasons
from connectors.sources._files import workbook_epoch, xlsx_to_csv
from connectors.sources._tabular import (
    AMOUNT_FORMATS,
    Field,
    install_macros,
    read_csv_raw,
    typed_rows,
)
from connectors.sources._text import detect_statement_encoding, iter_lines, to_utf8
from connectors.sources.base import LoadContext, LoadResult

#: Right-to-left and left-to-right marks and embeddings (U+200E/F, U+202A–E, U+2066–9, U+061C):
#: Israeli exports wrap dates and amounts in them (``\u200f31/10/2034\u200f``) so a Hebrew
#: viewer shows them in order. They say nothing about the value, and every date and amount
#: of such a file was a reject (session 27, set 18); they are dropped from the table's lines.
BIDI_MARKS = dict.fromkeys(
    [0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)], None
)
#: Arabic-Indic and Persian (Eastern Arabic-Indic) digits, and the Arabic decimal (U+066B) and
#: thousands (U+066C) separators: Saudi and Gulf exports write dates and amounts in them
#: (``١٨٬٤٠٠٫٠٠``, session 28, set 19), and every such file was refused. Each digit is the same
#: digit, each separator says one thing, so the table's lines are read with ASCII digits, ``.``
#: and a thin space (U+2009): a grouping mark the amount rules already check (three digits a
#: group, ``١٬٢٬٨٠٫٠٠`` stays a reject) and never a CSV delimiter, as ``,`` would be.
ARABIC_DIGITS = {
    **{0x0660 + i: str(i) for i in range(10)},
    **{0x06F0 + i: str(i) for i in range(10)},
    0x066B: ".",
    0x066C: "\u2009",
}
#: what the table's lines are read through: marks dropped, digits made ASCII
LINE_TABLE: dict[int, str | None] = {**BIDI_MARKS, **ARABIC_DIGITS}


def _coalesce(columns: list[str]) -> str:
    """The first filled of ``columns`` (NULL without any)."""
    if not columns:
        return "NULL"
    return columns[0] if len(columns) == 1 else f"coalesce({', '.join(columns)})"


def _is_sub_header(header: list[str], row: list[str]) -> bool:
    """The row under a header is its second header row when it names an amount column under
    an empty or merged cell (金额 over 借方发生额 / 贷方发生额) and holds no value (no digit)."""
    cells = [c.strip() for c in row]
    named = [(h.strip(), c) for h, c in zip_longest(header, cells, fillvalue="") if c]
    return (
        bool(named)
        and not any(ch.isdigit() for _, c in named for ch in c)
        and any(first([c], CREDIT + DEBIT + AMOUNT) for _, c in named)  # 借方发生额（支取） too
        and all(h == "" or first([h], AMOUNT) or h == c for h, c in named)
    )


def _xlsx_as_csv(path: Path, tmp_dir: Path) -> Path:
    """A bank's XLSX export as a CSV with one header row, line numbers kept.

    Why: Chinese banks export XLSX with a merged title row and a two-row header (金额 merged
    over 借方发生额 / 贷方发生额); read as text the workbook was refused as binary. The header's
    second row names the columns the first leaves empty or merged; the two are folded into one
    header on the second row's line (the first becomes empty), so every later line keeps the
    row number of the sheet. Bare side words under a merged amount cell (发生额 over 借方 /
    贷方) are named first (:func:`~connectors.sources._bank_header_line.name_sides`).
    """
    sheet = tmp_dir / (path.stem + ".sheet.csv")
    xlsx_to_csv(path, sheet)
    out = tmp_dir / (path.stem + ".xlsx.csv")
    folded: list[list[str]] = []
    header_at: int | None = None
    with sheet.open(encoding="utf-8", newline="") as fin:
        rows = csv.reader(fin)
        for row in rows:
            if header_at is not None or not any(key(c) in DATE_KEYS for c in row):
                folded.append(row)
                continue
            nxt = next(rows, None)
            nxt = name_sides(row, nxt) if nxt is not None else None
            if nxt is not None and _is_sub_header(row, nxt):
                merged = [c.strip() or h for h, c in zip_longest(row, nxt, fillvalue="")]
                folded += [[""] * len(merged), merged]
                header_at = len(folded) - 1
            else:
                header_at = len(folded)
                folded += [row] + ([nxt] if nxt is not None else [])
    if header_at is not None:  # a date column saved as numbers: read in the workbook's system
        read_serial_dates(path, folded, header_at, workbook_epoch(path))
    with out.open("w", encoding="utf-8", newline="") as fout:
        csv.writer(fout).writerows(folded)
    return out


def load(con: duckdb.DuckDBPyConnection, path: Path, ctx: LoadContext) -> LoadResult:
    """Load one bank CSV (or the first sheet of a bank's XLSX export) into
    ``bank_transactions``."""
    install_macros(con)
    if path.suffix.lower() == ".xls":
        raise IngestError(
            f"{path}: an Excel 97-2003 workbook (.xls) cannot be read; open it and save it as "
            ".xlsx or CSV, then ingest that file"
        )
    src = _xlsx_as_csv(path, ctx.tmp_dir) if path.suffix.lower() in (".xlsx", ".xlsm") else path
    refuse_other_format(path)
    enc = detect_statement_encoding(src, lambda t: max(header_score(t), meaning_score(t)))
    try:
        header = find_header(src, enc, path, by_meaning=is_header_by_meaning)
    except IngestError as exc:  # say what the table lacks when a line names its date
        lacking = missing_columns([t.lstrip("\ufeff") for _, t in islice(iter_lines(src, enc), 50)])
        if lacking is None:
            raise
        raise IngestError(
            f"{path}: {lacking}; a bank statement needs a money-in and a money-out column "
            "(贷方发生额 / 借方发生额, Credit / Debit) or one amount column (交易金额, Amount)"
        ) from exc
    if header.currency is None and not header.conflicting_currency:
        below = footer_currencies(src, enc, header)  # Romanian exports state it in the footer
        header = replace(header, currency=next(iter(below)) if len(below) == 1 else None)
    out = ctx.tmp_dir / (path.stem + ".bank.csv")
    blank = f'{header.delim}" \r\n'
    head = next(t for n, t in iter_lines(src, enc) if n == header.line).lstrip("\ufeff")
    head_cells = next(csv.reader([head.rstrip("\r\n")], delimiter=header.delim), [])
    by_ccy = per_currency_columns(head_cells)  # RBC's CAD$ / USD$: whose account is not guessed
    if by_ccy and header.currency is None and declared_currency(ctx) is None:
        raise currency_columns_refusal(path, by_ccy, head_cells)
    split = splitter(header.delim, by_ccy) if by_ccy else (lambda line: line)
    read_as: list[str] = []  # header cells read by their meaning (记账日 as the date), said below
    renamed: dict[str, str] = {}  # list name → the user's header, for the rejects' reasons
    rename = header_renamer(header.delim, read_as, renamed)
    to_utf8(
        src, out, enc,
        keep=lambda n, line: n >= header.line and bool(line.strip(blank)),
        transform=lambda line: split(rename(line.translate(LINE_TABLE))),
    )  # fmt: skip
    raw = read_csv_raw(
        con, out, f"{ctx.prefix}_raw", line_offset=header.line - 1, delim=header.delim, shown=path
    )
    cols = raw.columns
    if sales := card_sales_columns(cols):
        raise IngestError(
            f"{path}: a card acquirer's sales detail (columns {', '.join(sales)}), not a bank "
            "statement: its sales reach the bank as one settlement lump, which the bank "
            "statement already shows; loading each sale as money would count it twice. Ingest "
            "the bank statement (or the platform's settlement bill) instead"
        )
    date_col = first(cols, DATE)
    assert date_col is not None  # find_header chose this line because it names a date column
    declared = ctx.options.get("amount_format")
    if declared is not None and declared not in AMOUNT_FORMATS:
        raise IngestError(
            f"amount format {declared!r} is not supported; declare one of "
            f"{', '.join(AMOUNT_FORMATS)} (--amount-format)"
        )
    serial, said = serial_and_reference_text(con, raw, cols, date_col)
    memos = [c for m in MEMO for c in cols if key(c) == key(m)] + said
    red_ink = red_ink_condition([f"_memo{i}" for i in range(len(memos))])
    fields, checks, amount_sql = amount_plan(
        path, cols, AMOUNT_FORMATS[declared or DEFAULT_FORMAT], red_ink
    )
    format_note = None
    by_user = declared is not None
    # the running balance: evidence of the file's number format when its amounts mix both
    balance = first(cols, BALANCE)
    if balance is not None and any(f.source == balance for f in fields):
        balance = None
    if declared is None:  # read off the whole file, or refused when it does not show it
        # a Western European export (its header's words, ';', cp1252) writes 1.234,56 or 1,234.56
        european = is_european(date_col) or enc == "cp1252" or header.delim == ";"
        amount_cols = [f.source for f in fields if f.target in ("_credit", "_debit", "_amount")]
        declared, format_note = infer_format(
            con, path, raw, amount_cols, european, tuple(c for c in [balance] if c)
        )
        fields, checks, amount_sql = amount_plan(path, cols, AMOUNT_FORMATS[declared], red_ink)
    if src is path:  # a CSV of Excel day numbers: which date system is not said
        refuse_serial_dates(con, path, raw, date_col)
    export = known_export(cols)
    above = " ".join(t for _, t in islice(iter_lines(src, enc), header.line))
    date_kind, date_check = date_order(
        con, path, raw, date_col, (export.name, export.date_order) if export else None,
        Era(above, ctx.options.get("date_era")),
    )  # fmt: skip
    fields.insert(0, Field("_date", date_col, date_kind, required=True))
    checks += date_check
    if date_col != "交易时间" and "交易时间" in cols:
        fields.append(Field("_time", "交易时间", "text"))
    payers = every(cols, NAME)  # each line fills one (Wise: Payer Name or Payee Name)
    fields += [Field(f"_name{i}", c) for i, c in enumerate(payers)]
    if c := first(cols, ACCT):
        fields.append(Field("counterparty_account", c))
    if serial:
        fields.append(Field("bank_ref", serial))
    fields += [Field(f"_memo{i}", m) for i, m in enumerate(memos)]
    if rev := reversal_flag(cols):  # 冲帐标志: the line takes an earlier one back
        fields.append(Field("_rev", rev))
        checks.append(flag_check(rev))
    if ccy := first(cols, CURRENCY):
        fields.append(Field("_ccy", ccy))
    amount_cols = [f.source for f in fields if f.target in ("_credit", "_debit", "_amount")]
    accounts = {header.account} if header.account else set()
    if "本方账号" in cols:
        accounts |= {
            a for (a,) in con.execute(f'SELECT DISTINCT "本方账号" FROM {raw.name}').fetchall() if a
        }
    fallback, ccy_checks, no_currency = currency_plan(
        path, amount_cols, ccy, header,
        None if ccy else marked_currency(con, path, raw, amount_cols),
        declared_currency(ctx), statement_account_currency(con, path, accounts),
        currency_hint(cols + read_as, enc),
    )  # fmt: skip
    checks += ccy_checks
    if ccy:  # each line's currency is its cell's: a mark on its amount must agree
        checks += mark_checks(fields, currency_sql(fallback))
    elif fallback:  # one currency for the file: a line marked in another (US$ in a 人民币
        # account's export) is a reject of its own; the file's other lines are the account's
        checks += mark_checks(fields, exp.Literal.string(fallback).sql("duckdb"))
    if "本方账号" in cols:
        fields.append(Field("_acct", "本方账号"))
    if balance is not None:
        fields.append(Field("_balance_text", balance))
    good = f"{ctx.prefix}_typed"
    typed_rows(con, raw, fields, good, checks=checks)
    texts = [
        f.target for f in fields if f.target in ("_credit_text", "_debit_text", "_amount_text")
    ]
    check_one_decimal_mark(
        con, path, f"{good}_all", texts, declared, fallback,
        balance="_balance_text" if balance is not None else None, by_user=by_user,
    )  # fmt: skip
    if no_currency is not None:
        raise no_currency
    names = {f.target for f in fields}
    ts = (
        "CASE WHEN _time IS NOT NULL AND regexp_matches(_time, '^\\d{1,2}:\\d{2}') THEN "
        "ol_ts(strftime(_date, '%Y-%m-%d') || ' ' || _time) "
        # 郑州银行 / 重庆银行: hhmmss without colons (Excel drops a leading zero: 93000), a
        # time that is no time of day (256100) leaves the day alone
        "WHEN _time IS NOT NULL AND regexp_matches(trim(_time), '^\\d{5,6}$') THEN "
        "coalesce(ol_ts(strftime(_date, '%Y-%m-%d') || ' ' || regexp_replace(lpad(trim(_time), "
        "6, '0'), '^(\\d{2})(\\d{2})(\\d{2})$', '\\1:\\2:\\3')), _date) "
        # 建设银行: 交易时间 is a whole timestamp (yyyymmdd hh:mm:ss) beside 记账日期: its time
        # counts when it is of the booking day (a later booking keeps its own day)
        "WHEN CAST(ol_ts(_time) AS DATE) = CAST(_date AS DATE) THEN ol_ts(_time) ELSE _date END"
        if "_time" in names
        else "_date"
    )
    memo = (
        f"nullif(concat_ws(' ', {', '.join(f'_memo{i}' for i in range(len(memos)))}), '')"
        if memos
        else "NULL"
    )
    if "_rev" in names:
        memo = flagged_memo(memo)
    if "_credit" in names and memos:  # red ink (either column): marked for reconciliation
        mark = exp.Literal.string(REVERSAL_MARK).sql("duckdb")
        red = f"_credit < 0 OR (_debit < 0 AND ({red_ink}))"
        memo = f"CASE WHEN {red} THEN concat_ws(' ', {mark}, {memo}) ELSE {memo} END"

    account = header.account
    preamble = exp.Literal.string(account) if account else exp.Null()
    acct = (
        exp.func("coalesce", exp.column("_acct"), preamble) if "_acct" in names else preamble
    ).sql("duckdb")
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE {ctx.prefix}_good AS SELECT _line,
            {acct} AS account_no,
            {ts} AS booked_at, CAST({ts} AS DATE) AS value_date,
            CAST({amount_sql} AS DECIMAL(14,2)) AS amount,
            {currency_sql(fallback) if "_ccy" in names else f"'{fallback}'"} AS currency,
            {_coalesce([f"_name{i}" for i in range(len(payers))])} AS counterparty_name,
            {"counterparty_account" if "counterparty_account" in names else "NULL"}
                AS counterparty_account,
            {memo} AS memo, {"bank_ref" if "bank_ref" in names else "NULL"} AS bank_ref
        FROM {good}"""
    )
    if "_amount" in names and "_dir" not in names and first(cols, NET) is None:
        # one unsigned amount column (money out shown in red font only): the balance tells
        kind = AMOUNT_FORMATS[declared]
        opening = opening_balance(con, src, enc, header.line, kind)
        sign_from_balance(con, raw, f"{ctx.prefix}_good", cols, kind, opening)
    skipped = skip_non_transactions(con, raw.name, raw.rejects, cols, date_col)
    for kind, n in skip_footer_lines(con, raw.rejects, f"{ctx.prefix}_good", header.delim).items():
        skipped[kind] = skipped.get(kind, 0) + n
    if n := drop_dated_balances(con, f"{ctx.prefix}_good"):
        skipped[BALANCES] = skipped.get(BALANCES, 0) + n
    if n := drop_unbooked(con, raw, f"{ctx.prefix}_good", cols):
        skipped[NOT_BOOKED] = n
    if "_time" in names and (
        n := drop_labelled_totals(con, raw.name, f"{ctx.prefix}_good", "交易时间")
    ):
        skipped[TOTALS] = skipped.get(TOTALS, 0) + n  # 本日合计 in the time cell
    rename_in_reasons(con, raw.rejects, renamed)  # 입금액(원), not the list name it was read as
    res = finish_bank(con, f"{ctx.prefix}_good", raw, ctx, "bankcsv", path, page_repeats=True)
    res.skipped = {**skipped, **res.skipped}
    if format_note:
        res.notes.append(format_note)
    if read_as:
        res.notes.append(
            f"{path.name}: columns read by their meaning (their names are not in the reader's "
            f"lists): {'; '.join(read_as)}"
        )
    return res
