"""Saved questions and thumbs up / down through the server API (jp_fetch), per named user."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError

from lab.server.feedback import read_feedback
from lab.server.users import Role, UserStore
from tests.server_helpers import fetch_json as _call
from tests.server_helpers import server_config, token_headers

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    return {
        "users": tmp_path / "users.json",
        "saved": tmp_path / "data" / "saved.json",
        "feedback": tmp_path / "data" / "feedback.jsonl",
        "history": tmp_path / "runtime" / "history.json",
    }


@pytest.fixture()
def tokens(files: dict[str, Path]) -> dict[str, str]:
    store = UserStore(files["users"])
    return {"ana": store.add("ana", Role.ASK), "bo": store.add("bo", Role.ASK)}


@pytest.fixture()
def jp_server_config(demo_db: Path, files: dict[str, Path], tokens: dict[str, str]) -> dict:
    return server_config(
        demo_db,
        files["users"],
        files["history"],
        today="2026-11-20",
        saved_file=str(files["saved"]),
        feedback_file=str(files["feedback"]),
        chart_svg=False,
    )


async def test_saved_questions_are_each_users_own(jp_fetch, tokens, files) -> None:
    ana, bo = token_headers(tokens["ana"]), token_headers(tokens["bo"])
    code, body = await _call(
        jp_fetch, "orderlens", "api", "saved", method="POST", headers=ana,
        body=json.dumps({"questions": ["各渠道的GMV", "只看上个月"], "name": "上月渠道GMV"}),
    )  # fmt: skip
    assert code == 201, body
    saved = body["saved"]
    assert saved["question"] == "只看上个月" and saved["questions"] == ["各渠道的GMV", "只看上个月"]
    assert saved["name"] == "上月渠道GMV" and saved["user"] == "ana"
    # the same conversation again: no duplicate
    code, again = await _call(
        jp_fetch, "orderlens", "api", "saved", method="POST", headers=ana,
        body=json.dumps({"questions": ["各渠道的GMV", "只看上个月"]}),
    )  # fmt: skip
    assert code == 201 and again["saved"]["id"] == saved["id"]

    code, body = await _call(jp_fetch, "orderlens", "api", "saved", method="GET", headers=bo)
    assert (code, body["saved"]) == (200, [])
    # bo can neither rename nor unsave ana's question
    code, body = await _call(
        jp_fetch, "orderlens", "api", "saved", saved["id"], method="PATCH", headers=bo,
        body=json.dumps({"name": "mine now"}),
    )  # fmt: skip
    assert code == 404 and saved["id"] in body["error"]
    code, _ = await _call(
        jp_fetch, "orderlens", "api", "saved", saved["id"], method="DELETE", headers=bo
    )
    assert code == 404

    code, body = await _call(
        jp_fetch, "orderlens", "api", "saved", saved["id"], method="PATCH", headers=ana,
        body=json.dumps({"name": "Channel GMV, last month"}),
    )  # fmt: skip
    assert code == 200 and body["saved"]["name"] == "Channel GMV, last month"
    stored = json.loads(files["saved"].read_text(encoding="ascii"))
    assert [(e["user"], e["name"]) for e in stored] == [("ana", "Channel GMV, last month")]

    code, _ = await _call(
        jp_fetch, "orderlens", "api", "saved", saved["id"], method="DELETE", headers=ana
    )
    assert code == 204
    code, body = await _call(jp_fetch, "orderlens", "api", "saved", method="GET", headers=ana)
    assert body["saved"] == [] and json.loads(files["saved"].read_text()) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"questions": "GMV"}, '"questions" must be a list of strings'),
        ({"questions": []}, '"questions" must hold 1 to 10 strings'),
        ({"questions": ["GMV", 3]}, '"questions"[1] must be a non-empty string'),
        ({"questions": ["x" * 401]}, "at most 400 are accepted"),
        ({"questions": ["GMV"], "name": "n" * 81}, '"name" has 81 characters'),
        ({"questions": ["GMV"], "name": True}, '"name" must be a string'),
        ({"questions": ["GMV \ud800"]}, "lone UTF-16 surrogate"),
        ({}, 'send {"questions"'),
    ],
)
async def test_saving_refuses_malformed_bodies(jp_fetch, tokens, body, message) -> None:
    code, got = await _call(
        jp_fetch, "orderlens", "api", "saved", method="POST", headers=token_headers(tokens["ana"]),
        body=json.dumps(body),
    )  # fmt: skip
    assert code == 400 and message in got["error"], got


async def test_thumbs_store_the_servers_own_answer_with_user_and_comment(
    jp_fetch, tokens, files
) -> None:
    ana = token_headers(tokens["ana"])
    code, answer = await _call(
        jp_fetch, "orderlens", "api", "ask", method="POST", headers=ana,
        body=json.dumps({"question": "各渠道的GMV"}),
    )  # fmt: skip
    assert code == 200
    code, body = await _call(
        jp_fetch, "orderlens", "api", "feedback", method="POST", headers=ana,
        body=json.dumps({"question": "各渠道的GMV", "rating": "up", "comment": "对的"}),
    )  # fmt: skip
    assert code == 201, body
    vote = body["feedback"]
    assert (vote["user"], vote["rating"], vote["comment"]) == ("ana", "up", "对的")
    assert vote["sql"] == answer["sql"] and vote["interpretation"] == answer["interpretation"]
    assert vote["semantic_query"] == answer["followup_context"]["query"]
    assert vote["today"] == "2026-11-20" and vote["ok"] is True and vote["at"]

    # a follow-up: the conversation is stored, the SQL is the follow-up's own
    code, follow = await _call(
        jp_fetch, "orderlens", "api", "ask", method="POST", headers=ana,
        body=json.dumps({"question": "只看上个月", "context": answer["followup_context"]}),
    )  # fmt: skip
    assert code == 200, follow
    code, body = await _call(
        jp_fetch, "orderlens", "api", "feedback", method="POST", headers=token_headers(tokens["bo"]),
        body=json.dumps({"question": "只看上个月", "rating": "down", "comment": "要按周",
                         "context": answer["followup_context"],
                         "questions": ["各渠道的GMV", "只看上个月"]}),
    )  # fmt: skip
    assert code == 201, body
    assert body["feedback"]["sql"] == follow["sql"] != answer["sql"]
    assert body["feedback"]["followup_of"] == ["各渠道的GMV"]

    # a refusal can be rated too: its reason is stored instead of SQL
    code, body = await _call(
        jp_fetch, "orderlens", "api", "feedback", method="POST", headers=ana,
        body=json.dumps({"question": "天气怎么样", "rating": "up"}),
    )  # fmt: skip
    assert code == 201 and body["feedback"]["ok"] is False
    assert body["feedback"]["sql"] is None and body["feedback"]["refusal_reason"]

    stored = read_feedback(files["feedback"])
    assert [(v["user"], v["rating"], v["question"]) for v in stored] == [
        ("ana", "up", "各渠道的GMV"),
        ("bo", "down", "只看上个月"),
        ("ana", "up", "天气怎么样"),
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"question": "GMV", "rating": "meh"}, '"rating" must be one of up, down'),
        ({"question": "GMV"}, '"rating": "up" | "down"'),
        ({"question": "GMV", "rating": "up", "comment": "c" * 1001}, "at most 1000"),
        ({"question": "GMV", "rating": "up", "comment": {"t": 1}}, '"comment" must be a string'),
        ({"rating": "up"}, 'send "question"'),
        ({"question": "GMV", "rating": "up", "context": "prev"}, '"context" must be'),
    ],
)
async def test_feedback_refuses_malformed_bodies(jp_fetch, tokens, files, body, message) -> None:
    code, got = await _call(
        jp_fetch, "orderlens", "api", "feedback", method="POST", headers=token_headers(tokens["ana"]),
        body=json.dumps(body),
    )  # fmt: skip
    assert code == 400 and message in got["error"], got
    assert not files["feedback"].exists()


async def test_personal_routes_need_a_signed_in_user(jp_fetch) -> None:
    for method, parts, body in (
        ("GET", ("orderlens", "api", "saved"), None),
        ("POST", ("orderlens", "api", "saved"), '{"questions": ["GMV"]}'),
        ("POST", ("orderlens", "api", "feedback"), '{"question": "GMV", "rating": "up"}'),
    ):
        with pytest.raises(HTTPClientError) as info:
            await jp_fetch(*parts, method=method, body=body, headers={"Authorization": ""})
        assert info.value.code == 403


async def test_history_shows_the_refusal_reason_per_user(jp_fetch, tokens) -> None:
    ana = token_headers(tokens["ana"])
    code, refused = await _call(
        jp_fetch, "orderlens", "api", "ask", method="POST", headers=ana,
        body=json.dumps({"question": "按颜色统计GMV"}),
    )  # fmt: skip
    assert code == 422 and refused["reason"]
    code, body = await _call(jp_fetch, "orderlens", "api", "history", method="GET", headers=ana)
    assert body["history"][0]["question"] == "按颜色统计GMV"
    assert body["history"][0]["ok"] is False and body["history"][0]["reason"] == refused["reason"]
    code, body = await _call(
        jp_fetch, "orderlens", "api", "history", method="GET", headers=token_headers(tokens["bo"])
    )
    assert body["history"] == []


async def test_me_tells_the_page_an_ask_user_gets_no_planners_tab(jp_fetch, tokens) -> None:
    code, body = await _call(
        jp_fetch, "orderlens", "api", "me", method="GET", headers=token_headers(tokens["ana"])
    )
    assert (code, body) == (
        200,
        {"name": "ana", "role": "ask", "may_see_recommendations": False, "may_decide": False},
    )
