"""Red team, session 11: what a signed-out client and response headers give away.

Before: without any token, ``GET /api`` answered jupyter_server's version, Jupyter's own
static files were served, and ``/notebooks/<path>`` redirected differently for a file that
exists on the server and one that does not (the handlers jupyter_server marks
``@allow_unauthenticated``); every response outside the OrderLens routes (Jupyter's 403 and 404
pages, its static files, ``/api``) carried ``Server: TornadoServer/<version>``. Now a signed-out
client reaches only the sign-in and sign-out pages, the redirects to them and the OrderLens
routes (which ask for a token themselves); nothing else is served, and no response names the
server software.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jupyter_server
import pytest
import tornado
from tornado.httpclient import HTTPClientError

pytest_plugins = ["pytest_jupyter.jupyter_server"]

SIGNED_OUT = {"Authorization": ""}


async def _get(jp_fetch: Any, *parts: str, headers: dict[str, str], **kw: Any) -> Any:
    try:
        return await jp_fetch(
            *parts, headers=dict(headers), follow_redirects=False, request_timeout=120, **kw
        )
    except HTTPClientError as exc:
        assert exc.response is not None, exc
        return exc.response


def _leaks(resp: Any) -> list[str]:
    """Software versions a response names (header or body)."""
    found = [f"Server: {resp.headers['Server']}"] if "Server" in resp.headers else []
    body = resp.body or b""
    for name, version in (
        ("jupyter_server", jupyter_server.__version__),
        ("tornado", tornado.version),
    ):
        if f'"{version}"'.encode() in body or f"/{version}".encode() in body:
            found.append(f"{name} {version} in the body")
    return found


@pytest.mark.parametrize(
    "path",
    [("api",), ("static", "favicon.ico"), ("static", "style", "bootstrap.min.css")],
)
async def test_signed_out_jupyter_content_is_refused(jp_fetch, path: tuple[str, ...]) -> None:
    resp = await _get(jp_fetch, *path, headers=SIGNED_OUT)
    assert resp.code == 403, (resp.code, resp.body[:200])
    assert _leaks(resp) == []


async def test_signed_out_no_file_is_told_to_exist(jp_fetch, jp_root_dir: Path) -> None:
    (jp_root_dir / "payroll.ipynb").write_text("{}")
    there = await _get(jp_fetch, "notebooks", "payroll.ipynb", headers=SIGNED_OUT)
    missing = await _get(jp_fetch, "notebooks", "nothing-here.ipynb", headers=SIGNED_OUT)
    assert (there.code, there.headers.get("Location")) == (
        missing.code,
        missing.headers.get("Location"),
    )
    assert there.code in (403, 404)


async def test_signing_in_and_its_redirects_still_work(jp_fetch) -> None:
    page = await _get(jp_fetch, "login", headers=SIGNED_OUT)
    assert page.code == 200 and b"token" in page.body
    resp = await _get(jp_fetch, "orderlens", "", headers=SIGNED_OUT)
    assert resp.code == 302 and "/login?next=" in resp.headers["Location"]


@pytest.mark.parametrize("who", ["signed-out", "ana", "ali"])
async def test_no_response_names_the_server_software(jp_fetch, tokens, who: str) -> None:
    headers = SIGNED_OUT if who == "signed-out" else {"Authorization": f"token {tokens[who]}"}
    leaks = []
    for parts in [
        ("api",),
        ("nowhere",),
        ("static", "favicon.ico"),
        ("login",),
        ("orderlens", "api", "me"),
        ("api", "status"),
    ]:
        resp = await _get(jp_fetch, *parts, headers=headers)
        found = _leaks(resp)
        if who == "ali" and parts == ("api",):  # an analyst may read the version (below)
            found = [leak for leak in found if leak.startswith("Server:")]
        leaks += [f"{'/'.join(parts)} {resp.code}: {leak}" for leak in found]
    assert leaks == []


async def test_an_analyst_still_reads_the_api_version(jp_fetch, tokens) -> None:
    resp = await _get(jp_fetch, "api", headers={"Authorization": f"token {tokens['ali']}"})
    assert resp.code == 200 and b"version" in resp.body


@pytest.mark.parametrize("who", ["signed-out", "ana"])
async def test_a_foreign_host_header_is_refused(jp_fetch, tokens, who: str) -> None:
    """DNS rebinding: a page on another name resolving to this server must not be served
    (jupyter_server's Host check; pinned here, it had no test)."""
    auth = "" if who == "signed-out" else f"token {tokens[who]}"
    for parts in [("orderlens", "api", "me"), ("orderlens", ""), ("login",)]:
        resp = await _get(jp_fetch, *parts, headers={"Authorization": auth, "Host": "evil.example"})
        assert resp.code == 403, (parts, resp.code)
