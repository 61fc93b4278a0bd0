"""A suggestion that drops an unknown breakdown drops its 按 / 各 / by / per with it.

Why: "按颜色统计GMV" (the demo has no colour) was offered "按统计GMV" — a runnable question that
reads as nothing, shown as the first "did you mean" on the Ask page. The word that made the
unknown word a breakdown goes with it; a word that is no breakdown is dropped alone.
"""

from __future__ import annotations

import pytest

from nl2sql import ask

TODAY = "2026-11-20"


@pytest.mark.parametrize(
    ("question", "suggestion"),
    [
        ("按颜色统计GMV", "统计GMV"),
        ("各颜色的订单数", "订单数"),
        ("GMV by colour", "GMV"),
        ("how many orders per colour last month", "how many orders last month"),
    ],
)
def test_the_breakdown_word_goes_with_the_unknown_breakdown(
    demo_con, question: str, suggestion: str
) -> None:
    got = ask(question, con=demo_con, today=TODAY)
    assert got.refused
    assert got.suggestions[0] == suggestion
    again = ask(got.suggestions[0], con=demo_con, today=TODAY)  # and it runs
    assert not again.refused and again.df is not None and len(again.df) >= 1


def test_the_note_says_breakdown_not_condition(demo_con) -> None:
    got = ask("按颜色统计GMV", con=demo_con, today=TODAY)
    assert "不按它细分" in got.reason and "不含该条件" not in got.reason
    got = ask("how many orders per colour last month", con=demo_con, today=TODAY)
    assert "without that breakdown" in got.reason
    got = ask("how many purple orders last month", con=demo_con, today=TODAY)  # a condition
    assert "without that condition" in got.reason
