"""A metric named "average <thing>" is not reached by "<thing>" alone when the model also totals
the same column.

Why: a fresh bank project has ``average_transaction_amount`` (AVG(amount)) beside
``transaction_volume`` (SUM(amount)); "transaction amount by product type" / 各产品类型的交易金额
reached the average through the suffix of its name ("transaction amount") and answered the
average per type — a wrong answer, since a bare amount asks for the total. When another metric
aggregates the same column of the same rows differently, the words without "average" no longer
answer on the average: the question was clarified (session 14); since session 15 a bare money
word whose other readings are statistics of the same column is that column's sum
(``plain_sum``), so it answers the total. A bare weight is still clarified. Where the average is the only metric over its
column ("departure delay by carrier" with only an average delay), the suffix still answers, as
people say it. Two domains: card transactions and parcel shipments.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 3, 5)

CARDS_MODEL = """
semantic_models:
  - name: transactions
    model: ref('transactions')
    defaults: {agg_time_dimension: booked_at}
    entities:
      - {name: transaction, type: primary, expr: transaction_id}
    dimensions:
      - {name: booked_at, type: time, type_params: {time_granularity: day}}
      - {name: product_type, type: categorical}
    measures:
      - {name: transaction_count, agg: count, expr: transaction_id}
      - {name: amount_sum, agg: sum, expr: amount}
      - {name: amount_avg, agg: average, expr: amount}
metrics:
  - {name: transactions, label: Transactions, type: simple, type_params: {measure: transaction_count}}
  - {name: transaction_volume, label: Volume, type: simple, type_params: {measure: amount_sum}}
  - name: average_transaction_amount
    label: Average Transaction Amount
    type: simple
    type_params: {measure: amount_avg}
"""
CARDS_DATA = """
create table transactions (transaction_id int, booked_at date, product_type varchar, amount double);
insert into transactions values
  (1, '2026-01-10', 'card', 100), (2, '2026-02-11', 'card', 300),
  (3, '2026-02-12', 'transfer', 40);
"""

PARCELS_MODEL = """
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
      - {name: weight_total, agg: sum, expr: weight_kg}
      - {name: weight_mean, agg: average, expr: weight_kg}
      - {name: delay_mean, agg: average, expr: delay_hours}
metrics:
  - {name: tonnage, label: Tonnage, type: simple, type_params: {measure: weight_total}}
  - name: avg_shipment_weight
    label: Avg Shipment Weight
    type: simple
    type_params: {measure: weight_mean}
  - name: average_shipment_delay
    label: Average Shipment Delay
    type: simple
    type_params: {measure: delay_mean}
"""
PARCELS_DATA = """
create table shipments (shipment_id int, shipped_at date, carrier varchar, weight_kg double,
                        delay_hours double);
insert into shipments values
  (1, '2026-01-03', 'dhl', 10, 2), (2, '2026-02-04', 'dhl', 30, 4),
  (3, '2026-02-05', 'ups', 5, 1);
"""


@pytest.fixture(scope="module")
def cards(yaml_shop):
    return yaml_shop("avg_suffix_cards", CARDS_MODEL, CARDS_DATA, TODAY)


@pytest.fixture(scope="module")
def parcels(yaml_shop):
    return yaml_shop("avg_suffix_parcels", PARCELS_MODEL, PARCELS_DATA, TODAY)


@pytest.mark.parametrize("question", ["transaction amount by product type", "各产品类型的交易金额"])
def test_a_bare_amount_is_the_total_not_the_average_when_the_model_totals_it(cards, question):
    a = cards.ask(question)
    # was: the average per type (card 200, transfer 40); then asked back; since session 15 a
    # bare money word whose other readings are statistics of the same column is its sum
    # (nl2sql.rules.metric_kinds.plain_sum): the total, 400 / 40
    assert a.ok, a.error
    assert a.query.metrics == ["transaction_volume"]
    got = {r[0]: float(r[-1]) for r in a.df.itertuples(index=False)}
    assert got == {"card": 400.0, "transfer": 40.0}


def test_the_average_asked_for_is_still_answered(cards) -> None:
    a = cards.ask("average transaction amount by product type")
    assert a.ok, a.error
    assert a.query.metrics == ["average_transaction_amount"]
    got = {r[0]: float(r[-1]) for r in a.df.itertuples(index=False)}
    assert got == {"card": 200.0, "transfer": 40.0}


def test_a_bare_weight_is_not_the_average_weight_beside_the_tonnage(parcels) -> None:
    a = parcels.ask("shipment weight by carrier")
    assert not (a.ok and a.query.metrics == ["avg_shipment_weight"]), a.interpretation
    assert a.refused


def test_an_average_alone_over_its_column_is_still_named_by_its_words(parcels) -> None:
    a = parcels.ask("shipment delay by carrier")
    assert a.ok, a.error  # nothing else aggregates the delay: the average is what is meant
    assert a.query.metrics == ["average_shipment_delay"]
    got = {r[0]: float(r[-1]) for r in a.df.itertuples(index=False)}
    assert got == {"dhl": 3.0, "ups": 1.0}


def test_every_rule_that_tells_an_average_from_a_total_reads_one_list() -> None:
    """Review: the suffix rule and the "average X" metric choice kept two copies of the average
    aggregations; a word added to one would have split them (one list in nl2sql.vocabulary)."""
    from nl2sql.rules import metric_names, total_of_average
    from nl2sql.rules.passes import leftovers
    from nl2sql.vocabulary import english, english_anchors

    assert frozenset({"average", "avg", "mean"}) == english.AVERAGE_AGGS
    for module in (english_anchors, metric_names, total_of_average, leftovers):
        assert module.AVERAGE_AGGS is english.AVERAGE_AGGS, module.__name__
    assert not hasattr(english_anchors, "_AVERAGE_WORDS")
    assert not hasattr(metric_names, "_AVERAGE_AGGS")
