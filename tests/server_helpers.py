"""The OrderLens server under pytest-jupyter's ``jp_fetch``: its configuration and JSON calls.

Why one module: every server test file configured the extension with the same auth classes
and read JSON answers (and HTTP errors) the same way, each with its own copy; a change to how
the server is enabled or how errors come back is now made once.
"""

from __future__ import annotations

import asyncio
import json
import socket
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

from tornado.httpclient import HTTPClientError

#: how long one request may take: the first answer of a server builds its catalog (slow under
#: load); tornado's default of 20 s failed such tests on a loaded CI machine
REQUEST_TIMEOUT_S = 120


def server_config(
    db: Path | str,
    users_file: Path | str,
    history_file: Path | str,
    *,
    token_role: str | None = None,
    **app: Any,
) -> dict[str, Any]:
    """The ``jp_server_config`` of a server with the OrderLens extension, its identity
    provider and authorizer (named users in ``users_file``) and ``OrderLensApp`` settings
    (``db``, ``history_file`` and any of ``app``: ``today``, ``chart_svg``, ...).
    ``token_role``: the role of the server's own token (``orderlens serve`` gives "ask").

    Charts are off unless ``chart_svg=True`` is passed. Why: with charts on, the server's
    warm-up starts the chart renderer (a child process: Python, vl-convert, fonts; tens of
    seconds at load 15+ with the suite on two cores) and a fresh server's first question waits
    for that start (session 27), past tornado's 20 s client timeout in ``test_access``. Only a
    test that looks at the picture should pay for it; such a test says ``chart_svg=True``."""
    app.setdefault("chart_svg", False)
    provider: dict[str, Any] = {"users_file": str(users_file)}
    if token_role is not None:
        provider["token_role"] = token_role
    return {
        "ServerApp": {
            "jpserver_extensions": {"lab": True},
            "identity_provider_class": "lab.server.auth.OrderLensIdentityProvider",
            "authorizer_class": "lab.server.auth.OrderLensAuthorizer",
        },
        "OrderLensIdentityProvider": provider,
        "OrderLensApp": {"db": str(db), "history_file": str(history_file), **app},
    }


async def fetch_json(jp_fetch: Any, *parts: str, **kw: Any) -> tuple[int, dict[str, Any]]:
    """(HTTP status, JSON body) of one request; an HTTP error is returned, not raised, and an
    empty body reads as ``{}``."""
    kw.setdefault("request_timeout", REQUEST_TIMEOUT_S)
    try:
        resp = await jp_fetch(*parts, **kw)
    except HTTPClientError as exc:
        return exc.code, json.loads(exc.response.body)
    return resp.code, json.loads(resp.body) if resp.body else {}


def response_cookies(resp: Any) -> dict[str, str]:
    """The cookies a response sets, name -> value."""
    pairs = (h.split(";")[0].split("=", 1) for h in resp.headers.get_list("Set-Cookie"))
    return {k: v for k, v in pairs}


async def sign_in(client: Any, base: str, token: str) -> str:
    """Sign in on Jupyter's login form with ``token``; the session cookie as a Cookie header."""
    page = await client.fetch(f"{base}login", raise_error=False)
    xsrf = response_cookies(page)["_xsrf"]
    resp = await client.fetch(
        f"{base}login",
        method="POST",
        body=urllib.parse.urlencode({"token": token, "_xsrf": xsrf}),
        headers={"Cookie": f"_xsrf={xsrf}"},
        follow_redirects=False,
        raise_error=False,
    )
    assert resp.code == 302, resp.code
    name, value = next(
        (k, v) for k, v in response_cookies(resp).items() if k.startswith("username")
    )
    return f"{name}={value}"


async def sign_in_form(jp_fetch: Any, token: str) -> list[str]:
    """Sign in on the sign-in page through ``jp_fetch`` as a browser does (the page's XSRF
    token echoed in the form; no ``Authorization`` header): the 302's ``Set-Cookie`` headers.

    Why the XSRF token: since session 18 a body's ``token`` is read only by the sign-in form,
    after its XSRF check (a form on another site could post it before)."""
    page = await jp_fetch("login", headers={"Authorization": ""}, raise_error=False)
    xsrf = response_cookies(page)["_xsrf"]
    resp = await jp_fetch(
        "login",
        method="POST",
        body=urllib.parse.urlencode({"token": token, "_xsrf": xsrf}),
        headers={"Authorization": "", "Cookie": f"_xsrf={xsrf}"},
        follow_redirects=False,
        raise_error=False,
    )
    assert resp.code == 302, resp.code
    return list(resp.headers.get_list("Set-Cookie"))


