"""A change word without its own period compares the question's period, not the metric's.

A parking model's week-over-week revenue metric answered "3月收入环比增长了多少" week by week;
the question compares March with February (the derivation). A SaaS model's month-over-month
MRR metric must not answer a quarter's change either. When the question's period is the
metric's own (or it names none), the model's metric still answers.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2024, 4, 1)


pytestmark = pytest.mark.usefixtures("own_cache")


def _model(base: str, base_label: str, change: str, label: str, description: str, day: str):
    return Catalog(
        metrics=(
            CatalogMetric(base, base_label, agg="sum", agg_time_dimension=day),
            CatalogMetric(change, label, description=description, metric_type="derived"),
        ),
        dimensions=(CatalogDimension(day, "Date", dim_type="time"),),
        entities=(CatalogEntity(day.split("__")[0], day.split("__")[0]),),
    )


PARKING = _model(
    "total_revenue",
    "Total Revenue",
    "wow_revenue_change",
    "Week-over-Week Revenue Change",
    "Revenue this week minus revenue the same week prior.",
    "session__session_date",
)
SAAS = _model(
    "mrr",
    "MRR",
    "mrr_growth_mom",
    "MRR Growth M/M",
    "Percentage growth of MRR compared to 1 month ago.",
    "account__snapshot_date",
)


def _understand(question: str, catalog: Catalog):
    u = understand(question, catalog, TODAY)
    assert not u.refused, (question, u.reason_en)
    return u


@pytest.mark.parametrize(
    ("question", "catalog", "base", "grain"),
    [
        ("3月收入环比增长了多少？", PARKING, "total_revenue", "month"),
        ("每月收入环比", PARKING, "total_revenue", "month"),
        ("revenue growth in March month over month", PARKING, "total_revenue", "month"),
        ("今年第一季度MRR环比增长多少", SAAS, "mrr", "quarter"),
    ],
)
def test_the_questions_period_is_compared(question, catalog, base, grain) -> None:
    u = _understand(question, catalog)
    assert u.query.metrics == [base]
    assert u.query.group_by == [f"metric_time__{grain}"]
    assert u.derived is not None and u.derived.kind == "pop"


@pytest.mark.parametrize(
    ("question", "catalog", "metric", "grain"),
    [
        ("每周收入环比", PARKING, "wow_revenue_change", "week"),
        ("上周收入环比", PARKING, "wow_revenue_change", "week"),
        ("收入环比", PARKING, "wow_revenue_change", "week"),
        ("3月MRR环比增长多少", SAAS, "mrr_growth_mom", "month"),
    ],
)
def test_the_models_own_change_answers_its_own_period(question, catalog, metric, grain) -> None:
    u = _understand(question, catalog)
    assert u.query.metrics == [metric]
    assert u.query.group_by == [f"metric_time__{grain}"]
