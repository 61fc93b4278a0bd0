"""Questions that ask for a unit kind ("多久", "多长时间", "how long", "多远"), on a support-call,
a courier, an EV-charging and a car-wash model (not the parking model that showed them).

- with no metric named, the word names the model's one metric of that kind (its unit: a name,
  a description, ``config.meta.unit``) — the average when the question averages (平均, 一次,
  每次: never a breakdown by every occasion), the total otherwise;
- two metrics of the kind, or none that aggregates as asked, are refused with them named;
  "多久一次" (how often: an interval no metric holds) is refused;
- the verb said again after its verb-object word ("充电充了多久", "洗车平均洗多久") is dropped.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from tests.understand_helpers import understood_query

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")


def _model(
    entity: str, kind: str, metrics: list[tuple[str, str, str, str]], zh: tuple[str, ...] = ()
) -> Catalog:
    """A count of ``entity`` rows and ``metrics`` as (name, label, agg, description)."""
    day = f"{entity}__{entity}_date"
    ms = [
        CatalogMetric(
            f"{entity}s_count",
            f"{entity.title()}s Count",
            description=f"Total count of valid {kind} {entity}s.",
            agg="count",
            counts=entity,
            agg_time_dimension=day,
        )
    ]
    ms += [
        CatalogMetric(name, label, description=desc, agg=agg, agg_time_dimension=day)
        for name, label, agg, desc in metrics
    ]
    return Catalog(
        metrics=tuple(ms),
        dimensions=(CatalogDimension(day, "Date", dim_type="time"),),
        entities=(CatalogEntity(entity, entity, synonyms=zh),),
    )


CALLS = _model("call", "support", [("avg_call_minutes", "Avg Call Minutes", "average", "")])
CALLS_AND_HOLDS = _model(
    "call",
    "support",
    [
        ("avg_call_minutes", "Avg Call Minutes", "average", ""),
        ("avg_hold", "Avg Hold", "average", "Mean time on hold, in seconds."),
    ],
)
COURIER = _model(
    "delivery",
    "courier",
    [
        ("avg_delivery_hours", "Avg Delivery Hours", "average", "Mean time to drop-off."),
        ("total_distance_km", "Total Distance Km", "sum", "Distance driven."),
    ],
)
EV = _model(
    "session", "charging", [("avg_charge_minutes", "Avg Charge", "average", "")], zh=("充电",)
)
WASH = _model("wash", "car", [("avg_wash", "Avg Wash", "average", "In minutes.")], zh=("洗车",))


#: the question's semantic query as of TODAY (a refusal fails the test)
_query = partial(understood_query, today=TODAY)


@pytest.mark.parametrize(
    ("question", "catalog", "metric"),
    [
        ("平均一次通话多久", CALLS, "avg_call_minutes"),
        ("通话平均多长时间", CALLS, "avg_call_minutes"),
        ("每次通话多久", CALLS, "avg_call_minutes"),
        ("how long is a support call on average", CALLS, "avg_call_minutes"),
        ("平均每次配送多久", COURIER, "avg_delivery_hours"),
        ("配送总共多远", COURIER, "total_distance_km"),
        ("how far in total", COURIER, "total_distance_km"),
        ("充电平均充多久", EV, "avg_charge_minutes"),
        ("平均一次充电充了多长时间", EV, "avg_charge_minutes"),
        ("洗车平均洗多久", WASH, "avg_wash"),
    ],
)
def test_a_kind_word_names_the_one_metric_of_its_kind(question, catalog, metric) -> None:
    q = _query(question, catalog)
    assert (q.metrics, q.group_by) == ([metric], [])


def test_a_kind_word_keeps_the_time_range() -> None:
    q = _query("上个月平均一次通话多久", CALLS)
    assert q.metrics == ["avg_call_minutes"]
    assert q.time_range is not None and q.time_range.start == dt.date(2025, 5, 1)


def test_a_kind_word_restates_its_metric() -> None:
    assert _query("Avg Call Minutes多久", CALLS).metrics == ["avg_call_minutes"]


@pytest.mark.parametrize(
    ("question", "catalog", "said"),
    [
        ("平均一次通话多久", CALLS_AND_HOLDS, "Avg Hold"),  # two durations: which one?
        ("上个月通话一共多久", CALLS, "Avg Call Minutes"),  # a total no metric holds
        ("平均一次配送多远", COURIER, "Total Distance Km"),  # an average no metric holds
        ("Calls Count多久", CALLS, "Avg Call Minutes"),  # a count is no duration
    ],
)
def test_an_unsettled_kind_word_is_refused(question, catalog, said) -> None:
    u = understand(question, catalog, TODAY)
    assert u.refused, (question, u.query)
    assert said in u.reason_en or "average" in u.reason_en, u.reason_en


@pytest.mark.parametrize("question", ["通话多久一次", "多久充一次电"])
def test_how_often_is_refused(question) -> None:
    catalog = CALLS if "通话" in question else EV
    u = understand(question, catalog, TODAY)
    assert u.refused, (question, u.query)
