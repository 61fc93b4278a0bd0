"""Issue 15 item 3: history saved inside its lock, atomically; one bad entry blocks nothing."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from lab.server.history import QuestionHistory


def test_an_entry_that_cannot_be_encoded_is_dropped_and_later_ones_are_saved(
    tmp_path: Path,
) -> None:
    path = tmp_path / "h.json"
    h = QuestionHistory(path, size=10)
    assert h.add({"question": "GMV \ud800", "user": "ana"}) is None
    assert h.add({"question": "GMV", "user": "ana", "ms": float("nan")}) is None
    assert h.add({"question": "订单数", "user": "ana"}) is not None
    saved = json.loads(path.read_text(encoding="ascii"))  # stored as ASCII JSON
    assert [e["question"] for e in saved] == ["订单数"]
    assert [e["question"] for e in QuestionHistory(path).latest(user="ana")] == ["订单数"]


def test_concurrent_adds_leave_one_complete_file_with_every_entry(tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    h = QuestionHistory(path, size=1000)

    def asker(user: str) -> None:
        for i in range(40):
            h.add({"question": f"q{i}", "user": user})

    threads = [threading.Thread(target=asker, args=(f"u{n}",)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    saved = json.loads(path.read_text(encoding="ascii"))
    assert len(saved) == 240
    for n in range(6):  # each user's entries in the order that user asked them
        assert [e["question"] for e in saved if e["user"] == f"u{n}"] == [
            f"q{i}" for i in range(40)
        ]
    # no temporary files left (the lock file every server process shares stays, empty)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".h.json.lock", "h.json"]


def test_a_failing_save_is_logged_and_the_question_still_counts(tmp_path: Path, caplog) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    h = QuestionHistory(blocker / "h.json")
    assert h.add({"question": "GMV", "user": "ana"}) is not None
    assert [e["question"] for e in h.latest(user="ana")] == ["GMV"]
    assert "could not save the history" in caplog.text


def test_a_corrupt_file_starts_empty_instead_of_refusing_to_start(tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    path.write_text('[{"question": "a", "user": "ana"}, ', encoding="utf-8")
    assert QuestionHistory(path).latest(user="ana") == []
