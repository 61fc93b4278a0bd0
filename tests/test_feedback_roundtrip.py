"""Feedback export -> evaluation loaders: exported files are scoreable as they are written.

``orderlens feedback export`` writes thumbs-down answers as ``review: true`` items without gold;
both loaders (``nl2sql.evaluation`` for the repo's question-set format the export writes, and the
held-out runner's ``load_set``) skip them with a count instead of failing on the missing gold.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from lab.cli import cli
from lab.evals.heldout.runner import EvalSetError, load_set
from lab.server.feedback import FeedbackLog
from nl2sql import ask
from nl2sql.evaluation import evaluate, review_note, scored_cases

TODAY = "2026-11-20"


def _vote(question: str, sql: str | None, **kw) -> dict:
    base = {
        "user": "ana", "rating": "up", "comment": None, "question": question, "followup_of": [],
        "today": TODAY, "model": "builtin", "ok": sql is not None, "engine": "rules",
        "semantic_query": None, "sql": sql, "interpretation": None, "refusal_reason": None,
    }  # fmt: skip
    return {**base, **kw}


def _export(tmp_path: Path, votes: list[dict]) -> Path:
    fb = tmp_path / "fb.jsonl"
    log = FeedbackLog(fb)
    for v in votes:
        log.add(v)
    out = tmp_path / "feedback.yaml"
    res = CliRunner().invoke(
        cli, ["feedback", "export", "--feedback-file", str(fb), "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    return out


def test_exported_feedback_is_scored_with_review_items_skipped_and_counted(
    demo_con, tmp_path: Path
) -> None:
    first = ask("各渠道的GMV", con=demo_con, today=TODAY, chart=False)
    then = ask("只看京东", con=demo_con, today=TODAY, chart=False, context=first.followup_context())
    assert first.ok and then.ok and len(then.df) == 1  # the follow-up narrowed to one channel
    out = _export(
        tmp_path,
        [
            _vote("各渠道的GMV", first.sql),
            _vote("只看京东", then.sql, followup_of=["各渠道的GMV"]),
            _vote("天气怎么样", None, refusal_reason="与订单数据无关"),
            _vote("上个月的退货率", "SELECT 0.1", user="bo", rating="down", comment="按退货日期"),
            _vote("按颜色统计GMV", None, user="bo", rating="down", refusal_reason="没有颜色"),
            _vote("订单数", "SELECT 1", user="cy", rating="down"),
        ],
    )
    report = evaluate(out, demo_con)
    assert report.skipped_review == 3
    assert sorted((r.question, r.status) for r in report.results) == [
        ("只看京东", "correct"),  # asked after its conversation's first question
        ("各渠道的GMV", "correct"),
        ("天气怎么样", "refused_ok"),
    ]
    assert report.line().endswith(
        "wrong=0 (3 items need review: skipped (write gold_sql or refuse: true and drop "
        "`review` to score them))"
    )


def test_an_item_without_gold_refuse_or_review_is_named() -> None:
    doc = {"questions": [{"question": "GMV", "gold_sql": "SELECT 1"}, {"question": "订单数"}]}
    with pytest.raises(ValueError, match=r"question 2 \('订单数'\) has neither gold_sql"):
        scored_cases(doc)
    assert review_note(1).startswith("1 item needs review: skipped")


def test_heldout_loader_skips_review_items_with_a_count(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "dev.yaml"
    questions = [
        {"id": "q1", "lang": "en", "question": "GMV", "gold_sql": "SELECT 1"},
        {
            "id": "q2",
            "lang": "zh",
            "question": "订单数",
            "review": True,
            "answered_sql": "SELECT 2",
        },
        {"id": "q3", "lang": "zh", "question": "天气", "refuse": True},
        {"id": "q4", "lang": "zh", "question": "颜色", "review": True},
    ]
    doc = {"set": "orders", "half": "dev", "today": TODAY, "questions": questions}
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="orderlens.evals"):
        got = load_set(path)
    assert [q.id for q in got.questions] == ["q1", "q3"]
    assert got.review_skipped == 2
    assert "2 items need review: skipped" in caplog.text
    # without the review mark, a gold-less item is still an error that names it
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    del doc["questions"][1]["review"]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(EvalSetError, match="question 2: give exactly one of gold_sql or refuse"):
        load_set(path)
