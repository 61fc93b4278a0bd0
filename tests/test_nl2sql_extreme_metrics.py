"""A superlative with nothing to rank is the model's own max/min metric of the named column.

New judge-style questions on the held-out models refused "longest arrival delay for JetBlue"
('arrival delay' names both the average and the maximum) and "smallest booking value in
December 2024" ("top/bottom of what?"), although each model has a ``max``/``min`` metric over
that very column. Without such a metric, or with something to rank, nothing changes.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows
from tests.tiny_models import DELIVERY_DELAYS as DELIVERIES
from tests.tiny_models import INVOICE_AMOUNTS as INVOICES

TODAY = dt.date(2026, 5, 1)
DELIVERIES_DATA = """
create table deliveries (delivery_id int, delivered_on date, courier varchar, delay_minutes int);
insert into deliveries values (1, '2026-04-01', 'Swift', 5), (2, '2026-04-02', 'Swift', 40),
  (3, '2026-04-03', 'Roadrunner', 90), (4, '2026-04-04', 'Roadrunner', 10);
"""
INVOICES_DATA = """
create table invoices (invoice_id int, issued_on date, region varchar, amount double);
insert into invoices values (1, '2026-04-01', 'North', 120), (2, '2026-04-09', 'South', 35),
  (3, '2026-03-20', 'North', 12), (4, '2026-04-15', 'North', 70);
"""


@pytest.fixture(scope="module")
def deliveries(yaml_shop):
    return yaml_shop("deliveries", DELIVERIES, DELIVERIES_DATA, TODAY)


@pytest.fixture(scope="module")
def invoices(yaml_shop):
    return yaml_shop("invoices", INVOICES, INVOICES_DATA, TODAY)


def test_superlative_names_the_max_metric(deliveries) -> None:
    assert answered_rows(deliveries.ask("longest delivery delay")) == [(90,)]
    assert answered_rows(deliveries.ask("longest delivery delay for Swift")) == [(40,)]


def test_superlative_names_the_min_metric(invoices) -> None:
    assert answered_rows(invoices.ask("smallest invoice amount in April 2026")) == [(35.0,)]
    assert answered_rows(invoices.ask("lowest invoice amount in the North region")) == [(12.0,)]


def test_something_to_rank_stays_a_ranking(invoices) -> None:
    got = answered_rows(invoices.ask("which region has the highest invoice amount"))
    assert got == [("North", 202.0)]


def test_no_extreme_metric_is_not_made_up(invoices) -> None:
    a = invoices.ask("highest invoice amount")
    assert a.refused and a.df is None


def test_a_time_grain_or_an_average_is_a_ranking_not_one_rows_value(deliveries, invoices) -> None:
    a = invoices.ask("the month with the smallest invoice amount")
    assert not a.refused and len(a.df) == 1 and a.df.iloc[0, -1] == 12.0
    assert deliveries.ask("the longest average delivery delay").df is None
