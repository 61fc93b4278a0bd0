"""A Chinese word for a long value's opening words: 信用卡 for "Credit card or prepaid card".

English reaches such a value by its partial name ("credit card"); Chinese users type the
thing's own word, which CC-CEDICT gives for that partial name. Without it the word was unknown
and the question refused. Only multi-word partial names of one value, and dictionary words
that name nothing else, are linked.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
PAYMENTS = """
semantic_models:
  - name: payments
    model: ref('payments')
    defaults: {agg_time_dimension: paid_on}
    entities:
      - {name: payment, type: primary, expr: payment_id}
    dimensions:
      - {name: paid_on, type: time, type_params: {time_granularity: day}}
      - {name: payment_method, type: categorical}
    measures:
      - {name: amount, agg: sum, expr: amount}
metrics:
  - {name: payment_amount, label: Payment amount, type: simple, type_params: {measure: amount}}
"""
PAYMENTS_DATA = """
create table payments (payment_id int, paid_on date, payment_method varchar, amount int);
insert into payments values (1, '2026-06-01', 'Debit card or cash', 30),
  (2, '2026-06-02', 'Wire', 10), (3, '2026-06-03', 'Debit card or cash', 5);
"""
POLICIES = """
semantic_models:
  - name: policies
    model: ref('policies')
    defaults: {agg_time_dimension: issued_on}
    entities:
      - {name: policy, type: primary, expr: policy_id}
    dimensions:
      - {name: issued_on, type: time, type_params: {time_granularity: day}}
      - {name: line_of_business, type: categorical}
    measures:
      - {name: policy_count, agg: count, expr: policy_id}
metrics:
  - {name: policies, label: Policies, type: simple, type_params: {measure: policy_count}}
"""
POLICIES_DATA = """
create table policies (policy_id int, issued_on date, line_of_business varchar);
insert into policies values (1, '2026-06-01', 'Health insurance, dental and vision'),
  (2, '2026-06-02', 'Life insurance or annuity'), (3, '2026-06-03', 'Life insurance or annuity'),
  (4, '2026-06-04', 'Auto');
"""


@pytest.fixture(scope="module")
def payments(yaml_shop):
    return yaml_shop("partial_zh_payments", PAYMENTS, PAYMENTS_DATA, TODAY)


@pytest.fixture(scope="module")
def policies(yaml_shop):
    return yaml_shop("partial_zh_policies", POLICIES, POLICIES_DATA, TODAY)


def test_payments_debit_card(payments) -> None:
    a = payments.ask("借记卡的payment amount")
    assert a.ok, a.error
    assert answer_rows(a) == [(35,)]


@pytest.mark.parametrize(
    ("question", "rows"), [("人寿保险policies", [(2,)]), ("健康保险policies", [(1,)])]
)
def test_insurance_lines(policies, question, rows) -> None:
    a = policies.ask(question)
    assert a.ok, a.error
    assert answer_rows(a) == rows
