"""A plain count of events before another thing ("交付的客户数") is not that thing's count, and
"total amount" (总额) beside a count is not the count.

Why: a count metric read from a Chinese verb (访问 → visits, 交付 → deliveries) right before a
noun with a count word was taken as "the noun's rows in that status" (like 已发货的订单 over a
shipped-orders count) and answered with the number of events: 3 deliveries for "how many
customers had a delivery" (2). A wrong answer; it is refused now, naming the counts the model
has. 总额 ("total amount") was a filler word, so "交付总额" answered the number of deliveries;
it is refused beside a count and still read as "total" beside an amount ("费用总额"). Two
domains: a clinic and a courier.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 3, 5)

CLINIC_MODEL = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_at}
    entities:
      - {name: session, type: primary, expr: visit_id}
      - {name: patient, type: foreign, expr: patient_id}
    dimensions:
      - {name: visited_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: visits, agg: sum, expr: 1}
  - name: patients
    model: ref('patients')
    entities:
      - {name: patient, type: primary, expr: patient_id}
    dimensions:
      - {name: city, type: categorical}
metrics:
  - {name: visits, label: Visits, type: simple, type_params: {measure: visits}}
"""
CLINIC_DATA = """
create table visits (visit_id int, patient_id int, visited_at date);
insert into visits values (1, 1, '2026-01-10'), (2, 1, '2026-02-11'), (3, 2, '2026-02-12');
create table patients (patient_id int, city varchar);
insert into patients values (1, 'Oslo'), (2, 'Bergen'), (3, 'Oslo');
"""

COURIER_MODEL = """
semantic_models:
  - name: deliveries
    model: ref('deliveries')
    defaults: {agg_time_dimension: delivered_at}
    entities:
      - {name: drop, type: primary, expr: delivery_id}
      - {name: customer, type: foreign, expr: customer_id}
    dimensions:
      - {name: delivered_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: deliveries, agg: count, expr: delivery_id}
      - {name: fees, agg: sum, expr: fee}
  - name: customers
    model: ref('customers')
    entities:
      - {name: customer, type: primary, expr: customer_id}
    dimensions:
      - {name: region, type: categorical}
metrics:
  - {name: deliveries, label: Deliveries, type: simple, type_params: {measure: deliveries}}
  - {name: fees, label: Fees, type: simple, type_params: {measure: fees}}
"""
COURIER_DATA = """
create table deliveries (delivery_id int, customer_id int, delivered_at date, fee double);
insert into deliveries values
  (1, 1, '2026-01-10', 5), (2, 1, '2026-02-11', 7), (3, 2, '2026-02-12', 9);
create table customers (customer_id int, region varchar);
insert into customers values (1, 'north'), (2, 'south'), (3, 'north');
"""


@pytest.fixture(scope="module")
def clinic(yaml_shop):
    return yaml_shop("clinic_visits", CLINIC_MODEL, CLINIC_DATA, TODAY)


@pytest.fixture(scope="module")
def courier(yaml_shop):
    return yaml_shop("courier_deliveries", COURIER_MODEL, COURIER_DATA, TODAY)


@pytest.mark.parametrize("question", ["访问的患者有多少", "访问的患者数"])
def test_a_visit_count_before_patients_is_not_the_patients_count(clinic, question) -> None:
    a = clinic.ask(question)
    assert a.refused  # was: visits = 3, while 2 patients visited
    assert "患者" in a.reason


@pytest.mark.parametrize("question", ["2026年交付的客户数", "交付的客户有多少"])
def test_a_delivery_count_before_customers_is_not_the_customers_count(courier, question) -> None:
    a = courier.ask(question)
    assert a.refused  # was: deliveries = 3, while 2 customers had one
    assert "客户" in a.reason


def test_the_event_count_itself_is_still_answered(clinic, courier) -> None:
    a = clinic.ask("访问量")
    assert a.ok, a.error
    assert a.query.metrics == ["visits"]
    assert float(a.df.iloc[0, -1]) == 3
    a = courier.ask("2026年2月的交付量")
    assert a.ok, a.error
    assert float(a.df.iloc[0, -1]) == 2


@pytest.mark.parametrize(("shop", "question"), [("courier", "交付总额"), ("clinic", "访问总额")])
def test_a_total_amount_of_a_count_is_refused(request, shop, question) -> None:
    a = request.getfixturevalue(shop).ask(question)
    assert a.refused  # was: the count (3)
    assert "总额" in a.reason


def test_a_total_amount_of_an_amount_is_the_amount(courier) -> None:
    a = courier.ask("2026年2月的费用总额")
    assert a.ok, a.error
    assert a.query.metrics == ["fees"]
    assert float(a.df.iloc[0, -1]) == 16
