"""Issue 15 items 2-4: bodies capped before reading, strict types, 400/422 and never 500."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from tornado.httpclient import HTTPClientError

from lab.server.history import read_history

pytest_plugins = ["pytest_jupyter.jupyter_server"]

ASK = ("orderlens", "api", "ask")


async def _post(jp_fetch, body: bytes | str, *parts: str, headers: dict | None = None):
    try:
        resp = await jp_fetch(*(parts or ASK), method="POST", body=body, headers=headers or {})
    except HTTPClientError as exc:
        return exc.code, json.loads(exc.response.body)
    return resp.code, json.loads(resp.body)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"question": "GMV"}'.encode("utf-16"), "the body is not UTF-8"),
        (b'{"question": "GMV \xff\xfe"}', "the body is not UTF-8"),
        (b'{"question": "GMV"', "the body is not valid JSON"),
        (b'["GMV"]', "the body must be a JSON object, got a list"),
        (b"", "the body is empty"),
        (b'{"question": 42}', '"question" must be a string, got a number'),
        (b'{"question": "GMV", "engine": "gpt"}', '"engine" must be one of rules, llm, auto'),
        (b'{"question": "GMV", "chart_svg": "false"}', '"chart_svg" must be true or false'),
        (b'{"question": "GMV", "today": 20261120}', '"today" must be a date string'),
        (b'{"question": "GMV", "today": "2026-13-01"}', '"today" must be a date YYYY-MM-DD'),
        (b'{"question": "last month GMV", "today": "0001-01-01"}', "between 1900-01-01"),
        (b'{"question": "last month GMV", "today": "9999-12-31"}', "between 1900-01-01"),
        (json.dumps({"question": "GMV" * 200}).encode(), "at most 400 are accepted"),
    ],
)
async def test_malformed_bodies_are_400_with_a_message(jp_fetch, body: bytes, message: str):
    code, reply = await _post(jp_fetch, body)
    assert code == 400 and message in reply["error"], reply


async def test_the_ends_of_the_accepted_calendar_answer_without_a_server_error(jp_fetch):
    for today in ("1900-01-01", "2999-12-31"):
        for question in ("last month GMV", "GMV last 30 days", "GMV by month this year"):
            code, reply = await _post(
                jp_fetch, json.dumps({"question": question, "today": today, "chart_svg": False})
            )
            assert code in (200, 422), (today, question, reply)
    # dates in the question itself that the calendar cannot hold: 422 with the reason
    code, reply = await _post(
        jp_fetch, json.dumps({"question": "GMV between 0001-01-01 and 9999-12-31"})
    )
    assert code == 422 and "fall outside the calendar (years 1-9999" in reply["error"]


async def test_a_lone_surrogate_is_refused_and_never_blocks_later_questions(
    jp_fetch, history_file
) -> None:
    code, reply = await _post(jp_fetch, b'{"question": "GMV \\ud800 by channel"}')
    assert code == 400 and "lone UTF-16 surrogate" in reply["error"]
    for question in ("各渠道的GMV", "按月的订单数"):  # no pictures: not what this is about
        code, reply = await _post(jp_fetch, json.dumps({"question": question, "chart_svg": False}))
        assert code == 200, reply
    saved = read_history(history_file)
    assert [h["question"] for h in saved] == ["各渠道的GMV", "按月的订单数"]


async def test_a_body_over_the_cap_is_refused_from_its_length(jp_fetch) -> None:
    big = json.dumps({"question": "GMV", "pad": "x" * 20_000})
    code, reply = await _post(jp_fetch, big)
    assert code == 413 and "at most 16384 bytes" in reply["error"]


async def _raw_post(port: int, path: str, headers: str, first_chunk: bytes) -> tuple[bytes, float]:
    """Send headers announcing a huge body plus one chunk; return the reply and how long it took."""
    started = time.monotonic()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: 500000000\r\n{headers}\r\n".encode()
        + first_chunk
    )
    await writer.drain()
    try:
        reply = await asyncio.wait_for(reader.read(4096), timeout=10)
    finally:
        writer.close()
    return reply, time.monotonic() - started


async def test_a_500_mb_post_is_refused_before_it_is_read(
    jp_fetch, jp_http_port: int, jp_base_url: str, jp_auth_header: dict
) -> None:
    await jp_fetch("orderlens", "api", "history", method="GET")  # the server is up
    path = f"{jp_base_url}orderlens/api/ask"
    # unauthenticated: refused at once, the 500 MB never sent
    reply, took = await _raw_post(jp_http_port, path, "", b'{"question": "')
    assert reply.startswith(b"HTTP/1.1 403") and took < 5
    # authenticated: the declared length alone is enough to refuse it
    auth = f"Authorization: {jp_auth_header['Authorization']}\r\n"
    reply, took = await _raw_post(jp_http_port, path, auth, b'{"question": "')
    assert reply.startswith(b"HTTP/1.1 413") and took < 5
