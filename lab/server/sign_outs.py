"""Who signed out when, kept in a file so that a restart does not forget it.

Why a file: the sign-in cookie is signed, never looked up, so signing out can only void it by
remembering that cookies issued before the sign-out no longer count (session 15). Until
session 16 that was remembered in the server process: after a restart a copied cookie of
someone who had signed out signed in again. The file sits beside the users file (the server's
sign-in state: whoever shares the users file shares the sign-outs) and is written the way the
other small stores are (:mod:`lab.server.store`: atomically, under a file lock, private to the
server's user, re-read when another process replaced it).

Two kinds of entry:

- ``{"user": name, "at": t}``: a named user signed out at ``t``; every cookie of theirs issued
  until then is void, in every browser (they sign in again with their token).
- ``{"session": id, "at": t}``: someone using the *server token* signed out; the server token's
  cookie is shared by everyone who uses that token, so only that one cookie (and its copies) is
  void, by the random session id it carries. Entries older than a cookie's life are dropped.
  Past :data:`MAX_SESSIONS` of them (someone signing in and out in a loop), the oldest are
  folded into one ``{"shared_before": t}``: every server-token cookie issued until ``t`` is void.

A file that exists but cannot be read fails closed: every cookie issued before it was last
written is void (people sign in again with their tokens), and the error is logged.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

from lab.server.store import SharedJSONList, encode_entry, file_stamp
from lab.server.users import name_key

log = logging.getLogger("orderlens.server")

#: A sign-in cookie's life (tornado reads signed cookies up to 31 days old): a sign-out entry
#: of a session older than this voids nothing any more.
COOKIE_LIFE_S = 31 * 24 * 3600.0
#: Server-token sessions remembered one by one; more are folded into ``shared_before``.
MAX_SESSIONS = 2000


def sign_outs_path(users_file: str | Path) -> Path:
    """The sign-outs file beside ``users_file`` (``orderlens_users.json`` ->
    ``orderlens_users.sign-outs.json``).

    >>> sign_outs_path("/etc/orderlens/orderlens_users.json").name
    'orderlens_users.sign-outs.json'
    """
    path = Path(users_file)
    return path.with_name(f"{path.stem}.sign-outs.json")


class SignOuts(SharedJSONList):
    """The sign-outs of one server (one users file), shared by its processes."""

    what = "sign-outs"

    def __init__(self, path: str | Path | None) -> None:
        self._users: dict[str, float] = {}
        self._sessions: dict[str, float] = {}
        self._shared_before = 0.0
        self._everyone_before = 0.0  # an unreadable file: everything issued before it is void
        super().__init__(path)

    def _load(self) -> None:
        """Read the file; one that exists but cannot be read voids every older cookie."""
        self._stamp = file_stamp(self.path)
        entries: list[dict[str, Any]] = []
        self._everyone_before = 0.0
        if self.path is not None and self.path.exists():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if not isinstance(data, list):
                    raise ValueError("not a JSON list")
                entries = [e for e in data if isinstance(e, dict)]
            except (OSError, ValueError) as exc:
                try:
                    self._everyone_before = self.path.stat().st_mtime
                except OSError:
                    self._everyone_before = time.time()
                log.error(
                    "OrderLens: the sign-outs file %s cannot be read (%s): every sign-in "
                    "cookie issued before it was written is void; people sign in again",
                    self.path,
                    exc,
                )
        self._fill(entries)

    def _fill(self, entries: list[dict[str, Any]]) -> None:
        self._users, self._sessions, self._shared_before = {}, {}, 0.0
        for entry in entries:
            at = entry.get("at", entry.get("shared_before"))
            if not isinstance(at, int | float) or isinstance(at, bool):
                continue
            if isinstance(entry.get("user"), str):
                name = name_key(entry["user"])
                self._users[name] = max(self._users.get(name, 0.0), float(at))
            elif isinstance(entry.get("session"), str):
                self._sessions[entry["session"]] = float(at)
            elif "shared_before" in entry:
                self._shared_before = max(self._shared_before, float(at))

    def _save(self) -> None:
        entries: list[dict[str, Any]] = [{"user": u, "at": t} for u, t in self._users.items()]
        entries += [{"session": s, "at": t} for s, t in self._sessions.items()]
        if self._shared_before:
            entries.append({"shared_before": self._shared_before})
        self._write([line for e in entries if (line := encode_entry(e)) is not None])

    def sign_out_user(self, name: str, at: float | None = None) -> None:
        """Void every cookie of the named user ``name`` issued until ``at``.

        Keyed by :func:`~lab.server.users.name_key` (NFKC, then case-folded), as the users file
        finds people: until session 24 this was ``str.lower()``, the same for the ASCII names
        ``users add`` stores, not for every name a key may hold (``ß``, ``ﬀ``, the Kelvin sign).
        """
        at = time.time() if at is None else at
        key = name_key(name)
        with self._changing():
            self._users[key] = max(self._users.get(key, 0.0), at)
            self._save()

    def sign_out_session(self, session: str, at: float | None = None) -> None:
        """Void the server-token cookie carrying ``session`` (and every copy of it)."""
        at = time.time() if at is None else at
        with self._changing():
            cutoff = at - COOKIE_LIFE_S
            self._sessions = {s: t for s, t in self._sessions.items() if t > cutoff}
            self._sessions[session] = at
            if len(self._sessions) > MAX_SESSIONS:  # fold the oldest: fail closed, stay small
                ordered = sorted(self._sessions.items(), key=lambda item: item[1])
                folded = ordered[: len(ordered) - MAX_SESSIONS // 2]
                self._shared_before = max(self._shared_before, folded[-1][1])
                self._sessions = dict(ordered[len(folded) :])
            self._save()

    def user_cookie_void(self, name: str, issued_at: Any) -> bool:
        """Whether a named user's cookie issued at ``issued_at`` was voided by a sign-out (a
        cookie without a time, from before session 15, counts as issued at the epoch)."""
        at = float(issued_at) if isinstance(issued_at, int | float) else 0.0
        with self._reading():
            before = max(self._users.get(name_key(name), 0.0), self._everyone_before)
        return bool(before) and at <= before

    def session_cookie_void(self, session: Any, issued_at: Any) -> bool:
        """Whether a server-token cookie (its session id and issue time) was voided."""
        at = float(issued_at) if isinstance(issued_at, int | float) else 0.0
        with self._reading():
            before = max(self._shared_before, self._everyone_before)
            if before and at <= before:
                return True
            return isinstance(session, str) and session in self._sessions
