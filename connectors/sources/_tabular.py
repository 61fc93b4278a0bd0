"""Raw rows → typed canonical values in DuckDB, with every failing row kept as a reject.

Why SQL and not Python: a 5M-row export must convert at hundreds of thousands of rows per
second, so the whole file is read by DuckDB's CSV reader as text (``all_varchar``) and converted
by vectorised macros (``ol_money``, ``ol_ts``...) that understand what Chinese exports contain:
thousands separators (``1,234.50``), full-width digits (``１２３４``), currency signs, Excel's
``="…"`` guards, tabs and backticks, and dates written ``2026-02-10 08:00:00``, ``2026/2/10 8:00``,
``20260210``, ``2026年2月10日`` or ``2026.02.10`` (Korean downloads; four digits first: the year). A
value that is present but does not convert makes the row a
reject with its line and the reason; it never becomes NULL silently.

Identifiers that come from files (headers) are quoted through sqlglot; macros are static text.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import sqlglot
from sqlglot import exp

from connectors.errors import IngestError
from connectors.rows import one_row

# Static macro definitions (no user text). An amount has at most two decimals; zeros after them
# are read only in a value that writes both marks (``1,280.000``, ``1.280,000``: one format, the
# same money) — ``1.000`` alone stays 1000-or-1 and ``2,365.405`` (half a fen) a reject. Full-width → ASCII, strip spreadsheet guards.
# A closing quote is a guard's only when it is left over (an odd number of quotes once the
# leading guard is gone: ``="00123"``, ``'6222"``); a name that quotes a word inside an unquoted
# cell (``ТОВ "ДНІПРО АГРО"``, Ukrainian exports) keeps both of its quotes (session 26 saw the
# closing one cut).
# A macro is expanded inline, so one nested in another multiplies its argument's copies:
# ol_amount(ol_dc_strip(x)) took ~10 s to bind per file. The _dc macros pass the stripped text
# through a one-element list_transform lambda, which binds it once (0.1 s). ol_era and ol_be do
# the same with their argument (they read it 5 and 8 times, and ol_be wraps ol_era): written as
# plain CASEs, ol_ts_text's tree grew so large that creating the macros cost ~4.4 s of CPU per
# connection and binding one date kind 0.5-2.7 s — every ingest paid it (session 28, suite28;
# the same values on a 9,371-cell corpus for every kind).
MACROS = r"""
CREATE OR REPLACE TEMP MACRO ol_trim(x) AS nullif(trim(list_transform(
    [ltrim(trim(replace(x, chr(9), '')), '="`' || chr(39))],
    lambda y: CASE WHEN (length(y) - length(replace(y, '"', ''))) % 2 = 1 THEN rtrim(y, '"')
              ELSE y END)[1]), '');
CREATE OR REPLACE TEMP MACRO ol_text(x) AS CASE
    WHEN starts_with(x, '="') AND ends_with(x, '"') AND NOT contains(x, chr(9)) THEN
        nullif(trim(substr(x, 3, greatest(length(x) - 3, 0))), '')
    WHEN ascii(x) IN (61, 34, 32, 9, 96, 39) OR ends_with(x, '"') OR ends_with(x, ' ')
         OR ends_with(x, chr(9)) THEN ol_trim(x)
    ELSE nullif(x, '') END;
CREATE OR REPLACE TEMP MACRO ol_clean(x) AS ol_text(CAST(x AS VARCHAR));
CREATE OR REPLACE TEMP MACRO ol_fw(x) AS CASE WHEN strlen(x) = length(x) THEN x ELSE
    translate(x, '０１２３４５６７８９．，－＋：／　（）', '0123456789.,-+:/ ()') END;
CREATE OR REPLACE TEMP MACRO ol_money_slow(x) AS TRY_CAST(
    regexp_replace(ol_fw(ol_clean(x)), '[,¥￥\s元]|CNY|RMB', '', 'g') AS DECIMAL(14,2));
CREATE OR REPLACE TEMP MACRO ol_money(x) AS coalesce(TRY_CAST(replace(x, ',', '') AS DECIMAL(14,2)),
    ol_money_slow(x));
CREATE OR REPLACE TEMP MACRO ol_amount_text(x) AS regexp_replace(regexp_replace(regexp_replace(
    regexp_replace(trim(ol_fw(ol_clean(x))), '^(@SIGN@)\s*|\s*(@UNIT@)$', '', 'g'),
    '^\(\s*(@SIGN@)?\s*([^()\s+-][^()]*?)\s*(@UNIT@)?\s*\)$', '-\2'),
    '^-\s*(@SIGN@)\s*', '-'),
    '^(\d[\d,.''’ \x{00A0}\x{202F}\x{2009}]*?)\s*-$', '-\1');
