"""Which lines of a bank export are not money that moved, and which carry a mark on the money.

Why a module of its own: a statement export prints more than its transactions — totals rows,
the header again after a page break, opening / closing balance lines (sometimes with a date and
the balance in the amount column), and lines the bank has not booked yet (Sparkasse CSV-CAMT's
``Info`` = ``Umsatz vorgemerkt``, a card statement's ``Status`` = ``PENDING``). Each must be
kept out of ``bank_transactions``, counted in the ingest report, never closed against an order:
a pending credit that the bank later drops would otherwise be money counted as received. A
Chinese bank's own reversal flag (招商银行's ``冲帐标志``) marks a line that takes an earlier one
back; the reconciliation reads it from the memo's reversal mark.
"""

from __future__ import annotations

import csv
import re

import duckdb
from sqlglot import exp

from connectors.rows import one_row
from connectors.sources._bank import REVERSAL_MARK
from connectors.sources._bank_header_line import is_currency_line
from connectors.sources._bank_headers import first, key
from connectors.sources._tabular import RawTable

#: A totals row's label, in the date cell or (date cell empty) the row's first filled cell:
#: 合计 / 总计 / 本页合计 / 小计 / 共N笔, and the English and German words exports write.
_TOTALS_PREFIX = r"(本页|本頁|当页|本期|累计|本日|当日|本月|当月|本年)?"
_TOTALS_RE = re.compile(
    r"^" + _TOTALS_PREFIX + r"(合计|合計|总计|總計|小计|小計)"
    r"|^共\s*\d+\s*(笔|筆|条)"
    r"|^(page\s+|grand\s+|sub-?)?totals?\b|^(zwischen|gesamt)?summe\b|^gesamt\b",
    re.IGNORECASE,
)
TOTALS = "totals rows"
#: A balance line's label (opening / closing balance, Anfangs- / Endsaldo, Kontostand, 期初余额 /
#: 期末余额, balance brought forward): a statement's balance, not money that moved.
_BALANCE_RE = re.compile(
    r"^((opening|closing|ending|beginning|starting|available|ledger|final)\s+balance"
    r"|balance\s+(brought|carried)\s+forward|(anfangs|end|schluss)saldo|(alter|neuer)\s+saldo"
    r"|(alter\s+|neuer\s+)?kontostand|(期初|期末|上期|本期)余额|承前页|过次页"
    # Portuguese / Spanish: Saldo Anterior, Saldo do dia, Saldo final — and Saldo alone (a Banco
    # do Brasil extrato closes with a row ``S A L D O``, read with its letters joined)
    r"|saldo(\s+(anterior|inicial|final|atual|actual|do\s+dia|del\s+d[ií]a|disponível))?"
    # Romanian Sold initial / final, Hungarian nyitó / záró egyenleg (session 25)
    r"|sold\s+(initial|ini[tț]ial|final|precedent|anterior)|(nyitó|záró)\s+egyenleg)\b",
    re.IGNORECASE,
)
#: a word written with a space between its letters (``S A L D O``): a title's typography
_LETTER_SPACED = re.compile(r"(?:\w ){2,}\w")
BALANCES = "balance lines (opening / closing balance)"
#: What may follow a balance label in a dated line's description and keep it a balance line:
#: no word, only a date, a colon or a figure (``Opening balance 01.06.2026``, ``期末余额：``), or
#: "as of / as at / on / per / am / au" and a date (``Closing balance as of 30 Jun 2026``).
_BALANCE_TAIL_RE = re.compile(
    r"[\s:：.,/()（）\-\d]*"
    r"|\s*(as\s+(of|at)|on|at|per|am|zum|au)\s+[\w\s.,/\-]*\d[\w\s.,/\-]*",
    re.IGNORECASE,
)


def is_balance_label(text: str | None) -> bool:
    """Whether a description is a statement balance's label and nothing else.

    >>> [is_balance_label(t) for t in ("Opening Balance", "期末余额：", "Anfangssaldo 01.06.2026",
    ...  "Closing balance as of 30 Jun 2026", "Opening balance refund to J. Doe", "Balance due")]
    [True, True, True, True, False, False]
    >>> [is_balance_label(t) for t in ("Saldo Anterior", "S A L D O", "SALDO DO DIA",
    ...  "Saldo devedor pago", "P I X")]
    [True, True, True, False, False]
    """
    cell = (text or "").strip().strip("'\"=\t ")
    if _LETTER_SPACED.fullmatch(cell):
        cell = cell.replace(" ", "")
    m = _BALANCE_RE.match(cell)
    return m is not None and _BALANCE_TAIL_RE.fullmatch(cell[m.end() :]) is not None


