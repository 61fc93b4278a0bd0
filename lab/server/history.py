"""The last questions asked on this server, in memory and in a small JSON file.

Why a file under the server's runtime dir: the Ask page shows "recent questions" after a
restart too, and the runtime dir is private to the user running Jupyter (no shared state,
no extra database). Writes are atomic (temp file + rename) so a crash never leaves half a file.
"""

from __future__ import annotations

import json
import os
import threading
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HISTORY_FILE = "orderlens-history.json"


class QuestionHistory:
    """A bounded, thread-safe list of asked questions, newest last.

    >>> h = QuestionHistory(None, size=2)
    >>> for q in ("a", "b", "c"):
    ...     _ = h.add({"question": q})
    >>> [e["question"] for e in h.latest()]
    ['c', 'b']
    """

    def __init__(self, path: str | Path | None, size: int = 50) -> None:
        self.path = Path(path) if path is not None else None
        self.size = size
        self._lock = threading.Lock()
        self._entries: deque[dict[str, Any]] = deque(self._load(), maxlen=size)

    def _load(self) -> Iterable[dict[str, Any]]:
        if self.path is None or not self.path.exists():
            return []
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []  # a corrupt history is not worth refusing to start over
        return [e for e in data if isinstance(e, dict) and "question" in e][-self.size :]

    def add(self, entry: dict[str, Any]) -> dict[str, Any]:
        """Record one question (and persist the list); returns the stored entry."""
        with self._lock:
            self._entries.append(entry)
            snapshot = list(self._entries)
        self._save(snapshot)
        return entry

    def _save(self, snapshot: list[dict[str, Any]]) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}")
        tmp.write_text(json.dumps(snapshot, ensure_ascii=False, default=str), encoding="utf-8")
        os.replace(tmp, self.path)

    def latest(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Newest first, at most ``limit`` entries."""
        with self._lock:
            items = list(reversed(self._entries))
        return items if limit is None else items[:limit]
