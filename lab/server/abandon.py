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


class Abandon:
    """The abandoned mark of one request and the cursor its question runs on (thread-safe:
    the mark is set on the server's event loop, the cursor attached in a worker)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cursor: Any = None
        self.abandoned = False

    def attach(self, cursor: Any) -> None:
        """The cursor the question runs on from now (interrupted at once if already gone)."""
        with self._lock:
            self._cursor = cursor
            if self.abandoned:
                _interrupt(cursor)

    def detach(self) -> None:
        """The question is done with its cursor (closed next): never interrupt it later."""
        with self._lock:
            self._cursor = None

    def abandon(self) -> None:
        """The asker went away: interrupt what the question runs, and what it runs next on
        the same cursor."""
        with self._lock:
            self.abandoned = True
            _interrupt(self._cursor)


def _interrupt(cursor: Any) -> None:
    if cursor is not None:
        with contextlib.suppress(duckdb.Error, AttributeError):
            cursor.interrupt()
