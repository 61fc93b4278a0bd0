"""Wrong tokens per client address: after too many in a short window, that address waits.

Why: the server token and named users' tokens are long random values, so guessing one is
hopeless on its own; but a server that answers every wrong guess at full speed is still an
open oracle (and fills its log). After :attr:`FailedTokens.limit` wrong tokens from one
address within :attr:`FailedTokens.window_s` seconds, every token from that address — right or
wrong — is refused with 429 until the oldest failure leaves the window; people already signed
in (their cookie) are not affected. The count lives in the server process (a restart forgets
it), and the table of addresses is bounded so that a flood of spoofed addresses cannot grow it.
The server counts per host, not per address (``lab.server.busy.address_block``: an IPv6 /64
block, an IPv4-mapped address as the IPv4 one): until session 25 a host rotating its IPv6
address got 20 fresh guesses with each one.

>>> now = [0.0]
>>> t = FailedTokens(limit=2, window_s=60, clock=lambda: now[0])
>>> t.fail("10.0.0.1"); t.wait_s("10.0.0.1")
0.0
>>> t.fail("10.0.0.1"); t.wait_s("10.0.0.1"), t.wait_s("10.0.0.2")
(60.0, 0.0)
>>> now[0] = 61.0; t.wait_s("10.0.0.1")
0.0
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

#: Addresses remembered at most; the least recently failing one is forgotten first.
MAX_ADDRESSES = 10_000


class FailedTokens:
    """Sliding-window count of wrong tokens per client address (thread-safe)."""

    def __init__(
        self,
        limit: int,
        window_s: float,
        clock: Callable[[], float] = time.monotonic,
        max_addresses: int = MAX_ADDRESSES,
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._max = max_addresses
        self._lock = threading.Lock()
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, address: str, now: float) -> deque[float]:
        """The address's failures still inside the window (older ones are dropped)."""
        times = self._failures.get(address)
        if times is None:
            return deque()
        while times and times[0] <= now - self.window_s:
            times.popleft()
        if not times:
            del self._failures[address]
        return times

    def wait_s(self, address: str) -> float:
        """Seconds ``address`` must wait before a token is checked again (0: go ahead)."""
        if self.limit <= 0:
            return 0.0
        with self._lock:
            now = self._clock()
            times = self._recent(address, now)
            if len(times) < self.limit:
                return 0.0
            return max(0.0, times[0] + self.window_s - now)

    def fail(self, address: str) -> None:
        """Count one wrong token from ``address``."""
        if self.limit <= 0:
            return
        with self._lock:
            now = self._clock()
            times = self._recent(address, now)
            times.append(now)
            self._failures[address] = times
            self._failures.move_to_end(address)
            while len(self._failures) > self._max:
                self._failures.popitem(last=False)
