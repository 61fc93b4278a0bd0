"""A bank CSV's amounts: their layout (money in / money out, or one signed column) and their
number format (``1,234.56`` or ``1.234,56``), declared or read off the file, never guessed.

Why a module of its own: :mod:`connectors.sources.bank_csv` reads the file; what an amount
means — which column, which sign, which decimal mark — is decided here, so the rules that turn
text into money sit together.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
from sqlglot import exp

from connectors.errors import IngestError
from connectors.sources._bank import _MINOR_UNITS
from connectors.sources._bank_headers import (
    AMOUNT,
    CREDIT,
    DEBIT,
    DIRECTION,
    IN_WORDS,
    OUT_WORDS,
    UNIT_OTHER,
    bare,
    first,
    key,
    note_direction,
)
from connectors.sources._tabular import AMOUNT_FORMATS, Field, RawTable

#: The convention of Chinese and English-language exports, read when the file shows nothing else.
DEFAULT_FORMAT = "1,234.56"
# Evidence in one amount text (its marks, brackets and CR/DR stripped by ``ol_dc_strip``; a
# trailing unit, bracket or minus is allowed after the digits):
#: a decimal point with one or two decimals (``1,234.56``, ``80.5``), or two commas grouping
#: thousands (``1,250,000``: no decimal comma has two): the format is 1,234.56
_POINT = r"(\d\.\d{1,2}|\d,\d{3},\d{3})\D*$"
#: a decimal comma with one or two decimals (``1.234,56``, ``12,34``), or two points grouping
#: thousands (``12.500.000``: a currency without decimals, VND, session 26): the format is 1.234,56
_COMMA = r"(\d,\d{1,2}|\d\.\d{3}\.\d{3})\D*$"
#: one mark before exactly three digits at the end (``1.234``, ``1,234``): a thousands separator
#: in one format and three decimals in the other — no evidence either way
_DOT_THREE = r"\d\.\d{3}\D*$"
_COMMA_THREE = r"\d,\d{3}\D*$"


def infer_format(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    raw: RawTable,
    amount_cols: list[str],
    european: bool,
    balance_cols: tuple[str, ...] = (),
) -> tuple[str, str | None]:
    """The number format of a file whose user declared none, and a note saying why.

    Read off the whole of the amount columns: a value with a decimal comma (``1.234,56``,
    ``12,34``) and none with a decimal point means 1.234,56; a decimal point and no decimal
    comma, 1,234.56; both refuse the file (it was pasted together). With neither, a value such
    as ``1.234`` is 1234 in one format and 1.234 in the other: the file is refused with the
    reason (``--amount-format`` decides). ``1,234`` is refused the same way in a Western
    European file; in a Chinese or English-language one it is read in their convention
    (1,234.56), as are values without any mark (``1500``, the same in both).

    When the amounts show both marks, the running balance (``balance_cols``) counts too for
    which one is the file's (:func:`strays`): the bank prints every balance in its own format,
    so a small file of four ``1.234,56`` amounts and two ``2,600.00`` keyed by hand, beside six
    balances ``11.250,00``, is a 1.234,56 file with two strays (BBVA, session 26; it was refused
    whole). The balance is evidence only then: a file whose amounts show no mark is read as before.
    """
    if not amount_cols:
        return DEFAULT_FORMAT, None

    def values(table: str, line: str) -> str:
        return " UNION ALL ".join(
            f"SELECT {line} ol_dc_strip({exp.column(c, quoted=True).sql('duckdb')}) AS v "
            f"FROM {table}"
            for c in amount_cols
        )

    def rx(pattern: str, valid_in: str) -> str:
        return f"(regexp_matches(v, {exp.Literal.string(pattern).sql('duckdb')}) AND {valid_in}(v) IS NOT NULL)"

    # only a value well formed in the format it points to counts (``1,2,3`` is no evidence)
    patterns = (
        rx(_POINT, "ol_amount"),
        rx(_COMMA, "ol_amount_comma"),
        rx(_DOT_THREE, "ol_amount_comma"),
        rx(_COMMA_THREE, "ol_amount"),
    )
    # which kinds occur, on the parallel scan; the lines are read only for a message
    seen = con.execute(
        f"SELECT {', '.join(f'bool_or({p})' for p in patterns)} "
        f"FROM ({values(raw.scan or raw.name, '')}) WHERE v IS NOT NULL"
    ).fetchone()
    assert seen is not None
    if seen[0] and not seen[1]:
        return "1,234.56", None
    if not any(seen):
        return DEFAULT_FORMAT, None
    pick = [
        f"arg_min(v, _line) FILTER (WHERE {p}), min(_line) FILTER (WHERE {p})" for p in patterns
    ]
    row = con.execute(
        f"SELECT {', '.join(pick)} FROM ({values(raw.name, '_line,')}) WHERE v IS NOT NULL"
    ).fetchone()
    assert row is not None
    point, point_line, comma, comma_line, dot3, dot3_line, comma3, comma3_line = row
    if point_line is not None and comma_line is not None:
        counted = amount_cols + list(balance_cols)
        kinds = con.execute(
            f"SELECT count(*) FILTER (WHERE {patterns[0]}), count(*) FILTER (WHERE {patterns[1]}) "
            f"FROM ({' UNION ALL '.join(_texts(raw.name, counted))}) WHERE v IS NOT NULL"
        ).fetchone()
        assert kinds is not None
        with_balance = " and balances" if balance_cols else ""
        if strays(kinds[0], kinds[1]):  # one or two lines written the other way: their rejects
            return "1,234.56", (
                f"amounts read as 1,234.56 (decimal points on {kinds[0]} amounts{with_balance}); "
                f"line {comma_line} writes {comma!r} with a decimal comma: not read (a reject)"
            )
        if strays(kinds[1], kinds[0]):
            return "1.234,56", (
                f"amounts read as 1.234,56 (decimal commas on {kinds[1]} amounts{with_balance}); "
                f"line {point_line} writes {point!r} with a decimal point: not read (a reject)"
            )
        raise IngestError(mixed_formats_message(path, comma_line, comma, point_line, point))
    if comma_line is not None:
        return "1.234,56", (
            f"amounts read as 1.234,56: line {comma_line} writes {comma!r} (a decimal comma) and "
            "no value has a decimal point; --amount-format declares it"
        )
    ambiguous = dot3_line if dot3_line is not None else (comma3_line if european else None)
    if ambiguous is not None:
        value = dot3 if dot3_line is not None else comma3
        raise IngestError(
            f"{path}: line {ambiguous} writes {value!r}, which is {_both_readings(value)}, and no "
            "amount of the file shows the decimal mark (no value with cents); nothing was "
            "loaded — declare the format: --amount-format 1.234,56 (a point groups thousands) "
            "or --amount-format 1,234.56 (a comma does)"
        )
    return DEFAULT_FORMAT, None


def _texts(table: str, columns: list[str]) -> list[str]:
    """One ``SELECT … AS v`` per column: its texts, marks and CR/DR stripped."""
    return [
        f"SELECT ol_dc_strip({exp.column(c, quoted=True).sql('duckdb')}) AS v FROM {table}"
        for c in columns
    ]


def mixed_formats_message(
    path: Path, comma_line: int, comma: str, point_line: int, point: str
) -> str:
    """Why a file mixing ``1.234,56`` and ``1,234.56`` amounts is refused, and the two ways in.

    Why it names the declaration's effect: the message used to end "declare it with
    --amount-format", but a declared file was refused again by the same check (session 26, a
    BBVA file). Declared, the file is read in that format and each line written in the other
    is a reject of its own (never read); a value that reads in both formats still refuses it.

    >>> print(mixed_formats_message(Path("s.csv"), 4, "1.250,00", 6, "2,600.00"))
    ... # doctest: +ELLIPSIS
    s.csv: line 4 writes '1.250,00' (number format 1.234,56) but line 6 writes '2,600.00' ...
    """
    return (
        f"{path}: line {comma_line} writes {comma!r} (number format 1.234,56) but line "
        f"{point_line} writes {point!r} (1,234.56): with both in one file, and neither written "
        "on twice as many amounts as the other, which is the file's cannot be read off it; "
        "nothing was loaded. If you know the statement's format, declare it (--amount-format 1.234,56 or "
        "--amount-format 1,234.56): the lines written in the other format are then rejects of "
        "their own, listed for you, never read; otherwise export the statement again in one "
        "number format"
    )


#: how many times more values of the file's own format make the other format's few "strays"
#: (ten until session 24; two since: see :func:`strays`)
STRAY_RATIO = 2


def strays(own: int, other: int) -> bool:
    """Whether ``other`` values written in the other number format are strays among ``own``
    values of the file's format: each is then a reject of its own line, the file is read.

    Why not refuse the file for them (as for a file pasted together from two exports): when
    nearly every amount shows the same decimal mark with its cents, that mark is the file's,
    and the one line writing ``8.500,00`` among forty ``1,234.56`` is a line keyed by hand. It
    is not read in either format (never guessed) and is named in the rejects; the rest of the
    file is read. A file with as many of one as of the other stays refused whole.

    Why twice as many suffices (it was ten times until session 24, and a small Spanish file of
    six ``1.234,56`` values and one ``2,100.00`` was refused whole): a value counts for a format
    only when it is well formed in that format and not in the other, so every value the file's
    format reads has one reading; a value that fits both refuses the file
    (:func:`check_one_decimal_mark`). The ratio decides only which lines are rejects, and a
    clear majority of the file's own lines decides it.

    >>> strays(20, 1), strays(6, 2), strays(9, 1), strays(3, 2), strays(1, 1), strays(20, 0)
    (True, True, True, False, False, False)
    """
    return other > 0 and own >= STRAY_RATIO * other


def _both_readings(value: str) -> str:
    """``1.234`` → "1234 in the format 1.234,56 or 1.234 in 1,234.56"."""
    digits = "".join(ch for ch in value if ch.isdigit())
    whole, three = digits[:-3] or "0", digits[-3:]
    if "." in value:
        return f"{digits} in the format 1.234,56 or {whole}.{three} in 1,234.56"
    return f"{digits} in the format 1,234.56 or {whole}.{three} in 1.234,56"


def refuse_other_units(path: Path, cols: list[str]) -> None:
    """Refuse amounts written in another unit than yuan (``收入金额(万元)``): read as yuan they
    are 10,000 times too small, and converting them guesses cents the bank never showed."""
    for c in cols:
        m = UNIT_OTHER.search(c)
        if m and UNIT_OTHER.sub("", c) in CREDIT + DEBIT + AMOUNT:
            raise IngestError(
                f"{path}: column {c} gives amounts in {m.group(1)}, not in 元; a statement books "
                "whole cents — export it again with amounts in 元 (nothing was loaded)"
            )


def _shown(header: str, most: int = 60) -> str:
    """A header as an error message names it: a cell of 100,000 spaces is cut (session 22).

    >>> _shown("Amount"), _shown("Amount(" + " " * 500 + "x")
    ('Amount', 'Amount( x … (508 characters)')
    """
    flat = " ".join(header.split())
    return flat if len(header) <= most else f"{flat[:most].rstrip()} … ({len(header):,} characters)"


_CREDIT_KEYS = frozenset(key(c) for c in CREDIT)
_DEBIT_KEYS = frozenset(key(c) for c in DEBIT)
_AMOUNT_KEYS = frozenset(key(c) for c in AMOUNT)


def _sides(path: Path, cols: list[str]) -> tuple[str | None, str | None]:
    """The money-in and money-out columns, read with the notes in their headers.

    Why: 建设银行 names them ``借方发生额（支取）`` / ``贷方发生额（收入）``; the note is the same
    side said twice, so it is dropped from the name but checked. A note that says the other
    side (``贷方发生额（支取）``) refuses the file: one of the two words is wrong and either
    reading could flip the sign of real money. An amount column with a note (``发生额（收入）``
    beside ``发生额（支取）``) is the side its note says.
    """
    noted: dict[int, str] = {}
    for c in cols:
        side = note_direction(c)
        if side is None:
            continue
        name = key(bare(c))
        said = 1 if name in _CREDIT_KEYS else -1 if name in _DEBIT_KEYS else None
        if said is not None and said != side:
            raise IngestError(
                f"{path}: column {c!r} is named money {'in' if said == 1 else 'out'} but its "
                f"note says money {'in' if side == 1 else 'out'}; which side its amounts are on "
                "is not guessed, so nothing was loaded — check the export's header (or rename "
                "the column) and ingest the file again"
            )
        if said is None and name in _AMOUNT_KEYS:
            noted.setdefault(side, c)
    return first(cols, CREDIT) or noted.get(1), first(cols, DEBIT) or noted.get(-1)


def amount_plan(
    path: Path, cols: list[str], kind: str, red_ink: str = "false"
) -> tuple[list[Field], list[tuple[str, str]], str]:
    """Fields, reject checks and the signed-amount SQL for the file's amount layout.

    Two layouts exist: a money-in and a money-out column (the sign follows the column), or one
    amount column whose direction is a 借贷标志-style column, a trailing ``CR``/``DR`` on the
    value, or else the value's own sign. Why reject rather than pick when the column and the
    mark disagree, or a value marked as money in is negative: either reading could be the wrong
    sign of real money, and a person can tell which from the statement. ``red_ink`` is the SQL
    condition that a line's own text calls it a reversal (:func:`red_ink_condition`): a
    negative in the money-in column of such a line is the Chinese bookkeeping's red-ink
    reversal (红字冲正) of a credit — money out — and is read so, not rejected; a negative in the
    money-out column of such a line reverses a debit (the bank takes back a fee it charged):
    money **in**, as the balance shows — but only in a file whose money-out column is otherwise
    unsigned: where lines without those words are negative there too, the minus is how the
    export writes money out, and a reversal there is money out like its neighbours (a 冲正 of a
    credit; read as money in, the payment it took back stayed green). Without those words a
    negative in the money-out column stays money out, as documented (a refund some exports
    write as ``-860.00`` there).
    """
    credit, debit = _sides(path, cols)
    if credit and debit:
        unparsed = (
            "(_credit_text IS NOT NULL AND _credit IS NULL)"
            " OR (_debit_text IS NOT NULL AND _debit IS NULL)"
        )
        return (
            [Field("_credit", credit, kind), Field("_debit", debit, kind),
             Field("_credit_text", credit, "money_text"), Field("_debit_text", debit, "money_text")],
            [("coalesce(_credit, 0) <> 0 AND coalesce(_debit, 0) <> 0",
              f"both {credit} and {debit} filled"),
             # a value that did not parse is already its own reason
             (f"coalesce(_credit, 0) = 0 AND coalesce(_debit, 0) = 0 AND NOT ({unparsed})",
              f"no amount in {credit} or {debit}"),
             (f"_credit < 0 AND NOT ({red_ink})",
              f"negative amount in {credit} (money in) on a line that does not say it is a "
              "reversal (冲正 / 冲账 / 冲销 / 红字): a reversal is money out")],
            # red ink in the money-out column takes a debit back: money in (the balance rises)
            # — unless the file writes its ordinary outflows there with a minus too: then the
            # minus is the column's way of writing money out, not red ink (session 28,
            # recon_independent19: a 冲正 of a credit, -2,690.00 in 支出 beside -1,380.00 and
            # -25.00 there, was read as money in and the payment it took back closed green)
            f"coalesce(_credit, 0) + CASE WHEN _debit < 0 AND ({red_ink})"
            f" AND NOT coalesce(bool_or(_debit < 0 AND NOT ({red_ink})) OVER (), false)"
            " THEN abs(_debit) ELSE -abs(coalesce(_debit, 0)) END",
        )  # fmt: skip
    net = first(cols, NET)
    gross = (first(cols, GROSS) or first(cols, AMOUNT)) if net else None
    amount = net or first([c for c in cols if note_direction(c) is None], AMOUNT)
    if amount is None:
        refuse_other_units(path, cols)
        raise IngestError(
            f"{path}: needs a money-in ({' / '.join(CREDIT)}) and a money-out "
            f"({' / '.join(DEBIT)}) column, or one amount column ({' / '.join(AMOUNT)}); "
            f"found {', '.join(_shown(c) for c in cols)}"
        )
    fields = [Field("_amount", amount, f"{kind}_dc"), Field("_amount_text", amount, "money_text")]
    mark = "ol_dc_mark(_amount_text)"
    sign = f"CASE {mark} WHEN 'CR' THEN 1 WHEN 'DR' THEN -1 END"
    checks: list[tuple[str, str]] = []
    direction = first(cols, DIRECTION)
    if direction:
        fields.append(Field("_dir", direction))
        word = "upper(replace(_dir, ' ', ''))"
        in_words, out_words = (", ".join(f"'{w}'" for w in ws) for ws in (IN_WORDS, OUT_WORDS))
        column = f"CASE WHEN {word} IN ({in_words}) THEN 1 WHEN {word} IN ({out_words}) THEN -1 END"
        checks += [
            (f"_dir IS NOT NULL AND ({column}) IS NULL",
             f"unknown direction in {direction} (expected 借/贷, 收/支, D/C, Af/Bij, S/H)"),
            (f"_dir IS NULL AND {mark} IS NULL", f"no direction in {direction}"),
            (f"({column}) <> ({sign})",
             f"{direction} and the CR/DR mark on {amount} disagree"),
        ]  # fmt: skip
        sign = f"coalesce({column}, {sign})"
    checks += _fee_checks(fields, cols, amount, gross, kind)
    checks += [
        # a value that did not parse is already its own reason
        ("coalesce(_amount, 0) = 0 AND NOT (_amount_text IS NOT NULL AND _amount IS NULL)",
         f"no amount in {amount}"),
        (f"({sign}) = 1 AND _amount < 0",
         f"negative amount in {amount} marked as money in: a reversal is money out"),
    ]  # fmt: skip
    return (
        fields,
        checks,
        f"CASE WHEN ({sign}) IS NULL THEN _amount ELSE ({sign}) * abs(_amount) END",
    )


#: A payment service's report (Stripe balance / payouts, PayPal activity) writes each line's
#: gross, fee and net; the net is what moved on the balance, so it is the bank line.
NET = ("Net", "Net Amount")
GROSS = ("Gross", "Gross Amount")
#: a fee column beside one amount (Revolut: ``Amount`` and ``Fee``); ``Total fees`` (Wise) is
#: not one: Wise's ``Amount`` already is the balance's change, fees included
FEE = ("Fee", "Fees", "Fee Amount")


def _fee_checks(
    fields: list[Field], cols: list[str], amount: str, gross: str | None, kind: str
) -> list[tuple[str, str]]:
    """Rejects that keep a fee from being guessed into or out of the bank line.

    With a net column (gross / fee / net), the net is loaded and a line whose gross, fee and
    net do not add up (|gross| − |fee| ≠ |net|) is a reject: one of the three is misread. The
    fee stays the difference of gross and net the file shows; it is no bank line of its own.
    With a fee column and no net, a line whose fee is not zero is a reject: the file does not
    say whether its amount is before or after the fee, and either reading books the wrong money.
    """
    fee = first(cols, FEE)
    if fee is None:
        return []
    fields.append(Field("_fee", fee, kind))
    fields.append(Field("_fee_text", fee))
    unparsed = (
        "(_fee_text IS NOT NULL AND trim(_fee_text) <> '' AND _fee IS NULL)",
        f"{fee} is not an amount in the file's number format",
    )
    if gross is None:
        return [unparsed, (
            "coalesce(_fee, 0) <> 0",
            f"{fee} is not zero and the file has no net amount: whether {amount} is before or "
            f"after the fee is not said, so the line is not loaded — export the statement with "
            f"a net (or total) amount, or enter the line by hand",
        )]  # fmt: skip
    fields.append(Field("_gross", gross, kind))
    return [unparsed, (
        "_gross IS NOT NULL AND abs(abs(_gross) - abs(coalesce(_fee, 0))) <> abs(_amount)",
        f"{gross} less {fee} is not {amount}: one of the three is misread, so the line is not "
        "loaded — check it against the service's report",
    )]  # fmt: skip


#: The other number format of each declared one (``1,234.56`` ↔ ``1.234,56``), by kind.
#: Declared lakh grouping checks against the comma-decimal format (its western values are
#: already rejects of their lines: ``1,234,567.00`` fits no lakh grouping).
_OTHER_FORMAT = {"1,234.56": "1.234,56", "1.234,56": "1,234.56", "1,23,456.78": "1.234,56"}


#: One decimal point with exactly three digits after it and no comma (``12.345``, ``-1.500 CR``).
_THREE_DECIMALS = re.compile(r"^[^\d,.]*\d+\.\d{3}[^\d,.]*$")


def check_one_decimal_mark(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    table: str,
    columns: list[str],
    declared: str,
    currency: str | None = None,
    *,
    balance: str | None = None,
    by_user: bool = False,
) -> None:
    """Refuse a file whose amounts are written in both number formats, naming a line of each.

    Why the whole file: ``2.200,00`` and ``1,234.00`` in one export mean the file was pasted
    together or edited by hand, and then a value such as ``1,500`` is 1500 in one format and 1.5
    in the other — no line of it can be trusted. A value that fits only the other format in a
    file that shows no value of the declared one stays a reject of its own line (a stray value).
    A value without a separator (``1500``) fits both formats and counts for neither. A few
    values of the other format among twice as many of the declared one, and none that fits
    both, are strays (:func:`strays`): rejects of their own lines. The running balance's texts
    (``balance``) count for that ratio as in :func:`infer_format`. A format the user declared
    (``by_user``) is the file's: the other format's values are then rejects of their lines
    whatever their number, as long as no value reads in both.
    """
    suffix = "_dc" if any(c == "_amount_text" for c in columns) else ""
    mine, other = (
        AMOUNT_FORMATS[declared] + suffix,
        AMOUNT_FORMATS[_OTHER_FORMAT[declared]] + suffix,
    )
    values = " UNION ALL ".join(
        f"SELECT _line, {c} AS v, {c != balance} AS amount FROM {table} WHERE {c} IS NOT NULL"
        for c in columns + ([balance] if balance else [])
    )
    # Materialised first, so each value is converted twice and not once per FILTER below.
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE {table}_marks AS
            SELECT _line, v, amount, ol_{mine}(v) IS NOT NULL AS a, ol_{other}(v) IS NOT NULL AS b
            FROM ({values}) WHERE regexp_matches(v, '[.,]')"""
    )
    row = con.execute(
        f"""SELECT arg_min(v, _line) FILTER (WHERE amount AND a AND NOT b),
                   min(_line) FILTER (WHERE amount AND a AND NOT b),
                   arg_min(v, _line) FILTER (WHERE amount AND b AND NOT a),
                   min(_line) FILTER (WHERE amount AND b AND NOT a),
                   count(*) FILTER (WHERE a AND NOT b), count(*) FILTER (WHERE b AND NOT a),
                   count(*) FILTER (WHERE amount AND a AND b)
            FROM {table}_marks"""
    ).fetchone()
    con.execute(f"DROP TABLE {table}_marks")
    if row is None or row[1] is None or row[3] is None:
        return
    three_decimals = (
        declared == "1,234.56"
        and _THREE_DECIMALS.match(str(row[2]).strip()) is not None
        and _MINOR_UNITS.get(currency or "", 2) == 2
    )
    if row[6] == 0 and (strays(row[4], row[5]) or (by_user and not three_decimals)):
        return  # the other format's few values fail the file's format: rejects of their lines
    if three_decimals:
        raise IngestError(three_decimals_message(path, row[3], row[2], row[1], row[0], currency))
    comma, point = (row[0], row[1]), (row[2], row[3])
    if declared != "1.234,56":
        comma, point = point, comma
    raise IngestError(mixed_formats_message(path, comma[1], comma[0], point[1], point[0]))


