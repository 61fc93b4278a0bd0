"""A ranking by a verb and a unit that both name one metric: "which courier drove the most
kilometres" (``nl2sql.rules.passes.verb_metric``).

On nycflights13, "which airline flew the most miles?" asked "top/bottom by which metric?"
although "flew" reaches Total Distance (described "Total miles flown") and "miles" is the unit
it is kept in. Tested on an invented courier model; the verb alone ("drove the most") and a unit
of no metric the verb reaches ("the most hours") stay refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 1)

MODEL = """
semantic_models:
  - name: trips
    model: ref('trips')
    description: One row per delivery trip; distance in kilometers.
    defaults: {agg_time_dimension: trip_date}
    entities:
      - {name: trip, type: primary, expr: trip_id}
    dimensions:
      - {name: trip_date, type: time, type_params: {time_granularity: day}}
      - {name: courier, type: categorical, label: Courier}
    measures:
      - {name: trip_count, agg: count, expr: trip_id, description: Number of trips driven.}
      - {name: km_total, agg: sum, expr: km, description: Total distance driven, in kilometers.}
metrics:
  - {name: trips, label: Trips, description: Number of trips driven., type: simple,
     type_params: {measure: trip_count}}
  - {name: total_distance, label: Total Distance, description: Total kilometers driven.,
     type: simple, type_params: {measure: km_total}}
"""
DATA = """
create table trips (trip_id int, trip_date date, courier varchar, km int);
insert into trips values (1, '2026-04-01', 'Ilse', 40), (2, '2026-04-02', 'Ilse', 10),
  (3, '2026-04-03', 'Tomas', 35), (4, '2026-04-04', 'Tomas', 30), (5, '2026-04-05', 'Ravi', 5);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("verb_unit_rank", MODEL, DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which courier drove the most kilometers?", ("Tomas", 65.0)),
        ("which courier drove the fewest kilometers?", ("Ravi", 5.0)),
    ],
)
def test_verb_and_unit_name_the_ranked_metric(shop, question, expected) -> None:
    answer = shop.ask(question)
    assert not answer.refused, answer.error
    rows = [(str(r[0]), float(r[-1])) for r in answer.df.itertuples(index=False)]
    assert rows == [expected]


@pytest.mark.parametrize(
    "question", ["which courier drove the most?", "which courier drove the most hours?"]
)
def test_verb_without_its_metric_unit_is_not_ranked(shop, question) -> None:
    answer = shop.ask(question)
    assert answer.refused or "total_distance" not in answer.df.columns, answer.interpretation
