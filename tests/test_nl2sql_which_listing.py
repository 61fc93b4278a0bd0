"""Which X are in Y, without a metric: list the X, on the model the condition is on.

"which sites are in Australia?" on a fleet project was refused twice over: the site name is
copied onto the machines and onto the maintenance facts, so 'sites' was ambiguous, and once
that was settled, a "which" with no metric named "no metric I know" although "list the sites
in Australia" listed them. The copy is the one on the entity the other condition (the country)
is on (``rules.condition_copies``), and an English which/what with no metric lists
(``passes.metrics._which_lists``). Invented model: boats moored in harbours, and their repairs.
"""

from __future__ import annotations

import datetime as dt

import pytest

MODEL = """
semantic_models:
  - name: boats
    model: ref('boats')
    entities:
      - {name: boat, type: primary, expr: boat_id}
    dimensions:
      - {name: harbour_name, type: categorical}
      - {name: country, type: categorical}
  - name: repairs
    model: ref('repairs')
    defaults: {agg_time_dimension: repair_date}
    entities:
      - {name: repair, type: primary, expr: repair_id}
      - {name: boat, type: foreign, expr: boat_id}
    dimensions:
      - name: repair_date
        type: time
        type_params: {time_granularity: day}
      - {name: harbour_name, type: categorical}
    measures:
      - {name: repair_cost, agg: sum}
metrics:
  - {name: total_repair_cost, label: Total Repair Cost, type: simple, type_params: {measure: repair_cost}}
"""

DATA = """
CREATE TABLE boats (boat_id INTEGER, harbour_name VARCHAR, country VARCHAR);
INSERT INTO boats VALUES (1, 'Bergen Quay', 'Norway'), (2, 'Tromso Pier', 'Norway'),
    (3, 'Kiel Basin', 'Germany'), (4, 'Bergen Quay', 'Norway');
CREATE TABLE repairs (repair_id INTEGER, boat_id INTEGER, repair_date DATE,
    harbour_name VARCHAR, repair_cost DOUBLE);
INSERT INTO repairs VALUES (1, 1, DATE '2024-03-01', 'Bergen Quay', 100.0),
    (2, 3, DATE '2024-04-01', 'Kiel Basin', 50.0);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("which_listing", MODEL, DATA, dt.date(2024, 6, 1))


@pytest.mark.parametrize(
    "question",
    ["which harbours are in Norway?", "list the harbours in Norway"],
)
def test_which_lists_the_copy_beside_the_condition(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert sorted(a.df.iloc[:, 0].tolist()) == ["Bergen Quay", "Tromso Pier"]


def test_no_condition_leaves_the_copies_ambiguous(shop) -> None:
    a = shop.ask("which harbours are there?")
    assert not a.ok
    assert "ambiguous" in a.error


def test_a_metric_question_is_not_a_list(shop) -> None:
    a = shop.ask("which boat had the most repair cost?")
    assert a.ok, a.error
    assert a.df.shape[0] == 1 and a.df.iloc[0, -1] == 100.0
