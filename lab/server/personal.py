"""Routes for what a person keeps: saved questions and thumbs up / down on answers.

Why apart from :mod:`lab.server.handlers`: these routes hold per-user state (a file each,
:mod:`lab.server.saved`, :mod:`lab.server.feedback`), while the handlers there only answer. Every
route is ``@authorized`` on the ``orderlens`` resource (every role may keep its own list and
vote), acts on the signed-in user only — a user name is never a body field — and reads its
body strictly (:mod:`lab.server.payload`).

| route | body | answer |
|---|---|---|
| ``GET api/me`` | | 200 ``{"name", "role", "may_see_recommendations", "may_decide"}`` |
| ``GET api/saved`` | | 200 ``{"saved": [...]}``, the user's, newest first |
| ``POST api/saved`` | ``{"questions": [first, ..., saved], "name"?}`` | 201 ``{"saved": entry}`` |
| ``PATCH api/saved/<id>`` | ``{"name"}`` | 200 ``{"saved": entry}``; 404 not the user's |
| ``DELETE api/saved/<id>`` | | 204; 404 not the user's |
| ``POST api/feedback`` | ``{"question", "rating": "up"/"down", "comment"?, "context"?, "questions"?, "today"?}`` | 201 ``{"feedback": vote}`` |
"""

from __future__ import annotations

from datetime import date

import tornado.web
from jupyter_server.auth.decorator import authorized
from jupyter_server.utils import url_path_join

from lab.server.auth import role_allows
from lab.server.errors import BadRequest
from lab.server.feedback import FeedbackLog, Rating, vote_from_answer
from lab.server.handler_base import (
    DECIDE_RESOURCE,
    RECOMMENDATIONS_RESOURCE,
    _JSONHandler,
    context_field,
)
from lab.server.payload import (
    MAX_COMMENT_CHARS,
    choice_field,
    date_field,
    text_field,
    text_list_field,
)
from lab.server.saved import MAX_CONVERSATION, MAX_NAME_CHARS, SavedQuestions
from lab.server.users import Role
from nl2sql.options import MAX_QUESTION_CHARS

#: Route of one saved question. Any one path segment: an id that is not one of the user's
#: (a malformed one, ``..%2f..``) gets the JSON 404 naming it, not Jupyter's HTML page.
SAVED_ID = r"([^/]{1,200})"
#: Keys the page sends with a vote; any other (``"sql"``, ``"user"``) is a 400, never ignored.
FEEDBACK_FIELDS = ("question", "rating", "comment", "context", "questions", "today")


class _PersonalHandler(_JSONHandler):
    @property
    def saved(self) -> SavedQuestions:
        return self.settings["orderlens_saved"]

    @property
    def feedback(self) -> FeedbackLog:
        return self.settings["orderlens_feedback"]


class MeHandler(_PersonalHandler):
    """``GET api/me``: who is signed in and which tabs the page shows them.

    Why: the page shows the planners' recommendations tab only to roles that may use it
    (planner, analyst) instead of probing a route and drawing a 403 in the log for everyone.
    """

    @tornado.web.authenticated
    @authorized
    def get(self) -> None:
        role = getattr(self.current_user, "role", None)
        self.write_json(
            200,
            {
                "name": self.user_name(),
                "role": str(role) if role is not None else None,
                "may_see_recommendations": role is not None
                and role_allows(Role(role), RECOMMENDATIONS_RESOURCE),
                "may_decide": role is not None and role_allows(Role(role), DECIDE_RESOURCE),
            },
        )


class SavedListHandler(_PersonalHandler):
    """``GET`` the user's saved questions; ``POST`` saves one (a conversation, last = saved)."""

    @tornado.web.authenticated
    @authorized
    def get(self) -> None:
        self.write_json(200, {"saved": self.saved.list(self.user_name())})

    @tornado.web.authenticated
    @authorized
    def post(self) -> None:
        payload = self.json_object(fields=("questions", "name"))
        questions = text_list_field(
            payload, "questions", max_items=MAX_CONVERSATION, max_chars=MAX_QUESTION_CHARS
        )
        if questions is None:
            raise BadRequest(
                'send {"questions": ["first question", ..., "the one to save"], "name"?: "..."}'
            )
        name = text_field(payload, "name", max_chars=MAX_NAME_CHARS, required=False)
        entry = self.saved.save(self.user_name(), questions, name=name or None)
        self.write_json(201, {"saved": entry})


