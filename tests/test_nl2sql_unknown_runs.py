"""An unknown Chinese name is refused as the word it is, and its suggestion drops all of it.

Why: a name neither the model nor jieba's dictionary holds (a brand, a shop's name) is cut
character by character, and a grain character in it read as a grain: "按天喵统计订单数" (天喵, a
made-up shop name) was refused for '喵' alone and offered "按天统计订单数" — orders by day,
another question. The demo model is used as it is; none of these words are in it.
"""

from __future__ import annotations

import pytest

from nl2sql import ask

TODAY = "2026-11-20"


@pytest.mark.parametrize(
    ("question", "word", "suggestion"),
    [
        ("按天喵统计订单数", "天喵", "统计订单数"),
        ("天喵上个月的订单数", "天喵", "上个月的订单数"),
        ("每月天喵的订单数", "天喵", "每月的订单数"),
    ],
)
def test_a_grain_character_glued_to_an_unknown_one_is_part_of_the_name(
    demo_con, question: str, word: str, suggestion: str
) -> None:
    got = ask(question, con=demo_con, today=TODAY)
    assert got.refused
    assert f"“{word}”" in got.reason
    assert got.suggestions[0] == suggestion
    again = ask(got.suggestions[0], con=demo_con, today=TODAY)
    assert not again.refused and again.df is not None and len(again.df) >= 1


def test_a_grain_said_on_its_own_stays_a_grain(demo_con) -> None:
    got = ask("按天统计订单数", con=demo_con, today=TODAY)
    assert not got.refused
    assert "metric_time__day" in got.columns


def test_a_run_of_unknown_characters_is_one_word(demo_con) -> None:
    got = ask("各渠道的鹉螺喵订单数", con=demo_con, today=TODAY)
    assert got.refused
    assert "“鹉螺喵”" in got.reason


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("各渠道的鹉螺喵订单数和鹉螺喵退货数", "鹉螺喵"),
        ("zorbly orders by channel and zorbly refunds", "zorbly"),
    ],
)
def test_an_unknown_word_said_twice_is_named_once(demo_con, question: str, word: str) -> None:
    """Session 27's red team saw a refusal list one word twice ("'x', 'x'"): one entry per
    occurrence. The user needs each unknown word once, in the order first said."""
    got = ask(question, con=demo_con, today=TODAY)
    assert got.refused
    assert got.reason.count(word) == 1, got.reason
