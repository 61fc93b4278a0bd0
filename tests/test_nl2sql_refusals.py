"""Refusals: a reason in the question's language and suggestions that are runnable questions."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from nl2sql.rules import detect_lang, understand

_spec = importlib.util.spec_from_file_location(
    "nl_catalogs", Path(__file__).parent / "fixtures" / "nl_catalogs.py"
)
nl_catalogs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(nl_catalogs)

TODAY = dt.date(2026, 11, 20)
EXAMPLES = ("GMV by channel", "各渠道的GMV", "return rate by SKU", "各SKU的退货率")
ORDERS = replace(nl_catalogs.orders_catalog(), example_questions=EXAMPLES)


@pytest.mark.parametrize(
    "question",
    [
        "按颜色统计GMV",
        "GMV by colour",
        "GMV 42",
        "GMV blorp",  # an unknown word ("pls" is please: a stop word)
        "按渠道",
        "by channel",
        "hello",
        "天气怎么样",
        "",
    ],
)
def test_every_suggestion_is_an_answerable_question_in_the_same_language(question: str) -> None:
    u = understand(question, ORDERS, TODAY)
    assert u.refused and u.suggestions
    lang = detect_lang(question)
    for s in u.suggestions:
        assert not understand(s, ORDERS, TODAY).refused, s
        assert detect_lang(s) == lang, s


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("GMV 42", ["GMV"]),  # a stray number at the end is dropped
        ("按渠道", ["按渠道的成交额"]),  # no metric: one added (GMV by its Chinese name)
        ("by channel", ["GMV by channel"]),
    ],
)
def test_the_closest_reading_comes_first(question: str, expected: list[str]) -> None:
    u = understand(question, ORDERS, TODAY)
    assert u.suggestions[: len(expected)] == expected


@pytest.mark.parametrize(
    ("question", "examples"),
    [
        ("hello", ["GMV by channel", "return rate by SKU"]),
        ("天气怎么样", ["各渠道的GMV", "各SKU的退货率"]),
    ],
)
def test_greetings_get_the_models_example_questions_in_their_language(
    question: str, examples: list[str]
) -> None:
    u = understand(question, ORDERS, TODAY)
    assert u.suggestions[:2] == examples


def test_reason_is_in_the_questions_language_and_english_is_kept() -> None:
    zh = understand("按颜色统计GMV", ORDERS, TODAY)
    assert zh.reason == "语义模型中没有 “颜色”"
    assert zh.reason_en == "I don't know '颜色' in this semantic model"
    en = understand("GMV by colour", ORDERS, TODAY)
    assert en.reason == en.reason_en == "I don't know 'colour' in this semantic model"


def test_cli_json_refusal_has_error_reason_and_runnable_suggestions(demo_db) -> None:
    from lab.cli import cli

    runner = CliRunner()
    out = runner.invoke(
        cli, ["ask", "天气怎么样", "--db", str(demo_db), "--engine", "rules", "--json"]
    )
    assert out.exit_code == 2
    doc = json.loads(out.output)
    assert doc["error"] == "I don't know '天气' in this semantic model"
    assert doc["reason"] == "语义模型中没有 “天气”"
    assert doc["suggestions"]
    first = runner.invoke(
        cli, ["ask", doc["suggestions"][0], "--db", str(demo_db), "--engine", "rules", "--json"]
    )
    assert first.exit_code == 0, first.output  # a clicked suggestion is answered
