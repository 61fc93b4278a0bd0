"""The SQL guard: only one read-only SELECT over the model's tables ever runs, within limits.

Why a guard although engines never write SQL: the compiled SQL is the last thing between a
question (or an LLM's output) and the warehouse, so it is checked as a tree, not trusted — one
statement, a query at the root, no DDL/DML/PRAGMA/COPY/ATTACH anywhere, no table functions
(``read_csv``...), and every table in an allow-list. Results are capped at a row limit and long
queries are interrupted from one watchdog thread with ``con.interrupt()``.

>>> check_sql("SELECT channel, COUNT(*) FROM orders GROUP BY 1", {"orders"})
'SELECT channel, COUNT(*) FROM orders GROUP BY 1'
>>> check_sql("DELETE FROM orders", {"orders"})
Traceback (most recent call last):
...
nl2sql.errors.GuardError: refused: only a read-only SELECT may run, got DELETE
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import heapq
import itertools
import threading
import time
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import duckdb
import pandas as pd
import sqlglot
from sqlglot import exp
from sqlglot.optimizer.scope import traverse_scope

from connectors.query_limits import MEMORY_ENV, query_limits
from nl2sql.errors import ExecutionError, GuardError
from nl2sql.fetch import first_rows
from semantic_layer.expression_bounds import oversized

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
    *(
        # what the server is rather than what the data says (session 22): a hostile model's
        # `expr: version()` showed DuckDB's version (what to attack), current_database() the
        # warehouse file's name, current_query() the engine's SQL, the pg_* catalog macros the
        # views' definitions and the server's start time; sleeps hold a worker for nothing.
        # sqlglot names version() CURRENT_VERSION, so both spellings are listed.
        "version",
        "current_version",
        "current_database",
        "current_catalog",
        "current_schema",
        "current_schemas",
        "current_query",
        "current_query_id",
        "current_connection_id",
        "current_transaction_id",
        "txid_current",
        "current_user",
        "current_role",
        "session_user",
        "user",
        "getvariable",
        "which_secret",
        "in_search_path",
        "col_description",
        "obj_description",
        "shobj_description",
        "pg_get_viewdef",
        "pg_get_constraintdef",
        "pg_get_expr",
        "pg_has_role",
        "pg_my_temp_schema",
        "pg_is_other_temp_schema",
        "pg_postmaster_start_time",
        "pg_conf_load_time",
        "sleep_ms",
        "pg_sleep",
    ),
}


#: DuckDB's own catalog relations that read like tables (``system.main``, ``pg_catalog``): what
#: the server is, never the data. A model view naming one passed the table allow-list (a view's
#: tables are the model's own), and ``FROM duckdb_databases`` answered the warehouse file's
#: absolute path, ``pg_settings`` the temp folder, ``duckdb_tables`` every table's ``CREATE``
#: statement (session 24). ``duckdb_*`` and ``pragma_*`` are refused as families (DuckDB adds
#: to them: ``duckdb_logs`` is new in 2.0); the Postgres and SQLite names are listed.
_CATALOG_PREFIXES = ("duckdb_", "pragma_")
_CATALOG_NAMES = frozenset(
    {
        "sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema",
        "pg_am", "pg_attrdef", "pg_attribute", "pg_class", "pg_collation", "pg_constraint",
        "pg_database", "pg_depend", "pg_description", "pg_enum", "pg_index", "pg_indexes",
        "pg_namespace", "pg_prepared_statements", "pg_proc", "pg_sequence", "pg_sequences",
        "pg_settings", "pg_tables", "pg_tablespace", "pg_type", "pg_views",
    }
)  # fmt: skip
_CATALOG_SCHEMAS = frozenset({"information_schema", "pg_catalog"})


def _catalog_relation(table: exp.Table) -> bool:
    """Whether ``table`` names one of DuckDB's catalog relations (in any spelling or schema).

    >>> import sqlglot
    >>> [_catalog_relation(t) for t in sqlglot.parse_one(
    ...     "SELECT 1 FROM kilns, system.main.DUCKDB_DATABASES, information_schema.tables",
    ...     read="duckdb").find_all(exp.Table)]
    [False, True, True]
    """
    name, schema = table.name.lower(), (table.db or "").lower()
    if schema in _CATALOG_SCHEMAS or (table.catalog or "").lower() in ("system", "temp"):
        return True
    return name in _CATALOG_NAMES or name.startswith(_CATALOG_PREFIXES)


def _refuse_catalog_relations(tree: exp.Expr, skip: AbstractSet[int] = frozenset()) -> None:
    """Refuse a query reading DuckDB's catalog (``skip``: ids of tables that are CTEs)."""
    for table in tree.find_all(exp.Table):
        if id(table) not in skip and _catalog_relation(table):
            raise GuardError(
                f"refused: {table.sql()} is DuckDB's own catalog, not the warehouse's data "
                "(a model may read only the warehouse's tables)"
            )


