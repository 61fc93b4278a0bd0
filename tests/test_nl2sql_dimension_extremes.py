"""The largest or latest value of a dimension, per group: "latest signup date per plan",
"largest capacity in each country", "最早的注册日期".

A superlative before a date or a number the model keeps per row, with no metric, was refused
("top/bottom by which metric?"; "latest" / "earliest" unknown words). MetricFlow has no query
aggregating a dimension: the answer is its listing (distinct group × value rows) with each
group's largest value kept (``nl2sql.derived`` kind ``extreme``). Two domains: a gym's members
and a hotel chain's rooms.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
GYM = """
semantic_models:
  - name: members
    model: ref('members')
    defaults: {agg_time_dimension: signup_date}
    entities:
      - {name: member, type: primary, expr: member_id}
    dimensions:
      - {name: signup_date, type: time, type_params: {time_granularity: day}}
      - {name: plan, type: categorical}
      - {name: age, type: categorical}
    measures:
      - {name: member_count, agg: count, expr: member_id}
      - {name: fees, agg: sum, expr: fee}
metrics:
  - {name: members, label: Members, type: simple, type_params: {measure: member_count}}
  - {name: fees, label: Fees, type: simple, type_params: {measure: fees}}
"""
GYM_DATA = """
create table members (member_id int, signup_date date, plan varchar, age int, fee int);
insert into members values (1, '2026-01-05', 'basic', 31, 20), (2, '2026-03-09', 'basic', 45, 20),
  (3, '2025-11-20', 'premium', 28, 50), (4, '2026-06-01', 'premium', 52, 50),
  (5, '2026-02-14', 'family', 39, 80);
"""
HOTELS = """
semantic_models:
  - name: rooms
    model: ref('rooms')
    defaults: {agg_time_dimension: opened_on}
    entities:
      - {name: room, type: primary, expr: room_id}
    dimensions:
      - {name: opened_on, type: time, type_params: {time_granularity: day}}
      - {name: country, type: categorical}
      - {name: capacity, type: categorical}
    measures:
      - {name: room_count, agg: count, expr: room_id}
metrics:
  - {name: rooms, label: Rooms, type: simple, type_params: {measure: room_count}}
"""
HOTELS_DATA = """
create table rooms (room_id int, opened_on date, country varchar, capacity int);
insert into rooms values (1, '2020-01-01', 'FR', 2), (2, '2021-05-01', 'FR', 4),
  (3, '2019-03-01', 'IT', 3), (4, '2022-08-01', 'IT', 6), (5, '2023-02-01', 'ES', 1);
"""


@pytest.fixture(scope="module")
def gym(yaml_shop):
    return yaml_shop("dim_extremes_gym", GYM, GYM_DATA, TODAY)


@pytest.fixture(scope="module")
def hotels(yaml_shop):
    return yaml_shop("dim_extremes_hotels", HOTELS, HOTELS_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        (
            "latest signup date per plan",
            [("basic", "2026-03-09"), ("family", "2026-02-14"), ("premium", "2026-06-01")],
        ),
        (
            "earliest signup date by plan",
            [("basic", "2026-01-05"), ("family", "2026-02-14"), ("premium", "2025-11-20")],
        ),
        ("earliest signup date", [("2025-11-20",)]),
        ("most recent signup date", [("2026-06-01",)]),
        ("oldest age by plan", None),  # a time word on a number: not read
        ("largest age per plan", [("basic", 45), ("family", 39), ("premium", 52)]),
    ],
)
def test_gym(gym, question, rows) -> None:
    a = gym.ask(question)
    if rows is None:
        assert a.refused, a.interpretation
        return
    assert a.ok, (question, a.error)
    assert a.query.metrics == []
    got = [tuple(str(v)[:10] if isinstance(v, dt.date) else v for v in r) for r in answer_rows(a)]
    assert got == rows


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("largest capacity in each country", [("ES", 1), ("FR", 4), ("IT", 6)]),
        ("smallest capacity by country", [("ES", 1), ("FR", 2), ("IT", 3)]),
        ("maximum capacity", [(6,)]),
        ("最大的capacity", [(6,)]),
    ],
)
def test_hotels(hotels, question, rows) -> None:
    a = hotels.ask(question)
    assert a.ok, (question, a.error)
    assert answer_rows(a) == rows


def test_the_column_is_named_for_the_reader(hotels) -> None:
    a = hotels.ask("largest capacity in each country")
    assert a.ok, a.error
    assert a.column_labels["room__capacity__max"] == "Largest capacity"


@pytest.mark.parametrize(
    "question",
    [
        "latest revenue",  # beside a metric: which period? never dropped
        "latest signup date by month",  # whose months?
        "latest signup date in 2026",
        "which plan has the latest signup date",  # asks for the plan
        "latest fees per plan",
        "how many members signed up on the latest signup date",
    ],
)
def test_refused(gym, question) -> None:
    a = gym.ask(question)
    assert a.refused, (question, a.interpretation)


def test_a_ranking_by_a_metric_is_unchanged(hotels) -> None:
    a = hotels.ask("top 2 countries by rooms")
    assert a.ok, a.error
    assert a.derived is None and a.query.limit == 2
