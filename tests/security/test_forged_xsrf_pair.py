"""Red team, session 11: what refuses a cross-site request that forged its own XSRF pair.

Tornado's XSRF check compares the ``_xsrf`` cookie with the ``X-XSRFToken`` header (double
submit); it does not know which tokens the server issued, so a client that can plant a cookie
on the server's host (a sibling subdomain, plain HTTP on the path) and sends the same value in
the header passes it. What refuses such a request from another site is Jupyter's Origin check
(a browser sends ``Origin`` with every cross-site POST, PATCH and DELETE) and the sign-in
cookie's ``SameSite=Lax``. docs/security.md said a forged pair "is refused" by the XSRF check;
these tests pin the check that does refuse it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from tornado.httpclient import HTTPClientError

from tests.server_helpers import sign_in_form

pytest_plugins = ["pytest_jupyter.jupyter_server"]


async def _signed_in_cookie(jp_fetch: Any, token: str) -> str:
    jar = await sign_in_form(jp_fetch, token)
    assert any("SameSite=Lax" in c and "HttpOnly" in c for c in jar), jar
    return "; ".join(c.split(";")[0] for c in jar if c.startswith("username"))


@pytest.mark.parametrize(
    ("method", "parts", "body"),
    [
        ("POST", ("orderlens", "api", "ask"), {"question": "GMV"}),
        ("POST", ("orderlens", "api", "saved"), {"name": "n", "questions": ["GMV"]}),
        ("DELETE", ("orderlens", "api", "saved", "sq-000000000000"), None),
        ("POST", ("orderlens", "api", "recommendations", "SR-1"), {"decision": "accept"}),
    ],
)
async def test_a_forged_pair_from_another_origin_is_refused(
    jp_fetch, tokens, method: str, parts: tuple[str, ...], body: Any
) -> None:
    cookie = await _signed_in_cookie(jp_fetch, tokens["pia"]) + "; _xsrf=planted"
    headers = {"Authorization": "", "Cookie": cookie, "X-XSRFToken": "planted"}
    kw = {"method": method, "allow_nonstandard_methods": True, "follow_redirects": False}
    payload = None if body is None else json.dumps(body)
    with pytest.raises(HTTPClientError) as refused:
        await jp_fetch(
            *parts, body=payload, headers={**headers, "Origin": "https://evil.example"}, **kw
        )
    assert refused.value.code in (403, 404)  # Jupyter's Origin check, before the handler
    # the same forged pair from the page's own origin reaches the route (XSRF alone passes it)
    try:
        resp = await jp_fetch(*parts, body=payload, headers=headers, **kw)
        code = resp.code
    except HTTPClientError as exc:
        code = exc.code
    assert code not in (401, 403), code
