"""Shipping-window recommendations asked in words (issue 8): the savings of this week's
proposals to delay German orders, in Chinese and English, equal a hand-written sum."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

AS_OF = date(2026, 11, 20)  # the demo warehouse's end date (a Friday: week 2026-11-16..22)

GOLD_SQL = """
SELECT SUM(expected_saving), COUNT(*) FROM shipping_recommendations
WHERE destination_country = ? AND as_of_date BETWEEN DATE '2026-11-16' AND DATE '2026-11-22'
"""


@pytest.mark.parametrize(
    "question",
    [
        "本周建议延迟发货的德国订单能省多少运费",
        "how much freight can we save on delayed shipments to Germany this week",
    ],
)
def test_saving_of_delayed_german_orders_this_week(planned_db: Path, question: str) -> None:
    from connectors.warehouse import connect
    from nl2sql import ask

    con = connect(planned_db, read_only=True)
    try:
        gold, n = con.execute(GOLD_SQL, ["DE"]).fetchone()
        everywhere = con.execute(
            "SELECT SUM(expected_saving) FROM shipping_recommendations"
        ).fetchone()[0]
    finally:
        con.close()
    assert n > 0 and gold > 0 and everywhere > gold  # the filter must matter
    a = ask(question, db=planned_db, today=AS_OF.isoformat(), engine="rules")
    assert a.ok, (a.error, a.suggestions)
    assert a.query.metrics == ["expected_saving"]
    assert [(f.dimension, f.values) for f in a.query.filters] == [
        ("order__destination_country", ["DE"])
    ]
    assert (a.query.time_range.start, a.query.time_range.end) == (
        date(2026, 11, 16),
        date(2026, 11, 23),
    )
    assert a.df.shape == (1, 1)
    assert a.df.iloc[0, 0] == pytest.approx(float(gold), abs=0.005)
    assert ("本周" in a.interpretation and "德国" in a.interpretation) or (
        "this week" in a.interpretation and "DE" in a.interpretation
    )
