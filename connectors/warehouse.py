"""Opening the DuckDB warehouse: sandboxed readers, waiting writers, and the file's identity.

Why here: the warehouse is created by ``connectors`` only; every other package calls
:func:`connect` (or :func:`read_connection` / :func:`write_connection`) to reach it. The default
location is ``.orderlens/demo.duckdb`` relative to the working directory, overridden by the
``ORDERLENS_DB`` environment variable or an explicit path.

Three policies live in this one module so no caller can forget them:

* **Sandbox.** A read-only connection runs model or user SQL, so it is opened with DuckDB's own
  sandbox (``enable_external_access=false``, ``lock_configuration=true``): a view over
  ``read_text('/etc/passwd')`` fails inside DuckDB even if a query slipped past the sqlglot
  guard. Only code that must write files (the Parquet export) asks for ``sandbox=False``.
  Its memory, threads and spill size are limited too (:mod:`connectors.query_limits`).
* **Waiting, not failing.** DuckDB lets a file be open by many readers *or* one writer across
  processes. A conflicting open is retried until ``ORDERLENS_LOCK_TIMEOUT`` seconds have passed,
  saying once what it waits for; writers also take ``<db>.lock`` so they queue in order and
  readers that pass the turnstile (:func:`wait_for_writers`) let a waiting writer in.
* **Identity.** :func:`warehouse_version` (path, file id, size, mtime — also of the WAL) keys
  every cache of what was read from a warehouse, so a rebuilt or re-ingested file is never
  answered from an older file's catalog (see ``docs/concurrency.md``).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, TypeVar

import duckdb

from connectors.errors import WarehouseError
from connectors.query_limits import limit_statements, query_limits
from connectors.rows import one_row
from connectors.schema import TABLES, create_table_sql

DEFAULT_DB = Path(".orderlens") / "demo.duckdb"
#: Seconds a process waits for a warehouse another process holds (env ``ORDERLENS_LOCK_TIMEOUT``).
DEFAULT_LOCK_TIMEOUT_S = 120.0
#: DuckDB's own sandbox for connections that run model or user SQL.
SANDBOX_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "enable_external_access": False,
    "lock_configuration": True,
}


def sandbox_config() -> dict[str, str | bool | int | float | list[str]]:
    """:data:`SANDBOX_CONFIG` plus the resource limits of :mod:`connectors.query_limits`.

    >>> sorted(sandbox_config())[:3]
    ['enable_external_access', 'lock_configuration', 'max_temp_directory_size']
    """
    return {**SANDBOX_CONFIG, **query_limits()}


_HOLDER = re.compile(r"held in (.+?\(PID \d+\))")
_POLL_S = (0.02, 0.05, 0.1, 0.2, 0.5)
_T = TypeVar("_T")

WaitNotice = Callable[[str], None]


def default_db_path() -> Path:
    """The warehouse path users get when they pass none: ``$ORDERLENS_DB`` or the demo file."""
    env = os.environ.get("ORDERLENS_DB")
    return Path(env) if env else DEFAULT_DB


def lock_timeout() -> float:
    """How long to wait for another process's lock: ``$ORDERLENS_LOCK_TIMEOUT`` or 120 s.

    >>> lock_timeout() > 0
    True
    """
    raw = os.environ.get("ORDERLENS_LOCK_TIMEOUT", "")
    try:
        value = float(raw) if raw else DEFAULT_LOCK_TIMEOUT_S
    except ValueError:
        raise WarehouseError(
            f"ORDERLENS_LOCK_TIMEOUT={raw!r} is not a number of seconds (e.g. 30)"
        ) from None
    return max(value, 0.0)


def _stderr_notice(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    text = str(exc)
    return "Could not set lock" in text or "Conflicting lock" in text


def _holder(exc: duckdb.Error | None, path: Path) -> str:
    """Who holds the warehouse: the writer's own note in ``<db>.lock``, else DuckDB's PID."""
    note = _lock_note(path)
    if note and not note.endswith(f"(PID {os.getpid()})"):
        return note
    found = _HOLDER.search(str(exc or ""))
    return found.group(1) if found else "another process"


def _open_duckdb(path: Path, read_only: bool, sandbox: bool) -> duckdb.DuckDBPyConnection:
    """One DuckDB open (no retry); see :func:`connect` for the policy."""
    if read_only and not sandbox:
        # a plain read-only instance would clash with this process's sandboxed one (DuckDB
        # refuses two configurations of one file); attaching into a private one does not
        con = duckdb.connect(":memory:")
        try:
            con.execute(f"ATTACH {_sql_string(str(path))} AS warehouse (READ_ONLY)")
            con.execute("USE warehouse")
        except BaseException:
            con.close()
            raise
        return con
    config = sandbox_config() if sandbox else {}
    try:
        return duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.ConnectionException as exc:
        if not (read_only and sandbox and "different configuration" in str(exc)):
            raise
    # this process already holds the file with another configuration (a plain read-only
    # connection of the caller's): a private instance, sandboxed right after attaching it
    con = _open_duckdb(path, read_only=True, sandbox=False)
    for statement in limit_statements(query_limits()):
        con.execute(statement)
    for setting in ("enable_external_access = false", "lock_configuration = true"):
        con.execute(f"SET {setting}")
    return con


def _sql_string(text: str) -> str:
    # sqlglot (a tenth of a second to import) loads only when a path is quoted
    from sqlglot import exp

    return exp.Literal.string(text).sql("duckdb")


def connect(
    db: str | Path | None = None,
    *,
    read_only: bool = False,
    sandbox: bool | None = None,
    timeout: float | None = None,
    notice: WaitNotice | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, waiting while another process holds a conflicting lock.

    Args:
        db: warehouse file (default :func:`default_db_path`) or ``":memory:"``.
        read_only: open for reading; fails clearly when the file does not exist yet.
        sandbox: DuckDB's sandbox (no file/network access, configuration locked). Default:
            on for read-only opens, which are the ones that run model and user SQL.
        timeout: seconds to wait for a lock held elsewhere (default :func:`lock_timeout`).
        notice: called once with "waiting for …" when the open has to wait (default: stderr).

    >>> con = connect(":memory:")
    >>> con.execute("select 1").fetchone()
    (1,)
    """
    path = default_db_path() if db is None else db
    sandboxed = read_only if sandbox is None else sandbox
    if str(path) == ":memory:":
        return duckdb.connect(":memory:", config=sandbox_config() if sandboxed else {})
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseError(
            f"warehouse {path} does not exist: build the demo with `orderlens demo --db {path}` "
            "or point ORDERLENS_DB / --db at your warehouse file"
        )
    make_private_folder(path)
    wait_s = lock_timeout() if timeout is None else timeout
    if read_only:
        return _open_waiting(path, read_only, sandboxed, wait_s, notice)
    # a writer queues on <db>.lock while it waits, so readers arriving meanwhile let it in
    with _writer_queue(path, _this_process(), wait_s, notice):
        new = not path.exists()
        con = _open_waiting(path, read_only, sandboxed, wait_s, notice)
        if new:
            make_private(path)
        return con