def cookie_header(set_cookies: list[str]) -> str:
    """The ``Cookie`` header a browser sends back after a response setting ``set_cookies``
    (its ``Set-Cookie`` headers): each cookie's ``name=value``, attributes left out, a cookie
    set twice (the sign-in clears the old one, then sets the new) once, as last set."""
    jar: SimpleCookie = SimpleCookie()
    for header in set_cookies:
        jar.load(header)
    return "; ".join(f"{k}={m.value}" for k, m in jar.items())


#: a body larger than any OrderLens cap and under tornado's own 100 MB default of the test
#: server (Jupyter's is 512 MB): what the body-limit tests announce and never send
BIG_BODY = 50 * 1024 * 1024


def put_head(path: str, *headers: str, length: int = BIG_BODY) -> str:
    """The request line and headers of a ``PUT`` announcing a ``length``-byte body (no body)."""
    lines = [f"PUT {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {length}", *headers]
    return "\r\n".join(lines) + "\r\n\r\n"


def _first_reply_now(port: int, head: str, wait_s: float) -> bytes | None:
    with socket.create_connection(("127.0.0.1", port), timeout=wait_s) as sock:
        sock.sendall(head.encode())
        try:
            return sock.recv(200)
        except TimeoutError:
            return None  # it waits for the body


async def first_reply(port: int, head: str, wait_s: float) -> bytes | None:
    """Send ``head`` (request line and headers, no body) on a raw socket and return what the
    server answers within ``wait_s``; None when it says nothing (it waits for the body).

    Why a raw socket: an HTTP client sends the body it announces; these tests must see the
    server refuse (or wait) before a byte of it is sent."""
    return await asyncio.to_thread(_first_reply_now, port, head, wait_s)


#: A small model over the demo warehouse's orders, for tests that edit a served model (a copy of
#: the built-in model works the same way, but building its catalog in a fresh server took ~90 s
#: under load).
SMALL_ORDERS_MODEL = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: created_at}
    entities:
      - {name: order, type: primary, expr: order_id}
    dimensions:
      - {name: created_at, type: time, type_params: {time_granularity: day}}
      - {name: channel, type: categorical, label: sales channel}
    measures:
      - {name: order_count, agg: count, expr: order_id}
metrics:
  - name: orders
    label: Orders
    type: simple
    type_params: {measure: order_count}
"""


def small_model_dir(tmp_path: Path) -> Path:
    """A model folder holding :data:`SMALL_ORDERS_MODEL` as ``sales.yml``."""
    target = tmp_path / "model"
    target.mkdir()
    (target / "sales.yml").write_text(SMALL_ORDERS_MODEL, encoding="utf-8")
    return target


def token_headers(token: str) -> dict[str, str]:
    """The headers of a request made with ``token`` (an API client's, not a signed-in page's)."""
    return {"Authorization": f"token {token}"}


async def fetch_json_as(
    jp_fetch: Any, token: str, *parts: str, **kw: Any
) -> tuple[int, dict[str, Any]]:
    """:func:`fetch_json` with ``token`` as the Authorization header and a long timeout (a
    fresh server builds the model's catalog on its first question)."""
    kw.setdefault("request_timeout", 180)
    return await fetch_json(jp_fetch, *parts, headers=token_headers(token), **kw)


def builtin_model_with_expr(tmp_path: Path, expr: str) -> Path:
    """A copy of the built-in model with one more categorical dimension whose ``expr`` is
    ``expr`` (a hostile model's expression, for the guard tests)."""
    import shutil

    import semantic_layer

    model = tmp_path / "model"
    shutil.copytree(Path(semantic_layer.__file__).parent / "models", model)
    sales = model / "sales.yml"
    text = sales.read_text(encoding="utf-8")
    anchor = "      - name: channel\n"
    assert anchor in text
    probe = f'      - name: kiln_note\n        type: categorical\n        expr: "{expr}"\n'
    sales.write_text(text.replace(anchor, probe + anchor, 1), encoding="utf-8")
    return model
