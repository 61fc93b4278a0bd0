"""Red team, session 29: the chart renderer's line protocol, attacked rather than read.

The server sends each chart spec to its renderer child as one JSON line and reads one JSON
line back (:mod:`lab.server.render`). A label that split a line would shift every later reply
by one: someone else's question would get this chart's picture. Session 28 only read the code
(``json.dumps`` escapes every control character and U+2028). Here each hostile label is drawn
through the real child, and the chart after it must come back with its own label: U+2028,
U+2029, NUL, CR/LF, NEL (\\x85) and a lone surrogate (a clean error reply; DuckDB text cannot
hold one, but the protocol must survive it). All kept in line on main e1d1d8ff.

A 10 MB label was the finding: on e1d1d8ff vl-convert was still drawing it after 60 s (its
child killed and restarted, 73 s in all; at the server's 5 s budget, a restart for every such
question while anyone's chart waited). A spec over :data:`MAX_SPEC_CHARS` is now not sent.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from lab.server.render import MAX_SPEC_CHARS, ChartRenderer, drawn_late
from tests.security.test_charts import START_ALLOWANCE_S


def _spec(label: str, other: str) -> dict[str, Any]:
    return {
        "data": {"values": [{"k": label, "v": 1}, {"k": other, "v": 2}]},
        "mark": "bar",
        "encoding": {
            "x": {"field": "k", "type": "nominal"},
            "y": {"field": "v", "type": "quantitative"},
        },
    }


@pytest.fixture(scope="module")
def renderer():
    """One child for the module (its start is the slow part: seconds, minutes under load)."""
    r = ChartRenderer(timeout_s=START_ALLOWANCE_S)
    yield r
    r.close()


@pytest.mark.parametrize(
    "label",
    ["a\u2028b", "a\u2029b", "a\x00b", "a\r\nb\rc", "a\x85b", "a\ud800b", "\udfff"],
    ids=["U+2028", "U+2029", "NUL", "CR-LF", "NEL", "lone-surrogate", "lone-low"],
)
def test_no_label_splits_a_line_of_the_renderers_protocol(
    renderer: ChartRenderer, label: str
) -> None:
    renderer.render(_spec("warm", "up"))  # a running child
    child = renderer.pid
    try:
        svg = renderer.render(_spec(label, "own-label"))
        assert svg.lstrip().startswith("<svg")
    except RuntimeError as exc:  # only a lone surrogate cannot be drawn: a clean error reply
        assert any(0xD800 <= ord(c) <= 0xDFFF for c in label)
        assert "surrogates not allowed" in str(exc)
    after = f"after-{len(label)}-{ord(label[-1])}"
    svg = renderer.render(_spec(after, "zz"))  # the next reply is this chart's own
    assert after in svg and renderer.pid == child  # same child, nothing left in the pipe


def test_a_ten_megabyte_label_is_not_sent_to_the_renderer() -> None:
    renderer = ChartRenderer(timeout_s=5.0)
    try:
        started = time.monotonic()
        svg, note = renderer.svg_for(_spec("x" * 10_000_000, "b"))
        assert svg is None and renderer.pid is None  # no child started, none killed
        assert note.startswith("the chart's data takes 10,000,")
        assert f"more than the {MAX_SPEC_CHARS:,} the server draws" in note
        assert not drawn_late(note)  # a fixed answer: the answer cache may keep it
        assert time.monotonic() - started < 5
    finally:
        renderer.close()