def _forbidden_name(name: str) -> bool:
    """Whether a function of this (lower-case) name is refused; the privilege and visibility
    macros of DuckDB's pg_catalog (``has_table_privilege``, ``pg_table_is_visible``, ...)
    describe the server's catalog, never the data, and are refused as a family.

    >>> _forbidden_name("has_table_privilege"), _forbidden_name("pg_type_is_visible")
    (True, True)
    >>> _forbidden_name("sum"), _forbidden_name("date_trunc")
    (False, False)
    """
    if name in _FORBIDDEN_FUNCS:
        return True
    family = name.startswith("has_") and name.endswith("_privilege")
    return family or (name.startswith("pg_") and name.endswith("_is_visible"))


def allowed_tables(model) -> set[str]:
    """The warehouse tables a semantic model reads (tables of its nodes and of their views).

    A table in the default schema is listed by its name; one in another schema (a dbt project
    with ``+schema: marts`` builds ``<target>_marts.orders``) as ``schema.name``, so a query may
    read exactly that relation and no other table of that schema.

    The project's time spine is read too: cumulative metrics, ``join_to_timespine`` and custom
    granularities compile to a join on it, and without it every such answer was refused after
    it was compiled ("table metricflow_time_spine is not part of the semantic model").
    """
    tables: set[str] = set()
    spine = getattr(model, "spine_table", None)
    if spine and spine.get("relation"):
        schema, _, name = str(spine["relation"]).rpartition(".")
        tables.add(qualified_name(name, schema.rpartition(".")[2]))
    for node in getattr(model, "nodes", {}).values():
        if getattr(node, "view_sql", None) is not None:
            tables |= {
                qualified_name(t.name, t.db, t.catalog) for t in node.view_sql.find_all(exp.Table)
            }
        else:
            parts = str(node.table).split(".")
            schema = getattr(node, "schema", None) or (parts[-2] if len(parts) > 1 else "")
            tables.add(qualified_name(parts[-1], schema))
    return tables


def qualified_name(name: str, schema: str | None = "", catalog: str | None = "") -> str:
    """A relation's allow-list key: its bare name in the default schema, else dotted.

    >>> qualified_name("orders", "main"), qualified_name("Orders", "Main_Marts")
    ('orders', 'main_marts.orders')
    """
    schema, catalog = (schema or "").lower(), (catalog or "").lower()
    if not catalog and schema in ("", "main"):
        return name.lower()
    return ".".join(p for p in (catalog, schema, name.lower()) if p)


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


def check_sql(sql: str, allowed: AbstractSet[str], dialect: str = "duckdb") -> str:
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
    _refuse_forbidden(tree)
    too_large = oversized(tree, dates_from_data=True)
    if too_large:  # neither the memory limit nor the time limit stops one exploding value
        raise GuardError(f"refused: {too_large}")
    cte_refs = _cte_references(tree)
    _refuse_catalog_relations(tree, cte_refs)
    allowed_l = {a.lower() for a in allowed}
    for table in tree.find_all(exp.Table):
        if not isinstance(table.this, exp.Identifier):
            raise GuardError("refused: table functions are not allowed in a query")
        if id(table) in cte_refs:
            continue
        name = qualified_name(table.name, table.db, table.catalog)
        if "." in name and name not in allowed_l:
            raise GuardError(f"refused: table {table.sql()} is outside the warehouse schema")
        if name not in allowed_l:
            raise GuardError(
                f"refused: table {name} is not part of the semantic model "
                f"(allowed: {', '.join(sorted(allowed_l))})"
            )
    return sql


