"""Thumbs up / down on answers, and turning them into evaluation items.

Why: the engine is judged by question sets (``tests/eval/*.yaml``); the questions people really
ask, with their verdict, are the best source of new items. A vote is stored with who gave it,
when, the question (and the conversation before it, for a follow-up), the semantic query, the
SQL and the interpretation the person saw — taken from the server's own answer, never from the
request body, so a vote cannot claim an SQL the engine did not produce.

Storage: one JSON Lines file, appended one encoded line at a time inside the log's lock (a vote
is never rewritten; a later vote of the same user on the same question supersedes the earlier
one when exported). A line that a crash cut short is skipped (and logged) when read.

Export (:func:`evaluation_document`, ``orderlens feedback export``) writes the eval YAML shape
(``today``, ``model``, ``questions``): a thumbs-up on an answer becomes an item whose
``gold_sql`` is the answer's SQL, confirmed by the named user; a thumbs-up on a refusal becomes
``refuse: true``; a thumbs-down becomes an item with ``review: true`` and **no** ``gold_sql`` —
the engine's SQL is kept as ``answered_sql`` for the reviewer, and nobody's guess is written as
the truth.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import threading
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from lab.server.errors import BadRequest, TooManyRequests
from lab.server.store import encode_entry, file_lock

FEEDBACK_FILE = "orderlens-feedback.jsonl"
#: Overrides where the server writes and ``orderlens feedback export`` reads the votes.
FEEDBACK_FILE_ENV = "ORDERLENS_FEEDBACK_FILE"
#: Votes one person may send per UTC day. Why a cap: the log is append-only and every vote
#: re-asks its question, so without one a single signed-in user could fill the disk and keep
#: the answering threads busy; 500 a day is far above what a person rates by hand.
MAX_VOTES_PER_USER_PER_DAY = 500

log = logging.getLogger("orderlens.server")


class Rating(StrEnum):
    """A person's verdict on one answer."""

    UP = "up"
    DOWN = "down"


def default_feedback_file() -> Path:
    """``$ORDERLENS_FEEDBACK_FILE``, else ``orderlens-feedback.jsonl`` in Jupyter's data dir.

    Why the data dir (not the runtime dir of the history): votes are evaluation material worth
    keeping across restarts and machine clean-ups; recent questions are not.
    """
    env = os.environ.get(FEEDBACK_FILE_ENV)
    if env:
        return Path(env).expanduser()
    # lazy: lab.commands.feedback imports this module at every `orderlens` start
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / FEEDBACK_FILE


