"""Small JSON files the server keeps per user: written whole, atomically, inside their lock.

Why one helper: the saved questions and the feedback log are each one file shared by every
user of a server — and by every server process on the same Jupyter directories (two
``orderlens serve`` on one warehouse, or a restart). A save must never leave a half-written file
(a crash mid-write would lose every user's entries) and two saves must not interleave, so each
store holds its own ``threading.Lock`` *and* the file's ``flock`` (:func:`file_lock`) around
"re-read the file if another process replaced it, change, write", and every write goes to a
temporary file in the same directory that atomically replaces the old one
(:class:`SharedJSONList`). Entries are encoded one by one before they are kept
(:func:`encode_entry`): one that cannot be stored (a lone surrogate in a question) is refused on
its own instead of breaking every later save, and one that a reader cannot use is skipped. (The
question history, written at every ask, is a SQLite table instead: :mod:`lab.server.history`.)
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import tempfile
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger("orderlens.server")


def encode_entry(entry: dict[str, Any]) -> str | None:
    """The entry as one line of ASCII JSON, or None when it cannot be stored.

    >>> encode_entry({"question": "各渠道"})
    '{"question": "\\\\u5404\\\\u6e20\\\\u9053"}'
    >>> encode_entry({"question": "\\ud800"}) is None
    True
    """
    try:
        text = json.dumps(entry, ensure_ascii=False, allow_nan=False, default=str)
        text.encode("utf-8")  # lone surrogates fail here, not later in the file write
    except (TypeError, ValueError, UnicodeEncodeError) as exc:
        log.warning("OrderLens: an entry could not be stored and was dropped: %s", exc)
        return None
    return json.dumps(entry, ensure_ascii=True, allow_nan=False, default=str)


def write_atomically(path: Path, text: str, what: str) -> bool:
    """Replace ``path`` with ``text`` (ASCII) via a temporary file; False (logged) on failure.

    Call it with the store's lock held, so two saves cannot reorder.
    """
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        log.error("OrderLens: could not save the %s to %s: %s", what, path, exc)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return False
    return True


def json_list_text(lines: list[str]) -> str:
    """Encoded entries as the text of one JSON list (one entry per line, diff-friendly)."""
    return "[\n" + ",\n".join(lines) + "\n]\n"


def read_json_list(path: Path | None, what: str) -> list[dict[str, Any]]:
    """The objects of a JSON-list file; missing or unreadable files start empty (logged)."""
    if path is None or not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("OrderLens: %s %s unreadable, starting empty: %s", what, path, exc)
        return []
    return [e for e in data if isinstance(e, dict)] if isinstance(data, list) else []


@contextlib.contextmanager
def file_lock(path: Path | None) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``.<name>.lock`` beside ``path`` (nothing for None).

    Why: two servers (two ports, one Jupyter data dir) share one file but each keeps its own
    copy in memory; the threading lock orders one process's saves only. With this lock held a
    store re-reads the file when another process changed it (:func:`file_stamp`), applies its
    change, and writes — so neither process's save is lost. The critical section is a small
    file write (milliseconds), so waiting is blocking and short.
    """
    if path is None:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(f".{path.name}.lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def file_stamp(path: Path | None) -> tuple[int, int, int] | None:
    """Inode, size and mtime of ``path`` (None when missing): every atomic replace changes it."""
    if path is None:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class SharedJSONList(ABC):
    """A JSON-list file several processes change, and this process's copy of it in memory.

    Subclasses keep their entries in the shape they serve (per-user deques, lists) and say how
    to rebuild it from the file's entries (:meth:`_fill`). Reading (:meth:`_reading`) re-reads
    the file only when another process replaced it since this one last read or wrote it
    (inode, size, mtime: every atomic replace makes a new inode); changing (:meth:`_changing`)
    holds this process's lock and the file's ``flock``, so the change applies to the latest
    version and no other process's entries are lost.
    """

    #: What the file holds, for log messages ("saved questions").
    what = "entries"

    def __init__(self, path: str | Path | None) -> None:
        self.path = Path(path) if path is not None else None
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._load()

    @abstractmethod
    def _fill(self, entries: list[dict[str, Any]]) -> None:
        """Replace the copy in memory with the file's ``entries`` (oldest first)."""

    def _load(self) -> None:
        """Read the file into memory and remember which version of it that was."""
        self._stamp = file_stamp(self.path)
        self._fill(read_json_list(self.path, self.what))

    def _sync(self) -> None:
        """Re-read the file when another process replaced it (called with the lock held)."""
        if self.path is not None and file_stamp(self.path) != self._stamp:
            self._load()

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """This process's lock, with the file's latest version in memory."""
        with self._lock:
            self._sync()
            yield

    @contextlib.contextmanager
    def _changing(self) -> Iterator[None]:
        """This process's lock, the file's lock, and the file's latest version in memory."""
        with self._lock, file_lock(self.path):
            self._sync()
            yield

    def _write(self, lines: list[str]) -> None:
        """Write encoded entries (inside :meth:`_changing`); a failure is logged, and the copy
        in memory stays this process's until another process replaces the file."""
        if self.path is not None and write_atomically(self.path, json_list_text(lines), self.what):
            self._stamp = file_stamp(self.path)
