"""``orderlens feedback export``: votes become items of the eval YAML format, no truth invented."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import yaml
from click.testing import CliRunner

from lab.cli import cli
from lab.server.feedback import FeedbackLog, read_feedback

GMV_SQL = "SELECT channel, SUM(goods_amount) FROM orders GROUP BY 1"


def _vote(**kw) -> dict:
    base = {
        "user": "ana", "rating": "up", "comment": None, "question": "各渠道的GMV",
        "followup_of": [], "today": "2026-11-20", "model": "builtin", "ok": True,
        "engine": "rules", "semantic_query": {"metrics": ["gmv"]}, "sql": GMV_SQL,
        "interpretation": "GMV 按 渠道", "refusal_reason": None,
    }  # fmt: skip
    return {**base, **kw}


def _write(path: Path, votes: list[dict]) -> None:
    log = FeedbackLog(path)
    for v in votes:
        log.add(v)


def test_export_writes_eval_items_and_marks_thumbs_down_for_review(tmp_path: Path) -> None:
    path = tmp_path / "fb.jsonl"
    _write(
        path,
        [
            _vote(),
            _vote(user="bo", question="上个月的退货率", rating="down", comment="应按退货日期",
                  sql="SELECT 0.1", interpretation="退货率"),
            _vote(question="天气怎么样", ok=False, sql=None, semantic_query=None,
                  interpretation=None, refusal_reason="与订单数据无关"),
            _vote(user="bo", question="按颜色统计GMV", rating="down", ok=False, sql=None,
                  refusal_reason="模型里没有颜色"),
            _vote(question="只看上个月", followup_of=["各渠道的GMV"], sql="SELECT 2"),
        ],
    )  # fmt: skip
    out = tmp_path / "eval" / "feedback.yaml"
    res = CliRunner().invoke(
        cli, ["feedback", "export", "--feedback-file", str(path), "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    assert "5 items (2 for review)" in res.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# OrderLens feedback from ")
    doc = yaml.safe_load(text)
    assert (doc["today"], doc["model"]) == ("2026-11-20", "builtin")
    items = {i["question"]: i for i in doc["questions"]}
    assert items["各渠道的GMV"]["gold_sql"] == GMV_SQL
    assert items["各渠道的GMV"]["feedback"]["user"] == "ana"
    assert items["各渠道的GMV"]["feedback"]["semantic_query"] == {"metrics": ["gmv"]}
    down = items["上个月的退货率"]
    assert down["review"] is True and "gold_sql" not in down  # no truth invented
    assert down["answered_sql"] == "SELECT 0.1" and down["feedback"]["comment"] == "应按退货日期"
    assert items["天气怎么样"]["refuse"] is True and "gold_sql" not in items["天气怎么样"]
    refused_down = items["按颜色统计GMV"]
    assert refused_down["review"] is True and refused_down["refused_with"] == "模型里没有颜色"
    assert "gold_sql" not in refused_down and "refuse" not in refused_down
    assert items["只看上个月"]["followup_of"] == ["各渠道的GMV"]
    # same shape as the repo's question sets: every item has a question and a today
    assert all(isinstance(i["question"], str) and i["today"] for i in doc["questions"])


def test_a_later_vote_replaces_an_earlier_one_and_since_filters(tmp_path: Path) -> None:
    path = tmp_path / "fb.jsonl"
    lines = [
        {**_vote(), "id": "fb-1", "at": "2026-11-18T09:00:00+00:00"},
        {**_vote(rating="down", comment="其实不对"), "id": "fb-2", "at": "2026-11-19T09:00:00+00:00"},
        {**_vote(question="订单数"), "id": "fb-3", "at": "2026-11-21T09:00:00+00:00"},
    ]  # fmt: skip
    path.write_text("".join(json.dumps(v) + "\n" for v in lines) + '{"cut short', "utf-8")
    res = CliRunner().invoke(cli, ["feedback", "export", "--feedback-file", str(path)])
    assert res.exit_code == 0, res.output
    doc = yaml.safe_load(res.output)
    assert [(i["question"], i.get("review", False)) for i in doc["questions"]] == [
        ("各渠道的GMV", True),  # the later thumbs-down wins
        ("订单数", False),
    ]
    res = CliRunner().invoke(
        cli, ["feedback", "export", "--feedback-file", str(path), "--since", "2026-11-20"]
    )
    assert [i["question"] for i in yaml.safe_load(res.output)["questions"]] == ["订单数"]
    res = CliRunner().invoke(
        cli, ["feedback", "export", "--feedback-file", str(path), "--since", "last week"]
    )
    assert res.exit_code == 2 and "'last week' is not a date" in res.output


def test_export_without_a_feedback_file_says_where_it_looked(tmp_path: Path) -> None:
    missing = tmp_path / "none.jsonl"
    res = CliRunner().invoke(cli, ["feedback", "export", "--feedback-file", str(missing)])
    assert res.exit_code == 1
    assert f"no feedback file at {missing}" in res.output and "--feedback-file" in res.output


def test_concurrent_votes_are_whole_lines(tmp_path: Path) -> None:
    log = FeedbackLog(tmp_path / "fb.jsonl")

    def voter(user: str) -> None:
        for i in range(50):
            log.add(_vote(user=user, question=f"问题{i}" + "长" * 300))

    threads = [threading.Thread(target=voter, args=(f"u{n}",)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    votes = read_feedback(log.path)
    assert len(votes) == 200
    for n in range(4):
        assert [v["question"][:4] for v in votes if v["user"] == f"u{n}"][:3] == [
            "问题0长",
            "问题1长",
            "问题2长",
        ]
    assert oct(log.path.stat().st_mode & 0o777) == "0o600"