class FeedbackLog:
    """Append-only votes, one JSON line each, shared by every server process on the file.

    The per-person daily cap counts every process's votes: each check and each append holds
    the file's ``flock`` (:func:`~lab.server.store.file_lock`) and first reads the lines other
    processes appended since this one last looked (:meth:`_catch_up`, from a remembered byte
    offset: the log is append-only, so nothing before it changes). A vote therefore cannot
    slip past the cap because it was sent to another server, or just after a restart.
    """

    def __init__(
        self, path: str | Path | None, max_per_day: int = MAX_VOTES_PER_USER_PER_DAY
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.max_per_day = max_per_day
        self._lock = threading.Lock()
        self._memory: list[dict[str, Any]] = []  # without a file (tests, doctests)
        self._counts: dict[tuple[str, str], int] = {}  # (user, UTC day) -> votes
        self._read_to: tuple[int, int] | None = None  # (inode, byte offset) counted so far
        self._whole_lines = True  # whether the file ends with a newline (no line cut short)

    def check_room(self, user: str | None) -> None:
        """Raise :class:`TooManyRequests` (429) when ``user`` used up today's votes.

        Called before the vote's question is re-asked, and again when it is stored; both count
        the votes every server process stored in the file, this one's included.
        """
        with self._lock, file_lock(self.path):
            self._catch_up()
            self._check_room_locked(user or "", _now()[:10])

    def _check_room_locked(self, user: str, day: str) -> None:
        sent = self._counts.get((user, day), 0)
        if sent >= self.max_per_day:
            raise TooManyRequests(
                f"you have sent {sent} votes today (UTC), the most one person can send in a "
                "day; send more tomorrow"
            )

    def _count(self, vote: dict[str, Any]) -> None:
        key = (str(vote.get("user") or ""), str(vote.get("at", ""))[:10])
        self._counts[key] = self._counts.get(key, 0) + 1

    def _catch_up(self) -> None:
        """Count the votes appended to the file since this process last read it (both locks
        held). A file replaced or cut (another inode, or shorter) is counted again whole."""
        if self.path is None:
            return
        try:
            with open(self.path, "rb") as fh:
                inode = os.fstat(fh.fileno()).st_ino
                if self._read_to is None or self._read_to[0] != inode:
                    self._counts, start = {}, 0
                else:
                    start = self._read_to[1]
                if os.fstat(fh.fileno()).st_size < start:  # truncated: count from the start
                    self._counts, start = {}, 0
                fh.seek(start)
                tail = fh.read()
        except FileNotFoundError:
            self._counts, self._read_to, self._whole_lines = {}, None, True
            return
        complete = tail[: tail.rfind(b"\n") + 1]  # a line still being cut short waits
        for vote in _votes_of(complete.decode("utf-8", errors="replace").splitlines()):
            self._count(vote)
        self._read_to = (inode, start + len(complete))
        self._whole_lines = len(complete) == len(tail)

    def add(self, entry: dict[str, Any]) -> dict[str, Any]:
        """Store one vote (``id`` and ``at`` are added); 400 when it cannot be encoded."""
        entry = {"id": f"fb-{secrets.token_hex(6)}", "at": _now(), **entry}
        line = encode_entry(entry)
        if line is None:
            raise BadRequest("the feedback contains characters that cannot be stored")
        user, day = str(entry.get("user") or ""), str(entry["at"])[:10]
        with self._lock, file_lock(self.path):
            self._catch_up()
            self._check_room_locked(user, day)
            if self.path is None:
                self._memory.append(entry)
                self._count(entry)
                return entry
            # a line a crash cut short is ended first, so this vote is not glued onto it
            data = ("" if self._whole_lines else "\n") + line + "\n"
            # one write of one line on an O_APPEND descriptor: lines never interleave
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                os.write(fd, data.encode("ascii"))
            finally:
                os.close(fd)
            self._catch_up()  # counts this vote (and moves past the line it ended)
        return entry

    def entries(self) -> list[dict[str, Any]]:
        """Every stored vote, oldest first."""
        if self.path is None:
            with self._lock:
                return list(self._memory)
        return read_feedback(self.path)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def read_feedback(path: Path, since: datetime | None = None) -> list[dict[str, Any]]:
    """The votes of a feedback file given at or after ``since`` (UTC), oldest first.

    A line that is not a JSON object (cut short by a crash) is skipped with a warning.
    """
    if not path.exists():
        return []
    votes = _votes_of(path.read_text(encoding="utf-8").splitlines(), path)
    return [v for v in votes if since is None or _parse_at(v.get("at")) >= since]


def _votes_of(lines: Iterable[str], path: Path | None = None) -> Iterator[dict[str, Any]]:
    """The votes among JSON lines; any other line is skipped (logged when ``path`` is given)."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            entry = None
        if not isinstance(entry, dict) or entry.get("rating") not in {r.value for r in Rating}:
            if path is not None:
                log.warning("OrderLens: %s line %d is not a vote; skipped", path, number)
            continue
        yield entry


def _parse_at(value: Any) -> datetime:
    try:
        at = datetime.fromisoformat(str(value))
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def latest_votes(entries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One vote per (user, conversation, question, today): the latest, in first-vote order.

    >>> v = latest_votes([{"user": "a", "question": "q", "rating": "up", "at": "1"},
    ...                   {"user": "a", "question": "q", "rating": "down", "at": "2"}])
    >>> [x["rating"] for x in v]
    ['down']
    """
    latest: dict[tuple[Any, ...], dict[str, Any]] = {}
    for entry in entries:
        key = (
            entry.get("user"),
            tuple(entry.get("followup_of") or ()),
            entry.get("question"),
            entry.get("today"),
        )
        latest[key] = entry  # dicts keep the first insertion's position
    return list(latest.values())


def evaluation_item(vote: dict[str, Any]) -> dict[str, Any]:
    """One vote as an item of the eval YAML format (see the module docstring for the rules).

    >>> evaluation_item({"question": "GMV", "rating": "up", "ok": True, "sql": "SELECT 1",
    ...     "user": "ana", "at": "2026-11-20T08:00:00+00:00", "today": "2026-11-20"})["gold_sql"]
    'SELECT 1'
    >>> sorted(evaluation_item({"question": "GMV", "rating": "down", "ok": True,
    ...     "sql": "SELECT 1", "user": "ana"}))
    ['answered_sql', 'feedback', 'question', 'review', 'today']
    """
    item: dict[str, Any] = {"question": vote["question"], "today": vote.get("today")}
    if vote.get("followup_of"):
        item["followup_of"] = list(vote["followup_of"])
    up = vote["rating"] == Rating.UP
    if up and vote.get("ok"):
        item["gold_sql"] = vote.get("sql")
    elif up:
        item["refuse"] = True
    else:
        item["review"] = True
        if vote.get("ok"):
            item["answered_sql"] = vote.get("sql")
        else:
            item["refused_with"] = vote.get("refusal_reason")
    item["feedback"] = {
        k: vote.get(k)
        for k in ("rating", "user", "at", "comment", "interpretation", "semantic_query", "engine")
        if vote.get(k) not in (None, "", {})
    }
    return item


def evaluation_document(votes: list[dict[str, Any]]) -> dict[str, Any]:
    """The eval YAML document of ``votes`` (latest vote per question and user).

    ``today`` and ``model`` are top-level keys when every item shares them (as the repo's
    question sets have them); each item keeps its own ``today`` either way, because relative
    dates ("上个月") only mean something against the date the answer was given.
    """
    kept = latest_votes(votes)
    items = [evaluation_item(v) for v in kept]
    doc: dict[str, Any] = {}
    todays = {i["today"] for i in items}
    models = {v.get("model") or "builtin" for v in kept}
    if len(todays) == 1:
        doc["today"] = next(iter(todays))
    if len(models) == 1:
        doc["model"] = next(iter(models))
    doc["questions"] = items
    return doc


def vote_from_answer(
    *,
    user: str | None,
    rating: str,
    comment: str | None,
    questions: list[str],
    status: int,
    body: dict[str, Any],
    today: str,
    model: str | None,
) -> dict[str, Any]:
    """The stored vote for the server's own answer ``(status, body)`` to ``questions[-1]``."""
    if rating not in {r.value for r in Rating}:
        raise BadRequest('"rating" must be "up" or "down"')
    ok = status == 200
    query = (body.get("followup_context") or {}).get("query") if ok else None
    return {
        "user": user,
        "rating": rating,
        "comment": comment or None,
        "question": questions[-1],
        "followup_of": questions[:-1],
        "today": today,
        "model": model or "builtin",
        "ok": ok,
        "engine": body.get("engine"),
        "semantic_query": query,
        "sql": body.get("sql") if ok else None,
        "interpretation": body.get("interpretation") if ok else None,
        "refusal_reason": None if ok else (body.get("reason") or body.get("error")),
    }
