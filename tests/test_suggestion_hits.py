"""The suggestion hit-rate metric (lab.evals.heldout.suggestion_hits) counts what it says.

hit@1 / hit@3 are shares of refused answerable questions, a suggestion refused when asked and
one in the other language are counted, and ``compare`` scores two runs on the questions refused
in both (a refusal turned into an answer must not move the rate by leaving its denominator).
"""

from __future__ import annotations

from lab.evals.heldout.runner import Question
from lab.evals.heldout.suggestion_hits import Checked, compare, summary


def _q(qid: str, text: str, lang: str) -> Question:
    return Question(qid, text, lang, ("select 1",))


def test_summary_counts_hits_refusals_and_language() -> None:
    checked = [
        Checked("s", _q("a", "各渠道的毛利", "zh"), ("各渠道的Margin",), ("hit",)),
        Checked("s", _q("b", "orders by zone", "en"), ("GMV by zone", "Orders"), ("other", "hit")),
        Checked("s", _q("c", "refunds by zone", "en"), ("退款",), ("refused",)),
        Checked("s", _q("d", "x", "en"), (), ()),
    ]
    line = summary("t", checked)
    assert line == (
        "t: refused=4 hit@1=25.0% (1) hit@3=50.0% (2) none=1 sug=4 sug_refused=1 wrong_lang=1"
    )
    assert summary("t", checked, "zh").startswith("t: refused=1 hit@1=100.0% (1)")


def test_compare_scores_only_the_questions_refused_in_both() -> None:
    before = [
        {"set": "s", "id": "a", "lang": "zh", "suggestions": ["x"], "verdicts": ["other"]},
        {"set": "s", "id": "b", "lang": "en", "suggestions": ["y"], "verdicts": ["other"]},
    ]
    after = [{"set": "s", "id": "a", "lang": "zh", "suggestions": ["z"], "verdicts": ["hit"]}]
    lines = compare(before, after)
    assert lines[0] == "questions refused in both: 1 (before 2, after 1)"
    assert "zh before: n=1 hit@1=0 hit@3=0" in lines
    assert "zh after: n=1 hit@1=1 hit@3=1" in lines
    assert "  moved hit@1: s a" in lines
