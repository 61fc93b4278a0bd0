"""A rate named per a fixed amount of a unit ("goals_per90", "accidents_per100") is asked
for with the unit spelled out: "goals per 90 minutes", 每90分钟进球, 每100小时事故.

The names carry only the number and the description says the unit, so English questions read
the unit as a conversion ("cannot be given in minutes") and Chinese ones found no metric at all
on a public football project (``vocabulary.rate_anchors``). Two domains: football per 90
minutes and a fleet's accidents per 100 hours. The helper numerator of a rate and a metric
whose description names no unit get no such phrase; the thing alone is no rate.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 6, 1)

pytestmark = pytest.mark.usefixtures("own_cache")


def _catalog(
    fact: str, metrics: list[tuple[str, str]], dim: str, values: tuple[str, ...]
) -> Catalog:
    d = CatalogDimension(f"{fact}__{dim}", dim.title(), entity=fact, values=values)
    return Catalog(
        metrics=tuple(
            CatalogMetric(
                name,
                name.replace("_", " ").title(),
                agg="sum",
                agg_time_dimension=f"{fact}__day",
                dimensions=(d.name,),
                description=desc,
                metric_type="ratio",
            )
            for name, desc in metrics
        ),
        dimensions=(CatalogDimension(f"{fact}__day", "Day", dim_type="time", entity=fact), d),
        entities=(CatalogEntity(fact, fact),),
    )


FOOTBALL = _catalog(
    "stint",
    [
        ("goals_per90", "Goals per 90 minutes using aggregated goals and minutes."),
        ("goals_per90_numerator", "Goals scaled by 90 before aggregation."),
    ],
    "position",
    ("Attacker", "Defender"),
)
FLEET = _catalog(
    "shift",
    [("accidents_per100", "Accidents per 100 hours driven."), ("stops_per10", "Stops per ten.")],
    "region",
    ("North", "South"),
)


@pytest.mark.parametrize(
    ("catalog", "question", "metric", "group_by"),
    [
        (FOOTBALL, "goals per 90 minutes by position", "goals_per90", ["stint__position"]),
        (FOOTBALL, "各位置每90分钟进球", "goals_per90", ["stint__position"]),
        (FOOTBALL, "每90分钟的进球是多少", "goals_per90", []),
        (FLEET, "accidents per 100 hours by region", "accidents_per100", ["shift__region"]),
        (FLEET, "各地区每100小时事故", "accidents_per100", ["shift__region"]),
    ],
)
def test_the_spelled_out_rate_names_the_metric(catalog, question, metric, group_by) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None
    assert (u.query.metrics, u.query.group_by) == ([metric], group_by)
    assert not u.conversions


@pytest.mark.parametrize(
    ("catalog", "question"),
    [
        (FOOTBALL, "各位置的进球"),  # a count of goals is no rate per 90 minutes
        (FLEET, "每10小时停车"),  # the description gives no unit for stops_per10
    ],
)
def test_no_rate_phrase_without_its_number_and_unit(catalog, question) -> None:
    u = understand(question, catalog, TODAY)
    assert u.refused or (u.query is not None and u.query.metrics != ["goals_per90"])
