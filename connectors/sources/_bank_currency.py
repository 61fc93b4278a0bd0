"""Which currency a bank CSV's lines are in: what the file states, the user declared, or refusal.

Why a module of its own: :mod:`connectors.sources.bank_csv` reads the file; where a statement
states its currency (a column, the amount header, a line above the table, a mark on the amounts,
the account kept with ``orderlens accounts set``), how those sources must agree, and the refusal
of a file that states none grew to half of that module (split in session 24).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
from sqlglot import exp

from connectors.errors import CurrencyUnknownError, IngestError
from connectors.sources._bank_header_line import Header
from connectors.sources._bank_headers import (
    CURRENCY,
    CURRENCY_NAMES,
    currency_code,
    header_currency,
)
from connectors.sources._tabular import AMOUNT_MARKS, Field, RawTable
from connectors.sources.base import LoadContext

_CURRENCY_CASES = " ".join(f"WHEN _ccy = '{k}' THEN '{v}'" for k, v in CURRENCY_NAMES.items())


def declared_currency(ctx: LoadContext) -> str | None:
    """The account's currency the user gave (``--currency``), as an ISO 4217 code."""
    given = ctx.options.get("currency")
    if not given:
        return None
    code = currency_code(str(given))
    if code is None:
        raise IngestError(f"--currency {given!r} is not an ISO 4217 currency code (e.g. CNY, EUR)")
    return code


def currency_sql(fallback: str | None) -> str:
    """The line's currency: its currency cell mapped to ISO 4217, else ``fallback`` (the
    statement's currency or the one the user declared; NULL — a reject — when neither is
    known)."""
    default = f"'{fallback}'" if fallback else "NULL"
    return f"CASE WHEN _ccy IS NULL THEN {default} {_CURRENCY_CASES} ELSE upper(trim(_ccy)) END"


#: currencies a bare ``$`` can be: a statement in another one writing ``$`` is refused. The
#: pesos of Latin America write it too (``$1.850.000`` on a Chilean cartola, session 28, set 19:
#: refused as "written with $ but the currency is CLP"); it is their own sign, not a dollar's
DOLLARS = frozenset({"USD", "HKD", "SGD", "AUD", "CAD", "NZD", "TWD", "MXN",
                     "CLP", "ARS", "COP", "UYU", "DOP", "CUP"})  # fmt: skip


def marked_currency(
    con: duckdb.DuckDBPyConnection, path: Path, raw: RawTable, amount_cols: list[str]
) -> str | None:
    """The currency the marks on the file's amounts say (``¥2,480.00``, ``1,280.00元`` → CNY;
    ``US$``, ``HK$``, ``£``, ``€`` and ISO codes), ``$`` for a bare dollar sign, None when no
    amount is marked.

    Why one value is enough: a statement is one account's, and the bank wrote its currency on
    that value. Marks of two currencies (``€`` beside ``£``) refuse the file.
    """
    if not amount_cols:
        return None
    cols = [exp.column(c, quoted=True).sql("duckdb") for c in amount_cols]
    found = con.execute(
        "SELECT "
        + ", ".join(
            "bool_or("
            + " OR ".join(
                f"regexp_matches({c}, {exp.Literal.string(rx).sql('duckdb')})" for c in cols
            )
            + ")"
            for rx in AMOUNT_MARKS.values()
        )
        + f" FROM {raw.scan or raw.name}"
    ).fetchone()
    marks = {m for m, hit in zip(AMOUNT_MARKS, found or (), strict=True) if hit}
    named = marks - {"$"}
    if len(named) > 1:
        raise IngestError(
            f"{path}: the amounts are marked in several currencies "
            f"({', '.join(sorted(named))}); nothing was loaded — export one account at a time"
        )
    if named and "$" in marks and not named <= DOLLARS:
        raise IngestError(
            f"{path}: the amounts are marked {next(iter(named))} and $; nothing was loaded — "
            "check the export"
        )
    return next(iter(named), None) or ("$" if marks else None)


def mark_checks(fields: list[Field], line_ccy: str) -> list[tuple[str, str]]:
    """Reject a line whose amount is marked in another currency than its currency cell says
    (``$12.00`` on a 人民币 line): the mark is stripped to read the number, so it must agree.
    A yuan sign is left out: exports print ``￥`` before every amount whatever the line's
    currency (the habit the reader has always accepted)."""
    dollars = ", ".join(f"'{d}'" for d in sorted(DOLLARS))
    out = []
    for f in fields:
        if f.target not in ("_credit_text", "_debit_text", "_amount_text"):
            continue
        t = f.target
        said = " ".join(
            f"WHEN regexp_matches({t}, {exp.Literal.string(rx).sql('duckdb')}) THEN '{code}'"
            for code, rx in AMOUNT_MARKS.items()
            if code != "CNY"
        )
        mark = rf"CASE WHEN regexp_matches({t}, '[^0-9.,\s()+\-]') THEN CASE {said} END END"
        out.append((
            f"({mark}) IS NOT NULL AND coalesce(({mark}) <> ({line_ccy}) AND NOT (({mark}) = '$' "
            f"AND ({line_ccy}) IN ({dollars})), TRUE)",
            f"{f.source} is marked in another currency than the line's",
        ))  # fmt: skip
    return out


