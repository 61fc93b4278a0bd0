"""A bounded memo keyed by the identity of an object: one lexicon per catalog, one catalog per
model and warehouse, and so on.

Why not ``functools.cache`` or a ``WeakKeyDictionary``: catalogs, models and lexicons are
mutable dataclasses (unhashable, compared by value), and what is cached for them must belong to
*that very object*. Why one class instead of a dict per module: each module had its own
``dict[id(obj)] -> (obj, value)``, some with a size cap, some without, one without the identity
check. An entry keeps its object alive, so without a cap a long-running server (a new catalog
after every ingest or model edit) and a test worker (a new model per module) kept every catalog
and lexicon it ever built; without the identity check a new object that got a collected one's
``id`` received the old object's value.

>>> cache = IdentityCache[str](maxsize=2)
>>> a, b, c = object(), object(), object()
>>> cache.get_or_build(a, lambda: "A"), cache.get_or_build(b, lambda: "B")
('A', 'B')
>>> cache.get_or_build(a, lambda: "rebuilt")  # a hit makes ``a`` the most recently used
'A'
>>> cache.put(c, "C")  # over the cap: ``b``, the least recently used, is dropped
>>> cache.get(b) is None, cache.get(a), cache.get(c), len(cache)
(True, 'A', 'C', 2)
>>> cache.get(a, "warehouse-2") is None  # an extra key part: another entry for the same object
True
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

V = TypeVar("V")


class IdentityCache(Generic[V]):
    """Values for objects, found by ``id`` and checked by identity, least recently used dropped
    past ``maxsize``; thread-safe (the server answers on several threads)."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._entries: OrderedDict[tuple[Hashable, ...], tuple[Any, V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, obj: Any, *extra: Hashable) -> V | None:
        """The value kept for this very ``obj`` (and ``extra``), else None."""
        key = (id(obj), *extra)
        with self._lock:
            hit = self._entries.get(key)
            if hit is None or hit[0] is not obj:
                return None
            self._entries.move_to_end(key)
            return hit[1]

    def put(self, obj: Any, value: V, *extra: Hashable) -> None:
        """Keep ``value`` for ``obj`` (and ``extra``); the entry holds ``obj`` alive until dropped."""
        key = (id(obj), *extra)
        with self._lock:
            self._entries[key] = (obj, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)

    def get_or_build(self, obj: Any, build: Callable[[], V], *extra: Hashable) -> V:
        """The kept value, else ``build()`` kept and returned (built outside the lock: a build
        may take seconds and use other caches; two threads may build once each, harmlessly)."""
        hit = self.get(obj, *extra)
        if hit is not None:
            return hit
        value = build()
        self.put(obj, value, *extra)
        return value

    def cached_keys(self) -> list[tuple[Hashable, ...]]:
        """The keys kept, ``(id(obj), *extra)``, least recently used first (a snapshot)."""
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        """Forget every entry (tests; a process that changes engines)."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
