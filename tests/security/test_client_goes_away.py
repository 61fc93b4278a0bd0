"""Red team, session 29: a client that sends a question and hangs up.

Before: the question ran on in its worker to the guard's time limit (30 s) for an answer
nobody would read, holding a worker and the asker's in-flight place (cap 1 here: the same
user's next question was a 429 meanwhile). Probed on main e1d1d8ff with the slow question
below: after the client closed its connection the query ran to this test's own 20 s limit.
Now the handler interrupts the question's cursor when tornado reports the connection closed.
The slow question is a stand-in engine (a query of 10^12 rows on the question's own cursor):
the demo warehouse answers every real question in milliseconds.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import duckdb
import pytest

from lab.server.abandon import Abandon
from lab.server.history import QuestionHistory
from lab.server.service import AskService, ServiceSettings
from nl2sql.guard import time_limited
from tests.security.test_busy_cap import _ask
from tests.server_helpers import server_config

pytest_plugins = ["pytest_jupyter.jupyter_server"]

SLOW = "GMV by channel over all time, slowly"


@pytest.fixture()
def jp_server_config(
    demo_db: Path, demo_catalog: None, history_file: Path, users_file: Path, tokens
):
    return server_config(
        demo_db, users_file, history_file, token_role="ask", today="2026-11-20",
        max_concurrent_per_user=1,
    )  # fmt: skip


@pytest.fixture()
def slow(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event, list]:
    """``SLOW`` runs a query that never ends on its own: (entered, done, how it ended)."""
    entered, done, ended = threading.Event(), threading.Event(), []
    real = AskService._ask_engine

    def engine(self: AskService, question: str, *args: Any) -> Any:
        if question != SLOW:
            return real(self, question, *args)
        con = args[-2]
        entered.set()
        started = time.monotonic()
        try:
            with time_limited(con, 20):  # this test's own bound
                con.execute("SELECT count(*) FROM range(1000000) a, range(1000000) b").fetchall()
            ended.append("finished")
        except duckdb.InterruptException:
            ended.append(time.monotonic() - started)
        done.set()
        return SimpleNamespace(refused=False, error="stopped", reason="stopped",
                               suggestions=[], engine="rules", timings={})  # fmt: skip

    monkeypatch.setattr(AskService, "_ask_engine", engine)
    return entered, done, ended


@pytest.mark.parametrize(
    ("route", "extra"), [("ask", {}), ("chart", {"kind": "bar"})], ids=["ask", "chart"]
)
async def test_a_client_that_hangs_up_has_its_query_interrupted(
    jp_fetch: Any,
    jp_http_port: int,
    jp_base_url: str,
    tokens: dict,
    slow: Any,
    route: str,
    extra: dict[str, str],
) -> None:
    """Session 30: the chart switch too (it asks through the answer cache, so a question not
    cached there, or cached no longer, runs the engine: on main 733a3095 it ran to 20 s)."""
    entered, done, ended = slow
    body = json.dumps({"question": SLOW, **extra}).encode()
    _reader, writer = await asyncio.open_connection("127.0.0.1", jp_http_port)
    writer.write(
        f"POST {jp_base_url}orderlens/api/{route} HTTP/1.1\r\nHost: 127.0.0.1:{jp_http_port}\r\n"
        f"Authorization: token {tokens['ana']}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    await writer.drain()
    assert await asyncio.to_thread(entered.wait, 60), "the question never reached its worker"
    hung_up = time.monotonic()
    writer.close()
    assert await asyncio.to_thread(done.wait, 10), "the query ran on after the client left"
    assert isinstance(ended[0], float) and time.monotonic() - hung_up < 10
    for _ in range(20):  # the worker is free: the same user's next question is answered
        status, answer = await _ask(jp_fetch, tokens["ana"], "GMV")
        if status != 429:
            break
        await asyncio.sleep(0.1)
    assert status == 200 and answer["rows"], answer


def test_a_query_started_after_the_asker_left_is_interrupted_too() -> None:
    """The client may leave between two of a question's queries: DuckDB's interrupt stops
    only the query running at that moment, so the cursor is interrupted until let go."""
    cursor = duckdb.connect().cursor()
    gone = Abandon()
    gone.attach(cursor)
    gone.abandon()
    time.sleep(0.2)  # nothing runs: a single interrupt now would be lost
    started = time.monotonic()
    with pytest.raises(duckdb.InterruptException), time_limited(cursor, 20):
        cursor.execute("SELECT count(*) FROM range(1000000) a, range(1000000) b").fetchall()
    assert time.monotonic() - started < 5
    gone.detach()  # let go: the cursor's next query is left alone
    time.sleep(0.2)
    assert cursor.execute("SELECT 42").fetchall() == [(42,)]


def test_a_conversation_whose_client_left_stops_at_the_running_question(
    demo_db: Path, slow: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A share link's conversation is asked in one request: the mark reaches each of its
    questions, and the interrupted one ends it (the later ones are never asked)."""
    entered, _, ended = slow
    asked: list[str] = []
    real = AskService._ask_engine
    monkeypatch.setattr(
        AskService, "_ask_engine", lambda self, q, *a: asked.append(q) or real(self, q, *a)
    )
    settings = ServiceSettings(db=str(demo_db), engine="rules", today="2026-11-20",
                               chart_svg=False)  # fmt: skip
    service = AskService(settings, QuestionHistory(None))
    gone = Abandon()
    try:
        threading.Thread(target=lambda: entered.wait(60) and gone.abandon(), daemon=True).start()
        started = time.monotonic()
        status, body = service.ask_conversation(["GMV", SLOW, "by channel"], abandon=gone)
        assert time.monotonic() - started < 15 and isinstance(ended[0], float)
    finally:
        service.close()
    assert status == 422 and body["conversation_step"] == 2
    assert asked == ["GMV", SLOW]  # "by channel" never asked