def _refuse_forbidden(tree: exp.Expr) -> None:
    for node in tree.walk():
        if isinstance(node, _FORBIDDEN):
            raise GuardError(f"refused: {node.key.upper()} is not allowed inside a query")
        if isinstance(node, exp.Func):
            name = (node.name if isinstance(node, exp.Anonymous) else node.sql_name()).lower()
            if _forbidden_name(name):
                shown = "version" if name == "current_version" else name  # as people write it
                raise GuardError(f"refused: function {shown}() is not allowed")


@functools.lru_cache(maxsize=512)
def check_functions(sql: str, dialect: str = "duckdb") -> str:
    """``sql`` unchanged when it is one SELECT calling no function the guard forbids.

    Why apart from :func:`check_sql`: the catalog reads each dimension's values with the
    model's own expressions (``SELECT DISTINCT <expr> ...``) before any question; those reads
    did not pass the guard, so a model's ``expr: current_setting('temp_directory')`` put the
    server's temp folder into the catalog's values, which every ask user reads (session 21).
    The tables of such a read are the model's own; the statement and functions are checked.

    >>> check_functions("SELECT DISTINCT channel AS v FROM orders")
    'SELECT DISTINCT channel AS v FROM orders'
    >>> check_functions("SELECT DISTINCT current_setting('temp_directory') AS v FROM orders")
    Traceback (most recent call last):
    ...
    nl2sql.errors.GuardError: refused: function current_setting() is not allowed
    """
    try:
        statements = [s for s in sqlglot.parse(sql, read=dialect) if s is not None]
    except sqlglot.errors.ParseError:
        raise GuardError("refused: the SQL does not parse") from None
    if len(statements) != 1 or not isinstance(statements[0], exp.Query):
        raise GuardError("refused: only one read-only SELECT may run")
    tree = statements[0]
    _refuse_forbidden(tree)
    # CTEs by name, not by scope: a value read that sqlglot's scopes cannot resolve is not
    # refused for that (it passed before); a CTE's name never reaches DuckDB's catalog
    ctes = {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}
    named_cte = {id(t) for t in tree.find_all(exp.Table) if not t.db and t.name.lower() in ctes}
    _refuse_catalog_relations(tree, named_cte)
    return sql


