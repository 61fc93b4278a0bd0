"""The page's chart-type switch: an answer drawn again as another kind of chart.

Why apart from :mod:`lab.server.service`: it asks nothing new (the answer comes from the
answer cache) and only redraws; the service answers, this presents the same answer otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from lab.server.abandon import Abandon
from lab.server.errors import UNANSWERABLE_STATUS
from lab.server.presentation import page_chart
from lab.server.render import ChartRenderer
from lab.server.users import Role


class Answering(Protocol):
    """What this needs of :class:`lab.server.service.AskService` (which calls this module)."""

    @property
    def settings(self) -> Any: ...

    @property
    def charts(self) -> ChartRenderer: ...

    @property
    def ask(self) -> Callable[..., tuple[int, dict[str, Any]]]: ...  # AskService.ask

    def warm_up(self) -> None: ...

    def model(self) -> Any: ...

    def catalog_object(self) -> Any: ...

    def data_end(self, body: dict[str, Any], model: Any) -> Any: ...


def chart_as(
    service: Answering,
    question: str,
    kind: str,
    *,
    engine: str | None = None,
    today: str | None = None,
    context: dict[str, Any] | None = None,
    role: Role | str = Role.ASK,
    abandon: Abandon | None = None,
) -> tuple[int, dict[str, Any]]:
    """The answer's chart drawn as ``kind`` (the page's chart-type switch).

    The answer comes from the answer cache (the page just showed it), so switching asks
    nothing again and adds no history entry. 200: ``{"kind", "chart", "chart_svg",
    "chart_note", "chart_kinds"}``; 422 when the question is not answered or ``kind`` does
    not fit the result (the message lists the kinds that do).

    ``abandon``: the request's mark (:mod:`lab.server.abandon`). An answer no longer cached
    runs the engine again, so the switch passes the mark like ``/ask`` (session 30: it ran on
    for nobody to the guard's limit); a client gone by then gets no picture drawn either.
    """

    today = today or service.settings.today or date.today().isoformat()
    status, body = service.ask(
        question,
        engine=engine,
        today=today,
        context=context,
        record=False,
        role=role,
        abandon=abandon,
    )
    if status != 200 or (abandon is not None and abandon.abandoned):
        return status, body
    service.warm_up()  # a no-op after the answer: the warmed catalog, no connection per switch
    model, catalog = service.model(), service.catalog_object()
    data_end = service.data_end(body, model)
    spec, kinds = page_chart(body, catalog, model, question, today, kind, data_end)
    if spec is None:
        fits = ", ".join([*kinds, "table"])
        return UNANSWERABLE_STATUS, {
            "error": f"a {kind} chart does not fit this answer; choose one of {fits}",
            "suggestions": [],
            "refused": False,
        }
    svg, note = service.charts.svg_for(spec)
    return 200, {
        "kind": kind,
        "chart": spec,
        "chart_svg": svg,
        "chart_note": note,
        "chart_kinds": kinds,
    }
