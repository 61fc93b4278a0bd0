"""Red team, session 18: a token in a link or a form body never signs a browser in as a person.

Before: ``/orderlens/?token=<eve's token>`` opened in a browser with no cookie signed it in as
eve (session 17 only stopped a link from switching a browser already signed in), so a link eve
sent put the reader's questions in eve's history. A form on another site posting
``token=<eve's>`` in its *body* (Jupyter reads the token with ``get_argument``, body included)
was token-authenticated, which skips Jupyter's XSRF and Origin checks: it switched even a
signed-in browser to eve, and posted to ``/login`` it signed in without the form's XSRF token.
Now, as in JupyterHub 5 (``allow_token_in_url`` off by default): a named user's token signs in
only on the sign-in page or in an ``Authorization`` header; the server token's URL (what
``orderlens serve`` prints) still opens the page, by GET only; a body's ``token`` is read only
by the sign-in form, after its XSRF check.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

from tests.server_helpers import response_cookies as _cookies
from tests.server_helpers import sign_in as _sign_in

pytest_plugins = ["pytest_jupyter.jupyter_server"]


def _signs_in(resp: Any) -> bool:
    return any(k.startswith("username") for k in _cookies(resp))


async def _me(client: Any, base: str, cookie: str) -> Any:
    return await client.fetch(
        f"{base}orderlens/api/me", headers={"Cookie": cookie}, raise_error=False
    )


async def test_a_named_token_in_a_link_signs_nobody_in(
    jp_serverapp: Any, http_server_client: Any, tokens: dict[str, str]
) -> None:
    base = jp_serverapp.base_url
    for path in ("orderlens/api/me", "orderlens/", "orderlens/api/history"):
        resp = await http_server_client.fetch(
            f"{base}{path}?token={tokens['pia']}", raise_error=False
        )
        assert resp.code == 403, (path, resp.code)
        assert b"sign-in page" in resp.body and b"Authorization" in resp.body, resp.body
        assert not _signs_in(resp), path
    # signed in as ana, her own token in a link is refused too (and her cookie stays)
    cookie = await _sign_in(http_server_client, base, tokens["ana"])
    own = await http_server_client.fetch(
        f"{base}orderlens/api/me?token={tokens['ana']}",
        headers={"Cookie": cookie},
        raise_error=False,
    )
    assert own.code == 403 and not _signs_in(own)
    me = await _me(http_server_client, base, cookie)
    assert me.code == 200 and b'"ana"' in me.body


async def test_a_token_in_a_form_body_does_not_switch_or_sign_in(
    jp_serverapp: Any, http_server_client: Any, tokens: dict[str, str]
) -> None:
    """Another site's form: ``<form method=post action=…/orderlens/>`` with ``token=pia``."""
    base = jp_serverapp.base_url
    body = urllib.parse.urlencode({"token": tokens["pia"]})
    cookie = await _sign_in(http_server_client, base, tokens["ana"])
    for path in ("orderlens/", "orderlens/api/ask", "login"):
        for headers in ({"Cookie": cookie}, {}):
            resp = await http_server_client.fetch(
                f"{base}{path}",
                method="POST",
                body=body,
                headers={**headers, "Origin": "https://evil.example"},
                follow_redirects=False,
                raise_error=False,
            )
            assert resp.code in (403, 404), (path, headers, resp.code)
            assert not _signs_in(resp), (path, headers)
    me = await _me(http_server_client, base, cookie)
    assert me.code == 200 and b'"ana"' in me.body
    # the same post without an Origin (a non-browser client) signs nobody in either
    plain = await http_server_client.fetch(
        f"{base}login", method="POST", body=body, follow_redirects=False, raise_error=False
    )
    assert plain.code == 403 and not _signs_in(plain)


async def test_the_server_token_link_opens_the_page_by_get_only(
    jp_serverapp: Any, http_server_client: Any
) -> None:
    base, token = jp_serverapp.base_url, jp_serverapp.identity_provider.token
    page = await http_server_client.fetch(f"{base}orderlens/?token={token}", raise_error=False)
    assert page.code == 200 and _signs_in(page)
    post = await http_server_client.fetch(
        f"{base}orderlens/api/ask?token={token}",
        method="POST",
        body='{"question": "GMV by channel"}',
        raise_error=False,
    )
    assert post.code == 403 and b"Authorization" in post.body, post.body
    assert not _signs_in(post)


async def test_headers_and_the_sign_in_form_still_sign_in(
    jp_serverapp: Any, http_server_client: Any, tokens: dict[str, str]
) -> None:
    base = jp_serverapp.base_url
    resp = await http_server_client.fetch(
        f"{base}orderlens/api/me",
        headers={"Authorization": f"token {tokens['pia']}"},
        raise_error=False,
    )
    assert resp.code == 200 and b'"pia"' in resp.body
    cookie = await _sign_in(http_server_client, base, tokens["pia"])  # asserts the 302
    me = await _me(http_server_client, base, cookie)
    assert me.code == 200 and b'"pia"' in me.body
