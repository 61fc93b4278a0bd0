"""Chinese bank statement CSV (网银 交易明细 导出): GBK or UTF-8, 收入/支出 or 借方/贷方 columns.

Banks put a preamble above the header (``账号：6222…``, ``户名：…``, ``起止日期…``); the header is
the first line naming a date column. Header synonyms (first one present wins):

====================  =================================================  ========================
canonical             headers                                            note
====================  =================================================  ========================
``booked_at``         交易日期 / 记账日期 / 交易时间 (+ 交易时间 if separate)  required
``amount`` (+)        收入金额 / 收入 / 贷方发生额 / 贷方金额              money in
``amount`` (−)        支出金额 / 支出 / 借方发生额 / 借方金额              money out
``counterparty_name`` 对方户名 / 对方账户名称 / 对方名称 / 对方单位
``counterparty_account`` 对方账号 / 对方账户 / 对方卡号
``memo``              附言, 摘要, 用途, 备注 (all present, joined by a space)
``bank_ref``          交易流水号 / 流水号 / 凭证号 / 业务参考号
``currency``          币种 (人民币 → CNY), default CNY
``account_no``        本方账号 column, else the preamble's 账号：…, else empty (NULL)
====================  =================================================  ========================

A row with both 收入 and 支出, or neither, is a reject.

Amounts are parsed strictly in the *declared* number format (``amount_format`` option,
``orderlens ingest bank-csv --amount-format``): ``1,234.56`` (default, Chinese banks) or
``1.234,56``. A value that does not fit — ``12,34`` or ``1.234,56`` under the default, ``1,2,3``,
``1e3``, three decimals — is a reject with its line and the format it was read with, never a
guess. The sign follows the column: whatever is written in 支出 is money out (``-30.00`` there
is stored as −30.00), and a negative in 收入 is refused (a reversal belongs in 支出).
A file without an account (no 本方账号 column, no 账号：… line) leaves ``account_no`` empty:
the file name is not an account, and overlaps are found on the bank's own keys anyway.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
from sqlglot import exp

from connectors.errors import IngestError
from connectors.sources._bank import finish_bank
from connectors.sources._tabular import (
    AMOUNT_FORMATS,
    Field,
    install_macros,
    read_csv_raw,
    typed_rows,
)
from connectors.sources._text import detect_encoding, iter_lines, to_utf8
from connectors.sources.base import LoadContext, LoadResult

DATE = ("交易日期", "记账日期", "入账日期", "交易时间")
CREDIT = ("收入金额", "收入", "贷方发生额", "贷方金额")
DEBIT = ("支出金额", "支出", "借方发生额", "借方金额")
NAME = ("对方户名", "对方账户名称", "对方名称", "对方单位")
ACCT = ("对方账号", "对方账户", "对方卡号")
MEMO = ("附言", "摘要", "用途", "备注")
REF = ("交易流水号", "流水号", "凭证号", "业务参考号")
_ACCOUNT_RE = re.compile(r"(?:账号|帐号)\s*[:：]\s*([0-9][0-9 \-]{5,40}[0-9])")


def _find_header(path: Path, encoding: str) -> tuple[int, str | None]:
    account = None
    for lineno, line in iter_lines(path, encoding):
        cells = [c.strip().strip('"').strip() for c in line.split(",")]
        if any(c in DATE for c in cells):
            return lineno, account
        m = _ACCOUNT_RE.search(line)
        if m and account is None:
            account = m.group(1).strip()
        if lineno > 50:
            break
    raise IngestError(
        f"{path}: no header line with a date column ({' / '.join(DATE)}) in the first 50 lines; "
        "is this a bank statement CSV?"
    )


def _first(cols: list[str], names: tuple[str, ...]) -> str | None:
    return next((n for n in names if n in cols), None)


def load(con: duckdb.DuckDBPyConnection, path: Path, ctx: LoadContext) -> LoadResult:
    """Load one bank CSV into ``bank_transactions``."""
    install_macros(con)
    enc = detect_encoding(path)
    header_line, account = _find_header(path, enc)
    out = ctx.tmp_dir / (path.stem + ".bank.csv")
    to_utf8(path, out, enc, keep=lambda n, line: n >= header_line and bool(line.strip(", \r\n")))
    raw = read_csv_raw(con, out, f"{ctx.prefix}_raw", line_offset=header_line - 1)
    cols = raw.columns
    date_col = _first(cols, DATE)
    assert date_col is not None  # _find_header chose this line because it names a date column
    credit, debit = _first(cols, CREDIT), _first(cols, DEBIT)
    if not (credit and debit):
        raise IngestError(
            f"{path}: needs both a money-in ({' / '.join(CREDIT)}) and a money-out "
            f"({' / '.join(DEBIT)}) column; found {', '.join(cols)}"
        )
    declared = str(ctx.options.get("amount_format") or "1,234.56")
    if declared not in AMOUNT_FORMATS:
        raise IngestError(
            f"amount format {declared!r} is not supported; declare one of "
            f"{', '.join(AMOUNT_FORMATS)} (--amount-format)"
        )
    kind = AMOUNT_FORMATS[declared]
    fields = [
        Field("_date", date_col, "timestamp", required=True),
        Field("_credit", credit, kind),
        Field("_debit", debit, kind),
        Field("_credit_text", credit),
        Field("_debit_text", debit),
    ]
    if date_col != "交易时间" and "交易时间" in cols:
        fields.append(Field("_time", "交易时间", "text"))
    optional = {"counterparty_name": NAME, "counterparty_account": ACCT, "bank_ref": REF}
    for target, aliases in optional.items():
        if c := _first(cols, aliases):
            fields.append(Field(target, c))
    memos = [m for m in MEMO if m in cols]
    fields += [Field(f"_memo{i}", m) for i, m in enumerate(memos)]
    if "币种" in cols:
        fields.append(Field("_ccy", "币种"))
    if "本方账号" in cols:
        fields.append(Field("_acct", "本方账号"))
    both = "coalesce(_credit, 0) <> 0 AND coalesce(_debit, 0) <> 0"
    # a value that did not parse is already its own reason; "no amount" means both are empty/zero
    unparsed = "(_credit_text IS NOT NULL AND _credit IS NULL) OR (_debit_text IS NOT NULL AND _debit IS NULL)"
    neither = f"coalesce(_credit, 0) = 0 AND coalesce(_debit, 0) = 0 AND NOT ({unparsed})"
    good = f"{ctx.prefix}_typed"
    typed_rows(
        con,
        raw,
        fields,
        good,
        checks=[
            (both, f"both {credit} and {debit} filled"),
            (neither, f"no amount in {credit} or {debit}"),
            ("_credit < 0", f"negative amount in {credit} (money in): a reversal is money out"),
        ],
    )
    names = {f.target for f in fields}
    ts = (
        "CASE WHEN _time IS NOT NULL AND regexp_matches(_time, '^\\d{1,2}:\\d{2}') THEN "
        "ol_ts(strftime(_date, '%Y-%m-%d') || ' ' || _time) ELSE _date END"
        if "_time" in names
        else "_date"
    )
    memo = (
        f"nullif(concat_ws(' ', {', '.join(f'_memo{i}' for i in range(len(memos)))}), '')"
        if memos
        else "NULL"
    )
    preamble = exp.Literal.string(account) if account else exp.Null()
    acct = (
        exp.func("coalesce", exp.column("_acct"), preamble) if "_acct" in names else preamble
    ).sql("duckdb")
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE {ctx.prefix}_good AS SELECT _line,
            {acct} AS account_no,
            {ts} AS booked_at, CAST({ts} AS DATE) AS value_date,
            CAST(coalesce(_credit, 0) - abs(coalesce(_debit, 0)) AS DECIMAL(14,2)) AS amount,
            {
            "CASE WHEN _ccy IN ('人民币', 'RMB', 'CNY') OR _ccy IS NULL THEN 'CNY' ELSE _ccy END"
            if "_ccy" in names
            else "'CNY'"
        } AS currency,
            {"counterparty_name" if "counterparty_name" in names else "NULL"} AS counterparty_name,
            {"counterparty_account" if "counterparty_account" in names else "NULL"}
                AS counterparty_account,
            {memo} AS memo, {"bank_ref" if "bank_ref" in names else "NULL"} AS bank_ref
        FROM {good}"""
    )
    return finish_bank(con, f"{ctx.prefix}_good", raw, ctx, "bankcsv", path)