def make_private_folder(path: Path) -> None:
    """Create the folder ``path`` goes in, owner-only (0700), if it does not exist yet; a folder
    that exists keeps the mode its owner gave it (see :func:`make_private`)."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)


def make_private(path: Path) -> None:
    """Owner-only mode (0600) for a warehouse this process just created.

    Why: DuckDB creates the file under the usual umask, readable by every local user (0644),
    and it holds customers, orders and bank lines; the server's own files (users, history,
    votes) are 0600 already (red team s17). An owner who wants to share the file widens its mode
    on purpose. The folder made for it (``.orderlens/``) is created 0700 for the same reason,
    which also covers the write-ahead log DuckDB creates later under the umask.
    """
    try:
        path.chmod(0o600)
    except FileNotFoundError:  # nothing written yet: DuckDB creates it on the first write
        return


def _open_waiting(
    path: Path, read_only: bool, sandbox: bool, wait_s: float, notice: WaitNotice | None
) -> duckdb.DuckDBPyConnection:
    """Open ``path``, retrying while another process holds a conflicting DuckDB lock."""

    def attempt() -> duckdb.DuckDBPyConnection:
        try:
            return _open_duckdb(path, read_only, sandbox)
        except duckdb.IOException as exc:
            if not _is_lock_conflict(exc):
                raise WarehouseError(f"cannot open warehouse {path}: {exc}") from exc
            raise _Locked(_holder(exc, path)) from None

    return _retry_while_locked(
        attempt,
        path,
        wait_s,
        notice,
        lambda holder: (
            f"warehouse {path} is still locked by {holder} after {wait_s:g} s: let it finish "
            "(or stop it) and retry, or raise ORDERLENS_LOCK_TIMEOUT"
        ),
    )


class _Locked(Exception):
    """One attempt found the warehouse locked by ``holder`` (who to name while waiting)."""

    def __init__(self, holder: str) -> None:
        super().__init__(holder)
        self.holder = holder


def _retry_while_locked(
    attempt: Callable[[], _T],
    path: Path,
    timeout: float,
    notice: WaitNotice | None,
    gave_up: Callable[[str], str],
) -> _T:
    """Call ``attempt`` until it stops raising :class:`_Locked` or ``timeout`` passes.

    Why one loop: opening the DuckDB file and taking the writers' queue lock wait the same way —
    say once who holds the lock, poll with a growing pause, and fail with ``gave_up(holder)``.
    """
    deadline = time.monotonic() + timeout
    told, n = False, 0
    while True:
        try:
            return attempt()
        except _Locked as locked:
            holder = locked.holder
        if time.monotonic() >= deadline:
            raise WarehouseError(gave_up(holder))
        if not told:
            (notice or _stderr_notice)(
                f"waiting for the warehouse lock on {path} held by {holder} "
                f"(up to {timeout:g} s, ORDERLENS_LOCK_TIMEOUT)…"
            )
            told = True
        time.sleep(_POLL_S[min(n, len(_POLL_S) - 1)])
        n += 1


def _this_process(argv: list[str] | None = None) -> str:
    """What to call this writer in other processes' waiting messages: its command.

    >>> _this_process(["/venv/bin/orderlens", "reconcile", "--period", "2026-10"])
    'orderlens reconcile'
    """
    args = sys.argv if argv is None else argv
    words = [Path(args[0]).name if args and args[0] else "python"]
    words += [a for a in args[1:2] if not a.startswith("-")]
    return " ".join(words)[:80]


def lock_file(db: str | Path) -> Path:
    """The writers' queue beside the warehouse: ``<db>.lock`` (holds the writer's note)."""
    path = Path(db)
    return path.with_name(path.name + ".lock")


def _lock_note(path: Path) -> str:
    try:
        return lock_file(path).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def _flock(handle: IO[str], mode: int, what: str, path: Path, timeout: float,
           notice: WaitNotice | None) -> None:  # fmt: skip
    """``flock`` with a deadline, saying once who it waits for."""

    def attempt() -> None:
        try:
            fcntl.flock(handle, mode | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            raise _Locked(_lock_note(path) or "another writer") from None

    _retry_while_locked(
        attempt,
        path,
        timeout,
        notice,
        lambda holder: (
            f"{what}: warehouse {path} is still being written by {holder} after "
            f"{timeout:g} s: let it finish (or stop it) and retry, or raise "
            "ORDERLENS_LOCK_TIMEOUT"
        ),
    )


def _open_lock(path: Path) -> IO[str] | None:
    """The lock file opened for flock, or None where it cannot exist (read-only directory)."""
    try:
        return open(lock_file(path), "a+", encoding="utf-8")  # closed by the callers
    except OSError:
        return None


def wait_for_writers(
    db: str | Path | None = None, *, timeout: float | None = None, notice: WaitNotice | None = None
) -> None:
    """Return once no writer holds or waits for ``<db>.lock`` (the readers' turnstile).

    Why: without it a steady stream of readers (a busy ``orderlens serve``) always holds
    DuckDB's shared lock and a writer never gets in. A reader passes the turnstile before it
    opens the file; a writer that has taken the lock makes new readers wait until it is done,
    while the readers already inside finish and close.
    """
    path = Path(default_db_path() if db is None else db)
    if str(path) == ":memory:":
        return
    handle = _open_lock(path)
    if handle is None:
        return
    with handle:
        wait_s = lock_timeout() if timeout is None else timeout
        _flock(handle, fcntl.LOCK_SH, "reading", path, wait_s, notice)
        fcntl.flock(handle, fcntl.LOCK_UN)


def writer_waiting(db: str | Path | None = None) -> bool:
    """Whether a writer holds or waits for ``<db>.lock`` right now (never blocks).

    Why: a server that keeps its read-only connection open between questions (it saves a file
    open per question) must still let a writer in; it asks this when idle and closes then.
    """
    path = Path(default_db_path() if db is None else db)
    if str(path) == ":memory:":
        return False
    handle = _open_lock(path)
    if handle is None:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


@contextlib.contextmanager
def read_connection(
    db: str | Path | None = None, *, timeout: float | None = None, notice: WaitNotice | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived, sandboxed, read-only connection that lets waiting writers go first.

    >>> import tempfile; d = Path(tempfile.mkdtemp()) / "w.duckdb"
    >>> with write_connection(d) as con: ensure_schema(con, ["skus"])
    >>> with read_connection(d) as con: con.execute("select count(*) from skus").fetchone()
    (0,)
    """
    wait_for_writers(db, timeout=timeout, notice=notice)
    con = connect(db, read_only=True, timeout=timeout, notice=notice)
    try:
        yield con
    finally:
        con.close()


@contextlib.contextmanager
def write_connection(
    db: str | Path | None = None,
    *,
    purpose: str = "",
    timeout: float | None = None,
    notice: WaitNotice | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The one read-write connection: queue on ``<db>.lock``, then wait for readers to leave.

    ``purpose`` (e.g. ``"orderlens ingest bank_csv"``) is written into the lock file so that
    whoever waits is told what it waits for. The connection closes (and DuckDB checkpoints)
    before the lock is released, so the next reader sees the finished write.
    """
    path = default_db_path() if db is None else db
    if str(path) == ":memory:":
        con = connect(path)
        try:
            yield con
        finally:
            con.close()
        return
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wait_s = lock_timeout() if timeout is None else timeout
    with _writer_queue(path, purpose or _this_process(), wait_s, notice):
        con = _open_waiting(path, False, False, wait_s, notice)
        try:
            yield con
        finally:
            con.close()


@contextlib.contextmanager
def _writer_queue(
    path: Path, purpose: str, wait_s: float, notice: WaitNotice | None
) -> Iterator[None]:
    """Hold ``<db>.lock`` exclusively with a note naming this writer (none if not writable)."""
    handle = _open_lock(path)
    if handle is None:
        yield
        return
    with handle:
        _flock(handle, fcntl.LOCK_EX, "writing", path, wait_s, notice)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{purpose} (PID {os.getpid()})")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle, fcntl.LOCK_UN)


#: how long a resolved warehouse path is reused (seconds); see :func:`_resolved`
RESOLVE_TTL_S = 1.0
_resolved_paths: dict[str, tuple[float, Path]] = {}


def _resolved(path: str) -> Path:
    """``Path(path).resolve()``, reused for :data:`RESOLVE_TTL_S`.

    Why: a busy server stamps the warehouse several times per answer, and resolving the path
    (one ``lstat`` per component) was ~5 % of its sampled CPU under 20 clients. A symlink
    retargeted to another file is seen within a second; a file replaced in place (a rebuild,
    an ingest) changes the inode, size or mtime that :func:`warehouse_version` stats every time.
    """
    now = time.monotonic()
    hit = _resolved_paths.get(path)
    if hit is not None and now - hit[0] < RESOLVE_TTL_S:
        return hit[1]
    resolved = Path(path).resolve()
    if len(_resolved_paths) > 256:  # many warehouses in one process (tests): start over
        _resolved_paths.clear()
    _resolved_paths[path] = (now, resolved)
    return resolved


def warehouse_version(db: str | Path | None = None) -> str:
    """The identity *and* version of a warehouse file, for cache keys.

    Path, device and inode (a rebuilt file replaced with ``os.replace`` is a new inode even if
    its size and mtime collide), size and mtime of the file and of its WAL (a committed write
    may sit in the WAL until the next checkpoint). ``:memory:`` and missing files have no
    stable identity and return ``""``: callers must not cache on it.

    >>> warehouse_version(":memory:")
    ''
    """
    path = default_db_path() if db is None else db
    if str(path) == ":memory:":
        return ""
    path = _resolved(str(path))
    parts = [str(path)]
    for p in (path, path.with_name(path.name + ".wal")):
        try:
            st = p.stat()
        except OSError:
            if p == path:
                return ""
            continue
        parts.append(f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def connection_version(con: duckdb.DuckDBPyConnection) -> str:
    """:func:`warehouse_version` of the file behind an open connection (``""`` if in memory).

    Why not ``id(con)``: ids are reused once a connection is garbage-collected, so a second
    warehouse opened later in the same process would be served the first one's cached catalog.
    """
    rows = con.execute(  # fetchall: an unfinished result would block the caller's next query
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchall()
    return warehouse_version(rows[0][0]) if rows and rows[0][0] else ""


def ensure_schema(
    con: duckdb.DuckDBPyConnection,
    tables: list[str] | None = None,
    *,
    defer_keys: Iterable[str] = (),
) -> None:
    """Create every canonical table that does not exist yet (safe to call any number of times).

    ``defer_keys`` names tables created WITHOUT their primary key (key columns stay NOT NULL):
    a bulk loader fills them and then calls :func:`add_primary_keys`, so the index is built
    once instead of being checked row by row. The key itself still comes from ``schema.py``.

    >>> con = connect(":memory:")
    >>> ensure_schema(con); ensure_schema(con)
    >>> con.execute("select count(*) from orders").fetchone()
    (0,)
    """
    deferred = set(defer_keys)
    for name in tables or list(TABLES):
        table = TABLES[name]
        if name in deferred:
            table = replace(table, primary_key=())
        con.execute(create_table_sql(table))


def add_primary_keys(con: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> None:
    """Add the ``schema.py`` primary key to tables created with ``defer_keys`` (idempotent).

    Fails (DuckDB constraint error) when the loaded rows hold duplicate or NULL keys, exactly
    as an inline key would have.

    >>> con = connect(":memory:")
    >>> ensure_schema(con, ["skus"], defer_keys=["skus"])
    >>> _ = con.execute("insert into skus values ('SKU-1', 'x', 'c', 'b', 1, 2, 0.5)")
    >>> add_primary_keys(con, ["skus"]); add_primary_keys(con, ["skus"])
    >>> try:
    ...     con.execute("insert into skus values ('SKU-1', 'y', 'c', 'b', 1, 2, 0.5)")
    ... except duckdb.ConstraintException as exc:
    ...     print(str(exc).split(":")[0])
    Constraint Error
    """
    for name in tables:
        key = TABLES[name].primary_key
        has_key = one_row(
            con.execute(
                "SELECT count(*) FROM duckdb_constraints() "
                "WHERE table_name = ? AND constraint_type = 'PRIMARY KEY'",
                [name],
            )
        )[0]
        if key and not has_key:
            con.execute(f"ALTER TABLE {name} ADD PRIMARY KEY ({', '.join(key)})")


def missing_tables(con: duckdb.DuckDBPyConnection, required: list[str]) -> list[str]:
    """Which of ``required`` do not exist in the warehouse (for clear errors in readers)."""
    present = {
        r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()
    }
    return [t for t in required if t not in present]
