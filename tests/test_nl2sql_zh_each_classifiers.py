"""各位 / 每支 / 各支: "each" with the classifier of people and of teams groups by the noun after it.

"各位球员的进球" was grouped by *position* (位 read as the model's ``position``: a wrong answer)
and "每支球队的进球" refused for the unknown 每支 on a hockey model; 每位, 每名, 每家 were
already group words (``nl2sql.general.ROLES``). Here a sales model with a staff position.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2025, 6, 15)

SALES = """
semantic_models:
  - name: sales
    model: ref('fct_sales')
    defaults:
      agg_time_dimension: sold_on
    entities:
      - {name: sale, type: primary, expr: sale_id}
      - {name: customer, type: foreign, expr: customer_id}
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
      - {name: customer_name, type: categorical}
      - {name: team, type: categorical}
      - {name: position, type: categorical}
    measures:
      - {name: revenue, agg: sum, expr: amount}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue}}
"""
DATA = """
create table fct_sales as select * from (values
  (1, 7, 'Amara Obi', 'East', 'Senior', date '2025-05-02', 10.0),
  (2, 7, 'Amara Obi', 'West', 'Junior', date '2025-05-03', 20.0),
  (3, 8, 'Bo Brandt', 'East', 'Junior', date '2025-05-04', 5.0)
) t(sale_id, customer_id, customer_name, team, position, sold_on, amount);
"""


@pytest.fixture(scope="module")
def sales(yaml_shop):
    return yaml_shop("zh_each_classifiers", SALES, DATA, TODAY)


def test_each_person_classifier_groups_by_the_person(sales) -> None:
    a = sales.ask("各位customer的revenue")
    assert a.ok, a.error
    assert a.query.group_by[0] == "customer"
    assert sorted(answer_rows(a)) == [(7, "Amara Obi", 30.0), (8, "Bo Brandt", 5.0)]


@pytest.mark.parametrize("question", ["每支team的revenue", "各支team的revenue"])
def test_each_team_classifier_groups_by_the_team(sales, question) -> None:
    a = sales.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.group_by == ["sale__team"]
    assert sorted(answer_rows(a)) == [("East", 15.0), ("West", 20.0)]
