"""Red team, session 25 (left open), fixed in session 26: every JSON response says its charset.

jupyter_server's ``APIHandler.finish`` sets ``Content-Type: application/json`` on every body it
sends, over the ``application/json; charset=utf-8`` OrderLens's handlers had set, and Jupyter's
own API routes (the 403 an ask user gets on ``/api/contents``, ``/api/status``) send the same.
The bodies are UTF-8 (questions and answers in Chinese), and a client that does not assume
RFC 8259's UTF-8 (an old proxy, a script reading ``text`` by the header) read them as Latin-1.
A transform of the whole server (:class:`lab.server.page_headers.JsonCharset`) now names the
charset of every JSON response, whoever wrote it.
"""

from __future__ import annotations

import json

import pytest
from tornado import httputil

pytest_plugins = ["pytest_jupyter.jupyter_server"]

JSON_UTF8 = "application/json; charset=utf-8"


async def _content_type(jp_fetch, token: str, *parts: str, **kw) -> tuple[int, str]:
    kw.setdefault("request_timeout", 180)
    resp = await jp_fetch(
        *parts, headers={"Authorization": f"token {token}"}, raise_error=False, **kw
    )
    return resp.code, resp.headers.get("Content-Type", "")


@pytest.mark.parametrize(
    ("who", "parts", "kw", "status"),
    [
        ("ana", ("orderlens", "api", "me"), {}, 200),
        ("ana", ("orderlens", "api", "catalog"), {}, 200),
        ("ana", ("orderlens", "api", "history"), {}, 200),
        ("ana", ("orderlens", "api", "saved"), {}, 200),
        ("ana", ("orderlens", "api", "model"), {}, 200),
        ("ana", ("orderlens", "api", "ask"),
         {"method": "POST", "body": json.dumps({"question": "各渠道的GMV"})}, 200),
        ("ana", ("orderlens", "api", "ask"),
         {"method": "POST", "body": json.dumps({"question": "zzqx by channel"})}, 422),
        ("ana", ("orderlens", "api", "ask"), {"method": "POST", "body": "{"}, 400),
        ("ana", ("orderlens", "api", "no-such-route"), {}, 404),
        ("ana", ("orderlens", "api", "recommendations"), {}, 403),
        ("ana", ("api", "contents"), {}, 403),  # Jupyter's own route, refused by OrderLens
        ("ali", ("api", "status"), {}, 200),  # Jupyter's own route and body
        ("ali", ("api", "kernelspecs"), {}, 200),
    ],
)  # fmt: skip
async def test_every_json_response_names_utf_8(
    jp_fetch, tokens, who: str, parts: tuple[str, ...], kw: dict, status: int
) -> None:
    code, content_type = await _content_type(jp_fetch, tokens[who], *parts, **kw)
    assert code == status, (parts, code)
    assert content_type == JSON_UTF8, (parts, content_type)


def _through(content_type: str | None) -> str | None:
    from lab.server.page_headers import JsonCharset

    headers = httputil.HTTPHeaders()
    if content_type is not None:
        headers["Content-Type"] = content_type
    _, out, _ = JsonCharset(None).transform_first_chunk(200, headers, b"{}", True)  # type: ignore[arg-type]
    return out.get("Content-Type")


def test_the_transform_adds_the_charset_to_json_only() -> None:
    assert _through("application/json") == JSON_UTF8
    assert _through("Application/JSON") == JSON_UTF8
    assert _through("application/json; charset=utf-8") == JSON_UTF8
    assert _through("application/json;charset=UTF-8") == "application/json;charset=UTF-8"
    # other types and a JSON type with another charset are left as their writer set them
    assert _through("text/csv; charset=utf-8") == "text/csv; charset=utf-8"
    assert _through("application/problem+json") == "application/problem+json"
    assert _through("application/json; charset=utf-16") == "application/json; charset=utf-16"
    assert _through(None) is None
