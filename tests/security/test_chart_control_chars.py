"""A chart whose data holds C0 control characters is drawn, not a dead process.

Red team, session 28: vl-convert panics laying out a text with NUL, ``\\x01`` or ESC, and the
panic aborts the whole process ("thread caused non-unwinding panic. aborting"): on the server
the chart renderer child died on every such chart; ``%ask`` or ``orderlens ask --chart`` in
process died with it. Tab, line feed, DEL and C1 controls were drawn. Before the fix the render
test below aborted the pytest process itself (run by hand on main 4026d35a).
"""

from __future__ import annotations

from nl2sql.charts import drawable, render_chart

LABELS = ["a\x00b", "c\x01d", "e\x1b[31mred", "f\x0cg", "tab\tok"]


def test_control_characters_are_replaced_everywhere_in_the_spec() -> None:
    spec = {"title": "t\x00", "data": {"values": [{"k\x01": "v\x1b", "n": 1}]}}
    assert drawable(spec) == {
        "title": "t\ufffd",
        "data": {"values": [{"k\ufffd": "v\ufffd", "n": 1}]},
    }
    assert drawable("tab\tline\nCR\r") == "tab\tline\nCR\r"  # drawn as they are


def test_a_chart_of_such_labels_is_drawn() -> None:
    """In process, as ``%ask`` draws (the first render loads vl-convert and the CJK font: about
    5 s at load 28; the server's child process draws through the same function)."""
    spec = {
        "data": {"values": [{"k": label, "v": i + 1} for i, label in enumerate(LABELS)]},
        "mark": "bar",
        "encoding": {
            "x": {"field": "k", "type": "nominal"},
            "y": {"field": "v", "type": "quantitative"},
        },
    }
    svg = render_chart(spec, "svg")
    assert isinstance(svg, str) and svg.startswith("<svg")
    assert "\x00" not in svg and "\x1b" not in svg and "\ufffd" in svg
