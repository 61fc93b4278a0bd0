"""A question over the length limit is refused by its size first, in every Python entry point.

Session 20 measured 2.4 s before ``nl2sql.ask`` refused a 1 MB question: the language check,
the special readings and the refusal's suggestions (cut from the whole text) ran first. The
tests show that nothing but the length is looked at: the model and warehouse named do not
exist, and the suggestion builder must not be called.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import nl2sql
from nl2sql.options import MAX_QUESTION_CHARS
from nl2sql.rules import understand

ask_module = sys.modules["nl2sql.ask"]
engine_module = sys.modules["nl2sql.rules.engine"]


def test_ask_refuses_a_long_question_before_touching_model_or_warehouse(tmp_path: Path) -> None:
    question = "GMV by channel " * 70_000  # 1,050,000 characters
    answer = nl2sql.ask(question, model=tmp_path / "no-model", db=tmp_path / "no.duckdb")
    assert answer.refused and answer.df is None and answer.suggestions == []
    assert answer.reason == (
        f"the question is too long (1050000 characters, at most {MAX_QUESTION_CHARS}); "
        "ask one thing at a time"
    )


def test_a_long_chinese_question_is_refused_in_chinese(tmp_path: Path) -> None:
    answer = nl2sql.ask("各渠道的销售额" * 100_000, db=tmp_path / "no.duckdb", engine="llm")
    assert answer.refused
    assert answer.reason == "问题太长（700000 个字符，最多 400）；请一次问一件事"
    assert answer.error is not None and answer.error.startswith("the question is too long")


def test_the_limit_itself_still_reaches_the_engine(monkeypatch, tmp_path: Path) -> None:
    """400 characters are read as any question (here: the missing warehouse is what fails)."""
    with pytest.raises(Exception, match=r"no\.duckdb"):
        nl2sql.ask("GMV " + "x" * (MAX_QUESTION_CHARS - 4), db=tmp_path / "no.duckdb")


def test_understand_refuses_by_size_before_suggesting(monkeypatch, demo_db: Path) -> None:
    catalog = nl2sql.catalog_for(None, demo_db)

    def no_suggestions(*args, **kwargs):
        raise AssertionError("suggestions were built from a question over the limit")

    monkeypatch.setattr(engine_module, "suggest_questions", no_suggestions)
    monkeypatch.setattr(engine_module, "read_yes_no", no_suggestions)
    got = understand("top 5 SKUs by GMV " * 30_000, catalog)
    assert got.refused and got.query is None and got.suggestions == []
    assert got.reason_en.startswith("the question is too long (540000 characters")
    assert ask_module.length_refusal("x" * MAX_QUESTION_CHARS) is None
