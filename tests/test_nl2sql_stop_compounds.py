"""A particle compound a metric spells, and two weak words naming one metric together
(``rules.stop_compounds``, ``rules.weak_pairs``).

"on time share by handling route" was refused ("I don't know 'time'": "on" is a stop word) on
a model whose share column is ``pct_on_time``; "units on hand" and "how much inventory value is
currently on hand" on a model of "On-Hand …" metrics were refused or asked back. Invented model:
a library's branches — copies on loan, copies on shelf (summed and averaged), returns in time
and their share. "in time share" is the share; "copies on loan" the one metric both words name;
"copies currently on shelf" the on-shelf metric whose label is said in full (not the average);
"copies on hold" names nothing and stays refused; "worn and torn (book) copies" is the one metric
Worn and Torn Copies, not two things (its description says "book copies").
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules.stop_compounds import spelled_words
from semantic_layer.catalog import CatalogMetric
from tests.semantic_helpers import answer_rows

MODEL = """
semantic_models:
  - name: branch_days
    model: ref('branch_days')
    defaults: {agg_time_dimension: lent_on}
    entities:
      - {name: branch_day, type: primary, expr: row_id}
    dimensions:
      - name: lent_on
        type: time
        type_params: {time_granularity: day}
      - {name: branch, type: categorical}
    measures:
      - {name: on_loan_copies, agg: sum}
      - {name: on_shelf_copies, agg: sum}
      - {name: avg_on_shelf_copies, agg: average, expr: on_shelf_copies}
      - {name: returns_in_time, agg: sum}
      - {name: pct_in_time, agg: average}
      - {name: worn_torn_copies, agg: sum}
metrics:
  - name: on_loan_copies
    label: On-Loan Book Copies
    type: simple
    type_params: {measure: on_loan_copies}
  - name: on_shelf_copies
    label: On-Shelf Book Copies
    type: simple
    type_params: {measure: on_shelf_copies}
  - name: average_on_shelf_copies
    label: Average On-Shelf Book Copies
    type: simple
    type_params: {measure: avg_on_shelf_copies}
  - name: returns_in_time
    label: "Lending: Returned by the due date"
    type: simple
    type_params: {measure: returns_in_time}
  - name: worn_torn_copies
    label: Worn and Torn Copies
    description: Book copies withdrawn from lending
    type: simple
    type_params: {measure: worn_torn_copies}
  - name: lending_pct_in_time
    label: "Lending: Share returned by the due date"
    type: simple
    type_params: {measure: pct_in_time}
"""

DATA = """
CREATE TABLE branch_days (row_id INTEGER, lent_on DATE, branch VARCHAR, on_loan_copies INTEGER,
    on_shelf_copies INTEGER, returns_in_time INTEGER, pct_in_time DOUBLE, worn_torn_copies INTEGER);
INSERT INTO branch_days VALUES (1, DATE '2024-01-05', 'North', 30, 100, 8, 80.0, 2),
    (2, DATE '2024-01-06', 'North', 20, 60, 6, 60.0, 1),
    (3, DATE '2024-01-06', 'South', 9, 40, 9, 90.0, 4);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("stop_compounds", MODEL, DATA, dt.date(2024, 6, 1))


@pytest.mark.parametrize("said", ["in time share", "in-time share", "in time percentage"])
def test_a_particle_compound_of_a_column_with_a_proportion_word(shop, said: str) -> None:
    a = shop.ask(f"{said} by branch")
    assert a.ok, a.error
    assert a.query.metrics == ["lending_pct_in_time"]
    assert sorted(answer_rows(a)) == [("North", 70.0), ("South", 90.0)]


def test_two_weak_words_name_the_one_metric_both_read(shop) -> None:
    a = shop.ask("book copies on loan by branch")
    assert a.ok, a.error
    assert a.query.metrics == ["on_loan_copies"]
    assert sorted(answer_rows(a)) == [("North", 50), ("South", 9)]


def test_the_label_said_in_full_among_two(shop) -> None:
    a = shop.ask("how many book copies are currently on shelf in North?")
    assert a.ok, a.error
    assert a.query.metrics == ["on_shelf_copies"]  # not the average: "average" is not said
    assert answer_rows(a) == [(160,)]


@pytest.mark.parametrize("said", ["worn and torn copies", "worn and torn book copies"])
def test_a_label_joined_by_and_is_one_metric(shop, said: str) -> None:
    a = shop.ask(f"{said} by branch")  # the second: the description says "book copies"
    assert a.ok, a.error
    assert a.query.metrics == ["worn_torn_copies"]
    assert sorted(answer_rows(a)) == [("North", 3), ("South", 4)]


def test_a_compound_no_metric_spells_stays_refused(shop) -> None:
    a = shop.ask("book copies on hold by branch")
    assert not a.ok, a.interpretation


def test_two_metrics_joined_by_and_are_not_merged(shop) -> None:
    a = shop.ask("book copies on loan and book copies on shelf by branch")
    assert not a.ok or set(a.query.metrics) == {"on_loan_copies", "on_shelf_copies"}


def test_spelled_words_split_labels_names_and_bare_columns() -> None:
    m = CatalogMetric("x_on_hand", "On-Hand Value", measure_expr="on_hand_value")
    assert spelled_words(m) == [
        ["on", "hand", "value"],
        ["x", "on", "hand"],
        ["on", "hand", "value"],
    ]
    sql = CatalogMetric("n", "Count", measure_expr="case when x in (1) then 1 end")
    assert spelled_words(sql) == [["count"], ["n"]]
