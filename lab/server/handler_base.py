"""What every OrderLens route handler shares: the service and workers, the per-person cap,
OrderLens's headers, and the JSON base class (bodies capped before they are read, strict
parsing, one ``write_error`` for every error).

Why apart from :mod:`lab.server.handlers`: the Ask page's routes, the personal routes
(:mod:`lab.server.personal`) and the planning routes (:mod:`lab.server.planning`) all build on
these; kept in one module of their own, the route modules stay about what each route does.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, ClassVar

import tornado.httputil
import tornado.web
from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin

from lab.server.abandon import Abandon
from lab.server.busy import InFlight, cap_key
from lab.server.errors import BadRequest, PayloadTooLarge, http_status_of
from lab.server.page_headers import set_orderlens_headers
from lab.server.payload import (
    MAX_BODY_BYTES,
    choice_field,
    declared_length,
    known_fields,
    parse_json_object,
)
from lab.server.redact import redact_paths
from lab.server.service import AskService
from lab.server.users import Role
from nl2sql.options import ENGINES

#: Fields of an error body that carry a message (redacted for business users by ``for_role``)
_MESSAGE_KEYS = ("error", "reason")

log = logging.getLogger("orderlens.server")

#: Used where the app registered no cap (a handler mounted by another app, older tests).
_NO_CAP = InFlight(limit=0)
#: Resource names the Authorizer sees (:data:`lab.server.auth.RESOURCE_ROLES`).
ASK_RESOURCE = "orderlens"
RECOMMENDATIONS_RESOURCE = "orderlens.recommendations"
DECIDE_RESOURCE = "orderlens.decisions"


if TYPE_CHECKING:
    # The mixin extends JupyterHandler methods (``super().set_default_headers()``, ...): the
    # type checker sees it as one; at run time it is a plain mixin in front of the handler.
    _HandlerBase = JupyterHandler
else:
    _HandlerBase = object


class _OrderLensMixin(ExtensionHandlerMixin, _HandlerBase):
    """Access to the per-server service and worker pool stored in the web app settings."""

    auth_resource = ASK_RESOURCE
    #: Open to every role (:data:`lab.server.auth.ORDERLENS_ROUTE`); each verb still asks the
    #: Authorizer about :attr:`auth_resource`.
    orderlens_route: ClassVar[bool] = True

    def set_default_headers(self) -> None:
        """Jupyter's headers plus :data:`~lab.server.page_headers.ORDERLENS_HEADERS`."""
        super().set_default_headers()
        set_orderlens_headers(self)

    def set_cors_headers(self) -> None:
        """CORS only as the operator configured it (``allow_origin`` / ``allow_origin_pat``).

        Why: Jupyter answers any token-authenticated request with
        ``Access-Control-Allow-Origin: <the caller's Origin>``, so any web page holding a
        token could read answers from a browser; OrderLens routes are for the Ask page itself.
        """
        if self.allow_origin or self.allow_origin_pat:
            super().set_cors_headers()

    @property
    def service(self) -> AskService:
        return self.settings["orderlens_service"]

    def engine_field(self, payload: dict[str, Any]) -> str | None:
        """The request's ``engine``, if the server's own engine allows it (400 otherwise).

        Why: the operator's ``--OrderLensApp.engine=rules`` keeps questions on the machine;
        until session 17 any request's ``"engine": "llm"`` (or ``"auto"``) sent them, with
        the model's names and values, to the LLM provider whenever an API key was set. A
        request may name the server's engine or ``rules`` (never leaves the machine).
        """
        requested = choice_field(payload, "engine", ENGINES)
        configured = self.service.settings.engine
        if requested is None or requested in (configured, "rules") or configured == "auto":
            return requested
        allowed = " or ".join(f'"{e}"' for e in dict.fromkeys((configured, "rules")))
        raise BadRequest(
            f'this server answers with the {configured} engine: "engine": "{requested}" is not '
            f'allowed here; leave "engine" out, or send {allowed}'
        )

    @property
    def executor(self) -> ThreadPoolExecutor:
        return self.settings["orderlens_executor"]

    async def in_worker(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Run ``fn`` in a worker thread, counted against this person's cap
        (:func:`lab.server.busy.cap_key`: a named user anywhere, the shared token per address;
        one more than allowed is a 429, never queued)."""
        loop = asyncio.get_running_loop()
        key = cap_key(
            self.user_name() or "",
            bool(getattr(self.current_user, "named", True)),
            self.request.remote_ip or "",
        )
        with self.in_flight.hold(key):
            return await loop.run_in_executor(self.executor, functools.partial(fn, *args, **kwargs))

    @property
    def abandon(self) -> Abandon:
        """This request's abandoned mark (:mod:`lab.server.abandon`): a question run with it
        has its query interrupted when the client goes away (ask and export pass it)."""
        if getattr(self, "_abandon", None) is None:
            self._abandon = Abandon()
        return self._abandon

    def on_connection_close(self) -> None:
        """The client went away: interrupt the query of the question it asked, if any."""
        self.abandon.abandon()
        super().on_connection_close()

    @property
    def in_flight(self) -> InFlight:
        """Requests in the workers per person; no cap where the app set none."""
        cap = self.settings.get("orderlens_in_flight")
        return cap if isinstance(cap, InFlight) else _NO_CAP

    def user_name(self) -> str | None:
        """The signed-in user's name (a named user's, or the server token's user name)."""
        user = self.current_user
        return getattr(user, "username", None) or getattr(user, "name", None) or None

    def user_role(self) -> Role:
        """The signed-in user's OrderLens role; the ask role for a user without one (least
        privilege: what an answer may show depends on it, :mod:`lab.server.role_data`)."""
        try:
            return Role(getattr(self.current_user, "role", Role.ASK))
        except ValueError:
            return Role.ASK


@tornado.web.stream_request_body
class _JSONHandler(_OrderLensMixin, APIHandler):
    """JSON in and out; bodies capped before they are read; one ``write_error`` for all."""

    # APIHandler.prepare drops JupyterHandler's private ``_redirect_to_login`` keyword (with
    # the same ignore upstream); this override keeps APIHandler's signature, the one it calls.
    async def prepare(self) -> None:  # type: ignore[override]
        """Authenticate (jupyter_server), then refuse an oversized body before reading it."""
        self._body = bytearray()
        await super().prepare()
        if self.request.method in ("POST", "PUT", "PATCH"):
            if not self.current_user:  # refused before the body is read, whatever the config
                raise tornado.web.HTTPError(403, "sign in first: this route needs a token")
            declared = self.request.headers.get("Content-Length")
            size = None if declared is None else declared_length(declared)
            if declared is not None and size is None:  # not a number: the client's mistake
                raise BadRequest(f"Content-Length {declared!r} is not a number of bytes")
            if size is not None and size > MAX_BODY_BYTES:
                raise PayloadTooLarge(
                    f"the body is {size} bytes; OrderLens routes accept at most "
                    f"{MAX_BODY_BYTES} bytes"
                )
            connection = self.request.connection
            if connection is not None and hasattr(connection, "set_max_body_size"):
                connection.set_max_body_size(MAX_BODY_BYTES)  # chunked bodies are cut too

    def check_xsrf_cookie(self) -> None:
        """Jupyter's XSRF check, refusing with a message that names the method and the fix.

        Why: tornado's own message says "'_xsrf' argument missing from POST" for a PATCH or a
        DELETE too, and names a form field a JSON client never sends.
        """
        try:
            super().check_xsrf_cookie()
        except tornado.web.HTTPError as exc:
            if exc.status_code != 403 or self.request.method in ("GET", "HEAD"):
                raise
            raise tornado.web.HTTPError(
                403,
                f"this {self.request.method} has no valid XSRF token: send the _xsrf cookie's "
                "value in an X-XSRFToken header (the Ask page does), or authenticate with an "
                "'Authorization: token ...' header instead of the sign-in cookie",
            ) from None

    def data_received(self, chunk: bytes) -> None:
        """Collect the (already size-checked) body as it streams in."""
        if len(self._body) + len(chunk) > MAX_BODY_BYTES:
            raise PayloadTooLarge(f"the body is over {MAX_BODY_BYTES} bytes")
        self._body.extend(chunk)

    def json_object(self, fields: Iterable[str] | None = None) -> dict[str, Any]:
        """The body as a strictly parsed JSON object (400 naming what is wrong otherwise).

        With ``fields``, any other key is refused with a 400 naming it (see
        :func:`~lab.server.payload.known_fields`); routes whose page sends exactly those keys
        pass them.
        """
        data = parse_json_object(bytes(self._body))
        return data if fields is None else known_fields(data, fields)

    def write_json(self, status: int, body: Any, *, logged: bool = False) -> None:
        """``body`` as JSON; an error a business user gets names no server path (the log
        keeps the full message: :mod:`lab.server.redact`). Both the ``error`` and the
        ``reason`` (until session 17 only ``error``: a query failing on a disk error kept the
        warehouse's path in ``reason``). ``logged``: the full message is in the log already
        (an exception's, by :meth:`log_exception`), so redacting it logs nothing more."""
        if status >= 400 and isinstance(body, dict):
            shown = {k: self.for_role(v) for k, v in body.items() if k in _MESSAGE_KEYS}
            if any(shown[k] != body[k] for k in shown):
                if not logged:
                    log.warning("OrderLens: %s %s -> %s: %s", self.request.method,
                                self.request.path, status, body.get("error"))  # fmt: skip
                body = {**body, **shown}
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(body, ensure_ascii=False, default=str))

    def for_role(self, message: Any) -> Any:
        """``message`` as the signed-in user may read it: an analyst (who has the files in
        JupyterLab) the whole text, anyone else without server paths; not text: as it is."""
        # the user as already authenticated: asking ``current_user`` here would authenticate
        # again inside write_error (a throttled token's 429 turned into an empty 200)
        user = getattr(self, "_current_user", None)
        if isinstance(message, str) and getattr(user, "role", None) != Role.ANALYST:
            return redact_paths(message)
        return message

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        """Errors meant for the user are one log line; only bugs get a traceback."""
        if value is not None and http_status_of(value) is not None:
            log.info("OrderLens: %s %s -> %s", self.request.method, self.request.path, value)
        else:
            super().log_exception(typ, value, tb)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """``{"error": message}`` with the error's own status; a bug's details stay in the log."""
        exc = (kwargs.get("exc_info") or (None, None, None))[1]
        mapped = http_status_of(exc) if exc is not None else None
        if mapped is not None:
            status, message = mapped, str(exc)
        elif isinstance(exc, tornado.web.HTTPError):
            status = exc.status_code
            message = http_error_text(exc) or tornado.httputil.responses.get(status, "")
        else:
            status, message = 500, "internal error; the server log has the details"
        self.clear()
        retry_after = getattr(exc, "retry_after_s", None)
        if isinstance(retry_after, int):  # a 429 of the per-user cap says when to try again
            self.set_header("Retry-After", str(retry_after))
        # tornado logged the exception before this (log_exception: its full text, one line);
        # the redaction's own line made every refused request with a path two (session 26)
        self.write_json(status, {"error": message}, logged=True)


