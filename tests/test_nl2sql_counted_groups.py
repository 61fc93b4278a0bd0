"""How many things meet a condition when the model has no metric counting them.

"how many customers placed more than 2 orders" on a model whose customers are only a foreign
key of the orders (no customer count metric) was refused ("the model has no metric that counts
customers"), and "收入超过100的城市有多少个" was refused as "a list where a number was asked",
although the listing itself ("customers with more than 2 orders") is answered. The number is
the count of that listing's rows (``nl2sql.derived`` kind ``rows``): each thing grouped with its
metric under the condition, counted — no new metric is invented, the rows are the listing's.
Only conditions a thing without any rows cannot meet are answered ("fewer than 2" would leave
out the things with none). Two domains: a shop (customers, cities) and a clinic (patients,
wards).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
SHOP = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: ordered_on}
    entities:
      - {name: order, type: primary, expr: order_id}
      - {name: customer, type: foreign, expr: customer_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: city, type: categorical}
    measures:
      - {name: revenue, agg: sum, expr: amount}
      - {name: order_count, agg: count, expr: order_id}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue}}
  - {name: orders, label: Orders, type: simple, type_params: {measure: order_count}}
"""
SHOP_DATA = """
create table orders (order_id int, customer_id int, ordered_on date, city varchar, amount int);
insert into orders values (1, 7, '2026-06-01', 'Lyon', 30), (2, 7, '2026-06-02', 'Lyon', 10),
  (3, 7, '2026-06-03', 'Paris', 50), (4, 8, '2026-05-03', 'Paris', 5),
  (5, 8, '2026-06-04', 'Paris', 15), (6, 9, '2026-06-05', 'Nice', 20),
  (7, NULL, '2026-06-05', 'Nice', 90), (8, NULL, '2026-06-06', 'Nice', 90),
  (9, NULL, '2026-06-07', 'Nice', 90);
"""
CLINIC = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_on}
    entities:
      - {name: visit, type: primary, expr: visit_id}
      - {name: patient, type: foreign, expr: patient_id}
    dimensions:
      - {name: visited_on, type: time, type_params: {time_granularity: day}}
      - {name: ward, type: categorical}
    measures:
      - {name: visit_count, agg: count, expr: visit_id}
      - {name: billed, agg: sum, expr: billed}
metrics:
  - {name: visits, label: Visits, type: simple, type_params: {measure: visit_count}}
  - {name: billed_amount, label: Billed Amount, type: simple, type_params: {measure: billed}}
"""
CLINIC_DATA = """
create table visits (visit_id int, patient_id int, visited_on date, ward varchar, billed int);
insert into visits values (1, 1, '2026-06-01', 'cardiology', 100),
  (2, 1, '2026-06-02', 'cardiology', 100), (3, 1, '2026-06-09', 'oncology', 300),
  (4, 2, '2026-06-03', 'oncology', 300), (5, 2, '2026-06-04', 'oncology', 50),
  (6, 3, '2026-06-05', 'maternity', 20), (7, 4, '2026-06-05', 'maternity', 20);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("counted_groups_shop", SHOP, SHOP_DATA, TODAY)


@pytest.fixture(scope="module")
def clinic(yaml_shop):
    return yaml_shop("counted_groups_clinic", CLINIC, CLINIC_DATA, TODAY)


@pytest.mark.parametrize(
    "question",
    [
        "how many customers placed more than 1 order",
        "how many customers had at least 2 orders",
        "number of customers with more than 1 order",
        "订单超过1个的客户有多少",
        "有超过1个订单的客户数",
    ],
)
def test_customers_counted_from_the_listing(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.group_by == ["customer"] and a.query.metrics == ["orders"]
    # customers 7 (3 orders) and 8 (2); 9 has one; the three orders without a customer are
    # no customer although as one NULL group they have "more than 1 order"
    assert answer_rows(a) == [(2,)]
    assert a.derived is not None and a.derived.kind == "rows"


@pytest.mark.parametrize(
    "question",
    [
        "how many patients had more than 1 visit",
        "how many patients had billed amount over 200",
        "访问次数超过1的病人数",
    ],
)
def test_patients_counted_from_the_listing(clinic, question) -> None:
    a = clinic.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.group_by == ["patient"]
    assert answer_rows(a) == [(2,)]  # patients 1 (3 visits, 500) and 2 (2 visits, 350)


def test_the_interpretation_says_what_was_counted(clinic) -> None:
    a = clinic.ask("how many patients had more than 1 visit")
    assert a.ok, a.error
    assert "Visits > 1" in a.interpretation
    assert "number of patient" in a.interpretation.lower()
    assert list(a.column_labels.values()) == ["Number of patient"]


@pytest.mark.parametrize(
    "question",
    [
        "how many customers placed fewer than 2 orders",
        "how many patients had at most 1 visit",
        "访问次数少于2的病人数",
    ],
)
def test_a_condition_met_by_things_without_rows_is_refused(shop, clinic, question) -> None:
    """A customer or patient without any row is not in the listing: counted, it would be
    missed, so the count is refused."""
    a = (clinic if "patient" in question or "病人" in question else shop).ask(question)
    assert a.refused, a.interpretation


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("how many cities had revenue over 60", [(2,)]),  # Lyon 40, Paris 70, Nice 290
        ("收入超过60的城市有多少个", [(2,)]),
    ],
)
def test_values_of_a_dimension_counted(shop, question, rows) -> None:
    a = shop.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.group_by == ["order__city"]
    assert answer_rows(a) == rows


