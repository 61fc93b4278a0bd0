"""An event noun after "had" names the event's past form: "trucks that had inspections".

"how many machines had maintenance in 2025?" was refused ("I don't know 'maintenance'") where
"how many machines were maintained in 2025?" answered the model's "Maintained Machine Count":
``rules.had_event_nouns`` reads a noun derived from a verb by a suffix, right after "had", as
that verb's past form. Invented model: a fleet's truck checks (no name says "inspection").
"""

from __future__ import annotations

import datetime as dt

import pytest

MODEL = """
semantic_models:
  - name: truck_checks
    model: ref('truck_checks')
    defaults: {agg_time_dimension: inspected_on}
    entities:
      - {name: truck_check, type: primary, expr: check_id}
      - {name: truck, type: foreign, expr: truck_id}
    dimensions:
      - name: inspected_on
        type: time
        type_params: {time_granularity: day}
    measures:
      - {name: inspected_trucks, agg: count_distinct, expr: truck_id}
      - {name: check_fees, agg: sum, expr: fee}
metrics:
  - {name: inspected_truck_count, label: Inspected Truck Count, type: simple,
     type_params: {measure: inspected_trucks}}
  - {name: check_fee, label: Check Fee, type: simple, type_params: {measure: check_fees}}
"""

DATA = """
CREATE TABLE truck_checks (check_id INTEGER, truck_id INTEGER, inspected_on DATE, fee DOUBLE);
INSERT INTO truck_checks VALUES (1, 10, DATE '2023-05-01', 50), (2, 10, DATE '2024-02-01', 60),
    (3, 11, DATE '2024-03-01', 70), (4, 11, DATE '2024-04-01', 70), (5, 12, DATE '2023-01-01', 40);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("had_event_nouns", MODEL, DATA, dt.date(2024, 6, 1))


@pytest.mark.parametrize(
    "question",
    ["how many trucks had inspections in 2024?", "how many trucks were inspected in 2024?"],
)
def test_had_and_the_event_noun_is_the_past_form(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert a.df.iloc[0, -1] == 2  # trucks 10 and 11; all time: 3
