"""Presence flags (a joined model's constant ``expr: "1"`` dimension) named where a metric should be.

Own example, a small freight ledger: charges are amounts; a charge is a surcharge when the
``surcharges`` model has a row for it (``has_surcharge``), a rebate when ``rebates`` has one.
The model defines ``rebate_amount`` (charges filtered on ``has_rebate = 1``) but no surcharge
metric, as dbt projects written this way do.
"""

from __future__ import annotations

import datetime as dt

import pytest

from semantic_layer import load_model
from semantic_layer.catalog_builder import build_catalog

MODEL = """
semantic_models:
  - name: charge
    model: ref('charge')
    defaults: {agg_time_dimension: booked_on}
    entities:
      - {name: charge, type: primary, expr: charge_id}
    dimensions:
      - {name: booked_on, type: time, type_params: {time_granularity: day}}
      - {name: lane, type: categorical}
    measures:
      - {name: charged, agg: sum, expr: amount}
      - {name: charge_lines, agg: sum, expr: 1, create_metric: true}
  - name: surcharges
    model: ref('surcharges')
    entities:
      - {name: charge, type: primary, expr: charge_id}
    dimensions:
      - {name: has_surcharge, type: categorical, expr: "1"}
  - name: rebates
    model: ref('rebates')
    entities:
      - {name: charge, type: primary, expr: charge_id}
    dimensions:
      - {name: has_rebate, type: categorical, expr: "1"}
metrics:
  - name: total_charged
    type: simple
    label: Total Charged
    type_params: {measure: charged}
  - name: rebate_amount
    type: simple
    label: Rebate Amount
    type_params: {measure: charged}
    filter: |
      {{ Dimension('charge__has_rebate') }} = 1
"""

DATA = """
CREATE TABLE charge (charge_id INTEGER, booked_on DATE, lane VARCHAR, amount DOUBLE);
INSERT INTO charge VALUES
    (1, DATE '2024-03-02', 'north', 100), (2, DATE '2024-03-09', 'north', 40),
    (3, DATE '2024-03-15', 'south', 25),  (4, DATE '2024-04-01', 'south', 7),
    (5, DATE '2024-04-03', 'north', 300);
CREATE TABLE surcharges (charge_id INTEGER);
INSERT INTO surcharges VALUES (2), (4);
CREATE TABLE rebates (charge_id INTEGER);
INSERT INTO rebates VALUES (3), (4);
"""

TODAY = dt.date(2024, 4, 30)


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("freight", MODEL, DATA, TODAY)


def test_the_catalog_knows_which_flag_a_metric_requires(shop) -> None:
    catalog = build_catalog(load_model(shop.path, con=shop.con), con=shop.con)
    flags = {m.name: (m.filtered, m.flag) for m in catalog.metrics}
    assert flags["rebate_amount"] == (True, "charge__has_rebate")
    assert flags["total_charged"] == (False, "")


def test_the_flag_words_name_the_metric_filtered_on_it(shop) -> None:
    a = shop.ask("total rebates in March 2024")
    assert a.ok, a.error
    assert a.query.metrics == ["rebate_amount"] and a.query.group_by == []
    assert float(a.df.iloc[0, 0]) == 25.0


def test_a_flag_without_its_own_metric_restricts_the_one_amount(shop) -> None:
    a = shop.ask("surcharges by lane")
    assert a.ok, a.error
    assert a.query.metrics == ["total_charged"]
    assert [(f.dimension, f.values) for f in a.query.filters] == [("charge__has_surcharge", ["1"])]
    assert sorted(map(tuple, a.df.values.tolist())) == [("north", 40.0), ("south", 7.0)]


def test_a_named_metric_is_never_replaced_by_a_flag(shop) -> None:
    a = shop.ask("total charged by lane")
    assert a.ok, a.error
    assert a.query.metrics == ["total_charged"] and a.query.filters == []


def test_a_ranking_takes_the_metric_the_flag_names(shop) -> None:
    a = shop.ask("which lane had the highest rebates?")
    assert a.ok, a.error
    assert a.query.metrics == ["rebate_amount"] and a.query.limit == 1
    assert a.df.values.tolist()[0][:2] == ["south", 32.0]  # rebates 3 (25) and 4 (7)


def test_a_breakdown_by_a_presence_flag_is_refused(shop) -> None:
    # 1 where the surcharge model has a row, NULL elsewhere: two unnamed parts of a total
    a = shop.ask("total charged by surcharge")
    assert not a.ok
    assert "surcharge" in a.error and "breakdown" in a.error
