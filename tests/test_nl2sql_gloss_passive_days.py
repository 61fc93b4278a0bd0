"""An English passive against a "<noun> <participle>" label, and "days" after a kind of day, on
an invented bakery model.

Two general gaps of the bridge (issue #18):

- "how many loaves were baked" against the label "Total Loaves Baked": the auxiliary between
  the noun and the participle broke the term, so the question was refused, or the participle
  alone was read as a verb of another metric (a wrong answer, ``rules.passive_terms``);
- "on weekend days" was read as a by-day breakdown filtered to weekends, while the Chinese
  周末的日子 filters only: "days" after a kind of day is that day's head noun
  (``rules.day_heads``), in both languages.

Every answer is checked against the data; the one-word-difference probes (a negation, another
verb, a unit, an explicit by-day) must stay right or refused.
"""

from __future__ import annotations

import datetime as dt

from tests.semantic_helpers import answered_value

TODAY = dt.date(2026, 3, 1)

BAKERY = """
semantic_models:
  - name: bakes
    model: ref('bakes')
    defaults: {agg_time_dimension: baked_on}
    entities:
      - {name: bake, type: primary, expr: bake_id}
    dimensions:
      - {name: baked_on, type: time, type_params: {time_granularity: day}}
      - {name: oven, type: categorical}
      - {name: is_holiday, type: categorical}
    measures:
      - {name: loaves, agg: sum, expr: loaves}
      - {name: bakes, agg: count_distinct, expr: bake_id}
      - {name: takings, agg: sum, expr: takings}
metrics:
  - {name: total_loaves_baked, label: Total Loaves Baked, type: simple,
     type_params: {measure: loaves}}
  - {name: total_bakes, label: Total Bakes, description: Batches made in an oven, type: simple,
     type_params: {measure: bakes}}
  - {name: takings, label: Takings, type: simple, type_params: {measure: takings}}
"""
BAKERY_DATA = """
create table bakes (bake_id int, baked_on date, oven varchar, is_holiday boolean,
  loaves int, takings int);
insert into bakes values
  (1, '2026-01-03', 'stone', true, 10, 100), (2, '2026-01-05', 'stone', false, 20, 200),
  (3, '2026-02-01', 'brick', true, 40, 400), (4, '2026-02-02', 'brick', false, 80, 800),
  (5, '2026-02-01', 'stone', true, 5, 50);
"""


def test_passive_names_the_participle_label(yaml_shop) -> None:
    shop = yaml_shop("gloss_passive_bakery", BAKERY, BAKERY_DATA, TODAY)
    assert answered_value(shop.ask("how many loaves were baked")) == 155
    assert answered_value(shop.ask("How many loaves were baked in the brick oven?")) == 120
    assert answered_value(shop.ask("how many loaves are baked in February 2026")) == 125
    # the active form is unchanged
    assert answered_value(shop.ask("how many loaves baked in the brick oven")) == 120


def test_passive_probes_stay_refused(yaml_shop) -> None:
    shop = yaml_shop("gloss_passive_bakery", BAKERY, BAKERY_DATA, TODAY)
    # a negation is no label of the model: refused, never the baked loaves or the bakes
    assert shop.ask("how many loaves were not baked").refused
    # another participle names nothing: refused, never the bakes
    assert shop.ask("how many loaves were sold").refused
    # a unit the model has no grain for stays refused
    assert shop.ask("how many loaves were baked per hour").refused


def test_days_after_a_kind_of_day_filters_in_both_languages(yaml_shop) -> None:
    shop = yaml_shop("gloss_passive_bakery", BAKERY, BAKERY_DATA, TODAY)
    assert answered_value(shop.ask("takings on holiday days")) == 550
    assert answered_value(shop.ask("takings on holiday days in 2026")) == 550
    assert answered_value(shop.ask("takings on non-holiday days")) == 1000
    # the Chinese head noun 日子 reads the same way
    assert answered_value(shop.ask("假日的日子的takings")) == 550


def test_days_probes_keep_their_breakdown_or_refuse(yaml_shop) -> None:
    shop = yaml_shop("gloss_passive_bakery", BAKERY, BAKERY_DATA, TODAY)
    # an explicit breakdown by day stays one
    by_day = shop.ask("takings by day on holidays")
    assert not by_day.refused and len(by_day.df) == 2
    daily = shop.ask("daily takings on holiday days")
    assert not daily.refused and len(daily.df) == 2
    # a number of days is no filtered total: refused, never the bakes
    assert shop.ask("how many holiday days had takings").refused


FERRY = """
semantic_models:
  - name: repairs
    model: ref('repairs')
    defaults: {agg_time_dimension: repaired_on}
    entities:
      - {name: repair, type: primary, expr: repair_id}
    dimensions:
      - {name: repaired_on, type: time, type_params: {time_granularity: day}}
      - {name: port, type: categorical}
    measures:
      - {name: pump_faults, agg: sum, expr: pump_jobs}
      - {name: engine_hours, agg: sum, expr: engine_hours}
metrics:
  - {name: total_pump_faults, label: Total Pump Faults, type: simple,
     type_params: {measure: pump_faults}}
  - {name: total_engine_hours, label: Total Engine Hours, type: simple,
     type_params: {measure: engine_hours}}
"""
FERRY_DATA = """
create table repairs (repair_id int, repaired_on date, port varchar, pump_jobs int,
  engine_hours int);
insert into repairs values
  (1, '2026-01-03', 'north', 2, 10), (2, '2026-01-09', 'south', 3, 20),
  (3, '2026-02-02', 'north', 5, 40);
"""


def test_total_metric_spelled_without_its_total(yaml_shop) -> None:
    """一共有多少水泵故障: Chinese spells "pump faults" (故障 is CC-CEDICT's fifth sense of
    "fault", so no rendering gives it) and says the total with 一共."""
    ferry = yaml_shop("gloss_total_ferry", FERRY, FERRY_DATA, TODAY)
    assert answered_value(ferry.ask("一共有多少水泵故障")) == 10
    assert answered_value(ferry.ask("north的水泵故障")) == 7


def test_total_metric_probes_stay_refused(yaml_shop) -> None:
    ferry = yaml_shop("gloss_total_ferry", FERRY, FERRY_DATA, TODAY)
    # a negation or an average of the total is no reading of it
    assert ferry.ask("非水泵故障").refused
    assert ferry.ask("平均水泵故障").refused
    # a rate the model lacks stays refused
    assert ferry.ask("水泵故障率").refused
