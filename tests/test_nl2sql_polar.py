"""Best and worst: "best" / "worst" rank by the end the metric's own words say is bad (``rules.polar``).

"which facility had the worst no-show rate" was refused ("'worst' depends on whether a higher or
a lower value is better"), though more no-shows are plainly worse. Invented model: a courier
firm's deliveries — late deliveries (adverse: "late"), revenue (says nothing), deliveries made
"without delay" (turned around: says nothing either). Only the adverse one is ranked; the
others stay refused, since guessing the end would be a wrong answer half the time.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.vocabulary.adverse_words import lower_is_better
from semantic_layer.catalog import CatalogMetric

MODEL = """
semantic_models:
  - name: deliveries
    model: ref('deliveries')
    defaults: {agg_time_dimension: delivered_on}
    entities:
      - {name: delivery, type: primary, expr: delivery_id}
    dimensions:
      - name: delivered_on
        type: time
        type_params: {time_granularity: day}
      - {name: courier_name, type: categorical}
    measures:
      - {name: late_count, agg: sum}
      - {name: prompt_count, agg: sum}
      - {name: fare, agg: sum}
metrics:
  - name: late_deliveries
    label: Late Deliveries
    description: Deliveries that arrived after the promised hour.
    type: simple
    type_params: {measure: late_count}
  - name: prompt_deliveries
    label: Prompt Deliveries
    description: Deliveries made without delay.
    type: simple
    type_params: {measure: prompt_count}
  - name: fares
    label: Fares
    description: Sum of fares charged.
    type: simple
    type_params: {measure: fare}
"""

DATA = """
CREATE TABLE deliveries (delivery_id INTEGER, courier_name VARCHAR, delivered_on DATE,
    late_count INTEGER, prompt_count INTEGER, fare DOUBLE);
INSERT INTO deliveries VALUES (1, 'Ada', DATE '2024-01-05', 4, 1, 10.0),
    (2, 'Bo', DATE '2024-01-05', 9, 0, 30.0), (3, 'Cy', DATE '2024-01-06', 1, 5, 20.0),
    (4, 'Ada', DATE '2024-02-05', 2, 3, 15.0);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("polar", MODEL, DATA, dt.date(2024, 6, 1))


def test_worst_of_an_adverse_metric_is_its_highest(shop) -> None:
    a = shop.ask("which courier had the worst late deliveries?")
    assert a.ok, a.error
    assert list(a.df.iloc[:, 0]) == ["Bo"] and list(a.df.iloc[:, -1]) == [9]


def test_best_of_an_adverse_metric_is_its_lowest(shop) -> None:
    a = shop.ask("which courier had the best late deliveries?")
    assert a.ok, a.error
    assert list(a.df.iloc[:, 0]) == ["Cy"] and list(a.df.iloc[:, -1]) == [1]


@pytest.mark.parametrize(
    "question",
    [
        "which courier had the best fares?",  # no word says which end is bad
        "which courier had the worst prompt deliveries?",  # "without delay": turned around
        "which courier was the worst?",  # no metric
    ],
)
def test_a_metric_that_does_not_say_which_end_is_bad_stays_refused(shop, question) -> None:
    a = shop.ask(question)
    assert not a.ok and "higher or a lower" in (a.error or ""), a.error


@pytest.mark.parametrize(
    ("label", "description", "adverse"),
    [
        ("No-Show Rate", "Percentage of appointments that resulted in no-shows", True),
        ("Backorder Rate", "Share of requested units left unfilled", True),
        ("Days queueing", "Days queueing", True),
        ("Delay Analysis: How often the stage ran", "How often the stage ran", False),
        ("Ordered Quantity", "Units requested on non-cancelled lines", False),
        ("Average uptime", "Fraction of time that was up, not in outage", False),
        ("Repair Hours per Failure", "Repair hours divided by failures", False),
        ("Critical Fault Rate", "Critical fault events divided by all fault events", True),
    ],
)
def test_lower_is_better(label: str, description: str, adverse: bool) -> None:
    assert lower_is_better(CatalogMetric("m", label, description)) is adverse
