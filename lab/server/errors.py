"""The server extension's exception family: every error knows its HTTP status.

Why one family with a status: handlers raise what went wrong (a malformed body, an unknown
engine, a warehouse that cannot be opened) and a single ``write_error`` in
:mod:`lab.server.handlers` turns any of them into ``{"error": message}`` with the right status,
instead of a try/except ladder per handler. Errors of the lower packages (question engine,
semantic layer, connectors, shipping review) are mapped to a status by :func:`http_status_of`.

>>> BadRequest("send a question").status
400
>>> http_status_of(PayloadTooLarge("too big"))
413
"""

from __future__ import annotations

from typing import ClassVar

from connectors.errors import ConnectorError
from lab.shipping.errors import (
    AlreadyDecided,
    InvalidDecision,
    RecommendationExpired,
    RecommendationNotFound,
    ShippingError,
)

#: HTTP status of a question the engine could not answer (refusal or failed query): the request
#: was well-formed but cannot be processed; the body is ``{"error", "suggestions", ...}``.
UNANSWERABLE_STATUS = 422


class ServerExtensionError(Exception):
    """Base class of errors the OrderLens server extension reports, each with an HTTP status."""

    status: ClassVar[int] = 500


class BadRequest(ServerExtensionError):
    """The request itself is malformed: not UTF-8 JSON, a missing or mistyped field."""

    status = 400


class Forbidden(ServerExtensionError):
    """The signed-in user's role does not allow this action."""

    status = 403


class NotFound(ServerExtensionError):
    """The signed-in user has no such item (a saved question of someone else is not theirs)."""

    status = 404


class PayloadTooLarge(ServerExtensionError):
    """The body is larger than the route accepts (checked before it is read)."""

    status = 413


class Unprocessable(ServerExtensionError):
    """Well-formed, but cannot be carried out (dates outside the calendar, a refused question)."""

    status = 422


class TooManyRequests(ServerExtensionError):
    """A person sent more of something than one person needs (votes per day)."""

    status = 429


class Unavailable(ServerExtensionError):
    """The warehouse or the semantic model cannot be used right now (missing file, bad model)."""

    status = 503


class UsersFileError(ServerExtensionError):
    """The users file is unreadable or a user command got a bad name or role."""

    status = 500


def http_status_of(exc: BaseException) -> int | None:
    """The HTTP status for an error meant for the person asking, or None for a bug.

    Why here: the lower packages know nothing about HTTP; the mapping of their exception
    families to statuses is a server decision and lives in one place.
    """
    if isinstance(exc, ServerExtensionError):
        return exc.status
    # nl2sql and semantic_layer (pandas, sqlglot) load only when an error is mapped:
    # this module is imported at every `orderlens` start
    from nl2sql.errors import NL2SQLError
    from semantic_layer.errors import SemanticLayerError

    if isinstance(exc, RecommendationNotFound):
        return 404
    if isinstance(exc, AlreadyDecided | RecommendationExpired):
        return 409
    if isinstance(exc, InvalidDecision):
        return 400
    if isinstance(exc, ShippingError):
        return 422
    if isinstance(exc, NL2SQLError | SemanticLayerError | ConnectorError):
        return 503
    return None
