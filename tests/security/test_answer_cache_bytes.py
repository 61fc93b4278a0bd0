"""Red team, session 17: the answer cache is bounded in bytes, and holds no shared objects.

Before: the cache kept up to 256 answers as Python objects, whatever their size. One ask-role
user asking "GMV by customer by day" (10,000 rows, 1.1 MB of JSON) with 40 different ``today``
values grew ``orderlens serve`` by 380 MB (65 MB with the cache off); 256 such answers would
hold about 2 GB until the server restarts. Now the cache keeps each answer as its JSON text,
within ``answer_cache_mb`` (default 64) in all; an answer larger than an eighth of that is
answered, never kept. A hit is decoded afresh, so no request can change what another gets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lab.server.answer_cache import AnswerCache
from lab.server.history import QuestionHistory
from lab.server.service import AskService, ServiceSettings


def test_the_cache_keeps_within_its_bytes() -> None:
    cache = AnswerCache(size=100, max_bytes=1000)
    for key in "abcdefghijk":  # 11 entries of 100
        cache.put(key, key, cost=100)
    assert cache.get("a") is None and cache.get("b") == "b" and cache.get("k") == "k"
    assert cache.bytes == 1000
    cache.put("big", "x", cost=126)  # over an eighth of the budget: never kept
    assert cache.get("big") is None and cache.bytes == 1000
    cache.put("b", "b2", cost=50)  # a key put again counts once
    assert cache.get("b") == "b2" and cache.bytes == 950


def test_the_entry_count_still_bounds_it() -> None:
    cache = AnswerCache(size=2, max_bytes=10**6)
    for key in "abc":
        cache.put(key, key, cost=1)
    assert cache.get("a") is None and cache.bytes == 2


@pytest.fixture()
def service(demo_db: Path):
    settings = ServiceSettings(db=str(demo_db), engine="rules", today="2026-11-20", chart_svg=False)
    svc = AskService(
        settings, QuestionHistory(None), answer_cache_size=256, answer_cache_bytes=80_000
    )
    yield svc
    svc.close()


def test_a_large_answer_is_not_kept_and_a_small_one_is(service: AskService) -> None:
    status, big = service.ask("GMV by customer")
    assert status == 200 and len(big["rows"]) > 500
    assert service.ask("GMV by customer")[1]["cached"] is False
    status, small = service.ask("GMV by channel")
    assert status == 200
    again = service.ask("GMV by channel")[1]
    assert again["cached"] is True and again["rows"] == small["rows"]
    assert 0 < service.answers.bytes <= 80_000


def test_a_hit_is_a_fresh_copy(service: AskService) -> None:
    _, first = service.ask("GMV by channel")
    first["rows"].clear()  # a handler changing its body
    first["interpretation"] = "changed"
    again = service.ask("GMV by channel")[1]
    assert again["cached"] is True and again["rows"] and again["interpretation"] != "changed"


def test_the_budget_counts_utf8_bytes(service: AskService) -> None:
    """A str with one Chinese character takes 2-4 bytes a character in Python: the cache keeps
    UTF-8 bytes, so what it counts is what it holds."""
    assert service.ask("各渠道的GMV")[0] == 200
    (status, data), cost = next(iter(service.answers._items.values()))
    assert status == 200 and isinstance(data, bytes) and cost == len(data) == service.answers.bytes
    assert "渠道" in data.decode("utf-8")
