"""The server's read/write gate on the warehouse file (many readers or one writer).

Why its own module: the gate is a small concurrency primitive with its own contract (readers
in this process, writers here and in other processes first); the answering service only uses it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from connectors.warehouse import wait_for_writers


class WarehouseGate:
    """Many readers or one writer, inside this server process — and polite to other processes.

    Why: DuckDB lets a file be open by many read-only connections *or* one read-write one.
    Questions read (concurrently); a planner's decision on a recommendation writes, so it waits
    for running questions to finish and holds new ones back for the few milliseconds it takes.
    """

    def __init__(self, db: str | None = None, on_idle: Callable[[], None] | None = None) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._db = db
        self._on_idle = on_idle
        self.idle_since = time.monotonic()  # when the last reader left

    @contextmanager
    def read(self) -> Iterator[None]:
        if self._db is not None:  # a writer in another process goes first (docs/concurrency.md)
            wait_for_writers(self._db)
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if self._readers == 0:
                    self.idle_since = time.monotonic()
                    if self._on_idle is not None:
                        self._on_idle()  # e.g. close the file when a writer waits for it
                self._cond.notify_all()

    def when_idle(self, action: Callable[[], bool]) -> bool:
        """Run ``action`` if nothing reads or writes (nothing can start meanwhile); its result.

        False without running it while a question reads or a decision writes.
        """
        with self._cond:
            if self._readers or self._writing:
                return False
            return action()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._writing = True  # new readers wait from here on
            self._cond.wait_for(lambda: self._readers == 0)
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()
