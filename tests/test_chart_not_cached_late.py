"""A chart that was not drawn in time is not kept with its answer (session 26).

Seen while checking the browser test at load ~15: a fresh server's chart renderer was still
starting, the first "各渠道的GMV" came without its picture ("the chart could not be drawn in
time"), and the answer cache kept it so: the same question asked again 5 s and 10 s later, the
renderer long ready, came back from the cache without a picture each time (after a 45 s
warm-up, both pictures drew). A picture missing for a moment is no longer cached; one the
answer cannot have (too many points, no chart) still is.
"""

from __future__ import annotations

from pathlib import Path

from lab.server.history import QuestionHistory
from lab.server.service import AskService, ServiceSettings


def test_an_answer_drawn_late_is_drawn_again_on_the_next_ask(demo_db: Path, monkeypatch) -> None:
    service = AskService(
        ServiceSettings(db=str(demo_db), today="2026-11-20", engine="rules"),
        QuestionHistory(None),
    )
    calls: list[int] = []

    def render(spec: dict, timeout_s: float | None = None) -> str:
        calls.append(1)
        if len(calls) == 1:
            raise TimeoutError("the chart was not drawn within 5 s")
        return "<svg></svg>"

    monkeypatch.setattr(service.charts, "render", render)
    try:
        status, first = service.ask("各渠道的GMV")
        assert status == 200 and first["chart_svg"] is None and "in time" in first["chart_note"]
        status, again = service.ask("各渠道的GMV")
        assert status == 200 and again["chart_svg"] == "<svg></svg>", again.get("chart_note")
        assert again["cached"] is False and len(calls) == 2
        status, third = service.ask("各渠道的GMV")  # drawn: now it is kept
        assert third["cached"] is True and third["chart_svg"] == "<svg></svg>"
    finally:
        service.close()
