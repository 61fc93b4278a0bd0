"""How many requests one person may have in the answering threads at once.

Why: the server answers with a small pool of worker threads (``OrderLensApp.workers``, 4 by
default) and a question may run up to the guard's 30 s; before session 10 one signed-in user
sending a few slow questions at once held every worker, and everyone else waited. Now each
(user, client address) pair may have at most :attr:`InFlight.limit` requests in the workers;
one more is refused at once with 429 and ``Retry-After``, never queued.

Why the pair and not the user alone: everyone opening ``orderlens serve``'s URL shares the
server token's user name (``server-token``), so a cap per name would make unrelated people
wait for each other; a cap per address alone would do the same behind one office NAT. The
pair caps one browser (or script) of one person.

>>> cap = InFlight(limit=1)
>>> with cap.hold(("ana", "10.0.0.1")):
...     try:
...         with cap.hold(("ana", "10.0.0.1")):
...             pass
...     except Busy as exc:
...         print(exc.status, exc.retry_after_s)
...     with cap.hold(("ana", "10.0.0.2")):  # another address is another pair
...         pass
429 1
>>> cap.running(("ana", "10.0.0.1"))
0
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from lab.server.errors import TooManyRequests

#: Seconds a refused client is told to wait (the common question answers in well under one).
RETRY_AFTER_S = 1


class Busy(TooManyRequests):
    """This user and address already have as many requests running as they may (429)."""

    retry_after_s = RETRY_AFTER_S


class InFlight:
    """Requests running per (user, address) key, refused past ``limit`` (0 = no cap)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._running: dict[tuple[str, str], int] = {}

    def running(self, key: tuple[str, str]) -> int:
        """How many requests ``key`` has running now."""
        with self._lock:
            return self._running.get(key, 0)

    @contextmanager
    def hold(self, key: tuple[str, str]) -> Iterator[None]:
        """Count one request of ``key`` while the block runs; :class:`Busy` when over the cap."""
        if self.limit <= 0:
            yield
            return
        with self._lock:
            now = self._running.get(key, 0)
            if now >= self.limit:
                raise Busy(
                    f"you already have {now} requests being answered on this server (at most "
                    f"{self.limit} at once per user and address): wait for one to finish, then "
                    f"send this again. 已有{now}个请求正在处理，请等其中一个完成后再试。"
                )
            self._running[key] = now + 1
        try:
            yield
        finally:
            with self._lock:
                left = self._running[key] - 1
                if left:
                    self._running[key] = left
                else:
                    del self._running[key]  # the table holds only keys with work running
