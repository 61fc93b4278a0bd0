"""Country codes named by their country (``nl2sql/vocabulary/countries.py``): 德国 and
"Germany" reach the value ``DE`` of a country dimension (CLDR names through babel); a state
dimension's ``DE`` (Delaware) is never read as Germany. Catalogs from two domains (parcels,
insurance), written like dbt projects by others.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from semantic_layer.query import DimensionFilter

TODAY = dt.date(2026, 4, 1)


pytestmark = pytest.mark.usefixtures("own_cache")


PARCELS = Catalog(
    metrics=(CatalogMetric("parcel_count", "Parcels", agg="count", counts="parcel"),),
    dimensions=(
        CatalogDimension(
            "parcel__destination_country",
            "Destination Country",
            entity="parcel",
            values=("DE", "US", "FR"),
        ),
    ),
    entities=(CatalogEntity("parcel", "parcel"),),
)

INSURANCE = Catalog(
    metrics=(CatalogMetric("total_premium", "Total Premium", agg="sum"),),
    dimensions=(
        CatalogDimension(
            "policy__holder_nation", "Holder Nation", entity="policy", values=("GB", "JP")
        ),
        CatalogDimension("policy__state", "State", entity="policy", values=("DE", "TX")),
    ),
    entities=(CatalogEntity("policy", "policy"),),
)


@pytest.mark.parametrize(
    ("catalog", "question", "metric", "dimension", "value"),
    [
        (PARCELS, "parcels to Germany", "parcel_count", "parcel__destination_country", "DE"),
        (PARCELS, "发往德国的parcels", "parcel_count", "parcel__destination_country", "DE"),
        (
            PARCELS,
            "parcels to the United States",
            "parcel_count",
            "parcel__destination_country",
            "US",
        ),
        (INSURANCE, "total premium in Japan", "total_premium", "policy__holder_nation", "JP"),
        (INSURANCE, "英国的总保费", "total_premium", "policy__holder_nation", "GB"),
    ],
)
def test_a_country_name_filters_its_code(catalog, question, metric, dimension, value) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == [metric]
    assert u.query.filters == [DimensionFilter(dimension=dimension, op="=", values=[value])]


def test_a_state_code_is_never_a_country() -> None:
    u = understand("total premium in Germany", INSURANCE, TODAY)
    assert u.refused  # DE is Delaware in a state column: no country reading
