"""A model's very long word (a 1 MB label: a hostile or broken model) is read in linear time.

Red team, session 30: a model whose ``paid_amount`` label carried one run of 1,000,000 letters
was served to the Ask page; the first question never came back (``nl2sql.ask`` killed after
600 s on main a5bdf0c5; 30,000 letters: 30 s, 1,000: 12 s, the cold catalog). Two readers of
names were quadratic in a word's length: the hyphen-pair pattern backtracked from every
letter, and the closed-compound split sliced the word at every position. Measured on the
branch: 1,000,000 letters 44 s cold (linear work: the normaliser's passes over the label),
100,000 letters 12 s, as a plain model.
"""

from __future__ import annotations

import re
import time

import pytest

from nl2sql.vocabulary import cedict
from nl2sql.vocabulary.english import hyphen_pairs

LONG = "x" * 200_000  # the old pattern: 1.5 s at 10,000 letters, 6 s at 20,000 (quadratic)


def test_hyphen_pairs_of_a_long_word_take_linear_time() -> None:
    started = time.perf_counter()
    assert hyphen_pairs(f"{LONG} On-Time {LONG}-ab") == {("on", "time"), ("x" * 200_000, "ab")}
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Box On-Time Pickup Rate, At-Risk Members",
        "a-b-c-d",
        "x1a-b 2-c d--e f-",
        "Same-Cinema ticket-revenue (per-order)",
        "ÉtÉ-fin ñ-ab",
    ],
)
def test_hyphen_pairs_finds_what_the_old_pattern_found(text: str) -> None:
    old = re.findall(r"([A-Za-z]+)-([A-Za-z]+)", text)
    assert hyphen_pairs(text) == frozenset((a.lower(), b.lower()) for a, b in old)


def test_a_word_longer_than_two_known_words_is_no_closed_compound() -> None:
    longest = cedict.longest_known()
    assert 10 < longest < 100
    started = time.perf_counter()
    assert cedict.closed_compound("x" * 1_000_000) is None  # old: 5 s at 100,000 letters
    assert time.perf_counter() - started < 1.0
    assert cedict.closed_compound("pageviews") == "page views"  # a real one still splits
