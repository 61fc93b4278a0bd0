"""Red team, session 5: routes that never ask the Authorizer, cookies of replaced tokens, and
wrong-token guessing.

The server runs with the configuration ``orderlens lab`` passes plus JupyterLab itself (whose
workspaces, settings and extension-manager routes only check that someone is signed in); the
ask and planner roles must still reach nothing but the OrderLens routes.
"""

from __future__ import annotations

import json
import logging
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from tornado.httpclient import HTTPClientError

from lab.server.auth import RedactTokens
from lab.server.throttle import FailedTokens
from lab.server.users import Role, UserStore
from tests.server_helpers import cookie_header, sign_in_form

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture()
def jp_server_config(jp_server_config: dict) -> dict:
    """Load JupyterLab next to OrderLens, as ``orderlens lab`` does."""
    jp_server_config["ServerApp"]["jpserver_extensions"]["jupyterlab"] = True
    return jp_server_config


async def _code(jp_fetch, *parts, token: str | None = None, **kw) -> tuple[int, bytes]:
    if token is not None:
        kw["headers"] = {**kw.get("headers", {}), "Authorization": f"token {token}"}
    try:
        resp = await jp_fetch(*parts, **kw)
    except HTTPClientError as exc:
        return exc.code, exc.response.body if exc.response is not None else b""
    return resp.code, resp.body


#: JupyterLab routes (no ``@authorized``): shared workspaces and settings, the extension manager.
LAB_ROUTES = [
    ("GET", ("lab",), None),
    ("GET", ("lab", "api", "workspaces"), None),
    ("PUT", ("lab", "api", "workspaces", "planted"), '{"data": {}, "metadata": {"id": "planted"}}'),
    ("GET", ("lab", "api", "settings"), None),
    (
        "PUT",
        ("lab", "api", "settings", "@jupyterlab/apputils-extension:themes"),
        '{"raw": "{\\"theme\\": \\"JupyterLab Dark\\"}"}',
    ),
    ("GET", ("lab", "api", "extensions"), None),
    ("POST", ("lab", "api", "extensions"), '{"cmd": "install", "extension_name": "planted"}'),
]


@pytest.mark.parametrize(("method", "parts", "body"), LAB_ROUTES)
async def test_ask_and_planner_roles_cannot_reach_jupyterlab_routes(
    jp_fetch, tokens, method: str, parts: tuple[str, ...], body: str | None
) -> None:
    """Before: 200/204 for ana and pia on every one (a PUT rewrote the analysts' theme and the
    extension manager ran ``pip install``)."""
    for token in (None, tokens["ana"], tokens["pia"]):  # None = the server token (ask role)
        code, reply = await _code(jp_fetch, *parts, method=method, body=body, token=token)
        assert code == 403, (token, method, parts, code, reply[:200])
        if parts[-1] == "workspaces":
            assert b"the ask role" in reply or b"the planner role" in reply
    code, reply = await _code(jp_fetch, "lab", "api", "workspaces", token=tokens["ali"])
    assert code == 200 and b"planted" not in reply  # the analyst's lab: reachable, untouched


async def test_a_refused_html_route_is_a_clean_403_page(jp_fetch, tokens, caplog) -> None:
    """Before the user was cleared, Jupyter's HTML 404/403 page looked the user up again and
    logged "Uncaught exception in write_error"."""
    code, reply = await _code(
        jp_fetch, "orderlens", "static", "..%2f..%2fauth.py", token=tokens["ana"]
    )
    assert code == 403 and b"import" not in reply
    assert "Uncaught exception" not in caplog.text


async def test_the_orderlens_routes_stay_open_to_every_role(jp_fetch, tokens) -> None:
    for who in ("ana", "pia", "ali"):
        code, reply = await _code(jp_fetch, "orderlens", "api", "me", token=tokens[who])
        assert code == 200 and json.loads(reply)["name"] == who
    code, _ = await _code(jp_fetch, "orderlens/", token=tokens["ana"])
    assert code == 200


async def _sign_in(jp_fetch, token: str) -> str:
    """The Cookie header a browser holds after signing in on the page with ``token``."""
    return cookie_header(await sign_in_form(jp_fetch, token))  # asserts the 302


