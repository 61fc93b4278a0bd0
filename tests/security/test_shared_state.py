"""History and the vote cap shared by every server process on the same files (issue 15).

Two ``orderlens serve`` on one warehouse and one set of Jupyter directories (two ports, or an
old process still answering while its replacement starts) each kept their own history and their
own vote counts: the last server to save erased the other's questions, and a person could send
the daily cap of votes to each server. Each case here runs two stores on one file — in one
process (two instances, as two servers hold them), in two real processes, or a running server
app beside a second store — and failed before the history became one SQLite table and the vote
log was counted under its ``flock`` from where this process last read it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from lab.server.errors import TooManyRequests
from lab.server.feedback import FeedbackLog, read_feedback
from lab.server.history import QuestionHistory, read_history
from tests.server_helpers import fetch_json as _call

pytest_plugins = ["pytest_jupyter.jupyter_server"]

REPO = Path(__file__).resolve().parents[2]

#: One process's share of the work: adds ``n`` history entries or votes as a server would.
_WORKER = """
import sys, time
from pathlib import Path
from lab.server.errors import TooManyRequests
from lab.server.feedback import FeedbackLog
from lab.server.history import QuestionHistory

kind, path, name, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
go = Path(path).with_name("go")
Path(path).with_name(f"ready-{name}").touch()
while not go.exists():  # start together, so the two processes' writes interleave
    time.sleep(0.001)
if kind == "history":
    history = QuestionHistory(path, size=1000)
    for i in range(n):
        history.add({"question": f"{name} q{i}", "user": name})
        history.add({"question": f"{name} shared q{i}", "user": "ana"})
else:
    log, refused = FeedbackLog(path, max_per_day=int(sys.argv[5])), 0
    for i in range(n):
        try:
            log.add({"user": "ana", "rating": "up", "question": f"{name} q{i}"})
        except TooManyRequests:
            refused += 1
    print(refused)
"""


def _run_together(*argvs: list[str]) -> list[str]:
    """Run one worker process per argv, released at the same moment once all have started
    (``argv[1]`` is the shared file, ``argv[2]`` the worker's name); their outputs, in order."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, *argv], cwd=REPO, stdout=subprocess.PIPE, text=True
        )
        for argv in argvs
    ]
    folder = Path(argvs[0][1]).parent
    deadline = time.monotonic() + 60
    while not all((folder / f"ready-{argv[2]}").exists() for argv in argvs):
        assert time.monotonic() < deadline, "the worker processes did not start"
        time.sleep(0.01)
    (folder / "go").touch()
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0] * len(procs)
    return outs


def test_two_servers_show_each_others_questions_and_erase_none(tmp_path: Path) -> None:
    """Before: the second server's save wrote only its own copy of the JSON file (the first's
    question was gone) and the first server never listed the second's question."""
    path = tmp_path / "history.sqlite3"
    one, two = QuestionHistory(path), QuestionHistory(path)
    one.add({"question": "各渠道的GMV", "user": "ana"})
    two.add({"question": "GMV by month", "user": "ana"})
    one.add({"question": "退货率", "user": "bo"})
    for server in (one, two):
        assert [e["question"] for e in server.latest(user="ana")] == ["GMV by month", "各渠道的GMV"]
        assert [e["question"] for e in server.latest(user="bo")] == ["退货率"]
    assert [e["question"] for e in read_history(path)] == ["各渠道的GMV", "GMV by month", "退货率"]
    restarted = QuestionHistory(path)
    assert [e["question"] for e in restarted.latest(user="ana")] == ["GMV by month", "各渠道的GMV"]


def test_two_processes_adding_at_once_lose_no_question(tmp_path: Path) -> None:
    """Two real processes, 30 questions each for themselves and 30 each for one shared user:
    every one of the 120 is stored, each process's in the order it asked them. Before: each
    process rewrote the JSON file from its own copy, so it kept about half of them."""
    path = tmp_path / "history.sqlite3"
    _run_together(["history", str(path), "p1", "30"], ["history", str(path), "p2", "30"])
    on_disk = read_history(path)
    assert len(on_disk) == 120
    for name in ("p1", "p2"):
        assert [e["question"] for e in on_disk if e["user"] == name] == [
            f"{name} q{i}" for i in range(30)
        ]
        shared = [e["question"] for e in on_disk if e["user"] == "ana" and name in e["question"]]
        assert shared == [f"{name} shared q{i}" for i in range(30)]
    listed = QuestionHistory(path, size=1000).latest(user="ana")
    assert len(listed) == 60


def test_the_vote_cap_counts_the_votes_sent_to_the_other_server(tmp_path: Path) -> None:
    """Before: each server counted the file once, then only its own votes — 3 here and 2
    there let ana go on voting on the first server past a cap of 5."""
    path = tmp_path / "feedback.jsonl"
    one, two = FeedbackLog(path, max_per_day=5), FeedbackLog(path, max_per_day=5)
    vote = {"user": "ana", "rating": "up", "question": "GMV"}
    for _ in range(3):
        one.add(dict(vote))
    for _ in range(2):
        two.add(dict(vote))
    for server in (one, two):
        with pytest.raises(TooManyRequests, match="you have sent 5 votes today"):
            server.check_room("ana")
        with pytest.raises(TooManyRequests):
            server.add(dict(vote))
    one.check_room("bo")  # another person is not affected
    assert len(read_feedback(path)) == 5


