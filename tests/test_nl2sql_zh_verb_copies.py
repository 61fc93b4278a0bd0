"""Chinese verb-object words said with their verb again or their object first, and "是谁", on
an EV-charging and a car-wash model (not the parking model that showed them).

- verb copying before a degree complement: "充电充得最多" is "充电最多" (the top by count);
- the object said first: "哪个城市的电充得最多" is "哪个城市的充电最多";
- "…是谁" after the ranked noun asks which ones, like "…是哪些";
- a verb that is not the model word's own stays unknown: "充电洗得最多" is refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")


def _model(entity: str, place: str, zh: str, values: tuple[str, ...]) -> Catalog:
    """A count of ``entity`` rows (called ``zh`` in Chinese) and where they happened."""
    day = f"{entity}__{entity}_date"
    return Catalog(
        metrics=(
            CatalogMetric(
                f"{entity}s_count",
                f"{entity.title()}s Count",
                agg="count",
                counts=entity,
                agg_time_dimension=day,
            ),
        ),
        dimensions=(
            CatalogDimension(day, "Date", dim_type="time"),
            CatalogDimension(f"{entity}__{place}", place.title(), values=values),
        ),
        entities=(CatalogEntity(entity, entity, synonyms=(zh,)),),
    )


EV = _model("session", "city", "充电", ("Oslo", "Bergen"))
WASH = _model("wash", "site", "洗车", ("North", "South"))


@pytest.mark.parametrize(
    ("question", "catalog", "group", "limit"),
    [
        ("哪个城市充电充得最多", EV, "session__city", 1),
        ("哪个城市的电充得最多", EV, "session__city", 1),
        ("充电次数最多的两个城市是谁", EV, "session__city", 2),
        ("哪个site洗车洗得最多", WASH, "wash__site", 1),
        ("哪个site的车洗得最多", WASH, "wash__site", 1),
        ("洗车最多的site是谁", WASH, "wash__site", 1),
    ],
)
def test_the_word_said_again_is_the_word(question, catalog, group, limit) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, (question, u.reason_en)
    q = u.query
    assert q is not None
    assert (q.metrics, q.group_by, q.limit) == ([catalog.metrics[0].name], [group], limit)
    assert q.order_by and q.order_by[0].descending


@pytest.mark.parametrize(
    ("question", "catalog"),
    [("哪个城市充电洗得最多", EV), ("哪个site的电洗得最多", WASH)],
)
def test_another_verb_stays_unknown(question, catalog) -> None:
    assert understand(question, catalog, TODAY).refused


@pytest.mark.parametrize(
    ("question", "catalog", "group", "descending"),
    [
        ("哪个城市充得最多", EV, "session__city", True),
        ("洗得最少的site", WASH, "wash__site", False),
    ],
)
def test_a_lone_verb_before_de_is_its_word(question, catalog, group, descending) -> None:
    """ "哪个城市充得最多": the object left out, the verb is the one model word it begins."""
    u = understand(question, catalog, TODAY)
    assert not u.refused, (question, u.reason_en)
    q = u.query
    assert q is not None and (q.group_by, q.limit) == ([group], 1)
    assert q.order_by[0].descending is descending


def test_a_verb_with_two_readings_stays_unknown() -> None:
    two = Catalog(
        metrics=EV.metrics,
        dimensions=EV.dimensions,
        entities=(
            CatalogEntity("session", "session", synonyms=("充电",)),
            CatalogEntity("top_up", "top up", synonyms=("充值",)),
        ),
    )
    assert understand("哪个城市充得最多", two, TODAY).refused
