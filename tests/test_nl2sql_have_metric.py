""" "how many <things> have <count>" counts the things with at least one of those rows
(``nl2sql.rules.passes.have_metric``).

Before, "have" was a stop word and "how many listings have views" on MetricFlow's lodging
example answered every listing beside every view (two totals; issue #12). Original model: a
sailing club's boats and their outings, one boat never out.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
CLUB = """
semantic_models:
  - name: boats
    model: ref('boats')
    defaults: {agg_time_dimension: launched_on}
    entities:
      - {name: boat, type: primary, expr: boat_id}
    dimensions:
      - {name: rig, type: categorical}
      - {name: launched_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: boat_count, agg: count_distinct, expr: boat_id}
  - name: outings
    model: ref('outings')
    defaults: {agg_time_dimension: sailed_on}
    entities:
      - {name: outing, type: primary, expr: outing_id}
      - {name: boat, type: foreign, expr: boat_id}
    dimensions:
      - {name: sailed_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: outing_count, agg: count, expr: outing_id}
      - {name: fuel_total, agg: sum, expr: fuel_cost}
metrics:
  - {name: boats, label: Boats, type: simple, type_params: {measure: boat_count}}
  - {name: outings, label: Outings, type: simple, type_params: {measure: outing_count}}
  - {name: fuel_costs, label: Fuel Costs, type: simple, type_params: {measure: fuel_total}}
"""
DATA = """
create table boats (boat_id int, rig varchar, launched_on date);
insert into boats values (1, 'sloop', '2001-05-01'), (2, 'ketch', '2003-05-01'),
  (3, 'sloop', '2009-05-01'), (4, 'yawl', '2012-05-01');
create table outings (outing_id int, boat_id int, sailed_on date, fuel_cost int);
insert into outings values (10, 1, '2026-06-01', 5), (11, 1, '2026-06-02', 0),
  (12, 2, '2026-06-03', 0), (13, 3, '2026-06-04', 9);
"""


@pytest.fixture(scope="module")
def club(yaml_shop):
    return yaml_shop("have_metric_club", CLUB, DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("how many boats have outings", [(3,)]),
        ("how many boats that have had outings", [(3,)]),
        ("how many boats have any outings", [(3,)]),
        ("how many boats have more than 1 outing", [(1,)]),  # the threshold, as before
        ("how many boats", [(4,)]),
    ],
)
def test_things_that_have_a_count_are_those_with_one_or_more(club, question, rows) -> None:
    a = club.ask(question)
    assert ok_rows(a) == rows, a.interpretation


def test_an_amount_after_have_is_refused_with_the_limit_to_say(club) -> None:
    a = club.ask("how many boats have fuel costs")
    assert a.refused, a.interpretation
    assert "without saying how much" in a.error, a.error
    assert a.suggestions and all(club.ask(s).ok for s in a.suggestions), a.suggestions