HEADER_AGAIN = "header lines repeated after a page break"
CURRENCY_LINES = "currency lines (the statement's currency, below the table)"


def skip_non_transactions(
    con: duckdb.DuckDBPyConnection, raw_table: str, rejects: str, cols: list[str], date_col: str
) -> dict[str, int]:
    """Take totals rows and repeated header lines out of the rejects; count them by kind.

    Why: exports end pages and files with 本页合计 / 合计 / 共9笔 / Total / Summe rows and print
    the header again after a page break. They were listed as rejects ("missing 交易日期"),
    burying the real rejects a person must look at. Only lines that were rejected anyway are
    looked at — a line that loads is a transaction whatever its memo says — and only when the
    date cell (or, if it is empty, the first filled cell) is such a label or the header's own
    date column name.
    """
    cells = ", ".join(f'"{c}"' for c in cols)
    rows = con.execute(
        f"SELECT _line, {cells} FROM {raw_table} WHERE _line IN (SELECT line FROM {rejects})"
    ).fetchall()
    date_at = cols.index(date_col)
    kinds: dict[int, str] = {}
    for line, *values in rows:
        texts = [str(v).strip().strip("'\"=\t ") if v is not None else "" for v in values]
        head = texts[date_at] or next((t for t in texts if t), "")
        if head == date_col:
            kinds[line] = HEADER_AGAIN
        elif _TOTALS_RE.search(head):
            kinds[line] = TOTALS
        elif _BALANCE_RE.search(head) or any(is_balance_label(t) for t in texts):
            kinds[line] = BALANCES  # 20280301,,,,5000.00,期初余额: a dated balance, no amount
        elif is_currency_line(texts):
            kinds[line] = CURRENCY_LINES  # Moneda,RON below the table: what the file is in
    if kinds:
        con.execute(f"DELETE FROM {rejects} WHERE list_contains($lines, line)",
                    {"lines": list(kinds)})  # fmt: skip
    counts: dict[str, int] = {}
    for kind in kinds.values():
        counts[kind] = counts.get(kind, 0) + 1
    return counts


#: a cell that is a totals label and nothing else (``本日合计``, ``当日小计：``, ``合计``)
_TOTALS_LABEL = _TOTALS_PREFIX + r"(合计|合計|总计|總計|小计|小計)[:：]?"


def drop_labelled_totals(con: duckdb.DuckDBPyConnection, raw: str, good: str, time_col: str) -> int:
    """Take loaded lines out of ``good`` whose time cell is a totals label and nothing else;
    return how many.

    Why: a 本日合计 (day's total) row written under a day's lines keeps that day in its date
    cell and writes its label in the time cell (session 30, recon_independent21): it loaded as
    money in, summing the day again. :func:`skip_non_transactions` looks only at rejected
    lines, because a loaded line's memo may say anything (``合计货款``, a memo of just ``合计``).
    Only the time column is looked at: a real line always writes a time there, never a word,
    while other columns (a transaction type, a voucher kind) may hold words a real line uses
    (a first version that looked at every column but the memo and payer ones dropped a real
    line of an earlier set's export).
    """
    cell = exp.column(time_col, quoted=True).sql("duckdb")
    label = exp.Literal.string(_TOTALS_LABEL).sql("duckdb")
    lines = [
        line
        for (line,) in con.execute(
            f"SELECT _line FROM {raw} WHERE _line IN (SELECT _line FROM {good}) "
            f"AND regexp_full_match(trim(CAST({cell} AS VARCHAR)), {label})"
        ).fetchall()
    ]
    if lines:
        con.execute(f"DELETE FROM {good} WHERE list_contains($lines, _line)", {"lines": lines})
    return len(lines)


#: a line below the table that a person wrote, not the bank's table: no figure in it at all
FOOTER_NOTES = "notes below the table (no amount in them)"
_STRUCTURAL = "wrong number of fields"


