"""The saved-questions store: per user, persisted atomically, safe under concurrent saves."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from lab.server.errors import BadRequest, NotFound, Unprocessable
from lab.server.saved import SavedQuestions


def test_saved_questions_survive_a_restart_and_skip_broken_entries(tmp_path: Path) -> None:
    path = tmp_path / "saved.json"
    store = SavedQuestions(path)
    first = store.save("ana", ["各渠道的GMV"])
    store.save("bo", ["订单数", "按周看"], name="每周订单")
    again = SavedQuestions(path)
    assert [e["id"] for e in again.list("ana")] == [first["id"]]
    assert [(e["name"], e["questions"]) for e in again.list("bo")] == [
        ("每周订单", ["订单数", "按周看"])
    ]
    # a hand-edited file with a broken entry: the rest still loads
    data = json.loads(path.read_text(encoding="ascii"))
    data.append({"id": "sq-000000000000", "user": "ana", "name": "no questions"})
    path.write_text(json.dumps(data), encoding="utf-8")
    assert [e["name"] for e in SavedQuestions(path).list("ana")] == ["各渠道的GMV"]


def test_limits_and_other_users_items(tmp_path: Path) -> None:
    store = SavedQuestions(tmp_path / "saved.json", max_per_user=2)
    a = store.save("ana", ["q1"])
    store.save("ana", ["q2"])
    assert store.save("ana", ["q1"])["id"] == a["id"]  # already saved: not a third entry
    with pytest.raises(Unprocessable, match="you have 2 saved questions"):
        store.save("ana", ["q3"])
    with pytest.raises(NotFound, match=a["id"]):
        store.rename("bo", a["id"], "mine")
    with pytest.raises(NotFound):
        store.remove("bo", a["id"])
    with pytest.raises(BadRequest, match="1 to 10 questions"):
        store.save("bo", [f"q{i}" for i in range(11)])
    assert [e["question"] for e in store.list("ana")] == ["q2", "q1"]


def test_concurrent_saves_leave_one_complete_file(tmp_path: Path) -> None:
    path = tmp_path / "saved.json"
    store = SavedQuestions(path)

    def saver(user: str) -> None:
        for i in range(30):
            store.save(user, [f"{user} question {i}"])

    threads = [threading.Thread(target=saver, args=(f"u{n}",)) for n in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    on_disk = json.loads(path.read_text(encoding="ascii"))
    assert len(on_disk) == 150
    for n in range(5):
        mine = [e["question"] for e in on_disk if e["user"] == f"u{n}"]
        assert mine == [f"u{n} question {i}" for i in range(30)]
    # no temporary files left (the lock file two servers share stays, empty)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".saved.json.lock", "saved.json"]
