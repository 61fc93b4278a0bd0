"""Red team, session 10: every route of the server against every role, in one table.

Each row names a route, a request that is cheap to refuse (a body the route rejects with 400,
an id that does not exist) and the least role that may use it. A role below it must get 403
before the route reads anything; a role at or above it must reach the route's own checks
(anything but 401/403/500). Signed out, every API route is a 403 and the Ask page leads to the
sign-in page. A new route is added here, so that its role is decided, not inherited.
"""

from __future__ import annotations

import pytest
from tornado.httpclient import HTTPClientError

from lab.server.auth import role_allows
from lab.server.users import Role

pytest_plugins = ["pytest_jupyter.jupyter_server"]

ASK, PLANNER, ANALYST = Role.ASK, Role.PLANNER, Role.ANALYST
#: (method, path, body, least role)
MATRIX: list[tuple[str, str, str | None, Role]] = [
    ("GET", "orderlens/", None, ASK),
    ("GET", "orderlens/static/app.js", None, ASK),
    ("POST", "orderlens/api/ask", "{}", ASK),
    ("POST", "orderlens/api/chart", "{}", ASK),
    ("POST", "orderlens/api/export", "{}", ASK),
    ("GET", "orderlens/api/catalog", None, ASK),
    ("GET", "orderlens/api/model", None, ASK),
    ("GET", "orderlens/api/history?limit=1", None, ASK),
    ("GET", "orderlens/api/me", None, ASK),
    ("GET", "orderlens/api/saved", None, ASK),
    ("POST", "orderlens/api/saved", "{}", ASK),
    ("PATCH", "orderlens/api/saved/nope", "{}", ASK),
    ("DELETE", "orderlens/api/saved/nope", None, ASK),
    ("POST", "orderlens/api/feedback", "{}", ASK),
    ("GET", "orderlens/api/nowhere", None, ASK),  # the JSON 404 of unknown API paths
    ("GET", "orderlens/api/recommendations?status=proposed", None, PLANNER),
    ("POST", "orderlens/api/recommendations/SR-NOPE", "{}", PLANNER),
    ("GET", "orderlens/api/recommendation-groups?status=nope", None, PLANNER),
    ("POST", "orderlens/api/recommendation-groups/decide", "{}", PLANNER),
    ("GET", "api/contents", None, ANALYST),
    ("GET", "api/kernels", None, ANALYST),
    ("GET", "api/sessions", None, ANALYST),
    ("GET", "api/kernelspecs", None, ANALYST),
    ("GET", "api/terminals", None, ANALYST),
    ("GET", "api/me", None, ANALYST),
    ("GET", "api/status", None, ANALYST),
    ("GET", "files/nothing-here.txt", None, ANALYST),
]


async def _status(jp_fetch, method: str, path: str, body: str | None, auth: str | None) -> int:
    """The status of one request; ``auth`` None sends the server's own token (jp_fetch's)."""
    headers = {} if auth is None else {"Authorization": auth}
    try:
        resp = await jp_fetch(
            *path.split("?")[0].split("/"),
            method=method,
            body=body,
            params=dict(p.split("=") for p in path.split("?")[1:]),
            headers=headers,
            allow_nonstandard_methods=True,
            follow_redirects=False,
        )
    except HTTPClientError as exc:
        return exc.code
    return resp.code


@pytest.mark.parametrize("who", ["server-token", "ana", "pia", "ali"])
async def test_every_route_answers_each_role_as_the_matrix_says(jp_fetch, tokens, who: str) -> None:
    role = {"server-token": ASK, "ana": ASK, "pia": PLANNER, "ali": ANALYST}[who]
    auth = None if who == "server-token" else f"token {tokens[who]}"
    wrong = []
    for method, path, body, least in MATRIX:
        code = await _status(jp_fetch, method, path, body, auth)
        allowed = (
            role_allows(role, "orderlens.decisions")
            if least is PLANNER
            else (role is ANALYST if least is ANALYST else True)
        )
        if allowed and code in (401, 403, 500):
            wrong.append(f"{who} {method} {path}: {code}, expected to reach the route")
        if not allowed and code != 403:
            wrong.append(f"{who} {method} {path}: {code}, expected 403")
    assert wrong == []


async def test_signed_out_every_api_route_is_403_and_the_page_asks_for_a_token(jp_fetch) -> None:
    wrong = []
    for method, path, body, _ in MATRIX:
        code = await _status(jp_fetch, method, path, body, "")
        page = method == "GET" and not path.startswith(("orderlens/api", "api/"))
        if page and code not in (302, 403):
            wrong.append(f"{method} {path}: {code}, expected the sign-in redirect")
        if not page and code != 403:
            wrong.append(f"{method} {path}: {code}, expected 403")
    assert wrong == []
