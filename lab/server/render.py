"""Charts drawn to SVG in a child process, within a time limit, with a cap on marks.

Why a child process (``python -m lab.server.render``): vl-convert holds Python's GIL while it renders (measured: a thread spinning
next to a 1,000-bar render advanced ~1% of its idle rate), so a 4,068-bar chart drawn in a
server thread (11 s) stalled *every* request of the server, and a trivial question waited 10.8 s.
In a child process the render uses the other core and the answering threads go on; when the
render is not done in time the answer is sent without its picture (the table is there) and the
child is replaced, so one huge chart can never hold the renderer.

Why a cap as well: thousands of bars are unreadable anyway. A bar chart with more rows than
:data:`MAX_CHART_ROWS` is drawn as its :data:`TOP_N` largest bars and says so in its title;
another chart that large is not drawn on the server at all (the note says why).
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import selectors
import subprocess
import sys
import threading
import time
from collections import OrderedDict
from typing import Any

log = logging.getLogger("orderlens.server")

#: Charts with more data rows than this are capped (bars) or not drawn on the server.
MAX_CHART_ROWS = 500
#: How many bars a capped bar chart keeps (the largest ones).
TOP_N = 50
#: The largest chart spec (characters of its JSON line) sent to the renderer. Why (session 29):
#: a chart with one 10 MB label (a data value) kept vl-convert busy past a minute, so each such
#: question had the child killed and restarted (seconds, tens under load) and anyone's chart
#: asked meanwhile came without its picture; 500 rows of ordinary labels take ~100 KB.
MAX_SPEC_CHARS = 1_000_000
#: How long an answer waits for its picture before it is sent without one.
RENDER_TIMEOUT_S = 5.0
#: The first render starts the child (Python + vl-convert + fonts): allow more time.
FIRST_RENDER_TIMEOUT_S = 60.0
_SVG_CACHE_SIZE = 256
#: What a replacement child draws first, so that its fonts are loaded before a real chart.
_WARM_UP_SPEC: dict[str, Any] = {
    "data": {"values": [{"k": "a", "v": 1}]},
    "mark": "bar",
    "encoding": {
        "x": {"field": "k", "type": "nominal"},
        "y": {"field": "v", "type": "quantitative"},
    },
}


def _child_main() -> None:
    """The renderer process: one JSON spec per stdin line, one JSON reply per stdout line.

    Why a plain subprocess (``python -m lab.server.render``) and not ``multiprocessing``: a
    spawned multiprocessing child re-imports the parent's ``__main__`` (a server launcher, a
    notebook kernel, a script), which is slow at best and re-runs it at worst.
    """

    from nl2sql.charts import render_chart  # the one SVG path (registers the CJK font)

    for line in sys.stdin:
        try:
            reply = {"svg": render_chart(json.loads(line), "svg")}
        except Exception as exc:
            reply = {"error": f"{type(exc).__name__}: {exc}"[:500]}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


def _data_rows(spec: dict[str, Any]) -> list[Any] | None:
    """The inline rows of a Vega-Lite spec (``data.values`` or the named ``datasets`` entry)."""
    data = spec.get("data") or {}
    if isinstance(data.get("values"), list):
        return data["values"]
    name = data.get("name")
    rows = (spec.get("datasets") or {}).get(name) if name else None
    return rows if isinstance(rows, list) else None


def _largest_inline_rows(spec: Any) -> int:
    """The most rows any one inline dataset of ``spec`` holds, layers and concatenations included.

    Why not only :func:`_data_rows`: a time series with a partial last period is a layered
    chart (a solid and a dashed layer, each with its own ``data.values``), with no top-level
    data. Until session 14 such a chart of 4,953 days x customers went to the renderer uncapped,
    ran out of time and had the renderer killed, on every such question.

    >>> _largest_inline_rows({"layer": [{"data": {"values": [1, 2, 3]}}, {"data": {"values": [1]}}]})
    3
    """
    if isinstance(spec, list):
        return max((_largest_inline_rows(item) for item in spec), default=0)
    if not isinstance(spec, dict):
        return 0
    most = 0
    data = spec.get("data")
    if isinstance(data, dict) and isinstance(data.get("values"), list):
        most = len(data["values"])
    datasets = spec.get("datasets")
    if isinstance(datasets, dict):
        most = max([most, *(len(v) for v in datasets.values() if isinstance(v, list))])
    for key in ("layer", "hconcat", "vconcat", "concat", "spec"):
        if key in spec:
            most = max(most, _largest_inline_rows(spec[key]))
    return most


def cap_chart(spec: dict[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
    """``(spec to draw, note)``: large bar charts cut to their top bars, other large ones dropped.

    >>> rows = [{"k": f"c{i}", "v": i} for i in range(600)]
    >>> bar = {"data": {"values": rows}, "mark": "bar", "title": "GMV",
    ...        "encoding": {"y": {"field": "k", "type": "nominal"},
    ...                     "x": {"field": "v", "type": "quantitative"}}}
    >>> capped, note = cap_chart(bar)
    >>> len(capped["data"]["values"]), capped["data"]["values"][0], note
    (50, {'k': 'c599', 'v': 599}, 'the chart shows the 50 largest of 600 rows; the table has all')
    >>> cap_chart({**bar, "mark": "line"})[0] is None
    True
    >>> cap_chart({"layer": [{"data": {"values": rows}, "mark": "line"}]})[1][:32]
    'the chart would have 600 points,'
    """
    rows = _data_rows(spec)
    largest = _largest_inline_rows(spec)
    if largest <= MAX_CHART_ROWS:
        return spec, None
    if rows is None or len(rows) < largest:  # layered or concatenated: never cut to top bars
        return None, (
            f"the chart would have {largest:,} points, more than the {MAX_CHART_ROWS} the "
            "server draws; narrow the question (a filter, a top N) or read the table"
        )
    mark = spec.get("mark")
    mark = mark.get("type") if isinstance(mark, dict) else mark
    enc = spec.get("encoding") or {}
    quantitative = [
        c["field"]
        for ch, c in enc.items()
        if ch in ("x", "y") and isinstance(c, dict) and c.get("type") == "quantitative"
    ]
    if mark != "bar" or len(quantitative) != 1:
        return None, (
            f"the chart would have {len(rows):,} points, more than the {MAX_CHART_ROWS} the "
            "server draws; narrow the question (a filter, a top N) or read the table"
        )
    field = quantitative[0]

    def size(row: Any) -> float:
        value = row.get(field) if isinstance(row, dict) else None
        return float(value) if isinstance(value, int | float) else float("-inf")

    top = sorted(rows, key=size, reverse=True)[:TOP_N]
    capped = copy.deepcopy({k: v for k, v in spec.items() if k not in ("data", "datasets")})
    capped["data"] = {"values": top}
    note = f"the chart shows the {TOP_N} largest of {len(rows):,} rows; the table has all"
    title = spec.get("title")
    if isinstance(title, str):
        capped["title"] = f"{title} (top {TOP_N} of {len(rows):,})"
    elif isinstance(title, dict) and isinstance(title.get("text"), str):
        capped["title"] = {**title, "text": f"{title['text']} (top {TOP_N} of {len(rows):,})"}
    return capped, note


class ChartRenderer:
    """One child process that renders Vega-Lite to SVG, one chart at a time, with a deadline.

    SVGs are kept in a small LRU keyed by the spec's content (data included): the same spec
    always gives the same picture, so a hit can never be stale.
    """

    def __init__(self, timeout_s: float = RENDER_TIMEOUT_S) -> None:
        self.timeout_s = timeout_s
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[str] | None = None
        self._cache: OrderedDict[str, str] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._closed = False
        self._starting = False  # a child is being started (its first render is in flight)
        # the replacement child started after a chart ran out of time (see _restart_later)
        self._restart: threading.Thread | None = None

    def expect_start(self) -> None:
        """Say that a child is about to be started (the server's warm-up, before its thread
        runs): a chart asked for until that first render is done waits for the start.

        Why: the warm-up thread takes the renderer only after the catalog is built; a chart
        asked for in between, or just before the thread marks the start, waited only its own
        budget for a renderer that was busy starting, and came without its picture.
        """
        self._starting = True

    @property
    def pid(self) -> int | None:
        """The renderer process's id (None before the first chart or after a stop)."""
        return self._proc.pid if self._proc is not None and self._proc.poll() is None else None

    def _start(self) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "lab.server.render"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        proc.wait(5)
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()

    def close(self) -> None:
        """Stop the child process for good (the server is stopping).

        Why kill before taking the lock: a render in flight holds it for up to its deadline
        (a minute for the first one); killing the child ends that render at once (it sees the
        pipe close), so stopping a server never waits for a picture nobody will see. The kill
        is repeated while the lock is held: a replacement child (:meth:`_restart_later`) may be
        started just after the first look.
        """
        self._closed = True
        while not self._lock.acquire(timeout=0.05):
            proc = self._proc
            if proc is not None and proc.poll() is None:
                proc.kill()
        try:
            self._stop()
        finally:
            self._lock.release()

    def render(self, spec: dict[str, Any], timeout_s: float | None = None) -> str:
        """The SVG of ``spec``; raises TimeoutError or RuntimeError (render failed)."""
        key = hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        svg = self._render_uncached(spec, timeout_s)
        with self._cache_lock:
            self._cache[key] = svg
            while len(self._cache) > _SVG_CACHE_SIZE:
                self._cache.popitem(last=False)
        return svg

    def _render_uncached(self, spec: dict[str, Any], timeout_s: float | None) -> str:
        budget = self.timeout_s if timeout_s is None else timeout_s
        deadline = time.monotonic() + budget
        restart = self._restart
        if restart is not None and restart.is_alive():
            # a chart that ran out of time had its child replaced: this chart waits for the
            # replacement at most its own budget, never the replacement's minute to start
            restart.join(budget)
            if restart.is_alive():
                raise TimeoutError(
                    f"the chart renderer is restarting after a chart that took too long; "
                    f"not drawn within {budget:g} s"
                )
        # a chart asked for while the child starts (the server's warm-up) waits for the start,
        # as it would have had to start the child itself
        waits_for_start = self._starting
        if waits_for_start:
            wait = max(budget, FIRST_RENDER_TIMEOUT_S)
        else:
            wait = max(0.0, deadline - time.monotonic())
        if not self._lock.acquire(timeout=wait):
            raise TimeoutError(f"the chart renderer stayed busy for {budget:g} s")
        try:
            if self._closed:
                raise RuntimeError("the chart renderer is stopped")
            if waits_for_start:
                # its own budget from now: counted from before the wait, it was spent by a
                # slow start (session 27: at load > 10 a fresh server's first chart was given
                # up at once and the child just started killed as stuck)
                deadline = max(deadline, time.monotonic() + budget)
            if self._proc is None or self._proc.poll() is not None:
                self._starting = True
                self._start()
                deadline = max(deadline, time.monotonic() + FIRST_RENDER_TIMEOUT_S)
            try:
                reply = self._exchange(json.dumps(spec, default=str), deadline, budget)
            except TimeoutError:
                self._restart_later()
                raise
        finally:
            self._starting = False
            self._lock.release()
        if "svg" not in reply:
            raise RuntimeError(reply.get("error", "no picture"))
        return reply["svg"]

    def _restart_later(self) -> None:
        """Start a replacement child in a thread, once the lock is free (called with it held).

        Why not on the next chart: the next chart then paid for the start (Python, vl-convert,
        fonts: seconds, tens under load, allowed a minute), so one person's chart that ran out
        of time held up the next question, anyone's, by up to a minute. Started now, the
        replacement is usually ready before the next question; a chart asked for while it
        starts waits at most its own budget (:meth:`_render_uncached`) and its answer comes
        without the picture, saying why.
        """
        if self._closed:
            return
        self._restart = threading.Thread(
            target=self._start_replacement, name="orderlens-chart-restart", daemon=True
        )
        self._restart.start()

    def _start_replacement(self) -> None:
        """Start a child and draw one tiny chart in it (fonts loaded), within the first-render
        allowance; a failure is logged and the next chart starts one itself."""
        with self._lock:
            if self._closed or (self._proc is not None and self._proc.poll() is None):
                return
            try:
                self._start()
                started = time.monotonic() + FIRST_RENDER_TIMEOUT_S
                self._exchange(json.dumps(_WARM_UP_SPEC), started, FIRST_RENDER_TIMEOUT_S)
            except (TimeoutError, RuntimeError, OSError) as exc:
                self._stop()
                log.warning("OrderLens: the replacement chart renderer did not start: %s", exc)

    def _exchange(self, line: str, deadline: float, budget: float) -> dict[str, Any]:
        """Send one spec and wait for its reply until ``deadline`` (called with the lock held)."""
        proc = self._proc
        assert proc is not None and proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(line + "\n")
            proc.stdin.flush()
            with selectors.DefaultSelector() as sel:
                sel.register(proc.stdout, selectors.EVENT_READ)
                ready = sel.select(max(0.0, deadline - time.monotonic()))
            answer = proc.stdout.readline() if ready else None
        except (OSError, ValueError) as exc:  # the child died (broken pipe, closed file)
            self._stop()
            raise RuntimeError(f"the chart renderer stopped ({exc})") from None
        if answer is None:
            self._stop()  # the next chart gets a fresh child instead of waiting on this one
            raise TimeoutError(f"the chart was not drawn within {budget:g} s")
        if not answer:
            self._stop()
            raise RuntimeError("the chart renderer stopped")
        return json.loads(answer)

    def svg_for(self, spec: dict[str, Any] | None) -> tuple[str | None, str | None]:
        """``(svg, note)`` for an answer's chart; never raises (the answer matters more)."""
        if not spec:
            return None, None
        drawn, note = cap_chart(spec)
        if drawn is None:
            return None, note
        size = len(json.dumps(drawn, default=str))
        if size > MAX_SPEC_CHARS:
            return None, (
                f"the chart's data takes {size:,} characters, more than the {MAX_SPEC_CHARS:,} "
                "the server draws; the table has the data"
            )
        try:
            return self.render(drawn), note
        except (TimeoutError, RuntimeError) as exc:
            log.warning("OrderLens: chart not drawn: %s", exc)
            return None, f"{NOT_DRAWN_IN_TIME} ({exc}); the table has the data"


#: How a note of :meth:`ChartRenderer.svg_for` starts when the picture is missing for a moment
#: only (the renderer was busy or starting): such an answer is not kept in the answer cache.
NOT_DRAWN_IN_TIME = "the chart could not be drawn in time"


def drawn_late(note: object) -> bool:
    """Whether ``note`` says a picture is missing for a moment only (worth drawing again).

    >>> drawn_late(NOT_DRAWN_IN_TIME + " (timeout)"), drawn_late("4,957 points"), drawn_late(None)
    (True, False, False)
    """
    return bool(note) and str(note).startswith(NOT_DRAWN_IN_TIME)


if __name__ == "__main__":
    _child_main()
