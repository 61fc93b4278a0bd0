"""A number after a counted noun: a count, or each row's amount (``rules.count_or_amount``).

"members with bookings over 20" was read as members with more than 20 bookings, although the
bookings keep a fee and a reader may mean bookings each worth over 20; "bookings worth over
20 by class type" compared the count with 20 ("worth" was a stop word). Both readings are now
offered, each written so the engine reads it one way; on rows that keep no amount
(inspections) the count is the only reading and is answered. Domains: a fitness studio whose
bookings have a fee column, a freight fleet whose trips have a fuel cost measure only.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.probe_data_hunt10 import FLEET, FLEET_DATA, GYM, GYM_DATA

TODAY = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def gym(yaml_shop):
    return yaml_shop("count_or_amount_gym", GYM, GYM_DATA, TODAY)


@pytest.fixture(scope="module")
def fleet(yaml_shop):
    return yaml_shop("count_or_amount_fleet", FLEET, FLEET_DATA, TODAY)


def _rows(con, sql: str) -> list[tuple]:
    return sorted(
        tuple(float(v) if not isinstance(v, str) else v for v in r)
        for r in con.execute(sql).fetchall()
    )


def _answer(a) -> list[tuple]:
    return sorted(
        tuple(float(v) if not isinstance(v, str) else v for v in r) for r in a.df.values.tolist()
    )


@pytest.mark.parametrize(
    ("question", "offered"),
    [
        (
            "bookings over 20 by class type",
            ["over 20 bookings by class type", "bookings worth over 20 by class type"],
        ),
        ("预约超过20的会员", ["预约超过20个的会员", "预约超过20元的会员"]),
    ],
)
def test_a_number_after_the_noun_offers_both_readings(gym, question, offered) -> None:
    a = gym.ask(question)
    assert a.refused
    assert a.suggestions == offered
    count, amount = (gym.ask(q) for q in offered)
    assert count.ok and amount.ok, (count.error, amount.error)
    assert [t.op for t in count.query.having] == [">"]
    assert [(f.dimension, f.op, f.values) for f in amount.query.filters] == [
        ("booking__booking_fee", ">", [20.0])
    ]


def test_worth_is_the_amount_reading(gym) -> None:
    a = gym.ask("bookings worth over 20 by class type")
    assert a.ok, a.error
    assert _answer(a) == _rows(
        gym.con, "select class_type, count(*) from bookings where fee > 20 group by 1"
    )


def test_rows_without_an_amount_column_offer_the_count_and_say_why(fleet) -> None:
    # trips keep a fuel cost as a measure only: the amount of one trip cannot be compared
    a = fleet.ask("trucks with trips over 10")
    assert a.refused
    assert "no amount of single trips" in a.error
    assert a.suggestions == ["trucks with over 10 trips"]
    b = fleet.ask(a.suggestions[0])
    assert sorted(b.df.iloc[:, 0]) == [
        r[0] for r in _rows(fleet.con, "select truck_id from trips group by 1 having count(*) > 10")
    ]
    assert fleet.ask("trips worth over 100").refused


def test_rows_that_keep_no_money_are_counted(fleet) -> None:
    # inspections have no amount at all: "inspections over 2" can only be a count
    a = fleet.ask("trucks with inspections over 2")
    assert a.ok, a.error
    assert _answer(a) == _rows(
        fleet.con, "select truck_id, count(*) from inspections group by 1 having count(*) > 2"
    )


@pytest.mark.parametrize(
    "question", ["members with more than 3 bookings", "how many members made more than 3 bookings"]
)
def test_a_count_said_as_a_count_is_answered(gym, question) -> None:
    a = gym.ask(question)
    assert a.ok, a.error
    gold = _rows(
        gym.con,
        "select count(*) from (select member_id from bookings group by 1 having count(*) > 3)",
    )
    assert float(a.df.iloc[0, -1]) == gold[0][0]


def test_a_unit_after_the_number_is_neither_reading(gym) -> None:
    # "over 2 days" is a duration: never offered as 'over 2 bookings days'
    a = gym.ask("bookings over 2 days by class type")
    assert a.refused
    assert "2 days" in a.error
    assert not any("bookings days" in s for s in a.suggestions)


@pytest.mark.parametrize(
    ("question", "offered"),
    [
        (
            "bookings that were over 20 by class type",
            ["over 20 bookings by class type", "bookings worth over 20 by class type"],
        ),
        (
            "class types whose bookings were above 20",
            ["class types with above 20 bookings", "class types with bookings worth above 20"],
        ),
    ],
)
def test_a_relative_clause_keeps_both_readings(gym, question, offered) -> None:
    # "bookings that were over 20" compared the count with 20 (the clause hid the noun)
    a = gym.ask(question)
    assert a.refused
    assert a.suggestions == offered


def test_worth_inside_a_relative_clause_is_the_amount(fleet, gym) -> None:
    a = gym.ask("bookings that were worth over 20 by class type")
    assert a.ok, a.error
    assert _answer(a) == _rows(
        gym.con, "select class_type, count(*) from bookings where fee > 20 group by 1"
    )
    assert fleet.ask("trips that were worth over 100").refused