def skip_footer_lines(
    con: duckdb.DuckDBPyConnection, rejects: str, good: str, delim: str
) -> dict[str, int]:
    """Take the short lines below the table that carry no amount out of the rejects.

    Why: a footer line has fewer cells than the header (``Moneda,RON`` under six columns, a
    ``Waluta: PL`` cut short by the export), so the CSV scan rejected it as a broken row and
    the ingest report listed it among the lines a person must look at — though no money is in
    it. Only a line below every line of the table (after the last one that loaded or was
    rejected for its values) counts, and only when it is a currency line, a totals or balance
    label, or holds no digit at all: a short line with a figure, or one inside the table (a
    memo wrapped onto a line of its own), stays a reject. Nothing is read from such a line:
    ``Waluta: PL`` names no currency (``PL`` is none), so the file still states none and is
    refused asking for it, never given PLN by a guess.
    """
    rows = con.execute(
        f"""SELECT line, raw FROM {rejects}
            WHERE starts_with(reason, $why)
              AND line > (SELECT coalesce(max(_line), 0) FROM {good})
              AND line > (SELECT coalesce(max(line), 0) FROM {rejects}
                          WHERE NOT starts_with(reason, $why))""",
        {"why": _STRUCTURAL},
    ).fetchall()
    kinds: dict[int, str] = {}
    for line, raw_text in rows:
        text = re.sub(r"[\r\n]+", " ", raw_text or "")  # a line the scan kept with its ending
        cells = [c.strip().strip("'\"=\t ") for c in next(csv.reader([text], delimiter=delim), [])]
        head = next((c for c in cells if c), "")
        if is_currency_line(cells):
            kinds[line] = CURRENCY_LINES
        elif _TOTALS_RE.search(head):
            kinds[line] = TOTALS
        elif _BALANCE_RE.search(head) or any(is_balance_label(c) for c in cells):
            kinds[line] = BALANCES
        elif not re.search(r"\d", text):
            kinds[line] = FOOTER_NOTES
    if kinds:
        con.execute(f"DELETE FROM {rejects} WHERE list_contains($lines, line)",
                    {"lines": list(kinds)})  # fmt: skip
    counts: dict[str, int] = {}
    for kind in kinds.values():
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def drop_dated_balances(con: duckdb.DuckDBPyConnection, good: str) -> int:
    """Take out of the loaded lines those whose description (or payer) is a balance label.

    Why: an export may print ``Opening Balance`` / ``Closing Balance`` / 期初余额 / 期末余额 as
    a line with a date and the balance in the amount column. It parses, so it loaded as money
    in or out, and a balance that equals an order's total could close it green. The label must
    be the whole description (a date or "as of …" may follow): ``Opening balance refund`` is a
    payment and stays. Counted in ``skipped`` like the undated balance lines.
    """
    rows = con.execute(
        f"""SELECT _line, memo, counterparty_name FROM {good}
            WHERE regexp_matches(concat_ws(' ', memo, counterparty_name),
                                 '(?i)balance|saldo|s a l d o|kontostand|余额|承前页|过次页')"""
    ).fetchall()
    lines = [line for line, *texts in rows if any(is_balance_label(t) for t in texts)]
    if lines:
        con.execute(f"DELETE FROM {good} WHERE list_contains($lines, _line)", {"lines": lines})
    return len(lines)


#: a status column: Sparkasse CSV-CAMT's ``Info``, a card or e-money statement's ``Status`` /
#: ``State``, 交易状态 / 状态, 记账状态 / 入账状态 (the booking state: session 30, a 已撤销 line of a
#: 吉林银行-style export loaded and closed the order it named) (compared like headers)
STATUS = ("Info", "Status", "State", "Transaction Status", "Transaction State", "交易状态", "状态",
          "记账状态", "入账状态", "Stato", "Estado")  # fmt: skip
#: a status value that says the line is booked money (compared case-insensitively; Danish
#: ``Udført`` / ``Bogført`` since session 26, beside ``Venter`` / ``Reserveret`` not booked)
BOOKED = frozenset(
    {"umsatz gebucht", "gebucht", "booked", "posted", "completed", "complete", "settled",
     "cleared", "成功", "交易成功", "已入账", "已记账", "已完成", "入账成功",
     "contabilizzato", "contabilizzata", "eseguito", "contabilizado", "realizado",
     "udført", "gennemført", "bogført"}
)  # fmt: skip
#: a status value that says it is not money on the account (yet): pending, held, declined
UNBOOKED = frozenset(
    {"umsatz vorgemerkt", "vorgemerkt", "pending", "authorised", "authorized", "on hold",
     "declined", "failed", "reverted", "cancelled", "canceled", "处理中", "待入账", "待处理",
     "交易失败", "失败", "已撤销", "已关闭", "已拒绝", "已退回",
     "in lavorazione", "da contabilizzare", "non contabilizzato", "in attesa", "pendiente",
     "rifiutato", "annullato", "rechazado", "anulado",
     "venter", "afventer", "reserveret", "ikke bogført", "afvist"}
)  # fmt: skip
NOT_BOOKED = "lines not booked (pending, declined, failed)"


