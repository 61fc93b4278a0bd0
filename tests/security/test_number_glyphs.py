"""Red team, session 23: numbers written with glyphs that NFKC folds or that join digits.

Probes on a running ``orderlens serve`` (ask role):

- ``channels with GMV over 10²`` answered ``GMV > 102`` and ``top 10² customers by GMV`` the
  top 102: NFKC folds a superscript two into a plain ``2`` glued to the number, so "ten
  squared" (100) was read as 102 (``10³`` as 103, ``GMV超过10³的渠道`` likewise; a subscript
  ``5₀`` as 50). A raised or lowered digit after a number is now an exponent or an index
  (``10^2``, which no rule reads): refused, like session 22's ``10^2``.
- ``channels with GMV over 1'000`` (the Swiss thousands separator), ``1’000``, ``1·000``,
  the Arabic separators ``1٬000`` / ``1٫5``, ``1⁄2``, ``3/4`` and ``1_000`` were refused, but
  each offered ``channels with GMV over 1'`` (or ``1’``, ``1·``, ``1٬``, ``1٫``, ``1⁄``,
  ``3/``, ``1_``) under a note that the condition was left out: each answered ``GMV > 1``
  (``> 3``). Any mark between digits now keeps them one number for the suggestion check, as
  session 13 did for ``1,5`` and session 22 for ``1e4``.
"""

from __future__ import annotations

import pytest

from nl2sql import ask

TODAY = "2026-11-20"


@pytest.mark.parametrize(
    ("question", "misread"),
    [
        ("channels with GMV over 10\u00b2", "> 102"),
        ("channels with GMV over 10\u00b3", "> 103"),
        ("top 10\u00b2 customers by GMV", "LIMIT 102"),
        ("GMV\u8d85\u8fc710\u00b3\u7684\u6e20\u9053", "> 103"),
        ("channels with GMV over 5\u2080", "> 50"),
        ("channels with GMV over \uff11\uff10\u00b2", "> 102"),
        ("channels with GMV over 10\u207b\u00b3", "> 10"),
    ],
)
def test_a_raised_digit_is_never_read_as_more_digits(demo_con, question: str, misread: str):
    got = ask(question, con=demo_con, today=TODAY)
    assert got.refused, got.sql  # before: answered GMV > 102 / the top 102
    assert misread not in (got.sql or "")
    for suggestion in got.suggestions:
        again = ask(suggestion, con=demo_con, today=TODAY)
        sql = again.sql or ""
        assert misread not in sql, suggestion
        assert "> 10.0" not in sql and "> 5.0" not in sql and "LIMIT 10" not in sql, suggestion


@pytest.mark.parametrize(
    ("question", "cut"),
    [
        ("channels with GMV over 1'000", "> 1.0"),
        ("channels with GMV over 1\u2019000", "> 1.0"),
        ("channels with GMV over 1\u00b7000", "> 1.0"),
        ("channels with GMV over 1\u066c000", "> 1.0"),
        ("channels with GMV over 1\u066b5", "> 1.0"),
        ("channels with GMV over 1\u20442", "> 1.0"),
        ("channels with GMV over 3/4", "> 3.0"),
        ("channels with GMV over 1_000", "> 1.0"),
    ],
)
def test_no_suggestion_keeps_part_of_a_number_joined_by_a_mark(demo_con, question: str, cut):
    got = ask(question, con=demo_con, today=TODAY)
    assert got.refused  # which number is meant is not guessed
    for suggestion in got.suggestions:
        again = ask(suggestion, con=demo_con, today=TODAY)
        assert cut not in (again.sql or ""), suggestion  # before: "… over 1'" answered GMV > 1


def test_one_glyph_apart_probes_keep_their_readings(demo_con) -> None:
    """The plain forms answer as before: an exponent's mark only after a digit, and a number
    that is whole stays whole."""
    plain = ask("channels with GMV over 100", con=demo_con, today=TODAY)
    assert not plain.refused and "> 100" in (plain.sql or "")
    wide = ask("channels with GMV over \uff11\uff10\uff10", con=demo_con, today=TODAY)
    assert wide.sql == plain.sql  # full-width digits are still read as seen
    top = ask("top 10 customers by GMV", con=demo_con, today=TODAY)
    assert not top.refused and "LIMIT 10" in (top.sql or "")
