"""The last questions each user asked, in one SQLite file every server process shares.

Why a file under the server's runtime dir: the Ask page shows "recent questions" after a
restart too, and the runtime dir is private to the user running Jupyter (no shared state,
no extra service). Why per user: a business user's questions are theirs; one list for everyone
showed each person the others' questions.

Why SQLite (WAL mode): two ``orderlens serve`` on the same Jupyter directories (two ports, or
the old process still answering while its replacement starts) must see each other's questions
and lose none. SQLite gives that across processes with a row per question: an add is one short
transaction (insert, then drop the user's entries beyond ``size``) that waits for another
process's (busy timeout) instead of rewriting a shared file, and a listing is one indexed query
that sees every process's committed rows — no copy in memory to re-read. (A JSON file under a
file lock did the same but re-read and re-encoded every user's entries whenever the other
server had written: 0.4 s per question with 100 users' histories, load ~9.)

Why the care with entries: one question with a lone surrogate (``"\\ud800"``) once made every
later save fail, so every later ask answered 500 until the entry was pushed out. Now an entry is
encoded on its own before it is stored (one that cannot be encoded is dropped and logged, never
stored), a row that cannot be read back is skipped (one bad row blocks no one), and a failed
save is logged without failing the answer: the entry is kept in this process's memory instead.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

from lab.server.store import encode_entry

log = logging.getLogger("orderlens.server")

HISTORY_FILE = "orderlens-history.sqlite3"
#: History key of requests without a named user (e.g. a plain Jupyter server's anonymous user).
ANONYMOUS = ""
#: How long an add waits for another process's add to finish (SQLite's busy timeout).
BUSY_TIMEOUT_S = 10.0

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS history ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT, user TEXT NOT NULL, entry TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS history_by_user ON history (user, seq)",
)


class QuestionHistory:
    """A bounded, thread- and process-safe list of asked questions per user.

    >>> h = QuestionHistory(None, size=2)
    >>> for q in ("a", "b", "c"):
    ...     _ = h.add({"question": q, "user": "ana"})
    >>> _ = h.add({"question": "x", "user": "bo"})
    >>> [e["question"] for e in h.latest(user="ana")], [e["question"] for e in h.latest(user="bo")]
    (['c', 'b'], ['x'])
    >>> h.add({"question": "\\ud800", "user": "ana"}) is None  # cannot be stored: dropped
    True
    """

    def __init__(self, path: str | Path | None, size: int = 50) -> None:
        self.path = Path(path) if path is not None else None
        self.size = size
        self._lock = threading.Lock()  # one connection, used by one thread at a time
        self._con: sqlite3.Connection | None = None
        self._broken = False  # the file could not be opened: memory only, said once in the log
        # entries not in the file (no file, or its write failed), newest last, per user
        self._unsaved: dict[str, deque[dict[str, Any]]] = {}

    def add(self, entry: dict[str, Any]) -> dict[str, Any] | None:
        """Record one question of ``entry["user"]``; None when it cannot be stored (dropped)."""
        line = encode_entry(entry)
        if line is None:
            return None
        user = entry.get("user") or ANONYMOUS
        with self._lock:
            if not self._insert(user, line):
                self._unsaved.setdefault(user, deque(maxlen=self.size)).append(entry)
        return entry

    def latest(self, limit: int | None = None, *, user: str | None = None) -> list[dict[str, Any]]:
        """Newest first, at most ``limit`` entries of ``user``, every server process's.

        Entries this process could not save come first (a failed save is the newest state).
        """
        want = self.size if limit is None else max(0, min(limit, self.size))
        key = user or ANONYMOUS
        with self._lock:
            unsaved = list(reversed(self._unsaved.get(key, ())))
            stored = self._select(key, want)
        return (unsaved + stored)[:want]

    def _connection(self) -> sqlite3.Connection | None:
        """The open database (created with its schema on first use); None without one."""
        if self._con is not None or self.path is None or self._broken:
            return self._con
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            con = _open_shared(self.path)
        except (OSError, sqlite3.Error) as exc:
            self._broken = True
            log.error(
                "OrderLens: could not save the history to %s: %s (is it an earlier version's "
                "JSON history? move it away or set OrderLensApp.history_file to a new path); "
                "this server keeps its history in memory",
                self.path,
                exc,
            )
            return None
        self._con = con
        return con

    def _insert(self, user: str, line: str) -> bool:
        """Store one encoded entry and drop the user's entries beyond ``size``; False (logged)
        when it could not be stored."""
        con = self._connection()
        if con is None:
            return False
        try:
            con.execute("BEGIN IMMEDIATE")  # take the write lock now: no upgrade deadlock
            con.execute("INSERT INTO history (user, entry) VALUES (?, ?)", (user, line))
            con.execute(
                "DELETE FROM history WHERE user = ? AND seq <= (SELECT seq FROM history"
                " WHERE user = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)",
                (user, user, self.size),
            )
            con.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                con.execute("ROLLBACK")
            log.error("OrderLens: could not save the history to %s: %s", self.path, exc)
            return False
        return True

    def _select(self, user: str, limit: int) -> list[dict[str, Any]]:
        """The user's stored entries, newest first; a row that cannot be read is skipped."""
        con = self._connection()
        if con is None or limit == 0:
            return []
        try:
            rows = con.execute(
                "SELECT seq, entry FROM history WHERE user = ? ORDER BY seq DESC LIMIT ?",
                (user, limit),
            ).fetchall()
        except sqlite3.Error as exc:
            log.error("OrderLens: could not read the history %s: %s", self.path, exc)
            return []
        return [entry for seq, text in rows if (entry := _readable(text, seq)) is not None]

    def close(self) -> None:
        """Close the database (a server's shutdown; later calls reopen it)."""
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


def _open_shared(path: Path) -> sqlite3.Connection:
    """Open (and on first use create) the history database, waiting out other processes.

    Why the retry: switching a new file to WAL and creating the table take locks that SQLite's
    busy timeout does not always wait for — two servers opening the same new file at the same
    moment got "database is locked" at once, and the loser kept its history in memory only
    (half the questions lost). A lock is retried until ``BUSY_TIMEOUT_S``; any other error (not
    a database, no permission) is raised at once.
    """
    # private like the saved questions and votes (0600): the history holds every user's
    # questions under their names, and SQLite made it (and its -wal/-shm files, which take the
    # database's mode) readable by every local user under the usual umask (session 13)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        con = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
        try:
            con.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
            con.execute("PRAGMA synchronous=NORMAL")  # recent questions: no fsync per ask
            for statement in _SCHEMA:
                con.execute(statement)
        except sqlite3.OperationalError as exc:
            con.close()
            transient = "locked" in str(exc) or "busy" in str(exc)
            if not transient or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)
            continue
        except BaseException:
            con.close()
            raise
        return con


def _readable(text: Any, seq: int) -> dict[str, Any] | None:
    """A stored row as an entry, or None (logged) when it is not one the page can show."""
    try:
        entry = json.loads(text)
    except (TypeError, ValueError):
        entry = None
    if not isinstance(entry, dict) or not isinstance(entry.get("question"), str):
        log.warning("OrderLens: history row %s is not a question entry; skipped", seq)
        return None
    return entry


def read_history(path: str | Path) -> list[dict[str, Any]]:
    """Every readable entry of a history file, all users, oldest first (for tools and tests)."""
    con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)  # escaped
    try:
        rows = con.execute("SELECT seq, entry FROM history ORDER BY seq").fetchall()
    finally:
        con.close()
    return [entry for seq, text in rows if (entry := _readable(text, seq)) is not None]
