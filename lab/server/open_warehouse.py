"""The server's open read-only connection to the warehouse file, kept between questions.

Why its own module: keeping one DuckDB file open for many questions, yet letting a writer in
another process in, and reopening a file that was replaced under it without closing cursors that
still read the old one, is a lifecycle of its own (threads, a condition, a watchdog); the
answering service (``lab.server.service``) only asks it for a cursor.
"""

from __future__ import annotations

import atexit
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from connectors.errors import ConnectorError
from connectors.warehouse import connect, warehouse_version, writer_waiting
from lab.server.gate import WarehouseGate

#: How long the warehouse stays open after the last question when no writer waits (seconds).
ANCHOR_LINGER_S = 2.0
#: How often an open, idle warehouse looks for a writer waiting to get in (seconds).
WRITER_POLL_S = 0.1
#: How long a question waits for the questions still reading a replaced file to finish before
#: it opens the new one (then it opens a connection of its own).
RETIRE_WAIT_S = 5.0


def file_stamp(path: str) -> str:
    """Identity of the warehouse's current contents (a reload or ingest changes it)."""

    return warehouse_version(path) or "missing"


@dataclass
class _Anchor:
    """The server's open read-only connection to one version of the warehouse file."""

    con: Any
    stamp: str  # the warehouse version it was opened on (``file_stamp``)
    users: int = 0  # questions running on a cursor of it


