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

Why saves are coalesced: with twenty people asking at once, every answer rewrote the file while
the others queued on the lock. Now an entry is added under a short lock and the file is saved
under another; a thread that finds its entry already saved by a later save returns at once, so
one write covers every entry added meanwhile. ``add`` still returns only once its entry is on
disk.
"""

from __future__ import annotations

import threading
from collections import deque
from pathlib import Path
from typing import Any

from lab.server.store import encode_entry, json_list_text, read_json_list, write_atomically

HISTORY_FILE = "orderlens-history.json"
#: History key of requests without a named user (e.g. a plain Jupyter server's anonymous user).
ANONYMOUS = ""


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
        self._save_lock = threading.Lock()  # one save at a time; taken before ``_lock``
        self._added = 0  # entries added so far ...
        self._saved = 0  # ... and how many of them the file holds
        # each entry with its encoded line, so a save never re-encodes the whole history
        self._entries: dict[str, deque[tuple[dict[str, Any], str]]] = {}
        for entry in self._load():
            line = encode_entry(entry)
            if line is not None:
                self._bucket(entry.get("user")).append((entry, line))

    def _bucket(self, user: str | None) -> deque[tuple[dict[str, Any], str]]:
        return self._entries.setdefault(user or ANONYMOUS, deque(maxlen=self.size))

    def _load(self) -> list[dict[str, Any]]:
        return [
            e for e in read_json_list(self.path, "history") if isinstance(e.get("question"), str)
        ]

    def add(self, entry: dict[str, Any]) -> dict[str, Any] | None:
        """Record one question of ``entry["user"]`` and persist; None when it was dropped."""
        line = encode_entry(entry)
        if line is None:
            return None
        with self._lock:
            self._bucket(entry.get("user")).append((entry, line))
            self._added += 1
            mine = self._added
        self._save(mine)
        return entry

    def _save(self, upto: int) -> None:
        """Write every user's entries unless a save since entry ``upto`` did; failures logged."""
        if self.path is None:
            return
        with self._save_lock:
            if self._saved >= upto:  # a later add's save wrote this entry too
                return
            with self._lock:
                lines = [line for q in self._entries.values() for _, line in q]
                count = self._added
            if write_atomically(self.path, json_list_text(lines), "history"):
                self._saved = count

    def latest(self, limit: int | None = None, *, user: str | None = None) -> list[dict[str, Any]]:
        """Newest first, at most ``limit`` entries of ``user``."""
        with self._lock:
            items = [e for e, _ in reversed(self._entries.get(user or ANONYMOUS, ()))]
        return items if limit is None else items[:limit]
