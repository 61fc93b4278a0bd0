"""A verb before a value restates the filter when it reaches a dimension of the same name that
the question's metrics cannot reach ("orders *shipping* to FR" filters the order's destination
country; the verb reaches the shipment's). The models are our own (a web shop's orders and
their shipments, a travel agency's trips and their flights): no evaluation set's words. When
the metrics can reach the verb's dimension too, the verb names a second condition: refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity
from tests.tiny_models import row_count_metric
from tests.understand_helpers import reading

TODAY = dt.date(2026, 4, 20)


def _model(fact: str, event: str, short: str, values: tuple[str, ...], reach: bool) -> Catalog:
    """``fact``s with their own ``short`` dimension, and ``event``s with one of the same name
    (labelled with the event's noun); ``reach``: the fact's metric reaches the event's too."""
    own, other = f"{fact}__{short}", f"{event}__{short}"
    label = short.replace("_", " ").title()
    dims = (f"{fact}__{fact}_date", own, *((other,) if reach else ()))
    return Catalog(
        metrics=(row_count_metric(fact, dims),),
        dimensions=(
            CatalogDimension(dims[0], "Date", "time", entity=fact),
            CatalogDimension(own, label, values=values, entity=fact),
            CatalogDimension(other, f"{event.title()} {label}", values=values, entity=event),
        ),
        entities=(CatalogEntity(fact, fact), CatalogEntity(event, event)),
    )


SHOP = _model("order", "shipment", "destination_country", ("FR", "IT"), reach=False)
TRAVEL = _model("trip", "flight", "arrival_city", ("Oslo", "Bergen"), reach=False)
SHOP_BOTH = _model("order", "shipment", "destination_country", ("FR", "IT"), reach=True)


@pytest.mark.parametrize(
    ("catalog", "question", "expected"),
    [
        (
            SHOP,
            "orders shipping to FR",
            (["orders"], [("order__destination_country", "=", ["FR"])]),
        ),
        (TRAVEL, "trips flown to Oslo", (["trips"], [("trip__arrival_city", "=", ["Oslo"])])),
        # the metric reaches the shipment's country too: the verb would be a second condition
        (SHOP_BOTH, "orders shipping to FR", "refused"),
    ],
)
def test_a_verb_restates_a_filter_of_the_same_name(catalog, question, expected) -> None:
    assert reading(question, catalog, TODAY) == expected
