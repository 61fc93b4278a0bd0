"""The static SQL macros that turn export text into typed values, and the kinds they implement.

Why a module of its own: :mod:`connectors.sources._tabular` reads raw rows and keeps every row
that does not convert as a reject; what "converts" means — amounts in each declared number format,
dates in each order and era, currency marks — is this module's one job. The two were one module of
587 lines (session 29 split them by job before adding to either). The macros are static text (no
user text ever enters them) and are created once per connection (:func:`install_macros`).
"""

from __future__ import annotations

import hashlib

import duckdb

# Republic-of-China (民國) dates, Taiwan's calendar (year + 1911): a year of three digits
# (``113/05/02``: no other calendar statements use writes one) or any year after 民國 / 民国
# (``民國113年5月2日``) is read so (session 29). Seven digits (``1130502``) are not: without the
# file saying its era they could be a day-first date that lost its leading zero.
# Static macro definitions (no user text). U+2212 (the typographic minus sign, ВТБ's amounts) is
# read as '-' with the full-width forms: it is a minus and nothing else.
# An amount has at most two decimals; zeros after them
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
    translate(x, '０１２３４５６７８９．，－＋：／　（）−', '0123456789.,-+:/ ()-') END;
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
CREATE OR REPLACE TEMP MACRO ol_roc(x) AS list_transform([x], lambda t: CASE
    WHEN regexp_matches(t, '^(民國|民国)\s*\d{1,3}-\d{1,2}-\d{1,2}(\s|$)')
         OR regexp_matches(t, '^1\d{2}-\d{1,2}-\d{1,2}(\s|$)') THEN
        CAST(CAST(regexp_extract(t, '^(?:民國|民国)?\s*(\d{1,3})-', 1) AS INTEGER) + 1911 AS VARCHAR)
        || regexp_replace(t, '^(?:民國|民国)?\s*\d{1,3}', '')
    ELSE t END)[1];
CREATE OR REPLACE TEMP MACRO ol_ts_text(x) AS ol_be(regexp_replace(ol_era(ol_roc(regexp_replace(
    regexp_replace(trim(
    replace(replace(replace(replace(ol_fw(ol_clean(x)), '年', '-'), '月', '-'), '日', ' '), '/', '-')),
    '\s+', ' ', 'g'), '(\d{2}:\d{2}(:\d{2}(\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})$', '\1'))),
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
CREATE OR REPLACE TEMP MACRO ol_ts_roc7(x) AS coalesce(list_transform([trim(ol_clean(x))],
    lambda t: CASE WHEN regexp_full_match(t, '1\d{6}') THEN try_strptime(
        CAST(CAST(left(t, 3) AS INTEGER) + 1911 AS VARCHAR) || right(t, 4), '%Y%m%d') END)[1],
    ol_ts(x));
@TWO_DIGIT_YEARS@
CREATE OR REPLACE TEMP MACRO ol_ts_dmy_be(x) AS list_transform([regexp_replace(ol_ts_text(x),
    '^(\d{1,2})\.(\d{1,2})\.(\d{2})(\s|$)', '\1.\2.25\3\4')], lambda y: ol_ts_dmy(y))[1];
CREATE OR REPLACE TEMP MACRO ol_money_cell(x) AS list_transform([ol_clean(x)],
    lambda y: CASE WHEN y IN (@NO_AMOUNT@) THEN NULL ELSE y END)[1];
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
#: What a bank export writes in the money column a line does not use, besides leaving it empty:
#: a lone dash (哈尔滨银行-style 收入金额 / 支出金额, and Excel's accounting format, which shows a
#: zero as ``-``). It holds no digit, so it can say no amount: the cell is empty, not a bad amount
#: (session 29, recon_independent20: every line of such an export was a reject). A dash beside
#: digits (``-18.00-``, ``--18.00``) is still read strictly, and a line whose every money cell is
#: empty still has no amount. ``money_text`` is a money cell's text with such a dash taken out.
NO_AMOUNT = ("-", "－", "—", "–")
MACROS = MACROS.replace("@SIGN@", _SIGNS).replace("@UNIT@", _UNITS)
MACROS = MACROS.replace("@NO_AMOUNT@", ", ".join(f"'{d}'" for d in NO_AMOUNT))
#: the currency each mark says; a bare ``$`` says only "a dollar" (``$``)
AMOUNT_MARKS = {"CNY": r"[¥￥元]|CNY|RMB", "USD": r"US\$|USD", "HKD": r"HK\$|HKD",
                "GBP": r"£|GBP", "EUR": r"€|EUR", "CHF": r"CHF", "PLN": r"PLN|zł",
                "CZK": r"CZK|Kč", "SEK": r"SEK", "NOK": r"NOK", "DKK": r"DKK",
                "TRY": r"TRY|₺|[0-9]\s*TL$", "INR": r"INR|₹", "BRL": r"R\$|BRL",
                "KRW": r"KRW|₩", "JPY": r"JPY", "ILS": r"ILS|₪",
                "ZAR": r"ZAR|(^|[^A-Z])R\s?[0-9]", "MXN": r"MXN", "PHP": r"PHP", "IDR": r"IDR",
                "$": r"(^|[^A-Z])\$"}  # fmt: skip

KINDS = {"text": "ol_clean", "money_text": "ol_money_cell", "money": "ol_money", "int": "ol_int", "double": "ol_double",
         "timestamp": "ol_ts", "date": "ol_date", "bool": "ol_bool",
         # dd-mm-yyyy / mm-dd-yyyy: only when the file itself shows the order (bank_csv)
         "timestamp_dmy": "ol_ts_dmy", "timestamp_mdy": "ol_ts_mdy",
         # 1130502: 民國 YYYMMDD, only when the file proves it (_bank_roc_dates)
         "timestamp_roc7": "ol_ts_roc7",
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
