"""How many requests one person may have in the answering threads at once.

Why: the server answers with a small pool of worker threads (``OrderLensApp.workers``, 4 by
default) and a question may run up to the guard's 30 s; before session 10 one signed-in user
sending a few slow questions at once held every worker, and everyone else waited. Now each
person may have at most :attr:`InFlight.limit` requests in the workers; one more is refused at
once with 429 and ``Retry-After``, never queued.

Who is one person (:func:`cap_key`): a named user, wherever they ask from (session 11: a second
address or a second spelling of the name used to be a second allowance); for the server's own
token, which everyone opening ``orderlens serve``'s URL shares, each client address (an IPv6
address by its /64 block), since a cap per name would make unrelated people wait for each
other.

>>> cap = InFlight(limit=1)
>>> with cap.hold(("ana", "10.0.0.1")):
...     try:
...         with cap.hold(("ana", "10.0.0.1")):
...             pass
...     except Busy as exc:
...         print(exc.status, exc.retry_after_s)
...     with cap.hold(("ana", "10.0.0.2")):  # another key
...         pass
429 1
>>> cap.running(("ana", "10.0.0.1"))
0
"""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from lab.server.errors import TooManyRequests
from lab.server.users import name_key

#: Seconds a refused client is told to wait (the common question answers in well under one).
RETRY_AFTER_S = 1


class Busy(TooManyRequests):
    """This person already has as many requests running as they may (429)."""

    retry_after_s = RETRY_AFTER_S


class InFlight:
    """Requests running per :func:`cap_key`, refused past ``limit`` (0 = no cap)."""

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
                    f"{self.limit} at once per person): wait for one to finish, then "
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


#: Leading bits of an IPv6 address that one host can rotate within (a /64 is one subnet,
#: handed to one machine or one customer; privacy extensions pick a new address in it daily).
IPV6_BLOCK_BITS = 64


def address_block(address: str) -> str:
    """The client address as the cap counts it: IPv4 as is, IPv6 as its /64 block.

    >>> address_block("2001:db8:1:2::10") == address_block("2001:db8:1:2:ffff::1")
    True
    >>> address_block("::ffff:10.0.0.1"), address_block("10.0.0.1"), address_block("")
    ('10.0.0.1', '10.0.0.1', '?')
    """
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return address.strip() or "?"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/{IPV6_BLOCK_BITS}", strict=False))
    return str(ip)


def cap_key(user: str, named: bool, address: str) -> tuple[str, str]:
    """Whose allowance a request is counted against.

    Why not (name, address) for everyone, as in session 10: a named user's token works from
    any address, so a second machine, a rotated IPv6 address or (behind a proxy trusted with
    ``trust_xheaders``) a forged ``X-Forwarded-For`` each got a fresh allowance; and two
    spellings of one name (``ANA`` / ``ana``, kept from users files written before session 10)
    were two allowances. A named user is one person: one allowance wherever they ask from,
    under :func:`~lab.server.users.name_key`. The server token is shared by everyone who has
    the server's URL, so it stays per address (per /64 block for IPv6).

    >>> cap_key("ANA", True, "10.0.0.1") == cap_key("ana", True, "10.0.0.2")
    True
    >>> cap_key("server-token", False, "10.0.0.1")
    ('server-token', '10.0.0.1')
    """
    if named:
        return (name_key(user) or "?", "*")
    return (user or "?", address_block(address))