async def test_a_new_token_signs_out_the_old_tokens_cookie(
    jp_fetch, tokens, users_file: Path
) -> None:
    """Before: re-issuing a leaked token (``orderlens users add bob`` again) stopped the old
    token but its sign-in cookie kept working for 30 days."""
    cookie = {"Authorization": "", "Cookie": await _sign_in(jp_fetch, tokens["ana"])}
    code, reply = await _code(jp_fetch, "orderlens", "api", "me", headers=cookie)
    assert code == 200 and json.loads(reply)["name"] == "ana"
    new = UserStore(users_file).add("ana", Role.ASK)
    code, _ = await _code(jp_fetch, "orderlens", "api", "me", headers=cookie)
    assert code == 403
    fresh = {"Authorization": "", "Cookie": await _sign_in(jp_fetch, new)}
    code, reply = await _code(jp_fetch, "orderlens", "api", "me", headers=fresh)
    assert code == 200 and json.loads(reply)["name"] == "ana"


@pytest.fixture()
def few_guesses(jp_server_config: dict) -> dict:
    jp_server_config["OrderLensIdentityProvider"]["max_failed_tokens"] = 5
    return jp_server_config


async def test_wrong_tokens_from_one_address_are_refused_for_a_while(
    few_guesses, jp_fetch, tokens
) -> None:
    """Before: any number of guesses, each answered at full speed (403 / 401)."""
    codes = [
        (await _code(jp_fetch, "orderlens", "api", "me", token=f"deadbeef.guess{i}"))[0]
        for i in range(7)
    ]
    assert codes == [403] * 5 + [429] * 2
    code, reply = await _code(jp_fetch, "orderlens", "api", "me", token=tokens["ana"])
    assert code == 429 and b"too many wrong tokens" in reply  # guessing cannot go on
    no_auth = {"Authorization": ""}
    page = await jp_fetch("login", method="GET", headers=no_auth)
    xsrf = SimpleCookie(page.headers["Set-Cookie"])["_xsrf"].value
    code, _ = await _code(
        jp_fetch, "login", method="POST", follow_redirects=False,
        headers={**no_auth, "Cookie": f"_xsrf={xsrf}"},
        body=urlencode({"_xsrf": xsrf, "token": tokens["ana"]}),
    )  # fmt: skip
    assert code == 429


def test_failed_tokens_window_slides_and_forgets_old_addresses() -> None:
    now = [100.0]
    t = FailedTokens(limit=3, window_s=10, clock=lambda: now[0], max_addresses=2)
    for step in (0.0, 4.0, 8.0):
        now[0] = 100.0 + step
        t.fail("a")
    assert t.wait_s("a") == pytest.approx(2.0)  # the failure at 100 leaves the window at 110
    now[0] = 110.5
    assert t.wait_s("a") == 0.0  # two failures left in the window
    t.fail("b")
    t.fail("c")  # a third address: the least recently failing one ("a") is forgotten
    t.fail("a")
    assert t.wait_s("a") == 0.0
    assert FailedTokens(limit=0, window_s=10).wait_s("x") == 0.0  # 0 = no limit


async def test_the_sign_in_cookie_is_samesite_lax_and_http_only(jp_fetch, tokens) -> None:
    """Before: ``HttpOnly; Path=/`` only, so another site's form post carried the cookie."""
    login = [c for c in await sign_in_form(jp_fetch, tokens["ana"]) if c.startswith("username-")]
    assert len(login) == 1 and "SameSite=Lax" in login[0] and "HttpOnly" in login[0]


def test_tokens_in_tornados_malformed_request_lines_are_redacted() -> None:
    """Before: ``Invalid header value 'token <the server token>\\x00'`` went to the log as is."""
    record = logging.LogRecord(
        "tornado.general", logging.INFO, __file__, 1, "Malformed HTTP message from %s: %s",
        ("127.0.0.1", "Invalid header value 'token 0123abcd.s3cret-Value_x\\x00'"), None,
    )  # fmt: skip
    RedactTokens().filter(record)
    assert record.getMessage() == (
        "Malformed HTTP message from 127.0.0.1: Invalid header value 'token [redacted]'"
    )
    plain = logging.LogRecord("t", logging.INFO, __file__, 1, "tokenizer %s", ("ok",), None)
    RedactTokens().filter(plain)
    assert plain.getMessage() == "tokenizer ok"
