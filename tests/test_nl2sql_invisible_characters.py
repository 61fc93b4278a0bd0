"""Red team, session 18: invisible characters and space-grouped thousands in a question.

Probes on a running ``orderlens serve`` (ask role): ``channels with GMV over 1\\u200b000`` (a
zero-width space inside the number; it shows as "1000") was refused, and its suggestion
``channels with GMV over 1\\u200b`` (shown as "over 1") answered ``GMV > 1``: every channel.
``channels with GMV over 1 000`` (thousands grouped by a space, a no-break or a thin space,
as SI and French write them) was offered ``channels with GMV over 1`` the same way. Now a
question is read as it is seen (invisible characters are dropped before matching), and a
suggestion never keeps part of a space-grouped number.
"""

from __future__ import annotations

import pytest

from nl2sql import ask

TODAY = "2026-11-20"


@pytest.mark.parametrize(
    ("question", "seen"),
    [
        ("channels with GMV over 1\u200b000", "channels with GMV over 1000"),
        ("GMV超过1\u2060000的渠道", "GMV超过1000的渠道"),
        ("GMV by channel exclu\u00adding jd", "GMV by channel excluding jd"),
        ("GMV by channel excluding \ufeffjd", "GMV by channel excluding jd"),
    ],
)
def test_a_question_is_read_as_it_is_seen(demo_con, question: str, seen: str) -> None:
    got = ask(question, con=demo_con, today=TODAY)
    plain = ask(seen, con=demo_con, today=TODAY)
    assert not plain.refused
    assert not got.refused, got.reason
    assert got.sql == plain.sql


@pytest.mark.parametrize(
    "question",
    [
        "channels with GMV over 1 000",
        "channels with GMV over 1\u00a0000",
        "channels with GMV over 1\u202f000",
        "channels with GMV over 1\u2009000",
    ],
)
def test_no_suggestion_cuts_a_space_grouped_number(demo_con, question: str) -> None:
    got = ask(question, con=demo_con, today=TODAY)
    assert got.refused  # one reading is likely, but money is not guessed
    for suggestion in got.suggestions:
        again = ask(suggestion, con=demo_con, today=TODAY)
        # "over 1" (GMV > 1) is the cut number; leaving the condition out is said so
        assert "> 1.0" not in (again.sql or ""), suggestion
        assert "over 1" not in suggestion.replace("\u00a0", " "), suggestion


def test_one_word_apart_probes_stay_apart(demo_con) -> None:
    """Dropping invisible characters joins nothing visible: the exclusion stays, a negation
    written with a zero-width space inside stays a negation."""
    kept = ask("GMV by channel excluding jd", con=demo_con, today=TODAY)
    hidden = ask("GMV by channel excluding\u200b jd", con=demo_con, today=TODAY)
    assert "<> 'jd'" in (kept.sql or "") and hidden.sql == kept.sql
    bare = ask("GMV by channel", con=demo_con, today=TODAY)
    assert "'jd'" not in (bare.sql or "")
