"""Red team, session 15: signing out voids the sign-in cookie, not only the browser's copy.

Before: the sign-in cookie is signed, never looked up, so a copy of it (another browser, a
shared machine's profile, a proxy log) still signed in after the person signed out: ``GET
/orderlens/api/me`` with it answered 200 as that person. Now signing out voids every cookie of
that person issued until then; signing in again works.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

pytest_plugins = ["pytest_jupyter.jupyter_server"]


def _cookies(resp: Any) -> dict[str, str]:
    pairs = (h.split(";")[0].split("=", 1) for h in resp.headers.get_list("Set-Cookie"))
    return {k: v for k, v in pairs}


async def _sign_in(client: Any, base: str, token: str) -> str:
    page = await client.fetch(f"{base}login", raise_error=False)
    xsrf = _cookies(page)["_xsrf"]
    resp = await client.fetch(
        f"{base}login",
        method="POST",
        body=urllib.parse.urlencode({"token": token, "_xsrf": xsrf}),
        headers={"Cookie": f"_xsrf={xsrf}"},
        follow_redirects=False,
        raise_error=False,
    )
    assert resp.code == 302, resp.code
    name, value = next((k, v) for k, v in _cookies(resp).items() if k.startswith("username"))
    return f"{name}={value}"


async def _me(client: Any, base: str, cookie: str) -> int:
    resp = await client.fetch(
        f"{base}orderlens/api/me", headers={"Cookie": cookie}, raise_error=False
    )
    return int(resp.code)


async def test_a_copy_of_the_cookie_does_not_sign_in_after_signing_out(
    jp_serverapp: Any, http_server_client: Any, tokens: dict[str, str]
) -> None:
    base = jp_serverapp.base_url
    first = await _sign_in(http_server_client, base, tokens["ana"])
    other = await _sign_in(http_server_client, base, tokens["pia"])
    assert await _me(http_server_client, base, first) == 200
    out = await http_server_client.fetch(
        f"{base}logout", headers={"Cookie": first}, raise_error=False
    )
    assert out.code == 200
    assert await _me(http_server_client, base, first) == 403  # the copy is void
    assert await _me(http_server_client, base, other) == 200  # someone else stays signed in
    again = await _sign_in(http_server_client, base, tokens["ana"])
    assert await _me(http_server_client, base, again) == 200
