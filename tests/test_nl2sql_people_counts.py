"""人数 after an event is the model's count of the distinct people of that event.

Small models of our own (a café's purchases and their customers, a bike scheme's rentals and
their riders): no evaluation set's words. With two such counts, or only a count of people on
their own table, 人数 after an event stays refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from tests.tiny_models import row_count_metric
from tests.understand_helpers import reading

TODAY = dt.date(2026, 4, 20)


def _model(
    fact: str, person: str, people: str, *, second: bool = False, own: bool = False
) -> Catalog:
    """``fact`` rows with a distinct count of their ``person``s (``people``); ``second`` adds
    another such count on the same rows, ``own`` makes the only count one on the person's table."""
    fdims = (f"{fact}__{fact}_date", f"{person}__tier")
    metrics = [
        row_count_metric(fact, fdims),
        CatalogMetric(
            people,
            people.replace("_", " ").title(),
            agg="count_distinct",
            measure_expr=f"{person}_id",
            counts=person,
            agg_time_dimension=f"{person}__joined_on" if own else fdims[0],
            dimensions=fdims,
        ),
    ]
    if second:
        metrics.append(
            CatalogMetric(
                "tipping_people",
                "Tipping People",
                agg="count_distinct",
                measure_expr=f"tipping_{person}_id",
                counts=person,
                agg_time_dimension=fdims[0],
                dimensions=fdims,
            )
        )
    return Catalog(
        metrics=tuple(metrics),
        dimensions=(
            CatalogDimension(fdims[0], "Date", "time", entity=fact),
            CatalogDimension(f"{person}__joined_on", "Joined On", "time", entity=person),
            CatalogDimension("refund__refund_date", "Refund Date", "time", entity="refund"),
            CatalogDimension(fdims[1], "Tier", values=("GOLD", "BASIC"), entity=person),
        ),
        entities=(
            CatalogEntity(fact, fact),
            CatalogEntity(person, person),
            CatalogEntity("refund", "refund"),
        ),
    )


CAFE = _model("purchase", "customer", "paying_customers")
BIKES = _model("rental", "rider", "active_riders")
CAFE_TWO = _model("purchase", "customer", "paying_customers", second=True)
CAFE_OWN = _model("purchase", "customer", "paying_customers", own=True)


@pytest.mark.parametrize(
    ("catalog", "question", "expected"),
    [
        (CAFE, "purchases人数", (["paying_customers"], [])),
        (CAFE, "购买人数", (["paying_customers"], [])),
        (BIKES, "rentals人数", (["active_riders"], [])),
        (BIKES, "GOLD的rentals人数", (["active_riders"], [("rider__tier", "=", ["GOLD"])])),
        # two counts of people on the rows, or only one on the people's own table: refused
        (CAFE_TWO, "purchases人数", "refused"),
        (CAFE_OWN, "purchases人数", "refused"),
    ],
)
def test_people_of_an_event(catalog, question, expected) -> None:
    assert reading(question, catalog, TODAY) == expected