def http_error_text(exc: tornado.web.HTTPError) -> str:
    """The message an :class:`~tornado.web.HTTPError` was raised with, as it was written.

    Why not ``exc.log_message``: tornado doubles every ``%`` of a message raised without format
    arguments (for its logger), so a 404 naming the path ``/orderlens/api/..%2fetc`` told the
    client ``..%%2Fetc``, a path it never sent.

    >>> http_error_text(tornado.web.HTTPError(404, "no route /a%2fb"))
    'no route /a%2fb'
    >>> http_error_text(tornado.web.HTTPError(403))
    'Forbidden'
    """
    get_message = getattr(exc, "get_message", None)  # tornado >= 6.5
    if callable(get_message):
        text = get_message()
    elif exc.log_message and exc.args:
        text = exc.log_message % exc.args
    else:
        text = (exc.log_message or "").replace("%%", "%")
    return text or exc.reason or tornado.httputil.responses.get(exc.status_code, "")


def context_field(data: dict[str, Any]) -> dict[str, Any] | None:
    """The previous answer's ``followup_context`` (``{"question": str, "query": {...}}``)."""
    value = data.get("context")
    if value is None:
        return None
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("question"), str)
        or not isinstance(value.get("query"), dict)
    ):
        raise BadRequest(
            '"context" must be the previous answer\'s "followup_context" object '
            '({"question": "...", "query": {...}}), or left out for a new question'
        )
    return value
