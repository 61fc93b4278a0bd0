"""A range that holds no period of a metric's own grain is refused, never answered empty.

"What is our ARR today?" on a SaaS model whose ARR is recorded by month came back NULL: one day
holds no month start (``rules/passes/coarse_time.py``; a fresh project's final set). Two
domains: SaaS revenue by month and a utility's readings by week.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 12, 5)  # a Saturday, mid-month


pytestmark = pytest.mark.usefixtures("own_cache")


def _catalog(fact: str, metric: str, label: str, grain: str) -> Catalog:
    return Catalog(
        metrics=(CatalogMetric(metric, label, agg="sum", agg_time_dimension=f"{fact}__period"),),
        dimensions=(
            CatalogDimension(
                f"{fact}__period", "Period", dim_type="time", entity=fact, time_granularity=grain
            ),
        ),
        entities=(CatalogEntity(fact, fact),),
    )


SAAS = _catalog("arr_month", "arr", "ARR", "month")
UTILITY = _catalog("reading", "consumption", "Consumption", "week")


@pytest.mark.parametrize(
    ("catalog", "question"),
    [
        (SAAS, "What is our ARR today?"),
        (SAAS, "ARR yesterday"),
        (SAAS, "今天的ARR"),
        (UTILITY, "consumption yesterday"),
    ],
)
def test_a_range_without_a_period_of_the_grain_is_refused(catalog, question) -> None:
    u = understand(question, catalog, TODAY)
    assert u.refused
    assert "recorded by" in u.reason_en or "记录" in u.reason, u.reason_en


@pytest.mark.parametrize(
    ("catalog", "question", "start"),
    [
        (SAAS, "ARR this month", "2026-12-01"),
        (SAAS, "ARR last month", "2026-11-01"),
        (SAAS, "ARR in the last 90 days", None),
        (UTILITY, "consumption last week", "2026-11-23"),
    ],
)
def test_a_range_holding_a_period_still_answers(catalog, question, start) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    if start:
        assert str(u.query.time_range.start) == start
