"""A conversation (a share link, a saved question) answered as one question.

Why apart from :mod:`lab.server.service`: the service answers one question; this chains
several (each the follow-up of the one before) and decides what is recorded, on top of it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

from lab.server.abandon import Abandon
from lab.server.users import Role


class Answering(Protocol):
    """What this needs of :class:`lab.server.service.AskService` (which calls this module)."""

    @property
    def ask(self) -> Callable[..., tuple[int, dict[str, Any]]]: ...  # AskService.ask

    def record(
        self, question: str, user: str | None, status: int, body: dict[str, Any], ms: float
    ) -> None: ...


def ask_conversation(
    service: Answering,
    questions: list[str],
    *,
    engine: str | None = None,
    today: str | None = None,
    user: str | None = None,
    chart_svg: bool | None = None,
    role: Role | str = Role.ASK,
    abandon: Abandon | None = None,
) -> tuple[int, dict[str, Any]]:
    """Answer a conversation (a share link, a saved question) as one question: the earlier
    questions each as the follow-up of the one before, without a picture or a history
    entry, then the last one, recorded once.

    Why in one request: the page used to ask a link's ``?q=a&q=b&…`` one by one under the
    signed-in name, so a link from anywhere added every value to that person's history
    (session 13). The 200 body also carries ``asked_context``, the context the last
    question was asked with (what the page's chart switch and exports send back). An
    earlier question that cannot be answered is the 422, recorded, saying which it was.

    ``abandon``: the request's mark (:mod:`lab.server.abandon`), passed to each question: once
    the client is gone the running question is interrupted, and its 422 ends the conversation.
    """
    started = time.perf_counter()
    context: dict[str, Any] | None = None
    for step, earlier in enumerate(questions[:-1], start=1):
        status, body = service.ask(
            earlier, engine=engine, today=today, user=user, chart_svg=False,
            context=context, record=False, role=role, abandon=abandon,
        )  # fmt: skip
        if status != 200:
            lead = f"question {step} of {len(questions)} ({earlier}) could not be answered: "
            body = {**body, "question": earlier, "conversation_step": step}
            for key in ("reason", "error"):
                if body.get(key):
                    body[key] = lead + str(body[key])
            ms = round((time.perf_counter() - started) * 1000, 1)
            service.record(earlier, user, status, body, ms)
            return status, body
        context = body.get("followup_context")
    status, body = service.ask(
        questions[-1], engine=engine, today=today, user=user, chart_svg=chart_svg,
        context=context, role=role, abandon=abandon,
    )  # fmt: skip
    return status, {**body, "asked_context": context}