CREATE OR REPLACE TEMP MACRO ol_amount(x) AS CASE
    WHEN regexp_full_match(ol_amount_text(x),
        '[+-]?(\d{1,3}(,\d{3})+\.\d{2}0+|(\d{1,3}(,\d{3})+|\d{1,3}([''’ \x{00A0}\x{202F}\x{2009}]\d{3})+|\d+)(\.\d{1,2})?)')
    THEN TRY_CAST(regexp_replace(ol_amount_text(x), '[,''’ \x{00A0}\x{202F}\x{2009}]', '', 'g')
        AS DECIMAL(14,2)) END;
CREATE OR REPLACE TEMP MACRO ol_amount_comma(x) AS CASE
    WHEN regexp_full_match(ol_amount_text(x),
        '[+-]?(\d{1,3}(\.\d{3})+,\d{2}0+|(\d{1,3}(\.\d{3})+|\d{1,3}([''’ \x{00A0}\x{202F}\x{2009}]\d{3})+|\d+)(,\d{1,2})?)')
    THEN TRY_CAST(replace(regexp_replace(ol_amount_text(x), '[.''’ \x{00A0}\x{202F}\x{2009}]', '',
        'g'), ',', '.') AS DECIMAL(14,2)) END;
CREATE OR REPLACE TEMP MACRO ol_amount_lakh(x) AS CASE
    WHEN regexp_full_match(ol_amount_text(x), '[+-]?(\d{1,2}(,\d{2})*,\d{3}|\d+)(\.\d{1,2})?')
    THEN TRY_CAST(replace(ol_amount_text(x), ',', '') AS DECIMAL(14,2)) END;
CREATE OR REPLACE TEMP MACRO ol_dc_strip(x) AS
    regexp_replace(trim(ol_fw(ol_clean(x))), '(?i)\s*(CR|DR)\.?$', '');
CREATE OR REPLACE TEMP MACRO ol_dc_mark(x) AS
    upper(nullif(regexp_extract(trim(ol_fw(ol_clean(x))), '(?i)(CR|DR)\.?$', 1), ''));
CREATE OR REPLACE TEMP MACRO ol_amount_dc(x) AS
    list_transform([ol_dc_strip(x)], lambda y: ol_amount(y))[1];
CREATE OR REPLACE TEMP MACRO ol_amount_comma_dc(x) AS
    list_transform([ol_dc_strip(x)], lambda y: ol_amount_comma(y))[1];
CREATE OR REPLACE TEMP MACRO ol_amount_lakh_dc(x) AS
    list_transform([ol_dc_strip(x)], lambda y: ol_amount_lakh(y))[1];
CREATE OR REPLACE TEMP MACRO ol_int(x) AS coalesce(TRY_CAST(replace(x, ',', '') AS BIGINT),
    TRY_CAST(regexp_replace(ol_fw(ol_clean(x)), '[,\s]', '', 'g') AS BIGINT));
CREATE OR REPLACE TEMP MACRO ol_double(x) AS coalesce(TRY_CAST(replace(x, ',', '') AS DOUBLE),
    TRY_CAST(regexp_replace(ol_fw(ol_clean(x)), '[,\s]', '', 'g') AS DOUBLE));
CREATE OR REPLACE TEMP MACRO ol_era(x) AS list_transform([x], lambda t: CASE
    WHEN regexp_matches(t, '^(令和|平成|R|H)(元|\d{1,2})[-.]\d{1,2}[-.]\d{1,2}(\s|$)') THEN
        CAST(CASE WHEN regexp_matches(t, '^(令和|R)') THEN 2018 ELSE 1988 END
             + CAST(replace(regexp_extract(t, '^(?:令和|平成|R|H)(元|\d{1,2})', 1), '元', '1')
                    AS INTEGER) AS VARCHAR)
        || regexp_replace(t, '^(令和|平成|R|H)(元|\d{1,2})', '')
    ELSE t END)[1];
CREATE OR REPLACE TEMP MACRO ol_be(x) AS list_transform([x], lambda t: CASE
    WHEN regexp_matches(t, '^2[4-6]\d{2}[-.]\d{1,2}[-.]\d{1,2}(\s|$)') THEN
        CAST(CAST(left(t, 4) AS INTEGER) - 543 AS VARCHAR) || substr(t, 5)
    WHEN regexp_matches(t, '^\d{1,2}[-.]\d{1,2}[-.]2[4-6]\d{2}(\s|$)') THEN
        regexp_extract(t, '^(\d{1,2}[-.]\d{1,2}[-.])', 1)
        || CAST(CAST(regexp_extract(t, '^\d{1,2}[-.]\d{1,2}[-.](\d{4})', 1) AS INTEGER) - 543
                AS VARCHAR)
        || regexp_replace(t, '^\d{1,2}[-.]\d{1,2}[-.]\d{4}', '')
    ELSE t END)[1];
