"""What a request without credentials may make the server read: a small body, read quickly.

Why: tornado reads a request's whole body into memory *before* any handler runs, so before
anyone is asked for a token; jupyter_server allows bodies of 512 MB (``max_body_size``, for
analysts' uploads). Until session 11 a client with no token at all could ``PUT`` 300 MB to
``/api/contents/x`` and the server grew by 320 MB before answering 403, once per connection it
opened at the same time; a body sent a byte at a time held its connection for ever (no body
timeout), and so did headers never finished (tornado's idle timeout: one hour).

Now, as soon as a request's headers are in (:class:`SignedOutBodyLimit`):

- a request carrying no valid credential (a known token in ``Authorization`` or ``?token=``,
  or a sign-in cookie this server signed for a user who still exists) may send at most
  :data:`SIGNED_OUT_BODY_BYTES` (the sign-in form needs a few hundred bytes), within
  :data:`SIGNED_OUT_BODY_S`; a larger one is refused (400) before a byte of it is read;
- a signed-in request of an analyst keeps jupyter_server's limits (an analyst's upload under
  ``orderlens lab``); one of an ask or planner user (the server token of ``orderlens serve``
  included) may send at most :data:`SIGNED_IN_BODY_BYTES`: nothing they may reach takes more
  (the OrderLens routes stop at 16 KiB), and until session 21 an ask token could make the
  server read 512 MB per connection before Jupyter's 403 (a 200 MB ``PUT /api/contents/x``
  took the server from 320 MB to 735 MB).

Headers must arrive within ``OrderLensApp.header_timeout_s`` (:func:`limit_header_wait`), on
every connection: a browser's idle keep-alive connection closed then is reopened at once.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tornado import httputil
from tornado.web import decode_signed_value

log = logging.getLogger("orderlens.server")

#: Largest body a request without credentials may send (the sign-in form posts ~200 bytes).
SIGNED_OUT_BODY_BYTES = 64 * 1024
#: Largest body an ask or planner user may send (the OrderLens routes read at most 16 KiB).
SIGNED_IN_BODY_BYTES = 64 * 1024
#: The role whose requests keep jupyter_server's body limit (uploads under ``orderlens lab``).
UPLOAD_ROLE = "analyst"
#: Seconds a request without credentials has to send its body once its headers are in.
SIGNED_OUT_BODY_S = 30.0
#: The age jupyter_server accepts for its signed sign-in cookie (tornado's default).
COOKIE_MAX_AGE_DAYS = 31

#: (presented token) -> whether it is a known token; (cookie value) -> whether it signs a user in
TokenCheck = Callable[[str], bool]
CookieCheck = Callable[[str], bool]
#: (presented token or cookie value) -> the role it signs in right now, or None
RoleCheck = Callable[[str], str | None]


def presented_tokens(headers: httputil.HTTPHeaders, uri: str) -> list[str]:
    """The tokens a request presents: ``Authorization: token|Bearer X`` and ``?token=X``.

    >>> presented_tokens(httputil.HTTPHeaders({"Authorization": "token abc"}), "/x?token=d")
    ['abc', 'd']
    """
    found = []
    scheme, _, value = headers.get("Authorization", "").strip().partition(" ")
    if scheme.lower() in ("token", "bearer") and value.strip():
        found.append(value.strip())
    found += [t for t in parse_qs(urlsplit(uri).query).get("token", []) if t.strip()]
    return found


def signed_cookie_values(headers: httputil.HTTPHeaders, secret: bytes | str) -> list[str]:
    """The values of the request's cookies that this server signed (any name).

    Why any name: jupyter_server names its sign-in cookie after the host and port, which a
    request can state freely; a valid signature is what only this server can make.
    """
    values = []
    for line in headers.get_list("Cookie"):
        for name, raw in httputil.parse_cookie(line).items():
            value = decode_signed_value(secret, name, raw, max_age_days=COOKIE_MAX_AGE_DAYS)
            if value:
                values.append(value.decode("utf-8", "replace"))
    return values


def carries_credentials(
    headers: httputil.HTTPHeaders,
    uri: str,
    *,
    cookie_secret: bytes | str,
    token_ok: TokenCheck,
    cookie_ok: CookieCheck,
) -> bool:
    """Whether the request presents a credential that signs someone in right now."""
    if any(token_ok(token) for token in presented_tokens(headers, uri)):
        return True
    return bool(cookie_secret) and any(
        cookie_ok(value) for value in signed_cookie_values(headers, cookie_secret)
    )


def credential_roles(
    headers: httputil.HTTPHeaders,
    uri: str,
    *,
    cookie_secret: bytes | str,
    token_role: RoleCheck,
    cookie_role: RoleCheck,
) -> list[str]:
    """The roles of every credential the request presents that signs someone in right now.

    >>> credential_roles(httputil.HTTPHeaders({"Authorization": "token a"}), "/x?token=b",
    ...     cookie_secret="", token_role={"a": "ask", "b": "analyst"}.get, cookie_role=str)
    ['ask', 'analyst']
    """
    roles = [r for t in presented_tokens(headers, uri) if (r := token_role(t))]
    if cookie_secret:
        roles += [r for v in signed_cookie_values(headers, cookie_secret) if (r := cookie_role(v))]
    return roles


def has_body(headers: httputil.HTTPHeaders) -> bool:
    """Whether the request announces a body (a length above 0, or chunks)."""
    return declares_large_body(headers) or headers.get("Content-Length", "0").strip() not in (
        "",
        "0",
    )


def declares_large_body(headers: httputil.HTTPHeaders) -> bool:
    """A body over :data:`SIGNED_OUT_BODY_BYTES`, or one of unknown size (chunked)."""
    if "chunked" in headers.get("Transfer-Encoding", "").lower():
        return True
    try:
        return int(headers.get("Content-Length", "0")) > SIGNED_OUT_BODY_BYTES
    except ValueError:
        return False  # tornado refuses a malformed length itself


class SignedOutBodyLimit(httputil.HTTPMessageDelegate):
    """Passes a request through to tornado's own delegate, after capping the body of one
    without credentials (see the module docstring)."""

    def __init__(
        self,
        inner: httputil.HTTPMessageDelegate,
        connection: Any,
        roles_of: Callable[[httputil.HTTPHeaders, str], list[str]],
    ) -> None:
        self.inner = inner
        self.connection = connection
        self.roles_of = roles_of

    def headers_received(
        self,
        start_line: httputil.RequestStartLine | httputil.ResponseStartLine,
        headers: httputil.HTTPHeaders,
    ) -> Awaitable[None] | None:
        """Cap the body of a request that signs nobody in, or only an ask or planner user
        (least privilege: every credential presented must be an analyst's for a large body),
        then hand the headers on."""
        uri = getattr(start_line, "path", "")
        if has_body(headers):
            roles = self.roles_of(headers, uri)
            if not roles:
                self.connection.set_body_timeout(SIGNED_OUT_BODY_S)
                if declares_large_body(headers):
                    self.connection.set_max_body_size(SIGNED_OUT_BODY_BYTES)
            elif any(r != UPLOAD_ROLE for r in roles) and declares_large_body(headers):
                self.connection.set_max_body_size(SIGNED_IN_BODY_BYTES)
        return self.inner.headers_received(start_line, headers)

    def data_received(self, chunk: bytes) -> Awaitable[None] | None:
        return self.inner.data_received(chunk)

    def finish(self) -> None:
        self.inner.finish()

    def on_connection_close(self) -> None:
        self.inner.on_connection_close()


def install(web_app: Any, token_role: RoleCheck, cookie_role: RoleCheck) -> None:
    """Put :class:`SignedOutBodyLimit` in front of every request ``web_app`` receives
    (once; the tornado Application's ``start_request`` is wrapped on this instance)."""
    if getattr(web_app, "_orderlens_body_gate", False):
        return
    start_request = web_app.start_request

    def roles_of(headers: httputil.HTTPHeaders, uri: str) -> list[str]:
        return credential_roles(
            headers,
            uri,
            cookie_secret=web_app.settings.get("cookie_secret", b""),
            token_role=token_role,
            cookie_role=cookie_role,
        )

    def gated(server_conn: object, request_conn: Any) -> httputil.HTTPMessageDelegate:
        return SignedOutBodyLimit(start_request(server_conn, request_conn), request_conn, roles_of)

    web_app.start_request = gated
    web_app._orderlens_body_gate = True


def limit_header_wait(http_server: Any, seconds: float, body_seconds: float = 0.0) -> None:
    """Close a connection whose request headers take longer than ``seconds`` (idle
    keep-alive included; tornado's default is an hour), or whose body takes longer than
    ``body_seconds`` once its headers are in (tornado's default: no limit, so a signed-in
    client sending one byte every few seconds held a connection for as long as it liked,
    session 15). Applies to connections opened from now on (the server reads its parameters
    for each new one); 0 leaves tornado's setting."""
    params = getattr(http_server, "conn_params", None)
    if params is not None and seconds > 0:
        params.header_timeout = seconds
    if params is not None and body_seconds > 0:
        params.body_timeout = body_seconds