class SavedItemHandler(_PersonalHandler):
    """``PATCH`` renames one of the user's saved questions; ``DELETE`` unsaves it."""

    @tornado.web.authenticated
    @authorized
    def patch(self, saved_id: str) -> None:
        name = text_field(
            self.json_object(fields=("name",)), "name", max_chars=MAX_NAME_CHARS, required=True
        )
        assert name is not None  # required=True: a missing name is a 400
        self.write_json(200, {"saved": self.saved.rename(self.user_name(), saved_id, name)})

    @tornado.web.authenticated
    @authorized
    def delete(self, saved_id: str) -> None:
        self.saved.remove(self.user_name(), saved_id)
        self.set_status(204)
        self.finish()


class FeedbackHandler(_PersonalHandler):
    """``POST api/feedback``: a thumbs up or down on the answer the page shows.

    The answer is the server's own (the answer cache holds it: the page just asked), so the
    stored SQL, semantic query and interpretation are what the engine produced, whatever the
    body says. ``questions`` is the conversation up to this question (for a follow-up).
    """

    @tornado.web.authenticated
    @authorized
    async def post(self) -> None:
        payload = self.json_object(fields=FEEDBACK_FIELDS)
        question = text_field(payload, "question", max_chars=MAX_QUESTION_CHARS, required=True)
        assert question is not None
        rating = choice_field(payload, "rating", [r.value for r in Rating])
        if rating is None:
            raise BadRequest('send {"question": "...", "rating": "up" | "down", "comment"?: "..."}')
        comment = text_field(payload, "comment", max_chars=MAX_COMMENT_CHARS, required=False)
        earlier = text_list_field(
            payload, "questions", max_items=MAX_CONVERSATION, max_chars=MAX_QUESTION_CHARS
        )
        conversation = [*(earlier or [question])]
        if conversation[-1] != question:
            conversation.append(question)
        context = context_field(payload)
        if len(conversation) > 1 and context is None:
            # the answer re-asked below would be the question's standalone one, stored under
            # a "follow-up of" it never depended on: the export would carry a wrong gold SQL
            raise BadRequest(
                'a vote on a follow-up ("questions" holds earlier questions) needs "context": '
                "the previous answer's followup_context, as sent with the follow-up question"
            )
        today = date_field(payload, "today")
        self.feedback.check_room(self.user_name())  # before the question is asked again
        service = self.service
        used_today = today or service.settings.today or _today()
        status, body = await self.in_worker(
            service.ask,
            question,
            today=used_today,
            user=self.user_name(),
            context=context,
            record=False,
            role=self.user_role(),
            abandon=self.abandon,
        )
        vote = vote_from_answer(
            user=self.user_name(),
            rating=rating,
            comment=comment,
            questions=conversation[-MAX_CONVERSATION:],
            status=status,
            body=body,
            today=used_today,
            model=service.settings.semantic_model,
        )
        self.write_json(201, {"feedback": self.feedback.add(vote)})


def _today() -> str:

    return date.today().isoformat()


def url_patterns() -> list[tuple[str, type[tornado.web.RequestHandler]]]:
    """Routes relative to the server's base URL (the ExtensionApp prepends ``base_url``)."""
    return [
        (url_path_join("orderlens", "api", "me"), MeHandler),
        (url_path_join("orderlens", "api", "saved"), SavedListHandler),
        (url_path_join("orderlens", "api", "saved", SAVED_ID), SavedItemHandler),
        (url_path_join("orderlens", "api", "feedback"), FeedbackHandler),
    ]
