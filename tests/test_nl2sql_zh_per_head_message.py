"""人均X without the model's ratio of X to people: a refusal that says what is missing.

Why: 人均 ("per person") is read only as the model's one ratio of the amount to a count of
people (``nl2sql.rules.passes.average_per.read_per_head``). Without such a ratio the question
was refused with "I don't know '人均'", as if the word were a typo, although it is plain Chinese
and what is missing is a per-person metric. The refusal now says so and what to ask instead.
Original fixture: a ferry line (fares and riders; one ratio per rider in the second catalog).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

_DIMS = (
    CatalogDimension("trip__pier", "Pier", entity="trip", values=("north_pier", "south_pier")),
    CatalogDimension("trip__sailed_at", "Sailed At", entity="trip", dim_type="time"),
)
_ENTITIES = (
    CatalogEntity("trip", "trip", key_expr="id"),
    CatalogEntity("rider", "rider", key_expr="rider_id"),
)
_FARES = CatalogMetric("fares", "Fares", agg="sum", measure_expr="fare")
_RIDERS = CatalogMetric(
    "riders", "Riders", agg="count_distinct", measure_expr="rider_id", counts="rider"
)

#: fares and riders, but no ratio of the two
FERRY = Catalog(metrics=(_FARES, _RIDERS), dimensions=_DIMS, entities=_ENTITIES)
#: the same with the model's own fare per rider
FERRY_RATIO = Catalog(
    metrics=(
        _FARES,
        _RIDERS,
        CatalogMetric(
            "fare_per_rider", "Fare per Rider", metric_type="ratio", ratio_of=("fares", "riders")
        ),
    ),
    dimensions=_DIMS,
    entities=_ENTITIES,
)


@pytest.mark.parametrize("question", ["人均票价", "各码头的人均票价", "上个月的人均票价"])
def test_per_head_without_a_ratio_says_what_is_missing(question: str) -> None:
    u = understand(question, FERRY, TODAY)
    assert u.refused
    assert "per person" in u.reason_en and "no one metric dividing it" in u.reason_en
    assert "按人平均" in u.reason and "比率指标" in u.reason


def test_per_head_with_the_ratio_is_answered() -> None:
    u = understand("人均票价", FERRY_RATIO, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["fare_per_rider"]


def test_the_total_is_still_answered() -> None:
    u = understand("票价总额", FERRY, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["fares"]
