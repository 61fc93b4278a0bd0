"""'<metric> by <another metric>' with no rank or sort word is refused, not answered side by side.

"booking value by new users" answered booking value and the new-user count next to each other;
the user asked for the value of the new users' bookings, which a metric cannot break down
(``rules/passes/metrics._metric_after_by_is_no_breakdown``). A metric after "by" still ranks and
sorts, and alone it is the metric. Two domains: a shop and a gym.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 10, 15)


pytestmark = pytest.mark.usefixtures("own_cache")


def _catalog(fact: str, group: str, values: tuple[str, ...], *metrics: tuple[str, str]) -> Catalog:
    return Catalog(
        metrics=tuple(
            CatalogMetric(
                name, label, agg="sum", agg_time_dimension=f"{fact}__day", dimensions=(group,)
            )
            for name, label in metrics
        ),
        dimensions=(
            CatalogDimension(f"{fact}__day", "Day", dim_type="time", entity=fact),
            CatalogDimension(group, group.split("__")[1].title(), entity=fact, values=values),
        ),
        entities=(CatalogEntity(fact, fact),),
    )


SHOP = _catalog(
    "order", "order__channel", ("Web", "Store"), ("revenue", "Revenue"), ("returns", "Returns")
)
GYM = _catalog(
    "membership",
    "membership__club",
    ("North", "South"),
    ("fees", "Fees"),
    ("new_members", "New Members"),
)


@pytest.mark.parametrize(
    ("catalog", "question", "said"),
    [
        (SHOP, "revenue by returns", "revenue and returns"),
        (GYM, "fees by new members", "fees and new members"),
        (SHOP, "按退货的收入", "returns"),
    ],
)
def test_a_metric_after_by_beside_another_is_refused(catalog, question, said) -> None:
    u = understand(question, catalog, TODAY)
    assert u.refused
    assert said in (u.reason_en + u.reason).lower(), u.reason_en


@pytest.mark.parametrize(
    ("catalog", "question", "metrics", "limit"),
    [
        (SHOP, "top 1 channel by revenue", ["revenue"], 1),
        (SHOP, "revenue and returns", ["revenue", "returns"], None),
        (GYM, "fees by club sorted by new members", ["fees", "new_members"], None),
    ],
)
def test_a_metric_after_by_still_ranks_and_sorts(catalog, question, metrics, limit) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert sorted(u.query.metrics) == sorted(metrics)
    assert u.query.limit == limit
