"""The SQL guard: only one read-only SELECT over the model's tables ever runs, within limits.

Why a guard although engines never write SQL: the compiled SQL is the last thing between a
question (or an LLM's output) and the warehouse, so it is checked as a tree, not trusted — one
statement, a query at the root, no DDL/DML/PRAGMA/COPY/ATTACH anywhere, no table functions
(``read_csv``...), and every table in an allow-list. Results are capped at a row limit and long
queries are interrupted from a timer thread with ``con.interrupt()``.

>>> check_sql("SELECT channel, COUNT(*) FROM orders GROUP BY 1", {"orders"})
'SELECT channel, COUNT(*) FROM orders GROUP BY 1'
>>> check_sql("DELETE FROM orders", {"orders"})
Traceback (most recent call last):
...
nl2sql.errors.GuardError: refused: only a read-only SELECT may run, got DELETE
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa
import sqlglot
from sqlglot import exp
from sqlglot.optimizer.scope import traverse_scope

from nl2sql.errors import GuardError

DEFAULT_MAX_ROWS = 10_000
DEFAULT_TIMEOUT_S = 30.0

_FORBIDDEN = tuple(
    getattr(exp, name)
    for name in (
        "Insert",
        "Update",
        "Delete",
        "Merge",
        "Create",
        "Drop",
        "Alter",
        "AlterTable",
        "Command",
        "Pragma",
        "Copy",
        "Attach",
        "Detach",
        "Use",
        "Set",
        "Transaction",
        "Commit",
        "Rollback",
        "Grant",
        "TruncateTable",
        "Install",
        "Load",
        "Export",
        "Describe",
        "Show",
        "Into",
        "LoadData",
        "Kill",
        "Refresh",
        "Cache",
        "Uncache",
    )
    if hasattr(exp, name)
)
_FORBIDDEN_FUNCS = {
    "read_csv",
    "read_csv_auto",
    "read_parquet",
    "read_json",
    "read_json_auto",
    "read_text",
    "read_blob",
    "glob",
    "sniff_csv",
    "parquet_scan",
    "csv_scan",
    "query",
    "query_table",
    "getenv",
    "current_setting",
    "system",
    "load_extension",
    "http_get",
    "read_ndjson",
    "iceberg_scan",
    "delta_scan",
}


def allowed_tables(model) -> set[str]:
    """The warehouse tables a semantic model reads (tables of its nodes and of their views)."""
    tables: set[str] = set()
    for node in getattr(model, "nodes", {}).values():
        if getattr(node, "view_sql", None) is not None:
            tables |= {t.name.lower() for t in node.view_sql.find_all(exp.Table)}
        else:
            tables.add(str(node.table).split(".")[-1].lower())
    return tables


def _cte_references(tree: exp.Expr) -> set[int]:
    """Ids of the table nodes that read a CTE visible *in their own scope*.

    Why by scope: a name is only a CTE where that CTE is in scope; ``WITH orders_x AS (...)``
    inside one subquery does not make a table ``orders_x`` elsewhere in the query a CTE (it
    would otherwise skip the allow-list). sqlglot's scope module resolves this the way the
    database does (a later CTE is not visible to an earlier one unless ``RECURSIVE``).
    """
    try:
        scopes = traverse_scope(tree)
    except Exception as exc:  # sqlglot cannot resolve the scopes: do not guess
        raise GuardError(f"refused: the query's scopes cannot be resolved ({exc})") from None
    refs: set[int] = set()
    for scope in scopes:
        visible = {name.lower() for name in scope.cte_sources}
        for table in scope.tables:
            plain = not table.args.get("db") and not table.args.get("catalog")
            if plain and table.name.lower() in visible:
                refs.add(id(table))
    return refs


def check_sql(sql: str, allowed: set[str], dialect: str = "duckdb") -> str:
    """Return ``sql`` unchanged when it is one read-only SELECT over ``allowed`` tables.

    The verdict is a pure function of the SQL text, the allow-list and the dialect, so it is
    memoised: a server answering the same questions again does not parse and walk the same
    SQL again (~15-20 ms each on the demo's queries). A refusal is never memoised.
    """
    return _checked(sql, frozenset(a.lower() for a in allowed), dialect)


@functools.lru_cache(maxsize=512)
def _checked(sql: str, allowed: frozenset[str], dialect: str) -> str:
    try:
        statements = [s for s in sqlglot.parse(sql, read=dialect) if s is not None]
    except sqlglot.errors.ParseError as exc:
        raise GuardError(
            f"refused: the SQL does not parse ({exc.errors[0]['description']})"
            if exc.errors
            else "refused: the SQL does not parse"
        ) from None
    if len(statements) != 1:
        raise GuardError(f"refused: exactly one statement may run, got {len(statements)}")
    tree = statements[0]
    if not isinstance(tree, exp.Query):
        raise GuardError(f"refused: only a read-only SELECT may run, got {tree.key.upper()}")
    for node in tree.walk():
        if isinstance(node, _FORBIDDEN):
            raise GuardError(f"refused: {node.key.upper()} is not allowed inside a query")
        if isinstance(node, exp.Func):
            name = (node.name if isinstance(node, exp.Anonymous) else node.sql_name()).lower()
            if name in _FORBIDDEN_FUNCS:
                raise GuardError(f"refused: function {name}() is not allowed")
    cte_refs = _cte_references(tree)
    allowed_l = {a.lower() for a in allowed}
    for table in tree.find_all(exp.Table):
        if not isinstance(table.this, exp.Identifier):
            raise GuardError("refused: table functions are not allowed in a query")
        name = table.name.lower()
        if id(table) in cte_refs:
            continue
        if table.args.get("catalog") or (
            table.args.get("db") and table.db.lower() not in ("main", "")
        ):
            raise GuardError(f"refused: table {table.sql()} is outside the warehouse schema")
        if name not in allowed_l:
            raise GuardError(
                f"refused: table {name} is not part of the semantic model "
                f"(allowed: {', '.join(sorted(allowed_l))})"
            )
    return sql


@dataclass
class Limited:
    """A result that may have been cut at the row limit."""

    df: pd.DataFrame
    truncated: bool


def run_guarded(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    allowed: set[str],
    *,
    max_rows: int = DEFAULT_MAX_ROWS,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> Limited:
    """Check ``sql``, run it with a time limit and return at most ``max_rows`` rows."""
    check_sql(sql, allowed)
    timer = threading.Timer(timeout_s, con.interrupt)
    timer.daemon = True
    timer.start()
    try:
        reader = con.sql(sql).to_arrow_reader(min(max_rows + 1, 100_000))
        batches: list[pa.RecordBatch] = []
        rows = 0
        for batch in reader:
            batches.append(batch)
            rows += batch.num_rows
            if rows > max_rows:
                break
        table = pa.Table.from_batches(batches, schema=reader.schema)
    except duckdb.InterruptException:
        raise GuardError(
            f"stopped: the query ran longer than {timeout_s:g} s; narrow the "
            "question (a shorter time range, a filter) and ask again"
        ) from None
    finally:
        timer.cancel()
    truncated = table.num_rows > max_rows
    if truncated:
        table = table.slice(0, max_rows)
    return Limited(df=table.to_pandas(), truncated=truncated)