def test_wards_counted(clinic) -> None:
    a = clinic.ask("how many wards had more than 2 visits")
    assert a.ok, a.error
    assert answer_rows(a) == [(1,)]  # oncology 3; cardiology 2, maternity 2


def test_the_listing_is_unchanged(shop) -> None:
    a = shop.ask("customers with more than 1 order")
    assert a.ok, a.error
    assert a.derived is None
    assert [r for r in answer_rows(a) if r[0] == r[0]] == [(7, 3), (8, 2)]  # NaN: no customer


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("how many customers ordered more than 1 time", [(2,)]),
        ("how many customers ordered more than once", [(2,)]),
        ("how many customers ordered at least twice", [(2,)]),
        ("how many customers ordered more than 2 times", [(1,)]),
        ("how many customers placed more than one order", [(2,)]),
    ],
)
def test_times_count_the_verbs_event_in_a_shop(shop, question, rows) -> None:
    """ "ordered more than once": the number counts the verb's event (orders), said by the
    verb and "times" / once / twice instead of a noun after the number."""
    a = shop.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.group_by == ["customer"] and a.query.metrics == ["orders"]
    assert answer_rows(a) == rows


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("how many patients visited more than once", [(2,)]),
        ("how many patients visited at least 3 times", [(1,)]),
    ],
)
def test_times_count_the_verbs_event_in_a_clinic(clinic, question, rows) -> None:
    a = clinic.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == ["visits"] and answer_rows(a) == rows


@pytest.mark.parametrize(
    "question",
    [
        "how many patients visited fewer than 2 times",
        "how many patients were billed more than 2 times",  # no count of billing events
        "how many patients visited more than 2 times the average",
    ],
)
def test_times_without_one_count_of_the_verb_is_refused(clinic, question) -> None:
    a = clinic.ask(question)
    assert a.refused, a.interpretation


@pytest.fixture(scope="module")
def rentals(yaml_shop):
    from tests.test_nl2sql_entity_conditions import RENTALS, RENTALS_DATA

    return yaml_shop("counted_groups_rentals", RENTALS, RENTALS_DATA, TODAY)


def test_times_count_the_event_its_gerund_names(rentals) -> None:
    """ "booked": no model term "book"; the count metric named by its gerund (Bookings)."""
    a = rentals.ask("how many listings were booked more than once")
    assert a.ok, a.error
    assert a.query.where == ["{{ Metric('bookings', group_by=['listing']) }} > 1"]
    assert answer_rows(a) == [(2,)]  # listings 1 (3 bookings) and 3 (2)


FLEET = """
semantic_models:
  - name: flights
    model: ref('flights')
    defaults: {agg_time_dimension: flown_on}
    entities:
      - {name: flight, type: primary, expr: flight_id}
      - {name: plane, type: foreign, expr: tail}
    dimensions:
      - {name: flown_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: flight_count, agg: count, expr: flight_id}
metrics:
  - {name: flights, label: Flights, type: simple, type_params: {measure: flight_count}}
"""
FLEET_DATA = """
create table flights (flight_id int, flown_on date, tail varchar);
insert into flights values (1, '2026-06-01', 'N1'), (2, '2026-06-02', 'N1'),
  (3, '2026-06-03', 'N2'), (4, '2026-06-04', 'N3'), (5, '2026-06-05', 'N3'), (6, '2026-06-06', 'N3');
"""


def test_times_count_the_event_a_dictionary_glosses_with_the_verb(yaml_shop) -> None:
    """ "flew": no model term "fly"; "flights" is glossed with "to fly" (CC-CEDICT 飞行)."""
    fleet = yaml_shop("counted_groups_fleet", FLEET, FLEET_DATA, TODAY)
    a = fleet.ask("how many planes flew more than 1 time")
    assert a.ok, a.error
    assert a.query.metrics == ["flights"] and answer_rows(a) == [(2,)]  # N1 and N3


def test_a_follow_up_keeps_the_count_or_refuses_a_breakdown(shop) -> None:
    """ "and by city?" after the count would count customer × city pairs: refused; a new
    date keeps the count (customer 7 has 3 orders in June, 8 one)."""
    first = shop.ask("how many customers placed more than 1 order")
    assert first.ok, first.error
    context = first.followup_context()

    def follow(q: str):
        from nl2sql import ask

        return ask(
            q,
            model=shop.path,
            con=shop.con,
            engine="rules",
            today=shop.today,
            chart=False,
            context=context,
        )

    by_city = follow("and by city?")
    assert by_city.refused, by_city.interpretation
    june = follow("and in June 2026?")
    assert june.ok, june.error
    assert answer_rows(june) == [(1,)]
