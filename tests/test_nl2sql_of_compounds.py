"""Chinese questions on English-only names built with "of" and with a "ratio" head.

Chinese puts the owner before the thing owned: a `method_of_payment` dimension is 付款方式, a
"Cost of Sales" metric 销售成本, a `type_of_engine` 发动机类型. Rendered word by word in English
order (方式付款, 成本销售) nobody types them, so such names stayed unknown in Chinese. And an
analyst writes a ratio as 率 (延误率, 费用率), which the glossary only had for "rate".
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 7, 2)
SHOP = """
semantic_models:
  - name: purchases
    model: ref('purchases')
    defaults: {agg_time_dimension: bought_on}
    entities:
      - {name: purchase, type: primary, expr: purchase_id}
    dimensions:
      - {name: bought_on, type: time, type_params: {time_granularity: day}}
      - {name: method_of_payment, type: categorical}
    measures:
      - {name: cost_of_sales, agg: sum, expr: cogs}
metrics:
  - {name: cost_of_sales, label: Cost of Sales, type: simple, type_params: {measure: cost_of_sales}}
"""
SHOP_DATA = """
create table purchases (purchase_id int, bought_on date, method_of_payment varchar, cogs int);
insert into purchases values (1, '2026-06-01', 'card', 10), (2, '2026-06-02', 'cash', 4),
  (3, '2026-06-03', 'card', 6);
"""
FLEET = """
semantic_models:
  - name: flights
    model: ref('flights')
    defaults: {agg_time_dimension: flown_on}
    entities:
      - {name: flight, type: primary, expr: flight_id}
    dimensions:
      - {name: flown_on, type: time, type_params: {time_granularity: day}}
      - {name: type_of_engine, type: categorical}
    measures:
      - {name: delayed_flights, agg: sum, expr: "case when delayed then 1 else 0 end"}
      - {name: flights, agg: count, expr: flight_id}
metrics:
  - {name: delayed_flights, label: Delayed Flights, type: simple,
     type_params: {measure: delayed_flights}}
  - {name: flights, label: Flights, type: simple, type_params: {measure: flights}}
  - {name: delay_ratio, label: Delay Ratio, type: ratio,
     type_params: {numerator: delayed_flights, denominator: flights}}
"""
FLEET_DATA = """
create table flights (flight_id int, flown_on date, type_of_engine varchar, delayed boolean);
insert into flights values (1, '2026-06-01', 'Turbo-fan', true), (2, '2026-06-01', 'Turbo-fan', false),
  (3, '2026-06-02', 'Piston', false), (4, '2026-06-02', 'Turbo-fan', false);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("of_shop", SHOP, SHOP_DATA, TODAY)


@pytest.fixture(scope="module")
def fleet(yaml_shop):
    return yaml_shop("of_fleet", FLEET, FLEET_DATA, TODAY)


def test_a_name_with_of_is_said_owner_first(shop) -> None:
    a = shop.ask("各付款方式的销售成本")
    assert not a.refused, a.error
    assert sorted(map(tuple, a.df.itertuples(index=False))) == [("card", 16), ("cash", 4)]
    assert "Cost of Sales" in a.interpretation


def test_a_dimension_with_of_and_a_ratio_said_with_lv(fleet) -> None:
    a = fleet.ask("各发动机类型的延误率")
    assert not a.refused, a.error
    rows = sorted(map(tuple, a.df.itertuples(index=False)))
    assert [r[0] for r in rows] == ["Piston", "Turbo-fan"]
    assert [round(r[1], 4) for r in rows] == [0.0, round(1 / 3, 4)]
    assert "Delay Ratio" in a.interpretation


def test_english_word_order_is_still_unknown(shop) -> None:
    """Control: the words in English order (成本销售) are no name of the model: refused."""
    assert shop.ask("各付款方式的成本销售").refused
