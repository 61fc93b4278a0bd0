"""A superlative with "each"/"per"/每/各 is the max/min metric broken down, never a top 1.

New judge-style questions on the held-out models answered "每月的最高预订金额" and "highest
booking value each month" with the one month of largest total (a top 1 over months): "each"
asks for a value in every month. With the model's own max/min metric of the column the answer
is that metric by the group; without one the question is refused with the breakdown as the
suggestion. A group that is what is ranked ("the month with …", "which region …", 中) stays a
ranking. Two domains: parcel deliveries (a max metric) and invoices (a min metric only).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.tiny_models import DELIVERY_DELAYS as DELIVERIES
from tests.tiny_models import INVOICE_AMOUNTS as INVOICES

TODAY = dt.date(2026, 5, 1)
DELIVERIES_DATA = """
create table deliveries (delivery_id int, delivered_on date, courier varchar, delay_minutes int);
insert into deliveries values (1, '2026-03-01', 'Swift', 5), (2, '2026-03-02', 'Swift', 40),
  (3, '2026-04-03', 'Roadrunner', 90), (4, '2026-04-04', 'Roadrunner', 10),
  (5, '2026-04-05', 'Swift', 30);
"""
INVOICES_DATA = """
create table invoices (invoice_id int, issued_on date, region varchar, amount double);
insert into invoices values (1, '2026-04-01', 'North', 120), (2, '2026-04-09', 'South', 35),
  (3, '2026-03-20', 'North', 12), (4, '2026-04-15', 'North', 70), (5, '2026-03-02', 'South', 50);
"""


@pytest.fixture(scope="module")
def deliveries(yaml_shop):
    return yaml_shop("deliveries", DELIVERIES, DELIVERIES_DATA, TODAY)


@pytest.fixture(scope="module")
def invoices(yaml_shop):
    return yaml_shop("invoices", INVOICES, INVOICES_DATA, TODAY)


def _rows(answer) -> list[tuple]:
    assert not answer.refused, answer.error
    return sorted((str(r[0])[:10], *r[1:]) for r in answer.df.itertuples(index=False))


def test_each_month_is_the_max_metric_by_month(deliveries) -> None:
    want = [("2026-03-01", 40), ("2026-04-01", 90)]
    assert _rows(deliveries.ask("longest delivery delay each month")) == want
    assert _rows(deliveries.ask("monthly longest delivery delay")) == want


def test_each_group_is_the_max_metric_by_group(deliveries) -> None:
    want = [("Roadrunner", 90), ("Swift", 40)]
    assert _rows(deliveries.ask("longest delivery delay for each courier")) == want
    assert _rows(deliveries.ask("各courier最长的delivery delay")) == want


def test_each_month_is_the_min_metric_by_month(invoices) -> None:
    want = [("2026-03-01", 12.0), ("2026-04-01", 35.0)]
    assert _rows(invoices.ask("smallest invoice amount each month")) == want
    assert _rows(invoices.ask("每月最小的invoice amount")) == want


def test_each_without_an_extreme_metric_is_refused_with_the_breakdown(invoices) -> None:
    a = invoices.ask("highest invoice amount each month")
    assert a.refused and a.df is None
    assert "invoice amount each month" in a.suggestions


def test_the_ranked_group_stays_a_ranking(invoices) -> None:
    assert _rows(invoices.ask("which region has the highest invoice amount")) == [("North", 202.0)]
    a = invoices.ask("the month with the smallest invoice amount")
    assert not a.refused and len(a.df) == 1 and a.df.iloc[0, -1] == 62.0
