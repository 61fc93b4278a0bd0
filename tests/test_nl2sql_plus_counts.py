""" "50+ orders" is at least 50 orders; a number nothing reads is never dropped from a suggestion.

"members with 5+ bookings" was refused ("I don't know what the number '5' refers to") and
offered "members with + bookings", a question that answers *every* member's bookings: the
condition gone, a plausible but different answer one click away. "N+" before a word is now
"at least N" (``nl2sql.numbers``), and a number no rule reads is refused without a rewrite
that drops it. Domains: a fitness studio's bookings per member, a fleet's trips per truck.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.probe_data_hunt10 import FLEET, FLEET_DATA, GYM, GYM_DATA

TODAY = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def gym(yaml_shop):
    return yaml_shop("plus_gym", GYM, GYM_DATA, TODAY)


@pytest.fixture(scope="module")
def fleet(yaml_shop):
    return yaml_shop("plus_fleet", FLEET, FLEET_DATA, TODAY)


def test_n_plus_bookings_is_at_least_n(gym) -> None:
    a = gym.ask("how many members have 5+ bookings")
    assert a.ok, a.error
    gold = gym.con.execute(
        "select count(*) from (select member_id from bookings group by 1 having count(*) >= 5)"
    ).fetchone()[0]
    assert float(a.df.iloc[0, -1]) == gold


def test_n_plus_trips_per_truck(fleet) -> None:
    a = fleet.ask("trucks with 10+ trips")
    assert a.ok, a.error
    gold = fleet.con.execute(
        "select truck_id, count(*) from trips group by 1 having count(*) >= 10"
    ).fetchall()
    assert sorted(map(tuple, a.df.values.tolist())) == sorted(gold)


@pytest.mark.parametrize(
    ("shop", "question"), [("gym", "bookings by 5 class type"), ("fleet", "trips by 3 origin")]
)
def test_an_unread_number_is_not_dropped_from_suggestions(request, shop, question) -> None:
    a = request.getfixturevalue(shop).ask(question)
    assert a.refused
    digits = "".join(ch for ch in question if ch.isdigit())
    rewrites = [s for s in a.suggestions if s.split()[0] == question.split()[0]]
    assert all(digits in s for s in rewrites), a.suggestions
