"""A metric named "<things>_total" with no label is asked by the things: "renewals by branch"
for `renewals_total`, "outages in 2026" for `outages_total`
(``vocabulary.english_anchors._sums_plural``).

Why: an unlabelled metric was reached only by its whole name ("renewals total"); the words
before a closing "total" were unknown, and the question refused for a word the model has.
Only after a plural: `order_total` (singular) is an order's amount, and "orders" must never
become a sum of money. Two domains: a library and a wind farm.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
LIBRARY = """
semantic_models:
  - name: loans
    model: ref('loans')
    defaults: {agg_time_dimension: lent_on}
    entities:
      - {name: loan, type: primary, expr: loan_id}
    dimensions:
      - {name: lent_on, type: time, type_params: {time_granularity: day}}
      - {name: branch, type: categorical}
    measures:
      - {name: renewals_total, agg: sum, expr: renewals}
      - {name: order_total, agg: sum, expr: fine_paid}
metrics:
  - {name: renewals_total, type: simple, type_params: {measure: renewals_total}}
  - {name: order_total, type: simple, type_params: {measure: order_total}}
"""
LIBRARY_DATA = """
create table loans (loan_id int, lent_on date, branch varchar, renewals int, fine_paid double);
insert into loans values (1, '2026-06-01', 'Central', 2, 1.5), (2, '2026-06-02', 'Central', 1, 0),
  (3, '2026-06-03', 'Harbour', 4, 3);
"""
WIND = """
semantic_models:
  - name: turbine_days
    model: ref('turbine_days')
    defaults: {agg_time_dimension: read_on}
    entities:
      - {name: turbine_day, type: primary, expr: id}
    dimensions:
      - {name: read_on, type: time, type_params: {time_granularity: day}}
      - {name: site, type: categorical}
    measures:
      - {name: outages_total, agg: sum, expr: outages}
metrics:
  - {name: outages_total, type: simple, type_params: {measure: outages_total}}
"""
WIND_DATA = """
create table turbine_days (id int, read_on date, site varchar, outages int);
insert into turbine_days values (1, '2025-12-30', 'Ridge', 5), (2, '2026-01-02', 'Ridge', 1),
  (3, '2026-02-03', 'Bay', 2);
"""


@pytest.fixture(scope="module")
def library(yaml_shop):
    return yaml_shop("trailing_total_library", LIBRARY, LIBRARY_DATA, TODAY)


@pytest.fixture(scope="module")
def wind(yaml_shop):
    return yaml_shop("trailing_total_wind", WIND, WIND_DATA, TODAY)


def test_the_things_before_total_name_the_metric(library, wind) -> None:
    a = library.ask("renewals by branch")
    assert a.query.metrics == ["renewals_total"]
    assert ok_rows(a) == [("Central", 3), ("Harbour", 4)]
    b = wind.ask("outages in 2026")
    assert b.query.metrics == ["outages_total"]
    assert ok_rows(b) == [(3,)]


def test_a_singular_before_total_is_no_count_of_it(library) -> None:
    """`order_total` sums money: "orders" must not answer it."""
    a = library.ask("orders by branch")
    assert a.refused or a.query.metrics != ["order_total"]