class OpenWarehouse:
    """One per server: the open warehouse (:meth:`reader`) and its gate (many readers or one
    writer); closed when idle, when a writer waits, and for good by :meth:`close`."""

    def __init__(self, db: str) -> None:
        self.db = db
        self._lock = threading.Lock()
        self.gate = WarehouseGate(db, on_idle=self._release_if_a_writer_waits)
        self._anchor: _Anchor | None = None  # the open warehouse (see keep_open)
        self._retired: list[_Anchor] = []  # a replaced file's, closed when its last cursor is
        self._quiet = threading.Condition(self._lock)  # notified when a retired one closed
        self._watcher: threading.Thread | None = None
        self._wake = threading.Event()  # set by close(): the watcher looks at once, not next poll
        self._closed = False
        _instances.add(self)  # closed at interpreter exit if nobody closed it (_close_at_exit)

    def keep_open(self, stamp: str | None = None) -> None:
        """Hold one read-only connection while questions run and shortly after (under the gate).

        Why: opening a DuckDB file costs ~10-30 ms (more on big files; closing it as much)
        while a cursor of a connection that is already open costs microseconds, so every
        question runs on a cursor of this open instance (:meth:`reader`). Closing it whenever
        the last running question finished made a server answering one question at a time
        open and close the file for every answer (measured: ~20 of its ~40 CPU-ms per answer),
        so it stays open while idle for ``ANCHOR_LINGER_S``; it is closed at once when a writer
        in another process queues for the warehouse (ingest, reconcile, demo rebuild: seen
        within ``WRITER_POLL_S``), and reopened when the file was replaced (``stamp``, its
        version now, differs), so the next question reads the file that is there now
        (docs/concurrency.md). ``stamp``: the version the caller read past the gate (else now).
        """
        if stamp is None:
            stamp = file_stamp(self.db)
        with self._lock:
            self._open_anchor(stamp)

    def _open_anchor(self, stamp: str) -> _Anchor | None:
        """The open warehouse at version ``stamp`` (opened now if needed); called under
        ``self._lock``. None when it cannot be opened, the server stopped, or the replaced
        file's connection is still in use after ``RETIRE_WAIT_S``.

        Why a replaced file's connection is retired, not closed, while questions still read
        through it: closing a DuckDB connection closes its cursors under those questions. And
        why the new file waits for it to close: DuckDB hands every new connection of a path
        the instance already open for it, which is the deleted file's.
        """
        anchor = self._anchor
        if anchor is not None and anchor.stamp != stamp:
            self._anchor = None
            if anchor.users:
                self._retired.append(anchor)
            else:
                anchor.con.close()
        if self._anchor is None and self._retired:
            self._quiet.wait_for(lambda: not self._retired, timeout=RETIRE_WAIT_S)
            if self._retired:
                return None
        # after close() (a warm-up still running while the server stops) nothing reopens
        # the file: a leaked read-only handle would block every writer of the warehouse
        if self._anchor is None and not self._closed:
            # a missing/locked warehouse is reported by the request itself
            with suppress(ConnectorError):
                self._anchor = _Anchor(connect(self.db, read_only=True), stamp)
        if self._anchor is not None and self._watcher is None:
            self._watcher = threading.Thread(
                target=self._close_when_idle, name="orderlens-warehouse-idle", daemon=True
            )
            self._watcher.start()
        return self._anchor

    @contextmanager
    def reader(self, stamp: str) -> Iterator[tuple[Any, str | None]]:
        """A cursor of the open warehouse and the version it reads, for one question (under
        the gate); ``(None, None)`` when the file cannot be kept open (the question then opens
        it itself and reports why it cannot).

        Why a cursor: ``connect()`` of a file this process has open still resolves the path,
        checks the lock file and matches the sandbox configuration against the open instance
        (52 µs of CPU per open and close against 4 µs for a cursor; getrusage over 500 calls,
        load ~12); a cursor shares the open instance and its read-only, sandboxed configuration.
        """
        with self._lock:
            anchor = self._open_anchor(stamp)
            if anchor is None:
                cursor = None
            else:
                cursor = anchor.con.cursor()
                anchor.users += 1
        if anchor is None or cursor is None:
            yield None, None
            return
        try:
            yield cursor, anchor.stamp
        finally:
            cursor.close()
            with self._lock:
                anchor.users -= 1
                if anchor.users == 0 and anchor in self._retired:
                    anchor.con.close()
                    self._retired.remove(anchor)
                    self._quiet.notify_all()

    def _release_if_a_writer_waits(self) -> None:
        """The gate's idle hook: a queued writer gets the file as soon as questions stop."""
        if writer_waiting(self.db):
            self.release()

    def _close_when_idle(self) -> None:
        """Watch the open warehouse: close it once idle and a writer waits, or idle too long.

        One thread per opening (not per question); it ends when the anchor is closed. It
        closes the file on itself, so it must never still run when Python finalizes: a server
        joins it in :meth:`close`, any other process at exit (:func:`_close_at_exit`).
        """

        def close_if_due() -> bool:
            idle_s = time.monotonic() - self.gate.idle_since
            if idle_s >= ANCHOR_LINGER_S or writer_waiting(self.db):
                self.release()
                return True
            return False

        while True:
            self._wake.wait(WRITER_POLL_S)
            self.gate.when_idle(close_if_due)
            with self._lock:
                if self._anchor is None:
                    self._watcher = None
                    return

    def release(self) -> None:
        """Close the anchor (under the write gate, or idle: no cursor of it is in use) so a
        read-write connection can open."""
        with self._lock:
            if self._anchor is not None:
                self._anchor.con.close()
                self._anchor = None

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called (the server stopped; nothing may open the file)."""
        with self._lock:
            return self._closed

    def close(self) -> None:
        """Release the warehouse for good (the server stops): nothing reopens it after this.

        The warehouse is closed here, on the caller's thread; the idle watcher is woken, sees
        it closed and ends; it is waited for (at most ten polls) so that no thread of this
        server outlives its stop.
        """
        with self._lock:
            self._closed = True
            watcher = self._watcher
        self.release()
        self._wake.set()
        if watcher is not None and watcher is not threading.current_thread():
            watcher.join(WRITER_POLL_S * 10)


#: Every open warehouse of this process that is still alive (weakly: it does not keep one).
_instances: weakref.WeakSet[OpenWarehouse] = weakref.WeakSet()


def _close_at_exit() -> None:
    """Close every open warehouse nobody closed, on the exiting thread (an :mod:`atexit` hook).

    Why: the idle watcher is a daemon thread that closes the warehouse on itself
    ``ANCHOR_LINGER_S`` after the last question. A server's stop joins it (:meth:`close`), but
    a process that answered without stopping a server (a script or a kernel holding an
    ``AskService``, a test) and exited within the linger left it running. A DuckDB close
    releases the GIL; when Python began finalizing meanwhile, the thread's attempt to take the
    GIL back ended it with ``pthread_exit`` inside DuckDB's C++ destructor and the process
    aborted after its work was done ("terminate called after throwing an instance of '' /
    FATAL: exception not rethrown", exit code 134; the same race ``nl2sql.guard``'s watchdog had).
    Here the file is closed before finalization, on this thread, and the watcher is joined;
    :meth:`OpenWarehouse.close` also keeps a later exit hook's question from reopening it.
    """
    for warehouse in list(_instances):
        warehouse.close()


atexit.register(_close_at_exit)
