"""Red team, session 17: a JSON body naming one key twice is refused.

Before: ``{"question": "x", "question": "GMV by channel"}`` was answered as the second value
(Python's decoder keeps the last), while a proxy, log filter or audit reading the first saw a
different question; the same went for a follow-up context's ``limit`` or ``where``. Every other
ambiguity in a body is a 400 (``payload.py``); so is this one now, naming the key.
"""

from __future__ import annotations

import pytest

from lab.server.errors import BadRequest
from lab.server.payload import parse_json_object
from tests.server_helpers import fetch_json

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        (b'{"question": "x", "question": "GMV by channel"}', "question"),
        (b'{"question": "q", "context": {"query": {"limit": 1, "limit": 5}}}', "limit"),
        (b'{"a": [{"b": 1, "b": 1}]}', "b"),
    ],
)
def test_a_key_named_twice_is_refused(raw: bytes, key: str) -> None:
    with pytest.raises(BadRequest, match=f'"{key}" twice'):
        parse_json_object(raw)


def test_distinct_keys_and_equal_keys_in_different_objects_are_read() -> None:
    assert parse_json_object(b'{"a": {"k": 1}, "b": {"k": 2}}') == {"a": {"k": 1}, "b": {"k": 2}}


async def test_the_server_refuses_a_question_sent_twice(jp_fetch, tokens) -> None:
    code, reply = await fetch_json(
        jp_fetch, "orderlens", "api", "ask", method="POST",
        body='{"question": "x", "question": "各渠道的GMV"}',
        headers={"Authorization": f"token {tokens['ana']}"},
    )  # fmt: skip
    assert code == 400 and '"question" twice' in reply["error"], reply
