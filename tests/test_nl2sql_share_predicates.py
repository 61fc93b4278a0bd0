"""A share's subject is the yes/no flag its predicate names, also beside a value filter; and
"fraction" is a share word.

New judge-style questions on the held-out models refused "what percentage of flights from JFK
were cancelled" ("a share of total needs a breakdown": with two conditions, the flag after
"were" was not taken as what the share counts) and "what fraction of flights were cancelled"
('fraction' unknown). The flag after a copula or a relative word is the share's subject, and
the other conditions keep restricting the rows shared out.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_nl2sql_negation_scope import CAFE, CAFE_DATA, TRIPS, TRIPS_DATA

TODAY = dt.date(2026, 5, 1)


@pytest.fixture(scope="module")
def trips(yaml_shop):
    return yaml_shop("trips_share", TRIPS, TRIPS_DATA, TODAY)


@pytest.fixture(scope="module")
def cafe(yaml_shop):
    return yaml_shop("cafe_share", CAFE, CAFE_DATA, TODAY)


def _share(answer) -> float:
    assert not answer.refused, answer.error
    assert len(answer.df) == 1
    share = next(c for c in answer.df.columns if c.endswith("__share"))
    return float(answer.df.iloc[0][share])


def test_the_flag_after_were_is_what_the_share_counts(trips, cafe) -> None:
    assert _share(trips.ask("what percentage of trips to Lisbon were cancelled")) == pytest.approx(
        1 / 3
    )
    assert _share(cafe.ask("what share of sales at Uptown were refunded")) == pytest.approx(3 / 8)


def test_fraction_is_a_share_word(trips, cafe) -> None:
    assert _share(trips.ask("what fraction of trips were cancelled")) == pytest.approx(2 / 5)
    assert _share(cafe.ask("fraction of sales that were refunded")) == pytest.approx(10 / 25)
