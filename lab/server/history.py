"""The last questions each user asked, in a small JSON file every server process shares.

Why a file under the server's runtime dir: the Ask page shows "recent questions" after a
restart too, and the runtime dir is private to the user running Jupyter (no shared state,
no extra database). Why per user: a business user's questions are theirs; one list for everyone
showed each person the others' questions.

Why shared between processes: two ``orderlens serve`` on the same Jupyter directories (two
ports, or the old process still answering during a restart) each kept their own copy, and the
last to save erased the other's questions. Now every add is made under the file's ``flock`` on
the file's latest version, and a listing re-reads the file when another process replaced it
(:class:`~lab.server.store.SharedJSONList`), so each server shows every question either took.

Why the care in saving: one question with a lone surrogate (``"\\ud800"``) once made every
later save fail, so every later ask answered 500 until the entry was pushed out. Now an entry
is encoded on its own before it is kept (one that cannot be encoded is dropped and logged, never
stored; one in the file that cannot be read is skipped), the file is written as ASCII JSON
inside the locks (two saves cannot interleave or reorder), to a temporary file that replaces the
old one atomically, and a failed save is logged without failing the answer.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any

from lab.server.store import SharedJSONList, encode_entry

HISTORY_FILE = "orderlens-history.json"
#: History key of requests without a named user (e.g. a plain Jupyter server's anonymous user).
ANONYMOUS = ""


class QuestionHistory(SharedJSONList):
    """A bounded, thread- and process-safe list of asked questions per user, newest last.

    >>> h = QuestionHistory(None, size=2)
    >>> for q in ("a", "b", "c"):
    ...     _ = h.add({"question": q, "user": "ana"})
    >>> _ = h.add({"question": "x", "user": "bo"})
    >>> [e["question"] for e in h.latest(user="ana")], [e["question"] for e in h.latest(user="bo")]
    (['c', 'b'], ['x'])
    >>> h.add({"question": "\\ud800", "user": "ana"}) is None  # cannot be stored: dropped
    True
    """

    what = "history"
    best_effort = True  # a question is answered even when its history entry cannot be saved

    def __init__(self, path: str | Path | None, size: int = 50) -> None:
        self.size = size
        # each entry with its encoded line, so a save never re-encodes the whole history
        self._entries: dict[str, deque[tuple[dict[str, Any], str]]] = {}
        super().__init__(path)

    def _bucket(self, user: str | None) -> deque[tuple[dict[str, Any], str]]:
        return self._entries.setdefault(user or ANONYMOUS, deque(maxlen=self.size))

    def _fill(self, entries: list[dict[str, Any]]) -> None:
        self._entries = {}
        for entry in entries:
            if isinstance(entry.get("question"), str):
                line = encode_entry(entry)
                if line is not None:
                    self._bucket(entry.get("user")).append((entry, line))

    def add(self, entry: dict[str, Any]) -> dict[str, Any] | None:
        """Record one question of ``entry["user"]`` and persist; None when it was dropped."""
        line = encode_entry(entry)
        if line is None:
            return None
        with self._changing():
            self._bucket(entry.get("user")).append((entry, line))
            self._write([line for q in self._entries.values() for _, line in q])
        return entry

    def latest(self, limit: int | None = None, *, user: str | None = None) -> list[dict[str, Any]]:
        """Newest first, at most ``limit`` entries of ``user`` (other processes' included)."""
        with self._reading():
            items = [e for e, _ in reversed(self._entries.get(user or ANONYMOUS, ()))]
        return items if limit is None else items[:limit]
