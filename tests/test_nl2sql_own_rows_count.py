"""A plain "how many <things>" is asked back when the one count left counts only the things seen
in another entity's rows and the model also counts the things' own rows
(``nl2sql.rules.own_rows_count``).

On the synonym-stripped demo model "how many customers" answered Buyers (customers with an
order, 4,068) while the customers table holds 5,000: "New Customers" (the customers' own rows)
was dropped because the question does not say "new" (issue #12). Original model: a bakery's
patrons and their visits.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
BAKERY = """
semantic_models:
  - name: patrons
    model: ref('patrons')
    defaults: {agg_time_dimension: first_seen}
    entities:
      - {name: patron, type: primary, expr: patron_id}
    dimensions:
      - {name: first_seen, type: time, type_params: {time_granularity: day}}
      - {name: loaf_club, type: categorical}
    measures:
      - {name: patron_rows, agg: count_distinct, expr: patron_id}
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_on}
    entities:
      - {name: visit, type: primary, expr: visit_id}
      - {name: patron, type: foreign, expr: patron_id}
    dimensions:
      - {name: visited_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: visiting_patrons, agg: count_distinct, expr: patron_id}
      - {name: visit_rows, agg: count, expr: visit_id}
metrics:
  - {name: new_patrons, label: New Patrons, type: simple, type_params: {measure: patron_rows}}
  - {name: visitors, label: Visitors, type: simple, type_params: {measure: visiting_patrons}}
  - {name: visits, label: Visits, type: simple, type_params: {measure: visit_rows}}
"""
DATA = """
create table patrons (patron_id int, first_seen date, loaf_club varchar);
insert into patrons values (1, '2026-05-01', 'rye'), (2, '2026-06-01', 'rye'),
  (3, '2026-06-02', 'spelt'), (4, '2026-06-03', 'spelt');
create table visits (visit_id int, patron_id int, visited_on date);
insert into visits values (10, 1, '2026-06-01'), (11, 2, '2026-06-05'), (12, 1, '2026-06-07');
"""


@pytest.fixture(scope="module")
def bakery(yaml_shop):
    return yaml_shop("own_rows_bakery", BAKERY, DATA, TODAY)


@pytest.mark.parametrize(
    "question", ["how many patrons", "patron count", "how many patrons in June 2026"]
)
def test_a_plain_count_of_things_counted_two_ways_is_asked_back(bakery, question) -> None:
    a = bakery.ask(question)
    assert a.refused, a.interpretation
    assert "Visitors" in a.error and "New Patrons" in a.error
    got = [ok_rows(bakery.ask(s)) for s in a.suggestions]
    assert len(got) == 2, a.suggestions
    if "June" in question:  # the period is kept in both suggestions
        assert sorted(got) == [[(2,)], [(3,)]]
    else:
        assert sorted(got) == [[(2,)], [(4,)]]


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("how many new patrons", [(4,)]),  # the kind said: its own rows
        ("how many visitors", [(2,)]),
        ("how many patrons visited", [(2,)]),  # the verb says which rows
        ("how many visits", [(3,)]),
    ],
)
def test_one_word_away_stays_answered(bakery, question, rows) -> None:
    a = bakery.ask(question)
    assert ok_rows(a) == rows, a.error or a.interpretation


def test_with_only_the_count_over_other_rows_it_answers(yaml_shop) -> None:
    """No count of the patrons' own rows: the one count there is answers, as before."""
    only = BAKERY.replace(
        "  - {name: new_patrons, label: New Patrons, type: simple, type_params: {measure: patron_rows}}\n",
        "",
    )
    a = yaml_shop("own_rows_only", only, DATA, TODAY).ask("how many patrons")
    assert ok_rows(a) == [(2,)], a.error or a.interpretation
