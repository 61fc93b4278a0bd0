"""The words "value" and "worth" beside a counted noun ask what the things are worth, never how many.

Why: "value"/"worth" are grammar words in STOP_EN ("the value of GMV" is GMV), so "total value of
subscriptions" dropped them and answered the subscription *count* — a wrong number (seen on a
public project's credit packages, whose amount column ends in its currency: ``…_value_eur``).
Now they are read like 总额: the counted thing's own amount metric when the model has exactly one
(a column named by the entity, an amount word and perhaps a currency code), else refused. Two
domains: SaaS subscriptions (amount kept in USD) and freight shipments (no amount at all).
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 3, 5)

SAAS_MODEL = """
semantic_models:
  - name: subscriptions
    model: ref('subscriptions')
    defaults: {agg_time_dimension: started_at}
    entities:
      - {name: subscription, type: primary, expr: subscription_id}
    dimensions:
      - {name: started_at, type: time, type_params: {time_granularity: day}}
      - {name: plan, type: categorical}
    measures:
      - {name: subscription_count, agg: count, expr: subscription_id}
      - {name: subscription_value_usd, agg: sum}
metrics:
  - {name: subscriptions, label: Subscriptions, type: simple,
     type_params: {measure: subscription_count}}
  - {name: subscription_value, label: Subscription value usd, type: simple,
     type_params: {measure: subscription_value_usd}}
"""
SAAS_DATA = """
create table subscriptions (subscription_id int, started_at date, plan varchar,
                            subscription_value_usd double);
insert into subscriptions values
  (1, '2026-01-10', 'pro', 1200), (2, '2026-02-11', 'pro', 1300),
  (3, '2026-02-12', 'basic', 90);
"""

FREIGHT_MODEL = """
semantic_models:
  - name: shipments
    model: ref('shipments')
    defaults: {agg_time_dimension: shipped_at}
    entities:
      - {name: shipment, type: primary, expr: shipment_id}
    dimensions:
      - {name: shipped_at, type: time, type_params: {time_granularity: day}}
      - {name: carrier, type: categorical}
    measures:
      - {name: shipment_count, agg: count, expr: shipment_id}
metrics:
  - {name: shipments, label: Shipments, type: simple, type_params: {measure: shipment_count}}
"""
FREIGHT_DATA = """
create table shipments (shipment_id int, shipped_at date, carrier varchar);
insert into shipments values (1, '2026-01-03', 'dhl'), (2, '2026-02-04', 'ups'),
  (3, '2026-02-05', 'ups');
"""


@pytest.fixture(scope="module")
def saas(yaml_shop):
    return yaml_shop("amount_words_saas", SAAS_MODEL, SAAS_DATA, TODAY)


@pytest.fixture(scope="module")
def freight(yaml_shop):
    return yaml_shop("amount_words_freight", FREIGHT_MODEL, FREIGHT_DATA, TODAY)


def test_total_value_of_subscriptions_by_plan_sums_their_amount(saas) -> None:
    a = saas.ask("total value of subscriptions by plan")
    assert a.ok, a.error
    assert a.query.metrics == ["subscription_value"]  # was: the count, 2 and 1
    got = {r[0]: float(r[-1]) for r in a.df.itertuples(index=False)}
    assert got == {"pro": 2500.0, "basic": 90.0}


def test_worth_of_subscriptions_last_month(saas) -> None:
    a = saas.ask("worth of the subscriptions started last month")
    assert a.ok, a.error
    assert a.query.metrics == ["subscription_value"]
    assert float(a.df.iloc[0, -1]) == 1390.0


def test_how_many_subscriptions_stays_a_count(saas) -> None:
    a = saas.ask("how many subscriptions by plan")
    assert a.ok, a.error
    assert a.query.metrics == ["subscriptions"]


def test_value_of_shipments_without_an_amount_is_refused(freight) -> None:
    a = freight.ask("total value of shipments last month")
    assert a.refused  # was: answered 2, the shipment count
    assert "value" in (a.error or "")


def test_shipments_worth_is_refused_not_counted(freight) -> None:
    a = freight.ask("what are our shipments by carrier worth")
    assert a.refused  # was: the count by carrier


def test_shipment_count_still_answers(freight) -> None:
    a = freight.ask("shipments by carrier last month")
    assert a.ok, a.error
    got = {r[0]: float(r[-1]) for r in a.df.itertuples(index=False)}
    assert got == {"ups": 2.0}