class _Watchdog:
    """One daemon thread that interrupts the queries that run past their deadline.

    Why not a ``threading.Timer`` per query: starting a thread costs ~0.3 ms of CPU and, on a
    busy machine, waits for the scheduler to run it (ms) before the query may start; a server
    answering many short queries paid that on every answer. Queries are armed with their
    deadline and disarmed when they end; both, and the interrupt itself, happen under one lock,
    so a query that was disarmed is never interrupted afterwards (nor a later query on its
    connection).

    Why the thread never holds a connection between interrupts: it used to keep each query's
    connection in its heap until the deadline passed (30 s after a query that ended in 10 ms)
    and in a local while it waited, so it was often the last owner of a connection the caller
    had dropped, and DuckDB closed that database on this daemon thread. A DuckDB close releases
    the GIL; when Python began finalizing meanwhile, the thread's attempt to take the GIL back
    ended it with ``pthread_exit``, whose unwinding through DuckDB's C++ destructor aborted the
    process after all its work was done ("terminate called after throwing an instance of ''
    / FATAL: exception not rethrown", exit code 134: a CI run whose tests all passed failed).
    Now the heap holds only deadlines and tokens, :meth:`disarm` drops the connection on the
    caller's thread (which still owns it), and at exit the thread is stopped and joined before
    the interpreter finalizes (:meth:`stop`).
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int]] = []
        self._armed: dict[int, duckdb.DuckDBPyConnection] = {}
        self._ids = itertools.count()
        self._thread: threading.Thread | None = None
        self._stopped = False

    def arm(self, con: duckdb.DuckDBPyConnection, timeout_s: float) -> int:
        """Interrupt ``con`` in ``timeout_s`` unless :meth:`disarm` is called first.

        After :meth:`stop` (the interpreter is exiting) no thread is started: a query run by
        an exit hook has no time limit rather than a thread that outlives the interpreter.
        """
        with self._cond:
            token = next(self._ids)
            if self._stopped:
                return token
            heapq.heappush(self._heap, (time.monotonic() + timeout_s, token))
            self._armed[token] = con
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="orderlens-query-watchdog", daemon=True
                )
                self._thread.start()
            elif self._heap[0][1] == token:  # an earlier deadline than the one waited for
                self._cond.notify()
        return token

    def disarm(self, token: int) -> None:
        with self._cond:
            self._armed.pop(token, None)

    def stop(self) -> None:
        """End the thread and wait for it (registered with :mod:`atexit`).

        Why: a daemon thread still alive while Python finalizes is ended where it stands; the
        thread is idle almost always, but stopping it first leaves nothing to end. It is joined
        for at most a second (it only waits on the condition or interrupts a query).
        """
        with self._cond:
            self._stopped = True
            thread = self._thread
            self._cond.notify()
        if thread is not None and thread is not threading.current_thread():
            thread.join(1.0)

    def _run(self) -> None:
        with self._cond:
            while not self._stopped:
                while self._heap and self._heap[0][1] not in self._armed:
                    heapq.heappop(self._heap)  # ended in time: forget it
                if not self._heap:
                    self._cond.wait()
                    continue
                deadline, token = self._heap[0]
                left = deadline - time.monotonic()
                if left > 0:
                    self._cond.wait(left)
                    continue
                heapq.heappop(self._heap)
                # the query is still running under it, so its caller still owns the connection
                con = self._armed.pop(token)
                with contextlib.suppress(Exception):  # closed meanwhile: nothing to stop
                    con.interrupt()
                del con


_watchdog = _Watchdog()
atexit.register(_watchdog.stop)


@contextlib.contextmanager
def time_limited(con: duckdb.DuckDBPyConnection, timeout_s: float) -> Iterator[None]:
    """Interrupt what runs on ``con`` inside this block once ``timeout_s`` has passed (DuckDB
    raises ``InterruptException``): the guard's watchdog, for reads that are not answers
    (the catalog's dimension values, ``nl2sql.catalog_reads``)."""
    token = _watchdog.arm(con, timeout_s)
    try:
        yield
    finally:
        _watchdog.disarm(token)


@dataclass
class Limited:
    """A result that may have been cut at the row limit."""

    df: pd.DataFrame
    truncated: bool


def run_guarded(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    allowed: AbstractSet[str],
    *,
    max_rows: int = DEFAULT_MAX_ROWS,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> Limited:
    """Check ``sql``, run it with a time limit and return at most ``max_rows`` rows."""
    check_sql(sql, allowed)
    token = _watchdog.arm(con, timeout_s)
    try:
        table = first_rows(con, sql, max_rows + 1)  # one row more tells it was cut
    except duckdb.InterruptException:
        raise GuardError(
            f"stopped: the query ran longer than {timeout_s:g} s; narrow the "
            "question (a shorter time range, a filter) and ask again"
        ) from None
    except duckdb.OutOfMemoryException:
        raise GuardError(
            "stopped: the query needs more memory than this server gives its queries "
            f"(memory_limit {query_limits()['memory_limit']}); narrow the question (a shorter "
            "time range, a filter, fewer breakdowns) and ask again, or ask whoever runs OrderLens "
            f"to raise {MEMORY_ENV}"
        ) from None
    except duckdb.Error as exc:
        # a checked query can still fail while it runs (a LIMIT past BIGINT from a forged
        # follow-up context, a value that does not cast): the asker gets why, not a server error
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ExecutionError(f"the query could not run: {reason}") from exc
    finally:
        _watchdog.disarm(token)
    truncated = table.num_rows > max_rows
    if truncated:
        table = table.slice(0, max_rows)
    # one thread: results are capped small, and Arrow's thread pool cost more than it saved
    # (measured on a 5-row result at load ~10: 0.13 vs 0.43 CPU-ms, 0.5 vs 1.9 ms wall)
    return Limited(df=table.to_pandas(use_threads=False), truncated=truncated)