CREATE OR REPLACE TEMP MACRO ol_ts_text(x) AS ol_be(regexp_replace(ol_era(regexp_replace(
    regexp_replace(trim(
    replace(replace(replace(replace(ol_fw(ol_clean(x)), '年', '-'), '月', '-'), '日', ' '), '/', '-')),
    '\s+', ' ', 'g'), '(\d{2}:\d{2}(:\d{2}(\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})$', '\1')),
    '^(\d{4})\.(\d{1,2})\.(\d{1,2})\.?(\s|$)', '\1-\2-\3\4'));
CREATE OR REPLACE TEMP MACRO ol_ts(x) AS coalesce(try_strptime(x, '%Y-%m-%d %H:%M:%S'),
    try_strptime(ol_ts_text(x), [
    '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%d', '%Y%m%d', '%Y%m%d%H%M%S',
    '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%dT%H:%M:%S.%f', '%Y%m%d %H:%M:%S',
    '%d %b %Y', '%d %B %Y', '%b %d, %Y', '%B %d, %Y', '%d-%b-%y', '%d-%b-%Y', '%d-%B-%Y']));
CREATE OR REPLACE TEMP MACRO ol_date(x) AS CAST(ol_ts(x) AS DATE);
CREATE OR REPLACE TEMP MACRO ol_ts_dmy(x) AS coalesce(ol_ts(x), try_strptime(regexp_replace(
    regexp_replace(ol_ts_text(x), '^(\d{1,2})\.(\d{1,2})\.(\d{4})\b', '\1-\2-\3'),
    '^(\d{1,2})\.(\d{1,2})\.(\d{2})(\s|$)', '\1-\2-20\3\4'),
    ['%d-%m-%Y %H:%M:%S', '%d-%m-%Y %H:%M', '%d-%m-%Y']));
CREATE OR REPLACE TEMP MACRO ol_ts_mdy(x) AS coalesce(ol_ts(x), try_strptime(ol_ts_text(x),
    ['%m-%d-%Y %H:%M:%S', '%m-%d-%Y %H:%M', '%m-%d-%Y']));
@TWO_DIGIT_YEARS@
CREATE OR REPLACE TEMP MACRO ol_ts_dmy_be(x) AS list_transform([regexp_replace(ol_ts_text(x),
    '^(\d{1,2})\.(\d{1,2})\.(\d{2})(\s|$)', '\1.\2.25\3\4')], lambda y: ol_ts_dmy(y))[1];
CREATE OR REPLACE TEMP MACRO ol_bool(x) AS CASE
    WHEN lower(ol_clean(x)) IN ('1', 'true', 't', 'y', 'yes', '是') THEN TRUE
    WHEN lower(ol_clean(x)) IN ('0', 'false', 'f', 'n', 'no', '否') THEN FALSE END;
"""

#: Currency marks an amount may carry before it (``¥``, ``US$``, ``€``, ``USD``) or after it
#: (``元``, ``€``, ``EUR``, ``TL``, ``zł``, ``Kč``): stripped from the number; which currency they
#: say is :data:`AMOUNT_MARKS` (a bank CSV checks it against the statement's currency). The
#: codes and signs of the other currencies statements come in were added in session 24: a
#: Turkish export writes ``4.250,00 TL`` on every amount, and each line was a reject.
_OTHER_CODES = r"CHF|PLN|CZK|SEK|NOK|DKK|TRY|INR|BRL|KRW|JPY|ILS|ZAR|MXN|PHP|IDR"
#: ``₪`` (Israeli shekel) and South Africa's ``R`` before an amount (``R3,450.00``, ``-R65.00``;
#: session 27): the bare ``R`` comes last, so ``RMB`` and ``R$`` are read as themselves
_SIGNS = r"¥|￥|CNY|RMB|US\$|HK\$|R\$|\$|£|€|₺|₹|₩|₪|USD|HKD|GBP|EUR|" + _OTHER_CODES + "|R"
_UNITS = r"元|CNY|RMB|€|₺|₹|₪|USD|HKD|GBP|EUR|zł|Kč|TL|" + _OTHER_CODES
#: Two-digit years (``15-03-24``, ``24-03-15``) made four-digit before parsing, once per era:
#: 20xx for the common era and 25xx for the Buddhist era (``ol_ts_*_be``, chosen by the reader
#: only when the statement shows that era or ``--date-era`` says so). One template, so the two
#: eras cannot drift apart.
_TWO_DIGIT_YEAR_MACROS = r"""CREATE OR REPLACE TEMP MACRO ol_ts_yy_dmy@ERA@(x) AS list_transform([regexp_replace(ol_ts_text(x),
    '^(\d{1,2})-(\d{1,2})-(\d{2})(\s|T|$)', '\1-\2-@CC@\3\4')], lambda y: ol_ts_dmy(y))[1];
