"""The last questions each user asked on this server, in memory and in a small JSON file.

Why a file under the server's runtime dir: the Ask page shows "recent questions" after a
restart too, and the runtime dir is private to the user running Jupyter (no shared state,
no extra database). Why per user: a business user's questions are theirs; one list for everyone
showed each person the others' questions.

Why the care in saving: one question with a lone surrogate (``"\\ud800"``) once made every
later save fail, so every later ask answered 500 until the entry was pushed out. Now an entry
is encoded on its own before it is kept (one that cannot be encoded is dropped and logged, never
stored), the file is written as ASCII JSON inside the lock (two saves cannot interleave or
reorder), to a temporary file that replaces the old one atomically, and a failed save is logged
without failing the answer.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from collections import deque
from pathlib import Path
from typing import Any

HISTORY_FILE = "orderlens-history.json"
#: History key of requests without a named user (e.g. a plain Jupyter server's anonymous user).
ANONYMOUS = ""

log = logging.getLogger("orderlens.server")


def _encode(entry: dict[str, Any]) -> str | None:
    """The entry as one line of ASCII JSON, or None when it cannot be stored."""
    try:
        text = json.dumps(entry, ensure_ascii=False, allow_nan=False, default=str)
        text.encode("utf-8")  # lone surrogates fail here, not later in the file write
    except (TypeError, ValueError, UnicodeEncodeError) as exc:
        log.warning("OrderLens: a history entry could not be stored and was dropped: %s", exc)
        return None
    return json.dumps(entry, ensure_ascii=True, allow_nan=False, default=str)


class QuestionHistory:
    """A bounded, thread-safe list of asked questions per user, newest last.

    >>> h = QuestionHistory(None, size=2)
    >>> for q in ("a", "b", "c"):
    ...     _ = h.add({"question": q, "user": "ana"})
    >>> _ = h.add({"question": "x", "user": "bo"})
    >>> [e["question"] for e in h.latest(user="ana")], [e["question"] for e in h.latest(user="bo")]
    (['c', 'b'], ['x'])
    >>> h.add({"question": "\\ud800", "user": "ana"}) is None  # cannot be stored: dropped
    True
    """

    def __init__(self, path: str | Path | None, size: int = 50) -> None:
        self.path = Path(path) if path is not None else None
        self.size = size
        self._lock = threading.Lock()
        # each entry with its encoded line, so a save never re-encodes the whole history
        self._entries: dict[str, deque[tuple[dict[str, Any], str]]] = {}
        for entry in self._load():
            line = _encode(entry)
            if line is not None:
                self._bucket(entry.get("user")).append((entry, line))

    def _bucket(self, user: str | None) -> deque[tuple[dict[str, Any], str]]:
        return self._entries.setdefault(user or ANONYMOUS, deque(maxlen=self.size))

    def _load(self) -> list[dict[str, Any]]:
        if self.path is None or not self.path.exists():
            return []
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("OrderLens: history %s unreadable, starting empty: %s", self.path, exc)
            return []
        if not isinstance(data, list):
            return []
        return [e for e in data if isinstance(e, dict) and isinstance(e.get("question"), str)]

    def add(self, entry: dict[str, Any]) -> dict[str, Any] | None:
        """Record one question of ``entry["user"]`` and persist; None when it was dropped."""
        line = _encode(entry)
        if line is None:
            return None
        with self._lock:
            self._bucket(entry.get("user")).append((entry, line))
            self._save()
        return entry

    def _save(self) -> None:
        """Write every user's entries (called with the lock held); failures are logged."""
        if self.path is None:
            return
        lines = [line for q in self._entries.values() for _, line in q]
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write("[\n" + ",\n".join(lines) + "\n]\n")
            os.replace(tmp, self.path)
        except OSError as exc:
            log.error("OrderLens: could not save the history to %s: %s", self.path, exc)
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)

    def latest(self, limit: int | None = None, *, user: str | None = None) -> list[dict[str, Any]]:
        """Newest first, at most ``limit`` entries of ``user``."""
        with self._lock:
            items = [e for e, _ in reversed(self._entries.get(user or ANONYMOUS, ()))]
        return items if limit is None else items[:limit]
