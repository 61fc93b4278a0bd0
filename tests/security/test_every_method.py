"""Red team, session 15: every route answers every method and role without a server error.

Before: ``HEAD /api/spec.yaml`` as an analyst was a 500 (jupyter_server's ``APISpecHandler.head``
calls its own ``get`` with an argument ``get`` does not take). The routes are read from the
running server's routing table, so a route an extension adds later is swept too: each is
asked with every method, signed out, with the server token (ask role) and as each named role,
and no answer may be a 5xx. HEAD must answer like GET without the body, or 405.
"""

from __future__ import annotations

import re
from typing import Any

from tornado.httpclient import HTTPClientError
from tornado.routing import PathMatches

pytest_plugins = ["pytest_jupyter.jupyter_server"]

METHODS = ("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE")
#: routes whose patterns nest groups (file paths), so they are not filled in from the table
NESTED = (
    "api/contents",
    "api/contents/x.ipynb/checkpoints",
    "api/kernels/00000000-0000-0000-0000-000000000000/restart",
    "api/kernels/00000000-0000-0000-0000-000000000000/interrupt",
    "nbconvert/html/x.ipynb",
    "view/x.txt",
    "edit/x.txt",
    "tree",
    "notebooks/x.ipynb",
    "files/x.txt",
    "orderlens/static/app.js",
    "orderlens/api/nowhere",
)
#: values tried for a route's path parameters, the first that fits is used
SAMPLES = ("00000000-0000-0000-0000-000000000000", "python3", "x.ipynb", "html", "x", "1")


def _paths(web_app: Any) -> list[str]:
    """One concrete path per route of the server (parameters filled with a fitting sample)."""
    out: list[str] = []
    for router in (web_app.default_router, web_app.wildcard_router):
        for rule in router.rules:
            for inner in getattr(rule.target, "rules", [rule]):
                matcher = inner.matcher
                if not isinstance(matcher, PathMatches):
                    continue
                regex = matcher.regex
                path = _fill(regex)
                if path is not None and path.startswith("/") and path not in out:
                    out.append(path)
    return out


def _fill(regex: re.Pattern[str]) -> str | None:
    """The route's pattern with each group replaced by a sample value the pattern accepts."""
    pattern = regex.pattern.rstrip("$")
    pieces = re.split(r"\((?:\?P<\w+>)?[^()]*\)", pattern)
    if len(pieces) != regex.groups + 1 or any(re.search(r"[\\*+?\[\]|]", p) for p in pieces):
        return None
    for values in ([s] * regex.groups for s in SAMPLES):
        path = "".join(p + (values[i] if i < len(values) else "") for i, p in enumerate(pieces))
        path = path.replace("\\", "")
        if regex.fullmatch(path):
            return path
    return None


async def _code(http_server_client: Any, method: str, path: str, token: str | None) -> int:
    headers = {"Authorization": f"token {token}"} if token else {}
    body = "{}" if method in ("POST", "PUT", "PATCH") else None
    try:
        resp = await http_server_client.fetch(
            path,
            method=method,
            body=body,
            headers=headers,
            allow_nonstandard_methods=True,
            follow_redirects=False,
            raise_error=False,
            request_timeout=60,
        )
    except HTTPClientError as exc:
        return exc.code
    return resp.code


async def test_no_route_answers_any_method_or_role_with_a_server_error(
    jp_serverapp: Any, http_server_client: Any, tokens: dict[str, str]
) -> None:
    base = jp_serverapp.base_url
    paths = _paths(jp_serverapp.web_app) + [base + p for p in NESTED]
    ends = ("/api/spec.yaml", "/orderlens/api/ask", "/api/kernels/" + SAMPLES[0], "/login")
    assert all(any(p.endswith(e) for p in paths) for e in ends), paths
    who = {"signed out": None, "server token": jp_serverapp.identity_provider.token, **tokens}
    errors = []
    for path in paths:
        if path.endswith("/api/shutdown"):
            continue  # the analyst may stop the server, by design
        for method in METHODS:
            for name, token in who.items():
                code = await _code(http_server_client, method, path, token)
                if code >= 500:
                    errors.append(f"{method} {path} as {name}: {code}")
    assert not errors, "\n".join(errors)


async def test_head_answers_like_get_without_the_body(
    jp_serverapp: Any, http_server_client: Any, tokens: dict[str, str]
) -> None:
    spec = f"{jp_serverapp.base_url}api/spec.yaml"
    got = await http_server_client.fetch(
        spec, headers={"Authorization": f"token {tokens['ali']}"}, raise_error=False
    )
    head = await http_server_client.fetch(
        spec,
        method="HEAD",
        headers={"Authorization": f"token {tokens['ali']}"},
        raise_error=False,
    )
    assert got.code == 200 and head.code in (200, 405), (got.code, head.code)
    assert head.body == b""
    if head.code == 200:
        assert head.headers["Content-Type"] == got.headers["Content-Type"]
