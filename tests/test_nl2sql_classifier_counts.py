"""A classifier with no noun counts the one entity CC-CEDICT says it counts (几趟, 几场).

"上个月一共跑了几趟" on a fresh NYC mobility project was refused ("I don't know '几趟'"): jieba
kept 几趟 whole, and nothing read 趟 as the trips it counts. CC-CEDICT lists the classifiers of
each noun (旅行 "trip / CL:趟", 比赛 "match / CL:场"), so the classifier names the entity when
exactly one entity of the model is such a noun (``rules/classifier_counts``). Two domains: taxi
trips and a football league; a model with two such entities refuses naming both.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from nl2sql.vocabulary.classifiers import counted_nouns
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 1, 5)

pytestmark = pytest.mark.usefixtures("own_cache")


def _catalog(*facts: tuple[str, str, str], extra: tuple[CatalogDimension, ...] = ()) -> Catalog:
    """One count metric per (entity, metric, label), each with a day dimension."""
    metrics, dims, ents = [], [], []
    for entity, metric, label in facts:
        day = f"{entity}__day"
        own = tuple(d.name for d in extra if d.entity == entity)
        metrics.append(
            CatalogMetric(
                metric,
                label,
                agg="count",
                counts=entity,
                agg_time_dimension=day,
                dimensions=(day, *own),
            )
        )
        dims.append(CatalogDimension(day, "Day", dim_type="time", entity=entity))
        ents.append(CatalogEntity(entity, entity))
    return Catalog(metrics=tuple(metrics), dimensions=(*dims, *extra), entities=tuple(ents))


TAXI = _catalog(
    ("trip", "total_trips", "Total Trips"),
    extra=(
        CatalogDimension(
            "trip__trip_type", "trip type", entity="trip", values=("yellow_taxi", "citibike")
        ),
    ),
)
LEAGUE = _catalog(("match", "matches_played", "Matches Played"))
TRAVEL = _catalog(("trip", "trips", "Trips"), ("flight", "flights", "Flights"))


def test_the_dictionary_says_what_a_classifier_counts() -> None:
    assert {"trip", "flight"} <= counted_nouns("趟")
    assert {"match", "game"} <= counted_nouns("场")
    assert "trip" not in counted_nouns("场")


@pytest.mark.parametrize(
    ("catalog", "question", "metric", "month"),
    [
        (TAXI, "上个月一共多少趟？", "total_trips", 12),
        (TAXI, "12月一共几趟", "total_trips", 12),
        (LEAGUE, "11月一共几场？", "matches_played", 11),
        (LEAGUE, "上个月一共多少场", "matches_played", 12),
    ],
)
def test_a_classifier_alone_counts_its_entity(catalog, question, metric, month) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None and u.query.metrics == [metric]
    assert u.query.time_range is not None and u.query.time_range.start == dt.date(2025, month, 1)


def test_a_value_before_the_classifier_still_filters() -> None:
    u = understand("citibike上个月几趟", TAXI, TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None and u.query.metrics == ["total_trips"]
    assert [(f.dimension, f.values) for f in u.query.filters] == [("trip__trip_type", ["citibike"])]


def test_two_entities_the_classifier_counts_are_refused() -> None:
    u = understand("上个月一共几趟", TRAVEL, TODAY)
    assert u.refused
    assert "flight" in u.reason_en and "trip" in u.reason_en, u.reason_en


@pytest.mark.parametrize("question", ["上个月一共几场", "上个月一共几个"])
def test_a_classifier_naming_no_entity_decides_nothing(question) -> None:
    """场 counts no trip, 个 counts anything: neither is read as the taxi model's trips."""
    u = understand(question, TAXI, TODAY)
    assert u.refused, u.query
