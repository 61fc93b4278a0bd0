"""Issue 15 item 3: one bad history entry blocks nothing; saves are atomic and never fail an ask."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from lab.server.history import QuestionHistory, read_history


def test_an_entry_that_cannot_be_encoded_is_dropped_and_later_ones_are_saved(
    tmp_path: Path,
) -> None:
    path = tmp_path / "h.sqlite3"
    h = QuestionHistory(path, size=10)
    assert h.add({"question": "GMV \ud800", "user": "ana"}) is None
    assert h.add({"question": "GMV", "user": "ana", "ms": float("nan")}) is None
    assert h.add({"question": "订单数", "user": "ana"}) is not None
    assert [e["question"] for e in read_history(path)] == ["订单数"]
    assert [e["question"] for e in QuestionHistory(path).latest(user="ana")] == ["订单数"]


def test_concurrent_adds_keep_every_entry_in_each_users_order(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    h = QuestionHistory(path, size=1000)

    def asker(user: str) -> None:
        for i in range(40):
            h.add({"question": f"q{i}", "user": user})

    threads = [threading.Thread(target=asker, args=(f"u{n}",)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    saved = read_history(path)
    assert len(saved) == 240
    for n in range(6):  # each user's entries in the order that user asked them
        assert [e["question"] for e in saved if e["user"] == f"u{n}"] == [
            f"q{i}" for i in range(40)
        ]


def test_each_user_keeps_the_newest_size_entries(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    h = QuestionHistory(path, size=3)
    for i in range(5):
        h.add({"question": f"a{i}", "user": "ana"})
    h.add({"question": "b0", "user": "bo"})
    assert [e["question"] for e in h.latest(user="ana")] == ["a4", "a3", "a2"]
    assert [e["question"] for e in h.latest(2, user="ana")] == ["a4", "a3"]
    assert [e["question"] for e in read_history(path)] == ["a2", "a3", "a4", "b0"]  # trimmed
    h.close()  # a server's shutdown: the WAL is folded back into the one file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.sqlite3"]
    assert [e["question"] for e in h.latest(user="bo")] == ["b0"]  # opened again when asked


def test_a_failing_save_is_logged_and_the_question_still_counts(tmp_path: Path, caplog) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    h = QuestionHistory(blocker / "h.sqlite3")
    assert h.add({"question": "GMV", "user": "ana"}) is not None
    assert [e["question"] for e in h.latest(user="ana")] == ["GMV"]
    assert "could not save the history" in caplog.text


def test_a_file_that_is_not_a_history_keeps_the_server_answering(tmp_path: Path, caplog) -> None:
    """E.g. an earlier version's JSON history under the configured name: logged with the fix,
    and the server keeps its history in memory instead of failing every ask."""
    path = tmp_path / "h.json"
    path.write_text('[{"question": "a", "user": "ana"}, ', encoding="utf-8")
    h = QuestionHistory(path)
    assert h.latest(user="ana") == []
    assert h.add({"question": "GMV", "user": "ana"}) is not None
    assert [e["question"] for e in h.latest(user="ana")] == ["GMV"]
    assert "earlier version's JSON history" in caplog.text


def test_an_unreadable_row_is_skipped_and_blocks_no_other(tmp_path: Path, caplog) -> None:
    """A row another process or a hand edit left (not JSON, not a question) is skipped."""
    path = tmp_path / "h.sqlite3"
    h = QuestionHistory(path)
    h.add({"question": "各渠道的GMV", "user": "ana"})
    con = sqlite3.connect(path)
    with con:
        con.executemany(
            "INSERT INTO history (user, entry) VALUES (?, ?)",
            [("ana", '{"question": 7}'), ("ana", "{not json"), ("ana", '["GMV"]')],
        )
    con.close()
    h.add({"question": "订单数", "user": "ana"})
    assert [e["question"] for e in h.latest(user="ana")] == ["订单数", "各渠道的GMV"]
    assert "is not a question entry; skipped" in caplog.text


def test_the_history_is_private_to_the_server_user(tmp_path: Path) -> None:
    """Red team, session 13: the history (every user's questions, under their names) was
    created 0644 under the usual umask, and its -wal/-shm files with it, while the saved
    questions, votes and users file are 0600."""
    import os
    import stat

    path = tmp_path / "h.sqlite3"
    old = os.umask(0o022)
    try:
        h = QuestionHistory(path, size=10)
        assert h.add({"question": "各渠道的GMV", "user": "ana"}) is not None
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.glob("h.sqlite3*")}
        h.close()
    finally:
        os.umask(old)
    assert "h.sqlite3-wal" in modes  # WAL mode: the side files exist while it is open
    assert set(modes.values()) == {0o600}, modes
