"""Red team, session 25 (left open), fixed in session 26: every cookie the server sets has
chosen flags.

The server sets two cookies (:mod:`lab.server.cookies` says why each flag is what it is): the
sign-in cookie (``HttpOnly; SameSite=Lax``, ``Secure`` on HTTPS, since session 5) and
tornado's ``_xsrf`` cookie, which went out with no ``SameSite`` at all: a browser that does not
default to ``Lax`` (Safari, Firefox's default) sent it with every cross-site request, and on an
HTTPS server it was not ``Secure``, so a plain-HTTP request to the same host carried it in
clear. It is now ``SameSite=Lax`` (and ``Secure`` where the server is HTTPS), never
``HttpOnly``: the Ask page's script reads it to echo it in ``X-XSRFToken``.
"""

from __future__ import annotations

from http.cookies import SimpleCookie

from lab.server.cookies import xsrf_cookie_kwargs
from tests.server_helpers import sign_in_form

pytest_plugins = ["pytest_jupyter.jupyter_server"]


def _attributes(set_cookie: str) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    jar.load(set_cookie)
    ((_, morsel),) = jar.items()
    return {k.lower(): str(v) for k, v in morsel.items() if v}


def _named(headers: list[str], prefix: str) -> list[dict[str, str]]:
    return [_attributes(h) for h in headers if h.startswith(prefix)]


async def test_the_xsrf_cookie_is_same_site_lax_and_readable_by_the_page(
    jp_fetch, jp_base_url, tokens
):
    for parts in (("login",), ("orderlens/",)):
        who = f"token {tokens['ana']}" if parts[0] == "orderlens/" else ""
        headers = {"Authorization": who}
        resp = await jp_fetch(*parts, headers=headers, raise_error=False, follow_redirects=False)
        (xsrf,) = _named(list(resp.headers.get_list("Set-Cookie")), "_xsrf=")
        assert xsrf.get("samesite") == "Lax", (parts, xsrf)
        assert "httponly" not in xsrf, xsrf  # the page's script echoes it in X-XSRFToken
        assert xsrf.get("path") == jp_base_url, xsrf
        assert "secure" not in xsrf, xsrf  # plain HTTP here


async def test_the_sign_in_cookie_keeps_its_flags(jp_fetch, tokens):
    jar = await sign_in_form(jp_fetch, tokens["ana"])
    signed = [c for c in _named(jar, "username-") if c.get("expires", "").find("1970") < 0]
    assert signed and all(c.get("samesite") == "Lax" and "httponly" in c for c in signed), jar


def test_the_xsrf_cookie_flags_follow_the_deployment() -> None:
    assert xsrf_cookie_kwargs(None, base_url="/", https=False) == {
        "path": "/",
        "samesite": "Lax",
    }
    assert xsrf_cookie_kwargs({"path": "/ol/"}, base_url="/ol/", https=True) == {
        "path": "/ol/",
        "samesite": "Lax",
        "secure": True,
    }
    # an operator's own choice (tornado_settings) is kept
    mine = {"path": "/", "samesite": "Strict", "secure": False}
    assert xsrf_cookie_kwargs(mine, base_url="/", https=True) == mine


def test_the_deployment_is_https_with_a_certificate_or_the_operators_word() -> None:
    from types import SimpleNamespace

    from lab.server.cookies import serves_https

    plain = SimpleNamespace(certfile="", identity_provider=SimpleNamespace(secure_cookie=None))
    assert not serves_https(plain)
    assert serves_https(SimpleNamespace(certfile="/etc/ssl/x.pem", identity_provider=None))
    proxied = SimpleNamespace(certfile="", identity_provider=SimpleNamespace(secure_cookie=True))
    assert serves_https(proxied)
    assert not serves_https(None)
