"""Answers kept in memory: the LRU of finished answers, and what every answer re-derives.

Why apart from :mod:`lab.server.service`: these are plain, lock-protected containers and pure
helpers with no knowledge of the question engine; the service decides what goes in them.
"""

from __future__ import annotations

import functools
import json
import threading
from collections import OrderedDict
from typing import Any

from lab.server.presentation import pretty_sql


def _jsonable(value: Any) -> Any:
    """Round-trip through JSON so numpy/pandas/date values become plain JSON types."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


@functools.lru_cache(maxsize=1024)
def _pretty_sql(sql: str | None) -> str:
    """``presentation.pretty_sql``, remembered per SQL text.

    Why: laying SQL out re-parses and re-generates it with sqlglot (~0.7 ms of Python holding
    the GIL per answer, measured on the demo's "各渠道的GMV"); the same question compiles to the
    same SQL and the function is pure, so a repeat costs a dict lookup.
    """

    return pretty_sql(sql)


class AnswerCache:
    """A small LRU of finished answers, keyed by question, engine, date, model and warehouse.

    Why: on a shared server many people ask the same questions; a repeat is answered from
    memory as long as the warehouse file is unchanged (its identity and version are part of
    the key), the model's files are unchanged (their content key, the one the on-disk startup
    cache uses: an edited metric never serves an old answer) and relative dates resolve the
    same way (``today`` is part of the key). ``size=0`` disables it.

    Bounded twice: at most ``size`` entries, and ``max_bytes`` of their ``cost`` (the service
    passes the answer's JSON length) in all; an entry costing more than an eighth of that is
    never kept. Why: until session 17 only the count was bounded, and one ask-role user asking
    a 10,000-row question with 40 different dates grew the server by 380 MB.

    >>> c = AnswerCache(1)
    >>> c.put("a", 1); c.put("b", 2)
    >>> (c.get("a"), c.get("b"))
    (None, 2)
    """

    def __init__(self, size: int = 256, max_bytes: int | None = None) -> None:
        self.size = size
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[Any, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key][0]

    def put(self, key: Any, value: Any, cost: int = 0) -> None:
        if self.size <= 0:
            return
        if self.max_bytes is not None and cost * 8 > self.max_bytes:
            return  # one answer would take an eighth of the budget: answer it, do not keep it
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.bytes -= old[1]
            self._items[key] = (value, cost)
            self.bytes += cost
            while len(self._items) > self.size or (
                self.max_bytes is not None and self.bytes > self.max_bytes
            ):
                _, (_, freed) = self._items.popitem(last=False)
                self.bytes -= freed
