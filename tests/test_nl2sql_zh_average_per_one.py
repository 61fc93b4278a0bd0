"""Chinese averages per one occasion, on a café and a taxi model (not the parking model that
showed them).

- 平均 before the occasion: "平均单次咖啡消费金额", "平均一次健身的收入", "平均每笔收入";
- the occasion's counter without its noun: "每单平均收入", "每笔平均金额";
- the occasion's noun alone after 平均: "平均健身收入";
each is the model's own average per row (its ratio of the amount over its own rows' count, or
its average metric), never a breakdown by every occasion nor a refusal as an average of a
total; and never answered when the model divides the amount by a count of other things too
(then "每单" could be either) or has no such average.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")


def _model(entity: str, kind: str, *, extra_ratio: bool = False, ratio: bool = True) -> Catalog:
    """One activity: a count, an amount, their ratio and an average duration."""
    day = f"{entity}__{entity}_date"
    metrics = [
        CatalogMetric(
            f"{entity}s_count",
            f"{entity.title()}s Count",
            description=f"Total count of valid {kind} {entity}s.",
            agg="count",
            counts=entity,
            agg_time_dimension=day,
        ),
        CatalogMetric("total_revenue", "Total Revenue", agg="sum", agg_time_dimension=day),
        CatalogMetric(
            f"avg_{entity}_duration",
            f"Avg {entity.title()} Duration",
            agg="average",
            agg_time_dimension=day,
        ),
    ]
    if ratio:
        metrics.append(
            CatalogMetric(
                f"avg_revenue_per_{entity}",
                f"Avg Revenue Per {entity.title()}",
                metric_type="ratio",
                ratio_of=("total_revenue", f"{entity}s_count"),
            )
        )
    entities = [CatalogEntity(entity, entity)]
    if extra_ratio:  # revenue also divided by the members who paid it
        metrics += [
            CatalogMetric(
                "members_count",
                "Members Count",
                agg="count_distinct",
                counts="member",
                agg_time_dimension=day,
            ),
            CatalogMetric(
                "revenue_per_member",
                "Revenue Per Member",
                metric_type="ratio",
                ratio_of=("total_revenue", "members_count"),
            ),
        ]
        entities.append(CatalogEntity("member", "member"))
    return Catalog(
        metrics=tuple(metrics),
        dimensions=(CatalogDimension(day, "Date", dim_type="time"),),
        entities=tuple(entities),
    )


CAFE = _model("purchase", "coffee")
TAXI = _model("trip", "taxi")


def _metrics(question: str, catalog: Catalog) -> tuple[list[str], list[str]]:
    u = understand(question, catalog, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    return u.query.metrics, u.query.group_by


@pytest.mark.parametrize(
    ("question", "catalog", "metric"),
    [
        ("平均单次咖啡收入", CAFE, "avg_revenue_per_purchase"),
        ("平均一次咖啡的收入", CAFE, "avg_revenue_per_purchase"),
        ("平均咖啡收入", CAFE, "avg_revenue_per_purchase"),
        ("今年以来每单平均收入", CAFE, "avg_revenue_per_purchase"),
        ("每笔平均收入", CAFE, "avg_revenue_per_purchase"),
        ("平均每笔收入", CAFE, "avg_revenue_per_purchase"),
        ("平均单次出租车收入", TAXI, "avg_revenue_per_trip"),
        ("上个月平均每趟的收入", TAXI, "avg_revenue_per_trip"),
        ("平均一次出租车的收入", TAXI, "avg_revenue_per_trip"),
        ("平均单次出租车时长", TAXI, "avg_trip_duration"),
        ("每次平均时长", TAXI, "avg_trip_duration"),
    ],
)
def test_average_per_one_occasion(question: str, catalog: Catalog, metric: str) -> None:
    assert _metrics(question, catalog) == ([metric], [])


@pytest.mark.parametrize(
    ("question", "catalog"),
    [
        # the amount is also divided by members: "per one" could be either average
        ("每单平均收入", _model("purchase", "coffee", extra_ratio=True)),
        ("平均每趟收入", _model("trip", "taxi", extra_ratio=True)),
        # no average of the revenue in the model: refused, never a made-up average
        ("平均单次咖啡收入", _model("purchase", "coffee", ratio=False)),
        ("每笔平均收入", _model("trip", "taxi", ratio=False)),
    ],
)
def test_no_one_average_is_refused(question: str, catalog: Catalog) -> None:
    u = understand(question, catalog, TODAY)
    assert u.refused, (question, u.query)
