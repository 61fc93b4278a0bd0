"""A proportion word after a word of several metrics picks the proportion (``rules.proportion_words``).

"compliant share by activity" was asked back between a count ("Found compliant") and a share
("Share found compliant"); "waiting share by workflow stage" was refused. Invented model: a
food inspectorate's visits — a count and a share of the visits passed, two counts of
re-checks. "passed share/percentage/rate" is the share; "passed" alone is still refused; a word
with no proportion among its metrics ("rechecked share") is left as it was. "tolerance rate" is
the share of the -ant adjective's metrics ("Share found tolerant").
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules.proportion_words import is_proportion
from semantic_layer.catalog import CatalogMetric
from tests.semantic_helpers import answer_rows

MODEL = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_on}
    entities:
      - {name: visit, type: primary, expr: visit_id}
    dimensions:
      - name: visited_on
        type: time
        type_params: {time_granularity: day}
      - {name: district, type: categorical}
    measures:
      - {name: passed_count, agg: sum}
      - {name: pct_passed, agg: average}
      - {name: rechecked_early, agg: sum}
      - {name: rechecked_late, agg: sum}
      - {name: tolerant_count, agg: sum}
      - {name: pct_tolerant, agg: average}
metrics:
  - name: visits_passed
    label: "Inspection Visits: Found passed"
    description: Found passed
    type: simple
    type_params: {measure: passed_count}
  - name: visits_pct_passed
    label: "Inspection Visits: Share found passed"
    description: Share found passed
    type: simple
    type_params: {measure: pct_passed}
  - name: visits_tolerant
    label: "Inspection Visits: Found tolerant"
    type: simple
    type_params: {measure: tolerant_count}
  - name: visits_pct_tolerant
    label: "Inspection Visits: Share found tolerant"
    type: simple
    type_params: {measure: pct_tolerant}
  - name: rechecked_early
    label: "Inspection Visits: Rechecked within a week"
    type: simple
    type_params: {measure: rechecked_early}
  - name: rechecked_late
    label: "Inspection Visits: Rechecked after a week"
    type: simple
    type_params: {measure: rechecked_late}
"""

DATA = """
CREATE TABLE visits (visit_id INTEGER, visited_on DATE, district VARCHAR, passed_count INTEGER,
    pct_passed DOUBLE, rechecked_early INTEGER, rechecked_late INTEGER, tolerant_count INTEGER,
    pct_tolerant DOUBLE);
INSERT INTO visits VALUES (1, DATE '2024-01-05', 'North', 8, 80.0, 1, 0, 2, 20.0),
    (2, DATE '2024-01-06', 'North', 6, 60.0, 0, 2, 4, 40.0),
    (3, DATE '2024-01-06', 'South', 9, 90.0, 1, 1, 1, 10.0);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("proportion_words", MODEL, DATA, dt.date(2024, 6, 1))


@pytest.mark.parametrize("word", ["share", "percentage", "rate"])
def test_a_proportion_word_picks_the_share(shop, word: str) -> None:
    a = shop.ask(f"passed {word} by district")
    assert a.ok, a.error
    assert a.query.metrics == ["visits_pct_passed"]
    assert dict(zip(a.df.iloc[:, 0], a.df.iloc[:, -1], strict=True)) == {
        "North": 70.0,
        "South": 90.0,
    }


def test_the_ance_noun_of_the_adjective(shop) -> None:
    a = shop.ask("tolerance rate by district")
    assert a.ok, a.error
    assert a.query.metrics == ["visits_pct_tolerant"]
    assert sorted(answer_rows(a)) == [("North", 30.0), ("South", 10.0)]


def test_without_a_proportion_word_it_is_still_refused(shop) -> None:
    a = shop.ask("passed by district")
    assert not a.ok, a.interpretation


def test_no_proportion_among_the_readings_leaves_the_question(shop) -> None:
    assert not shop.ask("rechecked share by district").ok


def test_is_proportion() -> None:
    assert is_proportion(CatalogMetric("x", "Delay: Share of time spent waiting"))
    assert is_proportion(CatalogMetric("x", "Fill", metric_type="ratio"))
    assert is_proportion(CatalogMetric("x", "Compliant", measure_expr="pct_compliant"))
    assert not is_proportion(CatalogMetric("x", "Delay: How often the stage ran"))
