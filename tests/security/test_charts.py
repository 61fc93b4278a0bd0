"""Issue 15 item 5: charts are capped and drawn in a child process with a time limit."""

from __future__ import annotations

import os
import threading

import pytest

from lab.server.render import (
    FIRST_RENDER_TIMEOUT_S,
    MAX_CHART_ROWS,
    TOP_N,
    ChartRenderer,
    cap_chart,
)


def _bars(n: int) -> dict:
    return {
        "title": "GMV by customer",
        "data": {"name": "d"},
        "datasets": {"d": [{"customer": f"c{i}", "gmv": float(i)} for i in range(n)]},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "customer", "type": "nominal", "sort": "-x"},
            "x": {"field": "gmv", "type": "quantitative"},
        },
    }


def test_a_bar_chart_with_thousands_of_rows_is_drawn_as_its_top_bars() -> None:
    capped, note = cap_chart(_bars(4068))
    rows = capped["data"]["values"]
    assert [r["customer"] for r in rows[:3]] == ["c4067", "c4066", "c4065"] and len(rows) == TOP_N
    assert capped["title"] == f"GMV by customer (top {TOP_N} of 4,068)"
    assert "datasets" not in capped and note.startswith(f"the chart shows the {TOP_N} largest")
    small = _bars(MAX_CHART_ROWS)
    assert cap_chart(small) == (small, None)


def test_other_huge_charts_are_not_drawn_on_the_server() -> None:
    spec = {**_bars(MAX_CHART_ROWS + 1), "mark": "line"}
    assert cap_chart(spec)[0] is None
    assert f"more than the {MAX_CHART_ROWS} the server draws" in cap_chart(spec)[1]


def test_a_layered_chart_of_thousands_of_points_is_not_drawn_on_the_server() -> None:
    """A time series with a partial last period is two layers with data of their own (session
    14: 4,953 day x customer points reached the renderer, which ran out of time and was killed
    on every such question, an 11 s answer)."""
    points = [
        {"day": f"2026-01-{i % 28 + 1:02d}", "customer": f"c{i}", "gmv": i} for i in range(600)
    ]
    layered = {
        "title": "GMV (by day, customer)",
        "layer": [
            {"data": {"values": points}, "mark": "line"},
            {"data": {"values": points[-20:]}, "mark": {"type": "line", "strokeDash": [4, 2]}},
        ],
    }
    drawn, note = cap_chart(layered)
    assert drawn is None
    assert note.startswith(f"the chart would have 600 points, more than the {MAX_CHART_ROWS}")
    small = {"layer": [{"data": {"values": points[:MAX_CHART_ROWS]}, "mark": "line"}]}
    assert cap_chart(small) == (small, None)


#: How long a chart of these tests may take, a child's start included: ten times the
#: server's first-render allowance. Measured in session 27 at load 15-19 (the suite on
#: ``-n 2`` beside other work): a replacement child took over 30 s to start, a fresh child's
#: first chart over 60 s and then over 180 s, and a bare ``python -m lab.server.render`` at
#: ``nice -n 10`` drew its first chart after 225 s of wall time for 3.6 s of CPU (starved, not
#: slow). The timeouts these tests assert are passed to each call and stay tight (0.01 s,
#: 0.2 s); this is only the ceiling for the charts that must be drawn.
START_ALLOWANCE_S = 10 * FIRST_RENDER_TIMEOUT_S


@pytest.fixture()
def renderer():
    """A renderer whose charts may take as long as a loaded machine needs to start a child."""
    r = ChartRenderer(timeout_s=START_ALLOWANCE_S)
    yield r
    r.close()


def test_rendering_runs_in_a_child_process_and_a_slow_chart_times_out(renderer) -> None:
    svg = renderer.render(_bars(3))
    assert svg.lstrip().startswith("<svg") and "c2" in svg
    child = renderer.pid
    assert child is not None and child != os.getpid()  # not on the answering threads
    with pytest.raises(TimeoutError, match=r"not drawn within 0\.01 s"):
        renderer.render(_bars(3000), timeout_s=0.01)
    assert renderer.pid != child  # the stuck child was killed, not waited for
    svg, note = renderer.svg_for(_bars(4))  # the next chart gets a fresh renderer
    assert "c3" in svg and note is None and renderer.pid not in (None, child)


def test_a_chart_that_cannot_render_loses_only_its_picture(renderer) -> None:
    svg, note = renderer.svg_for({"mark": "nonsense"})
    assert svg is None and "could not be drawn" in note


def test_the_next_chart_does_not_wait_for_a_timed_out_charts_replacement(
    renderer, monkeypatch
) -> None:
    """A chart that ran out of time costs the next question at most that question's budget.

    Session 13 found the next chart started the replacement child itself, allowed a minute for
    it (Python, vl-convert, fonts), so one person's slow chart held up anyone's next answer.
    The replacement starts in the background; here its start is held until ``release``.
    """
    renderer.render(_bars(2))  # a running child
    release = threading.Event()
    real_start = renderer._start

    def slow_start() -> None:
        release.wait(15)  # a replacement that takes its time to come up (as under load)
        real_start()

    monkeypatch.setattr(renderer, "_start", slow_start)
    with pytest.raises(TimeoutError, match=r"not drawn within 0\.01 s"):
        renderer.render(_bars(3000), timeout_s=0.01)
    with pytest.raises(TimeoutError, match="restarting after a chart that took too long"):
        renderer.render(_bars(5), timeout_s=0.2)
    assert not release.is_set()  # it gave up while the replacement was still starting
    release.set()
    svg = renderer.render(_bars(7))  # the replacement, once up, draws the next chart
    assert "c6" in svg and renderer.pid is not None
