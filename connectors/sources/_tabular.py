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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import sqlglot
from sqlglot import exp

from connectors.errors import IngestError
from connectors.rows import one_row
from connectors.sources._macros import (
    _KIND_HINT,
    AMOUNT_FORMATS,
    AMOUNT_MARKS,
    KINDS,
    MACROS,
    NO_AMOUNT,
    install_macros,
    kind_for_type,
)

#: the conversion macros and the kinds they implement live in :mod:`connectors.sources._macros`;
#: re-exported here, where the readers have always imported them from
__all__ = [
    "AMOUNT_FORMATS",
    "AMOUNT_MARKS",
    "KINDS",
    "MACROS",
    "Field",
    "RawTable",
    "install_macros",
    "kind_for_type",
    "new_rejects_table",
    "read_csv_raw",
    "require_columns",
    "typed_rows",
]


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
        empty: exp.Expr = exp.Is(this=exp.func("ol_clean", src), expression=exp.Null())
        if f.kind.startswith("amount") or f.kind == "money_text":  # a lone dash: no money
            dash = exp.In(
                this=exp.func("ol_clean", src),
                expressions=[exp.Literal.string(d) for d in NO_AMOUNT],
            )
            empty = exp.Paren(this=exp.Or(this=empty, expression=dash))  # NOT (a OR b)
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
