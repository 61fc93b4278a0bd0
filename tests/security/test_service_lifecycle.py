"""A server stopping while its warm-up still runs must not leave the warehouse open.

Why it matters: a read-only handle left open in the server process holds DuckDB's file lock, so
every writer (ingest, reconciliation, a notebook) then fails with "Could not set lock".
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from lab.server.history import QuestionHistory
from lab.server.service import AskService, ServiceSettings


def test_no_connection_is_reopened_after_close(demo_db: Path, tmp_path: Path) -> None:
    # A private copy: the session-wide demo warehouse may be held open by another test's
    # service in this process (CI once failed here on such a handle, not on this service's).
    db = tmp_path / "own.duckdb"
    shutil.copyfile(demo_db, db)
    service = AskService(ServiceSettings(db=str(db), chart_svg=False), QuestionHistory(None))
    service.close()  # the server stops first ...
    with service.gate.read():
        service.warehouse.keep_open()  # ... then the warm-up thread reaches the warehouse
    assert service.warehouse._anchor is None
    writer = duckdb.connect(str(db))  # a read-write open would fail if a handle leaked
    writer.close()


def test_questions_do_not_wait_for_the_chart_renderer_to_start(demo_db: Path, monkeypatch) -> None:
    """Two red-team tests hit tornado's 20 s timeout under load: their first question waited
    for the warm-up's chart renderer (a child process, tens of seconds at load ~20)."""
    import threading

    service = AskService(
        ServiceSettings(db=str(demo_db), today="2026-11-20", engine="rules"),
        QuestionHistory(None),
    )
    starting, release = threading.Event(), threading.Event()
    renders: list[dict] = []

    def slow_render(spec: dict, timeout_s: float | None = None) -> str:
        renders.append(spec)
        starting.set()
        release.wait(60)  # a renderer that takes its time to come up
        return "<svg></svg>"

    monkeypatch.setattr(service.charts, "render", slow_render)
    try:
        # the first question builds the catalog and answers; it starts no renderer
        status, body = service.ask("各渠道的GMV", chart_svg=False)
        assert status == 200 and body["rows"] and renders == []
        # the server's background warm-up starts it; a question meanwhile does not wait
        warm = threading.Thread(target=service.warm_up_charts)
        warm.start()
        assert starting.wait(60)
        status, body = service.ask("按月的订单数", chart_svg=False)
        assert status == 200 and body["rows"] and not release.is_set()
    finally:
        release.set()
        service.close()
    warm.join(60)
    assert len(renders) == 1


def test_closing_does_not_wait_for_a_render_in_flight() -> None:
    """Stopping the server kills the renderer instead of waiting out its first render."""
    import threading
    import time

    from lab.server.render import FIRST_RENDER_TIMEOUT_S, ChartRenderer

    renderer = ChartRenderer()
    outcome: list[str] = []
    spec = {
        "data": {"values": [{"k": f"c{i}", "v": i} for i in range(3000)]},
        "mark": "bar",
        "encoding": {"x": {"field": "k", "type": "nominal"}, "y": {"field": "v"}},
    }

    def draw() -> None:
        try:
            renderer.render(spec, timeout_s=FIRST_RENDER_TIMEOUT_S)
            outcome.append("drawn")
        except (RuntimeError, TimeoutError) as exc:
            outcome.append(str(exc))

    thread = threading.Thread(target=draw)
    thread.start()
    while renderer.pid is None and thread.is_alive():  # the child process is starting
        time.sleep(0.01)
    renderer.close()
    thread.join(30)
    assert len(outcome) == 1 and outcome[0].startswith("the chart renderer stopped"), outcome
    assert renderer.pid is None
    try:
        renderer.render(spec)
    except RuntimeError as exc:  # a stopped renderer never starts another child
        assert "stopped" in str(exc)
    else:
        raise AssertionError("a closed renderer drew a chart")
