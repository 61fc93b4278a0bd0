"""Red team, session 17: signing out is a POST with the XSRF token; old server-token cookies.

Before:

- ``GET /logout`` signed the caller out (jupyter_server's ``LogoutHandler``): a link, a
  redirect or a ``<meta refresh>`` on another site (a top-level navigation carries the
  ``SameSite=Lax`` cookie), or an image on a sibling subdomain, signed a person out and, for a
  named user, voided every cookie of theirs in every browser.
- A server-token cookie issued before session 16 carries no session id: signing out with it
  could not void its copies, so a copy kept signing in as the server token for 30 days.

Now ``GET /logout`` only shows a sign-out button (a form posting back with the ``_xsrf``
token); ``POST /logout`` with the XSRF token signs out; and a server-token cookie without a
session id signs nobody in (people open the server's URL with its token again).
"""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

from tornado.web import create_signed_value

from tests.server_helpers import response_cookies as _cookies
from tests.server_helpers import sign_in as _sign_in

pytest_plugins = ["pytest_jupyter.jupyter_server"]


async def _xsrf(client: Any, base: str) -> str:
    page = await client.fetch(f"{base}login", raise_error=False)
    return _cookies(page)["_xsrf"]


async def _me(client: Any, base: str, cookie: str) -> int:
    resp = await client.fetch(
        f"{base}orderlens/api/me", headers={"Cookie": cookie}, raise_error=False
    )
    return int(resp.code)


async def test_get_logout_shows_a_button_and_signs_nobody_out(
    jp_serverapp: Any, http_server_client: Any, tokens: dict[str, str]
) -> None:
    base = jp_serverapp.base_url
    cookie = await _sign_in(http_server_client, base, tokens["ana"])
    page = await http_server_client.fetch(
        f"{base}logout",
        headers={"Cookie": cookie, "Referer": "https://evil.example/"},
        raise_error=False,
    )
    assert page.code == 200
    body = page.body.decode()
    assert 'method="post"' in body and 'name="_xsrf"' in body
    assert not any(k.startswith("username") for k in _cookies(page))  # no cookie cleared
    assert page.headers["Cache-Control"] == "no-store"
    assert "form-action 'self'" in page.headers["Content-Security-Policy"]
    assert await _me(http_server_client, base, cookie) == 200


async def test_post_logout_without_the_xsrf_token_is_refused(
    jp_serverapp: Any, http_server_client: Any, tokens: dict[str, str]
) -> None:
    base = jp_serverapp.base_url
    cookie = await _sign_in(http_server_client, base, tokens["ana"])
    resp = await http_server_client.fetch(
        f"{base}logout", method="POST", body="", headers={"Cookie": cookie}, raise_error=False
    )
    assert resp.code == 403
    assert await _me(http_server_client, base, cookie) == 200


async def test_post_logout_from_another_site_is_refused(
    jp_serverapp: Any, http_server_client: Any, tokens: dict[str, str]
) -> None:
    """A planted ``_xsrf`` pair passes the double-submit check; the Origin check refuses it."""
    base = jp_serverapp.base_url
    cookie = await _sign_in(http_server_client, base, tokens["ana"])
    resp = await http_server_client.fetch(
        f"{base}logout",
        method="POST",
        body="_xsrf=planted",
        headers={"Cookie": f"{cookie}; _xsrf=planted", "Origin": "https://evil.example"},
        raise_error=False,
    )
    assert resp.code in (403, 404)
    assert await _me(http_server_client, base, cookie) == 200


async def test_post_logout_with_the_xsrf_token_signs_out(
    jp_serverapp: Any, http_server_client: Any, tokens: dict[str, str]
) -> None:
    base = jp_serverapp.base_url
    cookie = await _sign_in(http_server_client, base, tokens["ana"])
    other = await _sign_in(http_server_client, base, tokens["pia"])
    xsrf = await _xsrf(http_server_client, base)
    resp = await http_server_client.fetch(
        f"{base}logout",
        method="POST",
        body=urllib.parse.urlencode({"_xsrf": xsrf}),
        headers={"Cookie": f"{cookie}; _xsrf={xsrf}"},
        raise_error=False,
    )
    assert resp.code == 200
    assert "signed out" in resp.body.decode()
    assert await _me(http_server_client, base, cookie) == 403
    assert await _me(http_server_client, base, other) == 200


async def test_signed_out_get_logout_offers_signing_in(
    jp_serverapp: Any, http_server_client: Any
) -> None:
    base = jp_serverapp.base_url
    page = await http_server_client.fetch(f"{base}logout", raise_error=False)
    assert page.code == 200
    body = page.body.decode()
    assert 'method="post"' not in body and f'href="{base}login"' in body


async def test_a_server_token_cookie_without_a_session_id_signs_nobody_in(
    jp_serverapp: Any, http_server_client: Any
) -> None:
    """The cookie a server before session 16 issued (no session id, so signing out with it
    could not void its copies) no longer signs in; a current one does."""
    base = jp_serverapp.base_url
    current = await _sign_in(http_server_client, base, jp_serverapp.identity_provider.token)
    name = current.split("=", 1)[0]
    secret = jp_serverapp.web_app.settings["cookie_secret"]
    for legacy in (
        {"username": "server-token", "kind": "token"},  # sessions 5-15
        {"username": "server-token", "kind": "token", "at": 1.0e9},
        {"username": "server-token", "kind": "token", "session": 7},  # not a session id
    ):
        value = create_signed_value(secret, name, json.dumps(legacy)).decode()
        assert await _me(http_server_client, base, f"{name}={value}") == 403, legacy
    assert await _me(http_server_client, base, current) == 200
