"""Red team, session 22: a refusal never offers a number its exponent was cut from.

Before: the engine reads no exponent (``1e4``, ``10^100``, ``10**3``), refuses the question,
and its suggestions dropped the unknown part: ``channels with GMV over 1e4`` offered ``…over
14`` (the ``e`` dropped, the digits joined; it answered GMV > 14), ``GMV前1e100名的渠道`` offered
``前1100名`` (top 1100), ``over 10^100`` offered ``over 10^`` (GMV > 10), ``over 2^10`` ``over
2^`` (GMV > 2) and ``over 10**3`` ``over 10**`` (GMV > 10): one click from a wrong answer.
Found by sending "huge numbers" to the running server. A suggestion may leave the whole number
out, never part of it (session 13's rule, now knowing exponents).
"""

from __future__ import annotations

import re

import pytest

import nl2sql

QUESTIONS = [
    "channels with GMV over 1e4",
    "GMV前1e100名的渠道",
    "channels with GMV over 10^100",
    "channels with GMV over 2^10",
    "channels with GMV over 10**3",
    "top 1E3 channels by GMV",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_no_suggestion_keeps_part_of_an_exponent(question: str, demo_db) -> None:
    answer = nl2sql.ask(question, db=demo_db, engine="rules", today="2026-11-20")
    assert answer.refused
    before = question[: re.search(r"\d", question).start()].strip()
    for suggestion in answer.suggestions:  # the model's own examples may hold their numbers
        if suggestion.startswith(before):  # one made from this question holds none of its
            assert not re.search(r"\d", suggestion), (question, suggestion)


def test_a_plain_number_is_still_suggested_around(demo_db) -> None:
    answer = nl2sql.ask("channels with GMV over 1000 zzqx", db=demo_db, engine="rules",
                        today="2026-11-20")  # fmt: skip
    assert answer.refused
    assert any("1000" in s for s in answer.suggestions), answer.suggestions