def three_decimals_message(
    path: Path | str, line: int, value: str, cents_line: int, cents: str, currency: str | None
) -> str:
    """Why a file writing ``12.345`` beside ``12.00`` is refused, and what the user can do.

    Why its own message: the file's decimal point is plain from ``12.00``, so ``12.345`` is not
    "another number format" to the user but an amount with three decimals, which a currency with
    cents cannot have. Rounding it to 12.35 would book money the statement does not show, and
    reading the point as a thousands separator (12345) contradicts the rest of the file; only
    the person holding the statement can tell which it is.

    >>> print(three_decimals_message("s.csv", 3, "12.345", 2, "12.00", "USD"))  # doctest: +ELLIPSIS
    s.csv: line 3 writes '12.345', an amount with 3 decimals, but USD has 2 (cents) and the file's other amounts have 2 (line 2 writes '12.00'); ...
    """
    ccy = f"{currency} has 2 (cents)" if currency else "the statement's currency has 2 (cents)"
    return (
        f"{path}: line {line} writes {value!r}, an amount with 3 decimals, but {ccy} and the "
        f"file's other amounts have 2 (line {cents_line} writes {cents!r}); it is not rounded "
        f"and nothing was loaded. Correct line {line} to the amount the bank's statement shows "
        f"(two decimals) and ingest the file again; if the point groups thousands there "
        f"({value} is {value.replace('.', '')}), export the statement again in one number format "
        "and give --amount-format 1.234,56"
    )


#: Words with which a Chinese statement's line says it takes an earlier booking back (红字冲正:
#: the reversal is written in red ink — a negative amount — in the column it reverses).
RED_INK_WORDS = ("冲正", "冲账", "冲帐", "冲销", "红字")


def red_ink_condition(texts: list[str]) -> str:
    """SQL: one of the line's text fields (``_memo0`` …) says the line is a reversal.

    >>> red_ink_condition(["_memo0", "_memo1"])
    "regexp_matches(concat_ws(' ', _memo0, _memo1), '冲正|冲账|冲帐|冲销|红字')"
    >>> red_ink_condition([])
    'false'
    """
    if not texts:
        return "false"
    return f"regexp_matches(concat_ws(' ', {', '.join(texts)}), '{'|'.join(RED_INK_WORDS)}')"
