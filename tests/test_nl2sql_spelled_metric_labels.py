"""A metric label written as one word asked with a space ("sign ups" for "Signups", "round
trips" for "Roundtrips") names the metric (``rules.spelled_terms.spelled_metric``).

Why: the lexicon keys a metric word for word, so a label the owner wrote as one word was
unknown when the user split it, and the question was refused for a word the model has. Only
when exactly one metric's name or label has that spelling: two metrics spelled alike stay
unknown. Two domains: a SaaS product and a ferry operator.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
SAAS = """
semantic_models:
  - name: accounts
    model: ref('accounts')
    defaults: {agg_time_dimension: created_on}
    entities:
      - {name: account, type: primary, expr: account_id}
    dimensions:
      - {name: created_on, type: time, type_params: {time_granularity: day}}
      - {name: plan, type: categorical}
    measures:
      - {name: account_count, agg: count, expr: account_id}
metrics:
  - {name: new_accounts, label: Signups, type: simple, type_params: {measure: account_count}}
"""
SAAS_DATA = """
create table accounts (account_id int, created_on date, plan varchar);
insert into accounts values (1, '2026-06-01', 'pro'), (2, '2026-06-02', 'free'),
  (3, '2026-06-03', 'free');
"""
FERRY = """
semantic_models:
  - name: sailings
    model: ref('sailings')
    defaults: {agg_time_dimension: sailed_on}
    entities:
      - {name: sailing, type: primary, expr: sailing_id}
    dimensions:
      - {name: sailed_on, type: time, type_params: {time_granularity: day}}
      - {name: route, type: categorical}
    measures:
      - {name: return_legs, agg: sum, expr: returns}
      - {name: return_fares, agg: sum, expr: return_fare}
metrics:
  - {name: roundtrips, label: Roundtrips, type: simple, type_params: {measure: return_legs}}
  - {name: return_fare_total, label: Return Fares, type: simple, type_params: {measure: return_fares}}
"""
FERRY_DATA = """
create table sailings (sailing_id int, sailed_on date, route varchar, returns int, return_fare double);
insert into sailings values (1, '2026-06-01', 'North', 3, 30), (2, '2026-06-15', 'South', 1, 12),
  (3, '2026-05-20', 'North', 5, 50);
"""


@pytest.fixture(scope="module")
def saas(yaml_shop):
    return yaml_shop("spelled_metric_saas", SAAS, SAAS_DATA, TODAY)


@pytest.fixture(scope="module")
def ferry(yaml_shop):
    return yaml_shop("spelled_metric_ferry", FERRY, FERRY_DATA, TODAY)


def test_a_one_word_label_asked_in_two_words(saas, ferry) -> None:
    a = saas.ask("sign ups by plan")
    assert a.query.metrics == ["new_accounts"]
    assert ok_rows(a) == [("free", 2), ("pro", 1)]
    b = ferry.ask("round trips last month")
    assert b.query.metrics == ["roundtrips"]
    assert ok_rows(b) == [(4,)]


def test_words_spelling_no_metric_stay_unknown(ferry) -> None:
    assert ferry.ask("round tips last month").refused