CREATE OR REPLACE TEMP MACRO ol_ts_yy_mdy@ERA@(x) AS list_transform([regexp_replace(ol_ts_text(x),
    '^(\d{1,2})-(\d{1,2})-(\d{2})(\s|T|$)', '\1-\2-@CC@\3\4')], lambda y: ol_ts_mdy(y))[1];
CREATE OR REPLACE TEMP MACRO ol_ts_yy_ymd@ERA@(x) AS list_transform([regexp_replace(ol_ts_text(x),
    '^(\d{2})-(\d{1,2})-(\d{1,2})(\s|T|$)', '@CC@\1-\2-\3\4')], lambda y: ol_ts(y))[1];"""
MACROS = MACROS.replace(
    "@TWO_DIGIT_YEARS@",
    "\n".join(
        _TWO_DIGIT_YEAR_MACROS.replace("@ERA@", era).replace("@CC@", cc)
        for era, cc in (("", "20"), ("_be", "25"))
    ),
)
MACROS = MACROS.replace("@SIGN@", _SIGNS).replace("@UNIT@", _UNITS)
#: the currency each mark says; a bare ``$`` says only "a dollar" (``$``)
AMOUNT_MARKS = {"CNY": r"[¥￥元]|CNY|RMB", "USD": r"US\$|USD", "HKD": r"HK\$|HKD",
                "GBP": r"£|GBP", "EUR": r"€|EUR", "CHF": r"CHF", "PLN": r"PLN|zł",
                "CZK": r"CZK|Kč", "SEK": r"SEK", "NOK": r"NOK", "DKK": r"DKK",
                "TRY": r"TRY|₺|[0-9]\s*TL$", "INR": r"INR|₹", "BRL": r"R\$|BRL",
                "KRW": r"KRW|₩", "JPY": r"JPY", "ILS": r"ILS|₪",
                "ZAR": r"ZAR|(^|[^A-Z])R\s?[0-9]", "MXN": r"MXN", "PHP": r"PHP", "IDR": r"IDR",
                "$": r"(^|[^A-Z])\$"}  # fmt: skip

KINDS = {"text": "ol_clean", "money": "ol_money", "int": "ol_int", "double": "ol_double",
         "timestamp": "ol_ts", "date": "ol_date", "bool": "ol_bool",
         # dd-mm-yyyy / mm-dd-yyyy: only when the file itself shows the order (bank_csv)
         "timestamp_dmy": "ol_ts_dmy", "timestamp_mdy": "ol_ts_mdy",
         # dd-mm-yy / mm-dd-yy / yy-mm-dd: the order the whole column shows (bank_csv), 20yy
         "timestamp_yy_dmy": "ol_ts_yy_dmy", "timestamp_yy_mdy": "ol_ts_yy_mdy",
         "timestamp_yy_ymd": "ol_ts_yy_ymd",
         # the same, the two-digit year of the Buddhist era (69 is 2569, 2026): the file says so
         "timestamp_yy_dmy_be": "ol_ts_yy_dmy_be", "timestamp_yy_mdy_be": "ol_ts_yy_mdy_be",
         "timestamp_yy_ymd_be": "ol_ts_yy_ymd_be", "timestamp_dmy_be": "ol_ts_dmy_be",
         "amount": "ol_amount", "amount_comma": "ol_amount_comma",
         "amount_dc": "ol_amount_dc", "amount_comma_dc": "ol_amount_comma_dc",
         # Indian lakh grouping (1,23,456.78): only when declared, never read off a file
         "amount_lakh": "ol_amount_lakh", "amount_lakh_dc": "ol_amount_lakh_dc"}  # fmt: skip

#: Strict amount kinds by declared number format (bank statements: never guessed). Each accepts
#: an optional sign and currency sign, thousands separators only in groups of three, at most two
#: decimals; anything else (``12,34`` under ``1,234.56``, ``1,2,3``, ``1e3``) is a reject.
#: Besides the format's own mark (``,`` or ``.``), one value may group its thousands with an
#: apostrophe (``12'500.00``, ``2’315.00``: Swiss exports) or a space (``1 234,56``, also the
#: no-break and thin spaces French and ERP exports write): neither is ever a decimal mark, so
#: they are unambiguous in both formats — they were rejects, and a valid export was refused
#: line by line.
#: Accounting brackets are a minus sign: ``(1,234.56)``, ``¥(1,234.56)``, ``（１，２３４．５６）``
#: read as -1234.56 (a sign inside them, ``(-5)``, is a reject: two signs, no guess); so is a
#: trailing minus, as US and mainframe (SAP) exports write a debit: ``4,210.00-`` is -4210.00
#: (``-5.00-``, two signs, is a reject).
#: Indian lakh grouping (``1,23,456.78``, ``12,00,000.00``: the last three digits, then pairs)
#: is a third format, read only when declared (``--amount-format 1,23,456.78``): never guessed
#: from a file, because ``1,23,456.78`` is no value in the other two formats and the file alone
#: would have to say it. Under it, ``1,234,567.00`` (western millions) and ``1.234,56`` are
#: rejects of their lines.
AMOUNT_FORMATS = {"1,234.56": "amount", "1.234,56": "amount_comma", "1,23,456.78": "amount_lakh"}

_KIND_HINT = {
    "amount": " (declared number format 1,234.56: '.' before at most 2 decimals, ',' (or an "
    "apostrophe or a space) only between groups of 3 digits)",
    "amount_comma": " (declared number format 1.234,56: ',' before at most 2 decimals, '.' (or "
    "an apostrophe or a space) only between groups of 3 digits)",
}
_KIND_HINT["amount_lakh"] = (
    " (declared number format 1,23,456.78: '.' before at most 2 decimals, ',' only after groups "
    "of 2 digits before the last 3)"
)
# the same strict formats, in a single amount column that may end in a CR / DR direction mark
_KIND_HINT["amount_dc"] = _KIND_HINT["amount"][:-1] + "; a trailing CR/DR gives the direction)"
_KIND_HINT["amount_comma_dc"] = (
    _KIND_HINT["amount_comma"][:-1] + "; a trailing CR/DR gives the direction)"
)
_KIND_HINT["amount_lakh_dc"] = (
    _KIND_HINT["amount_lakh"][:-1] + "; a trailing CR/DR gives the direction)"
)

_TYPE_KIND = {"VARCHAR": "text", "TIMESTAMP": "timestamp", "DATE": "date", "INTEGER": "int",
              "BIGINT": "int", "DOUBLE": "double", "BOOLEAN": "bool"}  # fmt: skip


def kind_for_type(duck_type: str) -> str:
    """The conversion kind for a canonical column type (``DECIMAL(..)`` → ``money``).

    >>> kind_for_type("DECIMAL(14,2)"), kind_for_type("TIMESTAMP")
    ('money', 'timestamp')
    """
    return "money" if duck_type.startswith("DECIMAL") else _TYPE_KIND.get(duck_type, "text")


#: A last temporary macro whose name carries a digest of :data:`MACROS`: it exists on a
#: connection only once every macro above was created there (in the same transaction, so a
#: rolled-back install leaves no marker either).
_MARKER = "ol_macros_" + hashlib.sha256(MACROS.encode()).hexdigest()[:12]
_MARKED = (
    "SELECT count(*) FROM duckdb_functions() WHERE database_name = 'temp' AND function_name = ?"
)


def install_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Create the conversion macros on this connection (temporary, idempotent).

    Why the marker check: every ingest reached this twice (the ingest and its reader), and
    creating the 24 macros costs ~0.1 s of CPU per call while one catalog look-up costs ~0.015 s.
    The marker's name changes with the macro text, so a connection that holds other macros of
    the same names (an older text) is installed again.

    >>> con = duckdb.connect()
    >>> install_macros(con); install_macros(con)
    >>> con.execute("SELECT ol_money('1,234.50')").fetchone()
    (Decimal('1234.50'),)
    """
    [(marked,)] = con.execute(_MARKED, [_MARKER]).fetchall()  # fetched to the end: the
    if marked:  # connection guard refuses work while a result is unfinished
        return
    for stmt in MACROS.split(";"):
        if stmt.strip():
            con.execute(stmt)
    con.execute(f"CREATE OR REPLACE TEMP MACRO {_MARKER}() AS TRUE")


