"""Red team, session 13: numbers are read one way or refused, never coerced or guessed.

Probes on a running ``orderlens serve`` (ask role):

- ``"channels with GMV over 1.000"`` answered ``GMV > 1`` (every channel): "1.000" is one
  thousand where a dot separates thousands and money is never written with three decimals.
  Now a 422 offering the question with 1000 and with 1 (``nl2sql.numbers.dot_thousands``).
- A follow-up ``context`` whose query said ``"limit": true`` ran ``LIMIT 1``, ``"limit": "5"``
  ``LIMIT 5`` and ``"descending": "yes"`` a descending sort; an unknown key (``"sql"``) was
  dropped without a word. The request body is strict everywhere else (a 400 for a string
  where a boolean belongs); the context's query is now read strictly too (a 422 naming the
  field, like any forged context).
- ``"channels with GMV over 1,5"`` (a decimal comma) and ``"over 1.234.567"`` were refused, but
  their suggestion dropped the last digit group: ``"over 1,"`` answers ``GMV > 1`` and
  ``"over 1.234."`` ``GMV > 1.234`` (the note said the condition was left out). A suggestion may
  leave a number out, never cut one (``nl2sql.rules.number_cuts.cuts_a_number``).
"""

from __future__ import annotations

import json

from tests.server_helpers import fetch_json, token_headers

pytest_plugins = ["pytest_jupyter.jupyter_server"]


async def _ask(jp_fetch, token: str, body: dict) -> tuple[int, dict]:
    return await fetch_json(
        jp_fetch, "orderlens", "api", "ask", method="POST", headers=token_headers(token),
        body=json.dumps(body),
    )  # fmt: skip


async def test_a_dotted_thousand_is_refused_with_both_readings(jp_fetch, tokens) -> None:
    status, body = await _ask(jp_fetch, tokens["ana"], {"question": "channels with GMV over 1.000"})
    assert status == 422, body.get("sql")
    assert "1000" in body["error"] and "1.000" in body["error"]
    assert set(body["suggestions"]) == {"channels with GMV over 1000", "channels with GMV over 1"}
    status, body = await _ask(jp_fetch, tokens["ana"], {"question": "GMV超过2.500的渠道"})
    assert status == 422 and "2500" in body["error"]
    # one reading only: a thousands comma, a leading zero, four decimals
    for question, bound in [
        ("channels with GMV over 1,000", "gmv > 1000.0"),
        ("channels with GMV over 1.2345", "gmv > 1.2345"),
    ]:
        status, body = await _ask(jp_fetch, tokens["ana"], {"question": question})
        assert status == 200 and bound in body["sql"], (question, body.get("error"))


async def test_a_follow_up_context_is_read_strictly(jp_fetch, tokens) -> None:
    first = {"question": "GMV by channel", "today": "2026-11-20"}
    status, body = await _ask(jp_fetch, tokens["ana"], first)
    assert status == 200
    context = body["followup_context"]
    follow = {"question": "only jd", "today": "2026-11-20"}
    status, body = await _ask(jp_fetch, tokens["ana"], {**follow, "context": context})
    assert status == 200 and "'jd'" in body["sql"]  # the engine's own context still works
    query = context["query"]
    forged = [
        ({**context, "query": {**query, "limit": True}}, "limit"),
        ({**context, "query": {**query, "limit": "5"}}, "limit"),
        ({**context, "query": {**query, "order_by": [{"name": "gmv", "descending": "yes"}]}},
         "descending"),
        ({**context, "query": {**query, "limt": 5}}, "query.limt"),
        ({**context, "sql": "SELECT 1"}, "sql"),
    ]  # fmt: skip
    for ctx, named in forged:
        status, body = await _ask(jp_fetch, tokens["ana"], {**follow, "context": ctx})
        assert status == 422, (named, body.get("sql"))
        assert "follow-up context" in body["error"] and named in body["error"]


def test_a_suggestion_never_cuts_a_number(demo_db) -> None:
    from nl2sql import ask

    for question in ("channels with GMV over 1,5", "channels with GMV over 1.234.567",
                     "GMV超过1,5的渠道"):  # fmt: skip
        answer = ask(question, db=demo_db, today="2026-11-20")
        assert answer.refused, answer.sql
        cut = [q for q in answer.suggestions if "1," in q or "1.234." in q]
        assert cut == [], answer.suggestions
    kept = ask("top 5 channels by GMV qqq", db=demo_db, today="2026-11-20")
    assert kept.suggestions == ["top 5 channels by GMV"]  # a whole number is kept as it was