def _status(value: object) -> str:
    return key(str(value)).strip("'\"") if value is not None else ""


def drop_unbooked(con: duckdb.DuckDBPyConnection, raw: RawTable, good: str, cols: list[str]) -> int:
    """Take lines the bank has not booked out of ``good``; return how many were dropped.

    Why: a pending line (``Umsatz vorgemerkt``, ``PENDING``) or a declined one is shown by the
    bank but is no money on the account; loaded, it could close an order the customer never
    paid. A column is read as a status column only when one of its values is a known booked or
    unbooked word (``Info`` holding free text is left alone). A line whose status is another
    word is a reject naming it — the reader does not guess whether money moved; a blank status
    is the line as the file shows it.
    """
    col = first(cols, STATUS)
    if col is None:
        return 0
    cell = exp.column(col, quoted=True).sql("duckdb")
    loaded = f"FROM {raw.name} r WHERE _line IN (SELECT _line FROM {good})"
    # a status column holds a few words: each is classified once, not each line
    states = {
        v: _status(v) for (v,) in con.execute(f"SELECT DISTINCT r.{cell} {loaded}").fetchall()
    }
    if not any(s in BOOKED or s in UNBOOKED for s in states.values()):
        return 0
    unbooked = [v for v, s in states.items() if s in UNBOOKED]
    unknown = [v for v, s in states.items() if s and s not in BOOKED | UNBOOKED]
    for value in unknown:
        con.execute(
            f"INSERT INTO {raw.rejects} SELECT _line, $reason, to_json(r)::VARCHAR {loaded} "
            f"AND r.{cell} = $value",
            {
                "value": value,
                "reason": f"{col} says {states[value]!r}, not a state known as booked "
                "(e.g. booked / completed) or not booked (pending / declined): whether money "
                "moved is not guessed; check the line with the bank",
            },
        )
    n_unbooked = one_row(
        con.execute(f"SELECT count(*) {loaded} AND list_contains($v, r.{cell})", {"v": unbooked})
    )[0]
    if unbooked or unknown:
        con.execute(
            f"DELETE FROM {good} WHERE _line IN (SELECT _line FROM {raw.name} r "
            f"WHERE list_contains($v, r.{cell}))",
            {"v": unbooked + unknown},
        )
    return int(n_unbooked)


#: a reversal flag column (招商银行 ``冲帐标志``): ``*`` (or Y / 是 / 冲) marks a line that takes an
#: earlier one back; blank, N, 否 or 0 a plain line
REVERSAL_FLAG = ("冲帐标志", "冲账标志", "冲正标志")
_FLAG_ON = ("*", "Y", "YES", "是", "冲", "冲账", "冲帐", "冲正")
_FLAG_OFF = ("", "N", "NO", "否", "0")


def reversal_flag(cols: list[str]) -> str | None:
    """The reversal flag column of a header, if it has one."""
    return first(cols, REVERSAL_FLAG)


def flag_check(col: str) -> tuple[str, str]:
    """(condition, reason) rejecting a flag value that is neither on nor off: a reader that does
    not know a mark does not guess whether the line is a reversal."""
    known = ", ".join(exp.Literal.string(v).sql("duckdb") for v in _FLAG_ON + _FLAG_OFF)
    return (
        f"upper(trim(coalesce(_rev, ''))) NOT IN ({known})",
        f"unknown {col} value (known: * / Y / 是 marks a reversal, blank / N / 否 a plain line)",
    )


def flagged_memo(memo_sql: str) -> str:
    """The memo with the reversal mark in front when the flag is on (the reconciliation reads
    reversals from that mark, as from MT940's RC/RD)."""
    on = ", ".join(exp.Literal.string(v).sql("duckdb") for v in _FLAG_ON)
    mark = exp.Literal.string(REVERSAL_MARK).sql("duckdb")
    return (
        f"CASE WHEN upper(trim(coalesce(_rev, ''))) IN ({on}) "
        f"THEN concat_ws(' ', {mark}, {memo_sql}) ELSE {memo_sql} END"
    )
