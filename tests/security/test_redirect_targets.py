"""Red team, session 26: a sign-in link's ``next`` never breaks the redirect's header.

``/login?next=/orderlens/%0d%0aX-Evil:%201`` (a line break in the target) was a **500** on
``orderlens serve``, both for a browser already signed in (``GET``) and for the sign-in form
(``POST``, after the sign-in cookie had been set): tornado refuses a header value holding a
control character with a ``ValueError`` (so nothing was injected), which jupyter_server's
redirect did not expect. A target with ``U+202E`` went out as raw UTF-8 bytes in
``Location`` (``/orderlens/â\\x80®`` to a Latin-1 reader). The sign-in page now percent-encodes
what a header cannot carry before Jupyter's own same-site check; any other route whose header
meets such a value answers 400, not 500 (:mod:`lab.server.client_errors`).
"""

from __future__ import annotations

import urllib.parse

import pytest

from lab.server.client_errors import client_status
from tests.server_helpers import response_cookies, sign_in_form

pytest_plugins = ["pytest_jupyter.jupyter_server"]

TARGETS = ["orderlens/\r\nX-Evil: 1", "orderlens/?q=\r\nSet-Cookie: evil=1", "orderlens/\u202eabc"]
#: a share link's question with a colon, as the sign-in page sends it on (session 26)
SHARED = "orderlens/?q=GMV by hour 10:00&q=only 09:30"


def _safe(location: str) -> bool:
    return location.isascii() and not any(ord(c) < 32 or ord(c) == 127 for c in location)


@pytest.mark.parametrize("target", TARGETS)
async def test_a_signed_in_browser_is_redirected_without_a_broken_header(
    jp_fetch, jp_base_url, tokens, target
):
    jar = await sign_in_form(jp_fetch, tokens["ana"])
    cookie = "; ".join(c.split(";")[0] for c in jar if c.startswith("username"))
    resp = await jp_fetch(
        "login", params={"next": jp_base_url + target},
        headers={"Authorization": "", "Cookie": cookie},
        follow_redirects=False, raise_error=False,
    )  # fmt: skip
    assert resp.code == 302, resp.code
    location = resp.headers["Location"]
    assert _safe(location) and location.startswith(jp_base_url), location
    assert "X-Evil" not in resp.headers and "evil=1" not in str(resp.headers.get_list("Set-Cookie"))


@pytest.mark.parametrize("target", TARGETS)
async def test_the_sign_in_form_redirects_without_a_broken_header(
    jp_fetch, jp_base_url, tokens, target
):
    page = await jp_fetch("login", headers={"Authorization": ""}, raise_error=False)
    xsrf = response_cookies(page)["_xsrf"]
    resp = await jp_fetch(
        "login", params={"next": jp_base_url + target}, method="POST",
        body=urllib.parse.urlencode({"token": tokens["pia"], "_xsrf": xsrf}),
        headers={"Authorization": "", "Cookie": f"_xsrf={xsrf}"},
        follow_redirects=False, raise_error=False,
    )  # fmt: skip
    assert resp.code == 302, resp.code
    location = resp.headers["Location"]
    assert _safe(location) and location.startswith(jp_base_url), location
    if ":" not in target:  # (Jupyter's own check rewrites a ':' as '://', whatever it holds)
        # the encoded target is the same one: decoding it gives back what was asked for
        assert urllib.parse.unquote(location) == urllib.parse.unquote(jp_base_url) + target


def test_a_header_that_cannot_carry_a_value_is_the_clients_mistake() -> None:
    unsafe = ValueError("Unsafe header value '/x\\r\\nX-Evil: 1'")
    assert client_status("GET", 500, unsafe) == 400
    assert client_status("GET", 500, ValueError("a real bug")) == 500


async def test_a_share_links_question_with_a_colon_arrives_as_asked(jp_fetch, jp_base_url, tokens):
    """jupyter_server's same-site check rewrites the first ':' of a target as '://' (its guard
    against ``scheme:///host``), so a share link's ``?q=GMV by hour 10:00`` came back from the
    sign-in page as ``10://00``; a ':' after the path is now sent on as ``%3A``."""
    page = await jp_fetch("login", headers={"Authorization": ""}, raise_error=False)
    xsrf = response_cookies(page)["_xsrf"]
    resp = await jp_fetch(
        "login", params={"next": jp_base_url + SHARED}, method="POST",
        body=urllib.parse.urlencode({"token": tokens["ana"], "_xsrf": xsrf}),
        headers={"Authorization": "", "Cookie": f"_xsrf={xsrf}"},
        follow_redirects=False, raise_error=False,
    )  # fmt: skip
    assert resp.code == 302, resp.code
    query = urllib.parse.urlsplit(resp.headers["Location"]).query
    assert urllib.parse.parse_qs(query)["q"] == ["GMV by hour 10:00", "only 09:30"], query