def currency_plan(
    path: Path,
    amount_cols: list[str],
    ccy_col: str | None,
    header: Header,
    marked: str | None,
    declared: str | None,
    account: tuple[str, str] | None = None,
    hint: str | None = None,
) -> tuple[str | None, list[tuple[str, str]], CurrencyUnknownError | None]:
    """The currency of lines whose currency cell is empty (or that have none), checks, and the
    refusal of a file that states no currency at all (raised by the caller after the file's
    other refusals, so a file refused for two reasons names the one about its values first).

    Where a statement states its currency: a column (its cell wins), the amount column's header
    (``Bedrag (EUR)``, ``收入金额(元)``), a line above the table (``Währung: EUR``, ``币种：人民币``,
    a title naming a 人民币 account) or a yuan mark on an amount (``¥2,480.00``). A cell that
    contradicts the header or that line is a reject (one of them is wrong, and the wrong one
    turns EUR into CNY). Otherwise the currency the user declared (``--currency``) is the
    account's. A file that states none and was given none is refused whole, or line by line
    when its currency column has empty cells — whatever the language of its header: a Chinese
    header is no currency (a 美元 account exports the same columns), and the old default of CNY
    was a guess that let a USD or CHF amount close a CNY order.

    ``account`` is the currency kept for the account the file names (``orderlens accounts
    set``) and that account: it stands in for ``--currency`` on every file of the account, and
    a file, a currency cell or a ``--currency`` saying another currency is refused.
    """
    given = f"--currency {declared} was given"
    checks: list[tuple[str, str]] = []
    if account is not None:
        kept, acct = account
        if declared and declared != kept:
            raise IngestError(
                f"{path}: --currency {declared} was given but account {acct} is kept in {kept} "
                f"(orderlens accounts set); nothing was loaded — drop --currency, or change the "
                f"setting: orderlens accounts set {acct} --currency {declared}"
            )
        given = f"account {acct} is kept in {kept} (orderlens accounts set)"
        declared = kept
        if ccy_col:
            checks.append(
                (f"_ccy IS NOT NULL AND ({currency_sql(None)}) <> '{kept}'",
                 f"{ccy_col} contradicts account {acct}'s currency {kept}")
            )  # fmt: skip
    in_header = {c for a in amount_cols if (c := header_currency(a))}
    if len(in_header) > 1:
        raise IngestError(
            f"{path}: the amount columns state different currencies "
            f"({', '.join(sorted(in_header))}); nothing was loaded — export one account at a time"
        )
    if in_header and header.currency and header.currency not in in_header:
        raise IngestError(
            f"{path}: the lines above the table give the currency {header.currency} but the "
            f"amount header gives {next(iter(in_header))}; nothing was loaded — check the export"
        )
    stated = next(iter(in_header), None) or header.currency
    if marked and marked != "$" and stated and marked != stated:
        if marked == "CNY":  # ¥ / 元: exports print it whatever the currency, no line check
            raise IngestError(
                f"{path}: the amounts are marked {marked} but the statement gives the currency "
                f"{stated}; nothing was loaded — check the export"
            )
        marked = None  # US$ / HK$ / £ …: those lines are rejects (the caller's mark checks)
    if marked == "$":  # a dollar: which one, the statement or the user says
        known = stated or declared
        if known and known not in DOLLARS:
            raise IngestError(
                f"{path}: the amounts are written with $ but the statement's currency is {known}; "
                "nothing was loaded — check the export"
            )
        marked = None
    stated = stated or marked
    if declared and stated and declared != stated:
        raise IngestError(
            f"{path}: the statement gives the currency {stated} but {given}; nothing was loaded "
            "— drop --currency (or change the account's setting) or check it is this account's file"
        )
    if stated and ccy_col:
        checks.append(
            (f"_ccy IS NOT NULL AND ({currency_sql(None)}) <> '{stated}'",
             f"{ccy_col} contradicts the statement's currency {stated}")
        )  # fmt: skip
    if stated or declared:
        return stated or declared, checks, None
    if ccy_col is None:
        return (
            None,
            checks,
            CurrencyUnknownError(
                f"{path}: the statement does not say its currency (no {' / '.join(CURRENCY)} column, "
                "no currency in the amount header such as 'Betrag (EUR)' or '收入金额(元)', no line "
                "above the table such as 'Currency: EUR' or '币种：人民币', no ¥ / 元 / € / £ / "
                "US$ on the amounts — a bare $ does not say which dollar); an amount without its currency cannot be matched to an order, so "
                "nothing was loaded — ingest it again with the account's currency, "
                + (f"e.g. --currency {hint}" if hint else "--currency and its ISO 4217 code")
                + " (or keep it once for an account the file names: orderlens accounts set "
                f"ACCOUNT --currency {hint or 'CODE'})"
            ),
        )
    checks.append(
        ("_ccy IS NULL",
         f"no currency in {ccy_col}, and the statement states none (give --currency)")
    )  # fmt: skip
    return None, checks, None