def test_two_processes_voting_at_once_stop_at_the_cap_together(tmp_path: Path) -> None:
    """200 votes each from two processes against a cap of 250: exactly 250 stored, 150
    refused. Before: each process counted the file once at its first vote (and its own votes
    after that), so far more than 250 were stored."""
    path = tmp_path / "feedback.jsonl"
    outs = _run_together(
        ["votes", str(path), "p1", "200", "250"], ["votes", str(path), "p2", "200", "250"]
    )
    assert sum(int(out) for out in outs) == 150
    assert len(read_feedback(path)) == 250


def test_a_vote_after_a_line_a_crash_cut_short_is_kept(tmp_path: Path) -> None:
    """Before: the next vote was appended onto the cut line, so both read as one broken line
    and the new vote was lost (and not counted)."""
    path = tmp_path / "feedback.jsonl"
    log = FeedbackLog(path, max_per_day=5)
    log.add({"user": "ana", "rating": "up", "question": "GMV"})
    with path.open("a", encoding="ascii") as fh:
        fh.write('{"user": "ana", "rating": "do')  # another process died mid-write
    log.add({"user": "ana", "rating": "down", "question": "退货率"})
    assert [v["question"] for v in read_feedback(path)] == ["GMV", "退货率"]
    assert [v["question"] for v in FeedbackLog(path).entries()] == ["GMV", "退货率"]


# ---- a running server beside a second store on the same files ------------------------------


@pytest.fixture()
def feedback_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "orderlens-feedback.jsonl"


@pytest.fixture()
def jp_server_config(jp_server_config: dict, feedback_file: Path) -> dict:
    """The red-team server configuration (named users, ask role) with a known feedback file."""
    jp_server_config["OrderLensApp"]["feedback_file"] = str(feedback_file)
    return jp_server_config


async def test_the_server_lists_a_question_asked_on_another_server(
    jp_fetch, tokens, history_file: Path
) -> None:
    """Before: a server read the history file once at start, so a question the person asked
    on the other server (same runtime dir) never showed in this one's recent questions."""
    ana = {"Authorization": f"token {tokens['ana']}"}
    code, body = await _call(jp_fetch, "orderlens", "api", "history", headers=ana)
    assert (code, body) == (200, {"history": []})  # this server has read the (missing) file
    QuestionHistory(history_file).add({"question": "上个月各渠道的GMV", "user": "ana", "ok": True})
    code, body = await _call(jp_fetch, "orderlens", "api", "history", headers=ana)
    assert code == 200 and [h["question"] for h in body["history"]] == ["上个月各渠道的GMV"]
    code, body = await _call(
        jp_fetch, "orderlens", "api", "history", headers={"Authorization": f"token {tokens['pia']}"}
    )
    assert body == {"history": []}  # still per user


async def test_the_server_refuses_a_vote_once_the_other_server_used_up_the_day(
    jp_fetch, tokens, feedback_file: Path
) -> None:
    """Before: the server's count (1, from its own vote) ignored the 499 votes ana sent to
    the other server afterwards, so her 501st vote of the day was stored."""
    ana = {"Authorization": f"token {tokens['ana']}"}
    vote = json.dumps({"question": "各渠道的GMV", "rating": "up"})
    code, body = await _call(
        jp_fetch, "orderlens", "api", "feedback", method="POST", headers=ana, body=vote
    )
    assert code == 201, body
    other = FeedbackLog(feedback_file)
    for _ in range(499):
        other.add({"user": "ana", "rating": "up", "question": "GMV by month"})
    code, body = await _call(
        jp_fetch, "orderlens", "api", "feedback", method="POST", headers=ana, body=vote
    )
    assert code == 429 and body["error"].startswith("you have sent 500 votes today"), body
    assert len(read_feedback(feedback_file)) == 500


def test_a_file_another_process_is_creating_is_waited_for_not_given_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two servers opening one new history file at the same moment: SQLite answered the loser's
    switch to WAL with "database is locked" at once (no busy wait), and that server kept its
    history in memory only — CI lost 60 of 120 questions. Now a lock while opening is retried.
    The first two opens here meet that lock; the third succeeds and the question is stored."""
    import sqlite3

    real_connect = sqlite3.connect
    locked_opens: list[int] = []

    class _Locked:
        def execute(self, *_: object) -> None:
            raise sqlite3.OperationalError("database is locked")

        def close(self) -> None:
            locked_opens.append(1)

    def connect(*args: Any, **kwargs: Any) -> object:
        return _Locked() if len(locked_opens) < 2 else real_connect(*args, **kwargs)

    monkeypatch.setattr("lab.server.history.sqlite3.connect", connect)
    path = tmp_path / "history.sqlite3"
    history = QuestionHistory(path)
    history.add({"question": "各渠道的GMV", "user": "ana"})
    assert len(locked_opens) == 2
    assert [e["question"] for e in read_history(path)] == ["各渠道的GMV"]


def test_a_file_that_is_not_a_history_is_not_retried(tmp_path: Path) -> None:
    """Only a lock is waited for: a file that is not a database fails at once (memory only)."""
    path = tmp_path / "history.sqlite3"
    path.write_text('[{"question": "an earlier JSON history"}]\n' * 200)
    started = time.monotonic()
    history = QuestionHistory(path)
    history.add({"question": "q", "user": "ana"})
    assert time.monotonic() - started < 2
    assert [e["question"] for e in history.latest(user="ana")] == ["q"]