def ident(name: str) -> exp.Identifier:
    """A quoted identifier for a name read from a file header."""
    return exp.to_identifier(name, quoted=True)


def col(name: str, table: str | None = None) -> exp.Column:
    """A quoted column reference."""
    return exp.column(ident(name), table=ident(table) if table else None)


def sql(node: exp.Expr) -> str:
    """Render a tree for DuckDB."""
    return node.sql(dialect="duckdb")


@dataclass(frozen=True)
class Field:
    """One output column: read from ``source`` (a header), converted by ``kind``.

    ``required`` rows with an empty value are rejected; a present value that does not convert is
    always rejected. ``allowed`` restricts text values (e.g. known status codes).
    """

    target: str
    source: str
    kind: str = "text"
    required: bool = False


@dataclass
class RawTable:
    """Text columns plus ``_line`` (line number in the original file): a temp table, or a view
    over ``read_csv`` (``csv_errors`` set) that :func:`typed_rows` scans exactly once.

    ``scan`` names the same view without ``_line``: numbering rows with ``row_number() OVER ()``
    makes DuckDB run the whole read-and-convert pipeline on one thread, so :func:`typed_rows`
    reads ``scan`` in parallel and numbers the rows by their position in its (insertion-ordered)
    result instead; ``name`` (with ``_line``) is only read again for the raw text of rejects."""

    name: str
    columns: list[str]
    rows: int
    rejects: str  # temp table (line BIGINT, reason VARCHAR, raw VARCHAR)
    csv_errors: tuple[str, int] | None = None  # (DuckDB rejects table, line offset) of a view
    scan: str | None = None  # view of the same rows without _line, in file order


