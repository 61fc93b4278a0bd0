"""Saved questions: each user's own list of questions to ask again with one click.

Why per user and on the server (not in the browser's storage): a business user signs in from
more than one machine, and the list is theirs alone — one user's saves, renames and removals
never touch another's. Why a conversation: a saved follow-up ("只看上个月" after "各渠道的GMV")
means nothing alone, so an entry keeps every question of its conversation, first to last, and
re-running asks them in order (like a share link).

Stored like the history (:mod:`lab.server.store`): one JSON file for all users, every change
made and written inside the store's lock, atomically; an entry that cannot be encoded is
refused with a 400 instead of being stored. Two servers may share the file (two ports, one
Jupyter data dir): a change is made under the file's ``flock`` on the file's latest version, and
a listing re-reads the file when another process replaced it
(:class:`~lab.server.store.SharedJSONList`).
"""

from __future__ import annotations

import builtins  # the class's own ``list`` method shadows the type in its body
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lab.server.errors import BadRequest, NotFound, Unprocessable
from lab.server.history import ANONYMOUS
from lab.server.store import SharedJSONList, encode_entry

SAVED_FILE = "orderlens-saved-questions.json"
#: How many questions one user may keep saved (a list to pick from, not an archive).
MAX_SAVED_PER_USER = 100
#: Longest name of a saved question.
MAX_NAME_CHARS = 80
#: Most questions one saved conversation may hold (a first question and its follow-ups).
MAX_CONVERSATION = 10


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SavedQuestions(SharedJSONList):
    """Per-user saved questions, thread-safe, persisted as one JSON file.

    >>> s = SavedQuestions(None)
    >>> q = s.save("ana", ["各渠道的GMV", "只看上个月"], name="上月渠道GMV")
    >>> (q["question"], q["questions"], q["name"]), s.list("bo")
    (('只看上个月', ['各渠道的GMV', '只看上个月'], '上月渠道GMV'), [])
    >>> s.rename("ana", q["id"], "Channel GMV, last month")["name"]
    'Channel GMV, last month'
    >>> s.remove("ana", q["id"]); s.list("ana")
    []
    """

    what = "saved questions"

    def __init__(self, path: str | Path | None, max_per_user: int = MAX_SAVED_PER_USER) -> None:
        self.max_per_user = max_per_user
        self._entries: dict[str, list[dict[str, Any]]] = {}
        super().__init__(path)

    def _fill(self, entries: list[dict[str, Any]]) -> None:
        self._entries = {}
        for entry in entries:
            if _valid(entry) and encode_entry(entry) is not None:
                self._entries.setdefault(entry.get("user") or ANONYMOUS, []).append(entry)

    def list(self, user: str | None) -> list[dict[str, Any]]:
        """The user's saved questions, most recently saved first."""
        with self._reading():
            return [dict(e) for e in reversed(self._entries.get(user or ANONYMOUS, []))]

    def save(
        self, user: str | None, questions: builtins.list[str], name: str | None = None
    ) -> dict[str, Any]:
        """Save a conversation (its last question is the one saved); an identical one is kept.

        Saving the same conversation again renames it (when a name is given) instead of adding
        a duplicate. Raises :class:`Unprocessable` when the user already has the maximum.
        """
        if not questions or len(questions) > MAX_CONVERSATION:
            raise BadRequest(
                f"a saved question holds 1 to {MAX_CONVERSATION} questions (a first question and "
                f"its follow-ups), got {len(questions)}"
            )
        key = user or ANONYMOUS
        with self._changing():
            mine = self._entries.setdefault(key, [])
            for entry in mine:
                if entry["questions"] == questions:
                    if name:
                        entry["name"] = name
                        self._save()
                    return dict(entry)
            if len(mine) >= self.max_per_user:
                raise Unprocessable(
                    f"you have {len(mine)} saved questions, the most one person can keep; "
                    "remove one you no longer need, then save this one"
                )
            entry = {
                "id": f"sq-{secrets.token_hex(6)}",
                "user": user,
                "name": name or questions[-1],
                "question": questions[-1],
                "questions": list(questions),
                "saved_at": _now(),
            }
            if encode_entry(entry) is None:
                raise BadRequest("the question contains characters that cannot be stored")
            mine.append(entry)
            self._save()
        return dict(entry)

    def rename(self, user: str | None, saved_id: str, name: str) -> dict[str, Any]:
        """Give one of the user's saved questions a new name (404 when it is not theirs)."""
        with self._changing():
            entry = self._find(user, saved_id)
            entry["name"] = name
            self._save()
            return dict(entry)

    def remove(self, user: str | None, saved_id: str) -> None:
        """Unsave one of the user's questions (404 when it is not theirs)."""
        with self._changing():
            entry = self._find(user, saved_id)
            self._entries[user or ANONYMOUS].remove(entry)
            self._save()

    def _find(self, user: str | None, saved_id: str) -> dict[str, Any]:
        for entry in self._entries.get(user or ANONYMOUS, []):
            if entry["id"] == saved_id:
                return entry
        raise NotFound(
            f"you have no saved question {saved_id[:40]!r}; list yours with GET "
            "/orderlens/api/saved"
        )

    def _save(self) -> None:
        """Write every user's entries (inside :meth:`_changing`); failures are logged."""
        self._write(
            [line for es in self._entries.values() for e in es if (line := encode_entry(e))]
        )


def _valid(entry: dict[str, Any]) -> bool:
    """Whether a stored entry has the fields the page relies on (others are skipped)."""
    questions = entry.get("questions")
    return (
        isinstance(entry.get("id"), str)
        and isinstance(entry.get("name"), str)
        and isinstance(questions, list)
        and bool(questions)
        and all(isinstance(q, str) for q in questions)
    )
