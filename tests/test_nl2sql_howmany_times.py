"""多少次 / 几次 ("how many times") ask for a count like 多少 does.

"上个月总共有多少次到访？" on a fresh public dbt project was refused: jieba keeps 多少次 as one
word, which was not among the how-many words (多少笔, 多少家, 多少位 were). 次 is the counter of
events in any domain (visits, flights, logins).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_value
from tests.tiny_models import FLIGHT_COUNT as FLIGHTS

TODAY = dt.date(2026, 5, 1)

FLIGHTS_DATA = """
create table flights as select i as flight_id,
  case when i <= 6 then date '2026-04-03' else date '2026-03-03' end as flight_date
  from range(1, 10) t(i);
"""
VISITS = """
semantic_models:
  - name: store_visits
    model: ref('store_visits')
    defaults: {agg_time_dimension: visited_on}
    entities:
      - {name: store_visit, type: primary, expr: visit_id}
    dimensions:
      - {name: visited_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: visit_count, agg: count, expr: visit_id}
metrics:
  - {name: visits, label: Visits, type: simple, type_params: {measure: visit_count}}
"""
VISITS_DATA = """
create table store_visits as select i as visit_id,
  case when i <= 4 then date '2026-04-20' else date '2026-02-20' end as visited_on
  from range(1, 12) t(i);
"""


@pytest.fixture(scope="module")
def flights(yaml_shop):
    return yaml_shop("flights_times", FLIGHTS, FLIGHTS_DATA, TODAY)


@pytest.fixture(scope="module")
def visits(yaml_shop):
    return yaml_shop("visits_times", VISITS, VISITS_DATA, TODAY)


@pytest.mark.parametrize("question", ["上个月有多少次航班", "上个月航班有几次"])
def test_flights(flights, question: str) -> None:
    assert answered_value(flights.ask(question)) == 6


def test_visits(visits) -> None:
    assert answered_value(visits.ask("上个月总共有多少次到访？")) == 4
