"""A question whose asker went away: its query is interrupted and its worker freed.

Why (session 29): an asker who closed the page, or a client that sent a question and hung up,
left the question running in its worker to the guard's time limit (30 s), holding one of the
few workers and one of the asker's in-flight places (:mod:`lab.server.busy`) for an answer
nobody would read; a reload sent it again beside the first. Now the handler marks the question
abandoned when tornado reports the connection closed, and the warehouse cursor the question
runs on is interrupted (DuckDB stops the running query; the engine reports it as stopped, an
answer never kept in the answer cache). Each question has a cursor of its own, so nothing
anyone else runs is touched.

>>> gone = Abandon()
>>> gone.abandoned
False
>>> gone.abandon(); gone.abandoned
True
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

import duckdb

#: How often an abandoned question's cursor is interrupted again while the question runs.
INTERRUPT_EVERY_S = 0.05


class Abandon:
    """The abandoned mark of one request and the cursor its question runs on (thread-safe:
    the mark is set on the server's event loop, the cursor attached in a worker).

    Why interrupted again and again, not once: DuckDB's interrupt stops the query running at
    that moment; one that starts a moment later (the engine runs several per question, and the
    client may leave between two) runs to its end. So once the asker is gone, a thread
    interrupts the cursor every :data:`INTERRUPT_EVERY_S` until the question lets it go.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cursor: Any = None
        self._released = threading.Event()
        self._looping = False
        self.abandoned = False

    def attach(self, cursor: Any) -> None:
        """The cursor the question runs on from now (interrupted at once if already gone)."""
        with self._lock:
            self._cursor = cursor
            self._released.clear()
        if self.abandoned:
            self._keep_interrupting()

    def detach(self) -> None:
        """The question is done with its cursor (closed next): never interrupt it later."""
        with self._lock:
            self._cursor = None
            self._released.set()

    def abandon(self) -> None:
        """The asker went away: interrupt what the question runs on its cursor until it ends."""
        self.abandoned = True
        self._keep_interrupting()

    def _keep_interrupting(self) -> None:
        with self._lock:
            if self._looping or self._cursor is None:
                return
            self._looping = True
        threading.Thread(target=self._interrupt_loop, name="orderlens-abandon", daemon=True).start()

    def _interrupt_loop(self) -> None:
        try:
            while True:
                with self._lock:  # under the lock: never a cursor already let go (and closed)
                    if self._cursor is None:
                        return
                    with contextlib.suppress(duckdb.Error, AttributeError):
                        self._cursor.interrupt()
                if self._released.wait(INTERRUPT_EVERY_S):
                    return
        finally:
            with self._lock:
                self._looping = False
