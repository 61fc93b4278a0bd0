"""General Chinese words for visits, attempts, success, failure and uptime.

A fresh public dbt project (English names only) was refused on 到访 (visit), 尝试 (attempt),
成功 / 失败 (success / failure) and 正常运行时间 (uptime): CC-CEDICT glosses the first ones only
as verbs ("to pay a visit", "to attempt"), which the dictionary bridge leaves out, and has no
entry for uptime. They are general analytics words any model may use (store visits, login
attempts, payment failures, machine uptime), now in the general glossary
(``nl2sql/vocabulary/glossary_zh.yml``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_value

TODAY = dt.date(2026, 5, 1)

LOGINS = """
semantic_models:
  - name: sessions
    model: ref('sessions')
    defaults: {agg_time_dimension: visited_on}
    entities:
      - {name: session, type: primary, expr: session_id}
    dimensions:
      - {name: visited_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: visit_count, agg: count, expr: session_id}
  - name: login_attempts
    model: ref('login_attempts')
    defaults: {agg_time_dimension: tried_on}
    entities:
      - {name: login_attempt, type: primary, expr: attempt_id}
    dimensions:
      - {name: tried_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: attempt_count, agg: count, expr: attempt_id}
      - {name: failed_attempts, agg: sum_boolean, expr: not ok}
metrics:
  - {name: visits, label: Visits, type: simple, type_params: {measure: visit_count}}
  - {name: attempts, label: Attempts, type: simple, type_params: {measure: attempt_count}}
  - name: failure_rate
    label: Failure rate
    type: ratio
    type_params: {numerator: failed_attempts_metric, denominator: attempts}
  - {name: failed_attempts_metric, label: Failed attempts, type: simple,
     type_params: {measure: failed_attempts}}
"""
LOGINS_DATA = """
create table sessions as select i as session_id,
  case when i <= 7 then date '2026-04-10' else date '2026-03-10' end as visited_on
  from range(1, 11) t(i);
create table login_attempts as select i as attempt_id, i % 4 <> 0 as ok,
  date '2026-04-12' as tried_on from range(1, 13) t(i);
"""

PLANT = """
semantic_models:
  - name: machine_days
    model: ref('machine_days')
    defaults: {agg_time_dimension: run_date}
    entities:
      - {name: machine_day, type: primary, expr: machine_day_id}
      - {name: machine, type: foreign, expr: machine_id}
    dimensions:
      - {name: run_date, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: uptime_average, agg: average, expr: uptime}
  - name: machines
    model: ref('machines')
    entities:
      - {name: machine, type: primary, expr: machine_id}
    dimensions:
      - {name: machine_name, type: categorical}
metrics:
  - {name: average_uptime, label: Average uptime, type: simple,
     type_params: {measure: uptime_average}}
"""
PLANT_DATA = """
create table machines (machine_id int, machine_name varchar);
insert into machines values (1, 'Press A'), (2, 'Lathe B');
create table machine_days (machine_day_id int, machine_id int, run_date date, uptime double);
insert into machine_days values (1, 1, '2026-04-01', 1.0), (2, 1, '2026-04-02', 0.5),
  (3, 2, '2026-04-01', 0.9), (4, 2, '2026-04-02', 0.7);
"""


@pytest.fixture(scope="module")
def logins(yaml_shop):
    return yaml_shop("logins", LOGINS, LOGINS_DATA, TODAY)


@pytest.fixture(scope="module")
def plant(yaml_shop):
    return yaml_shop("plant", PLANT, PLANT_DATA, TODAY)


def test_visits(logins) -> None:
    assert answered_value(logins.ask("上个月的到访次数")) == 7


def test_attempts_and_failure_rate(logins) -> None:
    assert answered_value(logins.ask("尝试次数是多少")) == 12
    assert answered_value(logins.ask("失败率是多少")) == pytest.approx(0.25)


def test_uptime_per_machine(plant) -> None:
    a = plant.ask("每台机器的平均正常运行时间")
    assert not a.refused, a.error
    got = sorted((r[-2], round(float(r[-1]), 6)) for r in a.df.itertuples(index=False))
    assert got == [("Lathe B", 0.8), ("Press A", 0.75)]
