"""Red team, session 15: signing out voids the sign-in cookie, not only the browser's copy.

Before: the sign-in cookie is signed, never looked up, so a copy of it (another browser, a
shared machine's profile, a proxy log) still signed in after the person signed out: ``GET
/orderlens/api/me`` with it answered 200 as that person. Now signing out voids every cookie of
that person issued until then; signing in again works.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

from tests.server_helpers import response_cookies as _cookies
from tests.server_helpers import sign_in as _sign_in

pytest_plugins = ["pytest_jupyter.jupyter_server"]


async def _sign_out(client: Any, base: str, cookie: str) -> Any:
    """Sign out as the page's button does: POST with the XSRF token (session 17)."""
    page = await client.fetch(f"{base}login", raise_error=False)
    xsrf = _cookies(page)["_xsrf"]
    return await client.fetch(
        f"{base}logout",
        method="POST",
        body=urllib.parse.urlencode({"_xsrf": xsrf}),
        headers={"Cookie": f"{cookie}; _xsrf={xsrf}"},
        raise_error=False,
    )


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
    out = await _sign_out(http_server_client, base, first)
    assert out.code == 200
    assert await _me(http_server_client, base, first) == 403  # the copy is void
    assert await _me(http_server_client, base, other) == 200  # someone else stays signed in
    again = await _sign_in(http_server_client, base, tokens["ana"])
    assert await _me(http_server_client, base, again) == 200


def _restart_identity(jp_serverapp: Any) -> None:
    """What a server restart keeps of the sign-in state: a new identity provider with the same
    configuration (the process's memory is gone; files stay)."""
    old = jp_serverapp.web_app.settings["identity_provider"]
    config = {k: getattr(old, k) for k in ("users_file", "token_role", "token_user", "token")}
    fresh = type(old)(parent=jp_serverapp, **config)
    jp_serverapp.web_app.settings["identity_provider"] = fresh


async def test_a_sign_out_outlives_a_restart(
    jp_serverapp: Any, http_server_client: Any, tokens: dict[str, str]
) -> None:
    """Session 16: who signed out was kept in the server process, so after a restart the copy
    of a cookie signed in again (200). Now the sign-out is in a file beside the users file."""
    base = jp_serverapp.base_url
    copy = await _sign_in(http_server_client, base, tokens["ana"])
    other = await _sign_in(http_server_client, base, tokens["pia"])
    await _sign_out(http_server_client, base, copy)
    _restart_identity(jp_serverapp)
    assert await _me(http_server_client, base, copy) == 403
    assert await _me(http_server_client, base, other) == 200
    again = await _sign_in(http_server_client, base, tokens["ana"])
    assert await _me(http_server_client, base, again) == 200


async def test_signing_out_voids_that_server_token_cookie_only(
    jp_serverapp: Any, http_server_client: Any
) -> None:
    """Session 16: the server token's cookie was never voided by signing out (it is everyone's),
    so a copy of it kept working for 30 days. Now each carries a session id: signing out voids
    that cookie and its copies, across a restart; another browser on the same token stays."""
    base = jp_serverapp.base_url
    server_token = jp_serverapp.identity_provider.token
    copy = await _sign_in(http_server_client, base, server_token)
    other = await _sign_in(http_server_client, base, server_token)
    assert await _me(http_server_client, base, copy) == 200
    await _sign_out(http_server_client, base, copy)
    assert await _me(http_server_client, base, copy) == 403
    assert await _me(http_server_client, base, other) == 200
    _restart_identity(jp_serverapp)
    assert await _me(http_server_client, base, copy) == 403
    assert await _me(http_server_client, base, other) == 200


def test_an_unreadable_sign_outs_file_fails_closed(tmp_path: Any) -> None:
    """A sign-outs file that cannot be read voids every cookie issued before it was written
    (people sign in again) instead of forgetting every sign-out."""
    from lab.server.sign_outs import SignOuts

    path = tmp_path / "users.sign-outs.json"
    path.write_text("{not json", encoding="utf-8")
    written = path.stat().st_mtime
    store = SignOuts(path)
    assert store.user_cookie_void("ana", written - 60)
    assert store.session_cookie_void("s1", written - 60)
    assert not store.user_cookie_void("ana", written + 60)


def test_many_server_token_sign_outs_stay_small_and_fail_closed(
    tmp_path: Any, monkeypatch: Any
) -> None:
    """Signing in and out in a loop with the server token adds one entry each time; past
    MAX_SESSIONS the oldest fold into one cut-off, which still voids them."""
    from lab.server import sign_outs

    monkeypatch.setattr(sign_outs, "MAX_SESSIONS", 20)
    store = sign_outs.SignOuts(tmp_path / "s.json")
    total = sign_outs.MAX_SESSIONS + 5
    for i in range(total):
        store.sign_out_session(f"s{i}", at=1000.0 + i)
    assert len(store._sessions) <= sign_outs.MAX_SESSIONS
    reread = sign_outs.SignOuts(tmp_path / "s.json")
    assert all(reread.session_cookie_void(f"s{i}", 999.0 + i) for i in range(total))
    assert not reread.session_cookie_void("new", 1000.0 + total + 1)