def new_rejects_table(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """Create an empty rejects temp table and return its name."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} (line BIGINT, reason VARCHAR, raw VARCHAR)")
    return name


def _clean_header(name: str) -> str:
    return name.strip().strip("\ufeff").strip("`'\"=\t ").strip()


def read_csv_raw(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    table: str,
    *,
    line_offset: int = 0,
    delim: str = ",",
    shown: Path | None = None,
) -> RawTable:
    """Stream a UTF-8 CSV into a text temp table; structurally broken rows become rejects.

    One pass: DuckDB parses and numbers the rows into the temp table. Rows with too few/many
    fields (a truncated last line, a stray delimiter) are caught by
    DuckDB's ``store_rejects`` with their exact line; the good rows keep their physical line
    number (``line_offset`` adds lines a pre-filter removed above the header). ``shown`` is
    the user's file a refusal names, when ``path`` is a converted copy of it.
    """
    rej = new_rejects_table(con, f"{table}_rej")
    err_tbl, scan_tbl = f"{table}_errs", f"{table}_scans"
    opts = (
        "header=true, all_varchar=true, auto_detect=false, quote='\"', escape='\"', "
        f"delim={exp.Literal.string(delim).sql()}, store_rejects=true, "
        f"rejects_table='{err_tbl}', rejects_scan='{scan_tbl}', max_line_size=10000000"
    )
    src = exp.Literal.string(str(path)).sql()
    cols = _raw_headers(path, delim)
    if not cols or not any(c.strip() for c in cols):
        raise IngestError(
            f"{shown or path}: empty file or no header line; check the file is complete"
        )
    cols = _named(cols)
    clean = _unique([_clean_header(c) for c in cols])
    cols = _unique(cols)
    colspec = "{" + ", ".join(f"{exp.Literal.string(c).sql()}: 'VARCHAR'" for c in cols) + "}"
    select = ", ".join(sql(exp.alias_(col(c), ident(n))) for c, n in zip(cols, clean, strict=True))
    # Views, not a copy: the file is parsed once, by typed_rows, into the converted columns only.
    read = f"read_csv({src}, {opts}, columns={colspec})"
    con.execute(f"CREATE OR REPLACE TEMP VIEW {table}_scan AS SELECT {select} FROM {read}")
    con.execute(
        f"""CREATE OR REPLACE TEMP VIEW {table} AS
        SELECT CAST(row_number() OVER () + 1 + {line_offset} AS BIGINT) AS _line, {select}
        FROM {read}"""
    )
    _refuse_unnamed_values(con, shown or path, table, clean)
    return RawTable(table, clean, 0, rej, csv_errors=(err_tbl, line_offset), scan=f"{table}_scan")


def _refuse_unnamed_values(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, names: list[str]
) -> None:
    """Refuse a file with a value under a header cell that has no name.

    An empty trailing column is the delimiter every line ends with; a *value* under no name
    belongs to a column the header does not name (a merged ``发生额`` over 借方 / 贷方 whose
    second half lost its word): which column it is cannot be known, and reading the named
    neighbour alone would take a debit for a credit.
    """
    for pos, name in enumerate(names, 1):
        if not name.startswith(_UNNAMED):
            continue
        c = ident(name).sql("duckdb")
        hit = con.execute(
            f"SELECT _line, {c} FROM {table} WHERE nullif(trim({c}), '') IS NOT NULL LIMIT 1"
        ).fetchone()
        if hit is not None:
            raise IngestError(
                f"{path}: column {pos} of the header has no name, but line {hit[0]} holds "
                f"{hit[1]!r} in it; which column that is cannot be known (a merged header "
                "cell?) — export the file again with every column named (nothing was loaded)"
            )


def _csv_errors(con: duckdb.DuckDBPyConnection, raw: RawTable) -> list[tuple[int, str, str]]:
    """Structural errors DuckDB stored while scanning ``raw``: (physical line, reason, text)."""
    assert raw.csv_errors is not None
    err_tbl, offset = raw.csv_errors
    rows = con.execute(
        f"SELECT line, min(error_message), any_value(csv_line) FROM {err_tbl} GROUP BY line "
        "ORDER BY line"
    ).fetchall()
    return [(int(line) + offset, _reason(msg), text) for line, msg, text in rows]


def _shift_lines(
    con: duckdb.DuckDBPyConnection, tables: list[tuple[str, str]], bad_lines: list[int], offset: int
) -> None:
    """Renumber good rows past structurally broken lines (row r sits on line r + 1 + #broken
    lines before it); ``tables`` are (table, line column) pairs numbered without the gaps."""
    shifts = ", ".join(f"({line - offset - 1 - i})" for i, line in enumerate(bad_lines, start=1))
    for table, column in tables:
        con.execute(
            f"""UPDATE {table} SET {column} = {column} + (SELECT count(*) FROM (VALUES {shifts}) s(t)
                                                        WHERE t < {column} - 1 - {offset})"""
        )


def _raw_headers(path: Path, delim: str) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh, delimiter=delim), [])


def _named(names: list[str]) -> list[str]:
    """Give a header cell with no name one (``_unnamed_12``: its 1-based position).

    Why: many exports end every line with the delimiter (``…;Mandatsreferenz;``), which is a
    last column with an empty name; DuckDB cannot alias an empty identifier, and the raw
    parser error it raised refused the whole file. No mapping ever asks for such a name: an
    empty one is ignored, one holding a value refuses the file (:func:`_refuse_unnamed_values`).
    """
    return [n if _clean_header(n) else f"{_UNNAMED}{i}" for i, n in enumerate(names, 1)]


_UNNAMED = "_unnamed_"


def _unique(names: list[str]) -> list[str]:
    """Suffix repeated header names (``备注``, ``备注_2``) so every column stays addressable."""
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n}_{seen[n]}")
    return out


def _reason(msg: str) -> str:
    first = msg.split("\n")[0]
    if "Expected Number of Columns" in first:
        return f"wrong number of fields ({first}); truncated or broken row"
    return first


def require_columns(raw: RawTable, needed: list[str], path: Path, what: str) -> None:
    """Refuse a file whose header lacks columns the mapping needs, naming them."""
    missing = [c for c in needed if c not in raw.columns]
    if missing:
        raise IngestError(
            f"{path}: missing column(s) {', '.join(missing)} for {what}; the file has "
            f"{', '.join(raw.columns) or 'no header'}. Is it the right export (or encoding)?"
        )


def _keeps_order(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether query results keep the scan order (DuckDB's default), so row position = line."""
    return bool(one_row(con.execute("SELECT current_setting('preserve_insertion_order')"))[0])


def typed_rows(
    con: duckdb.DuckDBPyConnection,
    raw: RawTable,
    fields: list[Field],
    out: str,
    checks: Sequence[tuple[exp.Expr | str, str]] | None = None,
) -> int:
    """Convert ``raw`` into temp table ``out`` (``_line`` + each field's target); rejects the rest.

    ``checks`` are extra (boolean over the *converted* columns, reason) pairs: sqlglot trees, or
    static SQL text from the readers, e.g. an unknown status value. Returns the number of good rows.
    """
    # Conversions try the plain cast first and clean only the values that fail (fast path).
    parallel = raw.scan is not None and _keeps_order(con)
    inner: list[exp.Expr] = [] if parallel else [exp.column("_line")]
    for i, f in enumerate(fields):
        if f.kind not in KINDS:
            raise IngestError(f"unknown kind {f.kind!r} for column {f.target}")
        inner.append(exp.alias_(exp.func(KINDS[f.kind], col(f.source)), ident(f.target)))
        inner.append(exp.alias_(col(f.source), ident(f"_src{i}")))
    reasons: list[exp.Expr] = []
    # Nested CASEs: the costly ol_clean(src) only runs on rows whose conversion failed.
    for i, f in enumerate(fields):
        src, conv = col(f"_src{i}"), col(f.target)
        failed = exp.Is(this=conv, expression=exp.Null())
        empty = exp.Is(this=exp.func("ol_clean", src), expression=exp.Null())
        inner_ifs = []
        if f.required:
            inner_ifs.append(
                exp.If(this=empty.copy(), true=exp.Literal.string(f"missing {f.source}"))
            )
        if f.kind != "text":
            msg = exp.DPipe(
                this=exp.Literal.string(f"bad {f.kind} in {f.source}: '"),
                expression=exp.DPipe(
                    this=exp.func("ol_clean", src),
                    expression=exp.Literal.string("'" + _KIND_HINT.get(f.kind, "")),
                ),
            )
            inner_ifs.append(exp.If(this=exp.Not(this=empty.copy()), true=msg))
        if inner_ifs:
            reasons.append(exp.If(this=failed, true=exp.Case(ifs=inner_ifs)))
    for cond, text in checks or []:
        tree = sqlglot.parse_one(cond, read="duckdb") if isinstance(cond, str) else cond
        reasons.append(exp.If(this=tree, true=exp.Literal.string(text)))
    cases = [exp.Case(ifs=[r]) for r in reasons]
    reason = (
        exp.func(
            "nullif",
            exp.Anonymous(this="concat_ws", expressions=[exp.Literal.string("; "), *cases]),
            exp.Literal.string(""),
        )
        if cases
        else exp.Null()
    )
    targets = ", ".join(sql(ident(f.target)) for f in fields)
    select = f"{targets}{',' if targets else ''} {sql(reason)} AS _reason"
    raw_json = "to_json(r)::VARCHAR"
    if parallel:  # row k of the ordered result is the k-th good CSV record: line k + 1 + offset
        assert raw.csv_errors is not None and raw.scan is not None
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {out}_pos AS SELECT {select} FROM "
            f"({sql(exp.select(*inner).from_(ident(raw.scan)))})"
        )
        # Row ids count appends densely from a base (not 0 inside a transaction): check, use.
        first, span, n = one_row(
            con.execute(f"SELECT min(rowid), max(rowid) - min(rowid) + 1, count(*) FROM {out}_pos")
        )
        parallel = span in (n, None)
        if parallel:
            con.execute(
                f"""CREATE OR REPLACE TEMP VIEW {out}_all AS SELECT CAST(rowid - {first or 0}
                AS BIGINT) + {2 + raw.csv_errors[1]} AS _line, * FROM {out}_pos"""
            )
        else:  # pragma: no cover - storage that does not number rows densely: number while reading
            con.execute(f"DROP TABLE {out}_pos")
            inner.insert(0, exp.column("_line"))
    if not parallel:
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE {out}_all AS
            SELECT _line, {select} FROM ({sql(exp.select(*inner).from_(ident(raw.name)))})"""
        )
    try:
        n_bad = one_row(con.execute(f"SELECT count(*) FROM {out}_all WHERE _reason IS NOT NULL"))[0]
    except duckdb.Error as exc:  # pragma: no cover - guarded by the reader's header checks
        raise IngestError(f"cannot convert rows: {exc}") from exc
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {out}_rej (line BIGINT, reason VARCHAR, raw VARCHAR)"
    )
    if n_bad:  # rare path: fetch the raw text of the rejected rows (a second scan for CSV views)
        con.execute(
            f"""INSERT INTO {out}_rej SELECT a._line, a._reason, {raw_json} FROM {out}_all a
            JOIN {raw.name} r USING (_line) WHERE a._reason IS NOT NULL"""
        )
    if raw.csv_errors is not None:
        errors = _csv_errors(con, raw)
        if errors and parallel:  # renumbering needs a stored line column (rare: broken rows)
            con.execute(f"CREATE OR REPLACE TEMP TABLE {out}_lined AS SELECT * FROM {out}_all")
            con.execute(f"DROP VIEW {out}_all")
            con.execute(f"ALTER TABLE {out}_lined RENAME TO {out}_all")
        if errors:
            _shift_lines(
                con,
                [(f"{out}_all", "_line"), (f"{out}_rej", "line")],
                [e[0] for e in errors],
                raw.csv_errors[1],
            )
            con.executemany(f"INSERT INTO {raw.rejects} VALUES (?, ?, ?)", errors)
        raw.rows = one_row(con.execute(f"SELECT count(*) FROM {out}_all"))[0] + len(errors)
    con.execute(f"INSERT INTO {raw.rejects} SELECT * FROM {out}_rej")
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {out} AS SELECT * EXCLUDE (_reason) FROM {out}_all "
        "WHERE _reason IS NULL"
    )
    return one_row(con.execute(f"SELECT count(*) FROM {out}"))[0]
