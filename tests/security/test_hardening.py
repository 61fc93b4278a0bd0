"""Red team, session 5: headers, CORS, unknown API paths, deep JSON, control characters and a
query that fails while it runs — each a clear 4xx on the running server, never a 500."""

from __future__ import annotations

import json

import duckdb
import pytest
from tornado.httpclient import HTTPClientError

from lab.server.errors import BadRequest
from lab.server.payload import MAX_JSON_DEPTH, parse_json_object
from nl2sql.errors import ExecutionError
from nl2sql.guard import run_guarded

pytest_plugins = ["pytest_jupyter.jupyter_server"]


async def _reply(jp_fetch, *parts, token: str | None = None, **kw):
    if token is not None:
        kw["headers"] = {**kw.get("headers", {}), "Authorization": f"token {token}"}
    try:
        return await jp_fetch(*parts, **kw)
    except HTTPClientError as exc:
        assert exc.response is not None
        return exc.response


async def test_orderlens_responses_carry_no_referrer_and_no_store(jp_fetch) -> None:
    """Before: no Referrer-Policy (the page URL holds ?token=), answers cacheable, and
    ``Server: TornadoServer/<version>``."""
    for parts, kw in (
        (("orderlens/",), {"method": "GET"}),
        (("orderlens", "api", "history"), {"method": "GET"}),
        (("orderlens", "api", "ask"), {"method": "POST", "body": '{"question": "GMV"}'}),
        (("login",), {"method": "GET", "headers": {"Authorization": ""}}),
        (("logout",), {"method": "GET", "headers": {"Authorization": ""}}),
    ):
        resp = await _reply(jp_fetch, *parts, **kw)
        assert resp.code == 200, parts
        # the sign-in and sign-out pages' forms need their Origin sent (session 18): a
        # no-referrer page posts "Origin: null", which Jupyter's Origin check refuses
        form_page = parts[0] in ("login", "logout")
        policy = "same-origin" if form_page else "no-referrer"
        assert resp.headers["Referrer-Policy"] == policy, parts
        assert resp.headers["Cache-Control"] == "no-store", parts
        assert "Server" not in resp.headers, parts


async def test_a_token_request_from_another_origin_gets_no_cors_grant(jp_fetch) -> None:
    """Before: Jupyter echoed any Origin in Access-Control-Allow-Origin for token requests, so
    any web page holding a token could read answers cross-origin."""
    resp = await _reply(
        jp_fetch, "orderlens", "api", "history", method="GET",
        headers={"Origin": "http://elsewhere.example"},
    )  # fmt: skip
    assert resp.code == 200 and "Access-Control-Allow-Origin" not in resp.headers


async def test_an_unknown_api_path_is_a_json_404_naming_it(jp_fetch, tokens) -> None:
    """Before: Jupyter's HTML "404 : Not Found" page."""
    for method, body in (("GET", None), ("POST", "{}"), ("DELETE", None)):
        resp = await _reply(
            jp_fetch, "orderlens", "api", "histroy", method=method, body=body,
            token=tokens["ana"], allow_nonstandard_methods=True,
        )  # fmt: skip
        assert resp.code == 404 and resp.headers["Content-Type"].startswith("application/json")
        assert f"no OrderLens API route {method} /" in json.loads(resp.body)["error"]
    resp = await _reply(
        jp_fetch, "orderlens", "api", "histroy", method="GET", headers={"Authorization": ""}
    )
    assert resp.code == 403  # signed out: nothing about which paths exist


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 3000])
async def test_deeply_nested_bodies_are_a_400(jp_fetch, depth: int) -> None:
    """Before: 3,000 nested brackets (6 KB) overflowed the JSON decoder's recursion: a 500."""
    body = '{"question": "GMV", "context": ' + "[" * depth + "]" * depth + "}"
    resp = await _reply(jp_fetch, "orderlens", "api", "ask", method="POST", body=body)
    assert resp.code == 400
    assert f"more than {MAX_JSON_DEPTH} levels" in json.loads(resp.body)["error"]


def test_a_follow_up_context_is_well_inside_the_depth_limit() -> None:
    context = {"question": "q", "query": {"where": [{"a": [{"b": ["c"]}]}]}}
    assert parse_json_object(json.dumps({"context": context}).encode()) == {"context": context}


@pytest.mark.parametrize(
    ("field", "text", "char"),
    [
        ("question", "GMV\x00 by channel", "U+0000"),
        ("question", "GMV by \u202echannel", "U+202E"),  # right-to-left override
        ("question", "\u2066GMV\u2069", "U+2066"),  # isolate
        ("question", "GMV\x1b[2J", "U+001B"),  # a terminal escape
    ],
)
async def test_control_characters_in_text_are_a_400_naming_them(
    jp_fetch, field: str, text: str, char: str
) -> None:
    """Before: a NUL became "I don't know ' '" (422) and RTL overrides were stored as typed."""
    resp = await _reply(
        jp_fetch, "orderlens", "api", "ask", method="POST", body=json.dumps({field: text})
    )
    assert resp.code == 400
    assert f'"{field}" contains the control character {char}' in json.loads(resp.body)["error"]


async def test_a_saved_name_with_an_override_is_refused_and_nothing_saved(jp_fetch) -> None:
    body = {"questions": ["GMV"], "name": "Q3 \u202egnp.exe"}
    resp = await _reply(jp_fetch, "orderlens", "api", "saved", method="POST", body=json.dumps(body))
    assert resp.code == 400 and "U+202E" in json.loads(resp.body)["error"]
    listed = await _reply(jp_fetch, "orderlens", "api", "saved", method="GET")
    assert json.loads(listed.body)["saved"] == []


def test_tabs_line_breaks_and_direction_marks_stay_allowed() -> None:
    raw = json.dumps({"comment": "line one\nline two\tend \u200fمرحبا\u200e"}).encode()
    assert parse_json_object(raw)["comment"].startswith("line one\n")
    with pytest.raises(BadRequest, match=r"U\+0085"):
        parse_json_object(json.dumps({"k\u0085": 1}).encode())  # keys are checked too


async def test_a_forged_follow_up_limit_past_bigint_is_a_422(jp_fetch) -> None:
    """Before session 5: DuckDB's ConversionException escaped the guard: a 500 with a
    traceback; before session 10 a 422 quoting DuckDB's Conversion Error. Now refused at the
    edge, before any SQL, saying what to do."""
    first = await _reply(
        jp_fetch, "orderlens", "api", "ask", method="POST", body='{"question": "GMV"}'
    )
    context = json.loads(first.body)["followup_context"]
    context["query"]["limit"] = 10**30
    resp = await _reply(
        jp_fetch, "orderlens", "api", "ask", method="POST",
        body=json.dumps({"question": "by channel", "context": context}),
    )  # fmt: skip
    assert resp.code == 422
    body = json.loads(resp.body)
    assert body["error"].startswith(f"the follow-up context asks for {10**30} rows (limit)")
    assert "ask the whole question again" in body["error"] and body["refused"] is True


def test_a_query_failing_while_it_runs_is_an_execution_error() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT 'x' AS s")
    with pytest.raises(ExecutionError, match="the query could not run: Conversion Error"):
        run_guarded(con, "SELECT CAST(s AS INTEGER) FROM t", {"t"})
