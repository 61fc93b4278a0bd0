"""A term read only weakly as several metrics is told apart by a label word said beside it
(``rules.scattered_labels.settle_told_apart``, session 29: terms as well as unknown words).

"how many applications arrived in 2026 by process" was asked back ("'applications' could be
Applications finished or Applications that arrived"): "applications" reached both labels
weakly as a *term*, and the rule that reads the word beside it ("arrived") took only unknown
words. Invented model: a licence desk's monthly counts — licences that arrived, licences
granted. "licences arrived" and "licences were granted" pick theirs; "licences" alone is still
asked back.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

MODEL = """
semantic_models:
  - name: licence_desk
    model: ref('licence_desk')
    defaults: {agg_time_dimension: arrival_date}
    entities:
      - {name: licence_desk, type: primary, expr: row_id}
    dimensions:
      - name: arrival_date
        type: time
        type_params: {time_granularity: day}
      - {name: office, type: categorical}
    measures:
      - {name: licences_received, agg: sum}
      - {name: licences_granted, agg: sum}
metrics:
  - name: licence_desk_licences_received
    label: "Licence Desk: Licences that arrived"
    description: Licences that arrived
    type: simple
    type_params: {measure: licences_received}
  - name: licence_desk_licences_granted
    label: "Licence Desk: Licences granted"
    description: Licences granted
    type: simple
    type_params: {measure: licences_granted}
"""

DATA = """
CREATE TABLE licence_desk (row_id INTEGER, arrival_date DATE, office VARCHAR,
    licences_received INTEGER, licences_granted INTEGER);
INSERT INTO licence_desk VALUES (1, DATE '2024-01-01', 'North', 10, 4),
    (2, DATE '2024-02-01', 'South', 7, 6), (3, DATE '2023-05-01', 'South', 99, 99);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("told_apart_terms", MODEL, DATA, dt.date(2024, 6, 1))


def test_a_label_word_beside_the_term_tells_it_apart(shop) -> None:
    a = shop.ask("how many licences arrived in 2024 by office?")
    assert a.ok, a.error
    assert a.query.metrics == ["licence_desk_licences_received"]
    assert sorted(answer_rows(a)) == [("North", 10), ("South", 7)]
    a = shop.ask("how many licences were granted in 2024?")
    assert a.ok, a.error
    assert answer_rows(a) == [(10,)]


def test_the_term_alone_is_still_asked_back(shop) -> None:
    assert not shop.ask("how many licences in 2024?").ok
