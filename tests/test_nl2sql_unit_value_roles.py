"""A unit word that is also a stored value ("GMV in GB") is refused with every dimension that
holds the value, and the suggestions ask with each one that runs.

Why: the refusal named the first dimension holding GB (the warehouse country) where the
customer's or the destination country was meant; a one-role suggestion steers the user to
the wrong rows.
"""

from __future__ import annotations

from nl2sql import ask

TODAY = "2026-11-20"


def test_every_role_is_named(demo_con) -> None:
    got = ask("GMV in GB", con=demo_con, today=TODAY)
    assert got.refused
    for label in ("warehouse country GB", "customer country GB"):
        assert label in got.reason
    assert "GMV in customer country GB" in got.suggestions
    for s in got.suggestions:  # each one runs, and filters GB
        again = ask(s, con=demo_con, today=TODAY)
        assert again.ok and again.query is not None
        assert any(f.values == ["GB"] for f in again.query.filters)


def test_a_real_unit_is_still_refused(demo_con) -> None:
    got = ask("GMV in MB", con=demo_con, today=TODAY)  # one word apart: no value MB
    assert got.refused and "GB" not in got.reason
