"""Chinese counts of occasions and time-word values, on a parking and a ride-hailing model.

- a separable verb split by a count (停了多少次车, 退了几次货) is the model's word said whole;
- 每次 / 每趟 is "per" one occasion, like 每笔 / 每件: with an average it is the model's
  ratio or average, not a breakdown by every session or trip;
- "average <average metric> per <its own entity>" is that average, not one row per entity;
- a value that is a time of day or a weekday (evening, Saturday) is named by the Chinese time
  word (晚上, 周六), which otherwise names no model noun.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest

from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from tests.understand_helpers import understood_query

TODAY = dt.date(2024, 4, 1)


pytestmark = pytest.mark.usefixtures("own_cache")


def _model(entity: str, kind: str, day: str, extra: tuple[CatalogDimension, ...]) -> Catalog:
    """A model of one activity: a count, a revenue, their ratio and an average duration."""
    return Catalog(
        metrics=(
            CatalogMetric(
                f"{entity}s_count",
                f"{entity.title()}s Count",
                description=f"Total count of valid {kind} {entity}s.",
                agg="count",
                counts=entity,
                agg_time_dimension=f"{entity}__{day}",
            ),
            CatalogMetric(
                "total_revenue", "Total Revenue", agg="sum", agg_time_dimension=f"{entity}__{day}"
            ),
            CatalogMetric(
                f"avg_revenue_per_{entity}",
                f"Avg Revenue Per {entity.title()}",
                metric_type="ratio",
                ratio_of=("total_revenue", f"{entity}s_count"),
            ),
            CatalogMetric(
                f"avg_{entity}_duration",
                f"Avg {entity.title()} Duration",
                agg="average",
                agg_time_dimension=f"{entity}__{day}",
            ),
        ),
        dimensions=(CatalogDimension(f"{entity}__{day}", "Date", dim_type="time"), *extra),
        entities=(CatalogEntity(entity, entity),),
    )


PARKING = _model(
    "session",
    "parking",
    "session_date",
    (
        CatalogDimension(
            "session__time_of_day_bucket",
            "Time Of Day Bucket",
            values=("morning", "afternoon", "evening", "overnight"),
        ),
        CatalogDimension("session__day_of_week", "Day Of Week", values=("Saturday", "Monday")),
    ),
)
RIDES = _model(
    "trip",
    "taxi",
    "pickup_date",
    (CatalogDimension("trip__shift", "Shift", values=("morning", "evening")),),
)


#: the question's semantic query as of TODAY (a refusal fails the test)
_query = partial(understood_query, today=TODAY)


def _filters(q) -> list[tuple[str, list[str]]]:
    return [(f.dimension, f.values) for f in q.filters]


def test_a_split_verb_is_counted() -> None:
    q = _query("2月份停了多少次车", PARKING)
    assert (q.metrics, q.group_by, q.filters) == (["sessions_count"], [], [])
    assert q.time_range is not None and q.time_range.start == dt.date(2024, 2, 1)
    returns = Catalog(
        metrics=(
            CatalogMetric(
                "returns", "Returns", agg="count", counts="return", agg_time_dimension="return__day"
            ),
        ),
        dimensions=(CatalogDimension("return__day", "Return Date", dim_type="time"),),
        entities=(CatalogEntity("return", "return"),),
    )
    q = _query("上个月一共退了几次货", returns)
    assert (q.metrics, q.filters) == (["returns"], [])
    assert q.time_range is not None and q.time_range.start == dt.date(2024, 3, 1)


@pytest.mark.parametrize(
    ("question", "catalog", "metric"),
    [
        ("每次停车的平均收入", PARKING, "avg_revenue_per_session"),
        ("平均每次停车的时长", PARKING, "avg_session_duration"),
        ("average duration per session", PARKING, "avg_session_duration"),
        ("每趟出租车的平均收入", RIDES, "avg_revenue_per_trip"),
        ("average duration per trip", RIDES, "avg_trip_duration"),
    ],
)
def test_per_occasion_is_the_average_not_a_breakdown(question, catalog, metric) -> None:
    q = _query(question, catalog)
    assert (q.metrics, q.group_by) == ([metric], [])


def test_time_words_name_time_values() -> None:
    q = _query("晚上的停车收入", PARKING)
    assert _filters(q) == [("session__time_of_day_bucket", ["evening"])]
    q = _query("周六的停车次数", PARKING)
    assert (q.metrics, _filters(q)) == (
        ["sessions_count"],
        [("session__day_of_week", ["Saturday"])],
    )
    q = _query("上午的出租车收入", RIDES)
    assert _filters(q) == [("trip__shift", ["morning"])]
