"""Red team, session 17: a link carrying someone else's token does not switch a signed-in browser.

Before: ana, signed in, opened ``/orderlens/?token=<eve's token>`` (a link eve sent): Jupyter
prefers a token to the cookie and re-issued the cookie as eve's, so ana's next questions were
recorded in eve's history, where eve read them. Now a ``?token=`` of another person than the
browser's valid sign-in cookie is a 403 saying to sign out first; the cookie stays ana's.
Since session 18 a named user's token in a link signs nobody in at all
(``test_token_in_links.py``), so what a link may still carry is the server token: the same
token as the cookie's, or that token with no cookie, opens the page as before;
``Authorization`` headers (scripts, not links) are not affected.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

from lab.server.users import Role, UserStore
from tests.server_helpers import response_cookies as _cookies
from tests.server_helpers import sign_in as _sign_in

pytest_plugins = ["pytest_jupyter.jupyter_server"]


async def _me(client: Any, base: str, cookie: str, query: str = "") -> Any:
    return await client.fetch(
        f"{base}orderlens/api/me{query}", headers={"Cookie": cookie}, raise_error=False
    )


async def test_a_link_with_another_token_does_not_switch_the_browser(
    jp_serverapp: Any, http_server_client: Any, tokens: dict[str, str], users_file: Any
) -> None:
    base = jp_serverapp.base_url
    eve = UserStore(users_file).add("eve", Role.ASK)
    cookie = await _sign_in(http_server_client, base, tokens["ana"])
    server_token = jp_serverapp.identity_provider.token
    resp = await _me(http_server_client, base, cookie, f"?token={server_token}")
    assert resp.code == 403, resp.body
    assert b"sign out" in resp.body
    assert not any(k.startswith("username") for k in _cookies(resp))  # the cookie is kept
    named = await _me(http_server_client, base, cookie, f"?token={eve}")
    assert named.code == 403 and not any(k.startswith("username") for k in _cookies(named))
    mine = await _me(http_server_client, base, cookie)
    assert mine.code == 200 and b'"ana"' in mine.body


async def test_the_same_token_or_no_cookie_signs_in(
    jp_serverapp: Any, http_server_client: Any
) -> None:
    base, server_token = jp_serverapp.base_url, jp_serverapp.identity_provider.token
    fresh = await http_server_client.fetch(
        f"{base}orderlens/api/me?token={server_token}", raise_error=False
    )
    assert fresh.code == 200 and b'"server-token"' in fresh.body
    cookie = "; ".join(f"{k}={v}" for k, v in _cookies(fresh).items() if k.startswith("username"))
    same = await _me(http_server_client, base, cookie, f"?token={server_token}")
    assert same.code == 200 and b'"server-token"' in same.body


async def test_an_authorization_header_is_not_a_link(
    jp_serverapp: Any, http_server_client: Any, tokens: dict[str, str]
) -> None:
    base = jp_serverapp.base_url
    cookie = await _sign_in(http_server_client, base, tokens["ana"])
    resp = await http_server_client.fetch(
        f"{base}orderlens/api/me",
        headers={"Cookie": cookie, "Authorization": f"token {tokens['pia']}"},
        raise_error=False,
    )
    assert resp.code == 200 and b'"pia"' in resp.body


async def test_the_sign_in_form_still_switches(
    jp_serverapp: Any, http_server_client: Any, tokens: dict[str, str]
) -> None:
    """Typing another token on the sign-in page (a form with the XSRF token) is deliberate."""
    base = jp_serverapp.base_url
    cookie = await _sign_in(http_server_client, base, tokens["ana"])
    page = await http_server_client.fetch(f"{base}login", raise_error=False)
    xsrf = _cookies(page)["_xsrf"]
    resp = await http_server_client.fetch(
        f"{base}login",
        method="POST",
        body=urllib.parse.urlencode({"token": tokens["pia"], "_xsrf": xsrf}),
        headers={"Cookie": f"{cookie}; _xsrf={xsrf}"},
        follow_redirects=False,
        raise_error=False,
    )
    assert resp.code == 302, resp.code
    switched = next(f"{k}={v}" for k, v in _cookies(resp).items() if k.startswith("username"))
    me = await _me(http_server_client, base, switched)
    assert me.code == 200 and b'"pia"' in me.body
