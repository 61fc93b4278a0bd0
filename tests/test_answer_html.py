"""Answer HTML comes from the Jinja templates only (issue 16.4), escaped once, in one place."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lab.rendering import AnswerView, ErrorView, refusal_html
from nl2sql.answer import Answer

HOSTILE = "<img src=x onerror=alert(1)>"


def _answer(**kw) -> Answer:
    df = pd.DataFrame({"order__channel": [HOSTILE, "jd"], "gmv": [1234567.891, None]})
    return Answer(question="q", df=df, sql=f"select '{HOSTILE}'", interpretation=HOSTILE, **kw)


def test_every_data_derived_value_is_escaped_and_trusted_parts_are_kept() -> None:
    card = '<div class="ol-card">card</div>'  # lab.trace's own autoescaped output
    for html in (
        _answer(card_html=card)._repr_html_(),
        AnswerView(_answer(card_html=card))._repr_html_(),
    ):
        assert HOSTILE not in html  # interpretation, cells and SQL all escaped
        assert html.count("&lt;img src=x onerror=alert(1)&gt;") == 3
        assert card in html  # the card arrives as markup, not as text
        assert '<td class="num">1,234,567.89</td>' in html and "<td>jd</td>" in html
        assert '<td class="num"></td>' in html  # a missing value is blank, not "nan"


def test_views_differ_only_in_their_parts_not_in_how_they_escape() -> None:
    view = AnswerView(_answer(engine="rules"), show_sql=True, max_rows=1)._repr_html_()
    assert view.startswith("<style>") and "<details open><summary>SQL</summary>" in view
    assert "2 rows, first 1 shown · engine rules" in view
    plain = _answer(timings={"total_ms": 12.4})._repr_html_()
    assert "<style>" not in plain and "<details><summary>SQL (rules, 12 ms)</summary>" in plain


def test_refusals_and_errors_escape_the_question_and_list_runnable_suggestions() -> None:
    html = refusal_html(HOSTILE, "no metric", ["GMV by channel", "a & b"])
    assert HOSTILE not in html and "<code>%ask GMV by channel</code>" in html
    assert "<code>%ask a &amp; b</code>" in html
    error = ErrorView(HOSTILE, "missing.duckdb does not exist", "run orderlens demo")._repr_html_()
    assert HOSTILE not in error and "<p>run orderlens demo</p>" in error
    refused = Answer(question=HOSTILE, refused=True, error="no metric", suggestions=["GMV"])
    assert "Cannot answer <b>&lt;img" in refused._repr_html_()


def test_no_html_is_built_with_strings_in_the_answer_modules() -> None:
    root = Path(__file__).resolve().parents[1]
    for module in ("nl2sql/answer.py", "lab/rendering.py"):
        text = (root / module).read_text(encoding="utf-8")
        assert "<div" not in text and "<table" not in text and "<p>" not in text, module
