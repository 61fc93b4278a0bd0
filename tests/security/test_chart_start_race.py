"""The first chart of a freshly started server is drawn, however long the renderer takes to start.

Session 26 saw the browser test's first answer come without its chart at load > 10: the
server's warm-up starts the chart renderer (a child process: Python, vl-convert, fonts; tens
of seconds under load) and a question asked meanwhile waited for that start, then had its own
render budget already spent (its deadline was counted from before the wait), so its picture
was given up at once, the fresh child killed as "stuck" and a replacement started: the next
question missed its chart too. Here the child is a tiny stand-in that answers every spec after
``REPLY_S``, and its start is slowed by a hook while the test's question is known to be waiting
(no sleep decides the order).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from typing import Any

from lab.server.render import ChartRenderer

#: How long the stand-in child takes to draw one chart (a real small chart: ~0.1 s).
REPLY_S = 0.1
#: The question's render budget; the slowed start takes longer than it.
BUDGET_S = 2.0

_CHILD = (
    "import json, sys, time\n"
    "for line in sys.stdin:\n"
    f"    time.sleep({REPLY_S})\n"
    "    print(json.dumps({'svg': '<svg>' + str(len(line)) + '</svg>'}), flush=True)\n"
)


class _WatchedLock:
    """The renderer's lock, telling the test when a thread starts waiting for it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.waiting = threading.Event()

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        if self._lock.acquire(blocking=False):
            return True
        self.waiting.set()
        return self._lock.acquire(blocking, timeout)

    def release(self) -> None:
        self._lock.release()

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _stand_in(renderer: ChartRenderer) -> None:
    renderer._proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def _renderer(slow_start: Any) -> tuple[ChartRenderer, _WatchedLock]:
    renderer = ChartRenderer(timeout_s=BUDGET_S)
    lock = _WatchedLock()
    renderer._lock = lock  # type: ignore[assignment]
    renderer._start = slow_start(renderer, lock)  # type: ignore[method-assign]
    return renderer, lock


def _in_thread(renderer: ChartRenderer, spec: dict, timeout_s: float | None) -> tuple:
    out: list[Any] = []

    def run() -> None:
        try:
            out.append(renderer.render(spec, timeout_s=timeout_s))
        except (TimeoutError, RuntimeError) as exc:
            out.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, out


def test_a_chart_asked_while_the_warm_up_starts_the_renderer_is_drawn() -> None:
    """The warm-up holds the renderer while its child starts (slowly); the question's chart
    then gets its own budget, and the child the warm-up started is kept."""

    def slow_start(renderer: ChartRenderer, lock: _WatchedLock) -> Any:
        def start() -> None:
            entered.set()
            lock.waiting.wait(30)  # the question is waiting for the renderer now
            time.sleep(BUDGET_S + 0.5)  # the slowed start: longer than the question's budget
            _stand_in(renderer)

        return start

    entered = threading.Event()
    renderer, _ = _renderer(slow_start)
    try:
        warm, warm_out = _in_thread(renderer, {"warm": 1}, 60)  # the server's warm-up
        assert entered.wait(30)
        question, out = _in_thread(renderer, {"question": 1}, None)
        question.join(60)
        warm.join(60)
        assert warm_out and isinstance(warm_out[0], str)
        assert out and isinstance(out[0], str) and out[0].startswith("<svg>"), out
        child = renderer.pid
        assert child is not None
        assert renderer.render({"next": 1}).startswith("<svg>")  # the same child, not replaced
        assert renderer.pid == child
    finally:
        renderer.close()


def test_a_chart_asked_before_the_warm_up_takes_the_renderer_waits_for_it() -> None:
    """The server announces the start before its warm-up thread runs: a chart asked in
    between waits for the start (up to the first render's allowance), not its own budget."""

    def slow_start(renderer: ChartRenderer, lock: _WatchedLock) -> Any:
        return lambda: _stand_in(renderer)

    renderer, lock = _renderer(slow_start)
    renderer.expect_start()  # what the server does before submitting its warm-up
    lock.acquire()  # the warm-up thread has the renderer but has not yet marked the start
    try:
        question, out = _in_thread(renderer, {"question": 2}, None)
        assert lock.waiting.wait(30)
        time.sleep(BUDGET_S + 0.5)  # the slowed start, longer than the question's budget
        renderer._start()
        renderer._exchange('{"warm": 2}', time.monotonic() + 60, 60)  # as the warm-up does
        lock.release()
        question.join(60)
        assert out and isinstance(out[0], str) and out[0].startswith("<svg>"), out
    finally:
        renderer.close()
