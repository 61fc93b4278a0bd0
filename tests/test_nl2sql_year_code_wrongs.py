"""Three wrong answers of session 17, each on a small original model (boats, depots, weather
stations), with the one-word-difference neighbours that must keep their reading:

- "rentals by boats built in 2004": a year after a bridged event verb in a "by" list filters
  the year-valued dimension; it grouped by Year Built over rentals *in* 2004 (empty);
- "depot codes with more than 44012 parcels": the number before a metric word is a threshold on
  that metric; it was read as ``depot_code > 44012``;
- "observations in 2000" where 2000 is also a stored postal code: asked back with both
  readings, runnable; it answered the year 2000 (empty).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from semantic_layer.query import SemanticQuery
from tests.understand_helpers import understood_query

TODAY = dt.date(2025, 6, 30)

_BOAT_DIMS = ("boat__year_built", "boat__make", "rental__rented_on", "metric_time")
BOATS = Catalog(
    metrics=(
        CatalogMetric(
            "rentals",
            "Rentals",
            description="Number of boat rentals.",
            dimensions=_BOAT_DIMS,
            agg_time_dimension="rental__rented_on",
            counts="rental",
        ),
    ),
    dimensions=(
        CatalogDimension(
            "boat__year_built",
            "Year Built",
            description="Year the boat was built.",
            entity="boat",
            values=("1998", "2004", "2011"),
        ),
        CatalogDimension("boat__make", "Make", entity="boat", values=("Catalina", "Hunter")),
        CatalogDimension("rental__rented_on", "Rented On", entity="rental", dim_type="time"),
    ),
    entities=(CatalogEntity("rental", "rental"), CatalogEntity("boat", "boat")),
)

_DEPOT_DIMS = ("depot__depot_code", "depot__region", "parcel__received_on", "metric_time")
DEPOTS = Catalog(
    metrics=(
        CatalogMetric(
            "parcels",
            "Parcels",
            description="Number of parcels received.",
            dimensions=_DEPOT_DIMS,
            agg_time_dimension="parcel__received_on",
            counts="parcel",
        ),
        CatalogMetric(
            "parcel_weight",
            "Parcel Weight",
            description="Total weight of parcels in kilograms.",
            dimensions=_DEPOT_DIMS,
            agg_time_dimension="parcel__received_on",
        ),
    ),
    dimensions=(
        CatalogDimension(
            "depot__depot_code", "Depot Code", entity="depot", values=("44012", "44013", "51020")
        ),
        CatalogDimension("depot__region", "Region", entity="depot", values=("North", "South")),
        CatalogDimension("parcel__received_on", "Received On", entity="parcel", dim_type="time"),
    ),
    entities=(CatalogEntity("parcel", "parcel"), CatalogEntity("depot", "depot")),
)

_STATION_DIMS = ("station__postal_code", "station__state", "reading__observed_on", "metric_time")
STATIONS = Catalog(
    metrics=(
        CatalogMetric(
            "observations",
            "Observations",
            description="Number of weather observations.",
            dimensions=_STATION_DIMS,
            agg_time_dimension="reading__observed_on",
            counts="reading",
        ),
    ),
    dimensions=(
        CatalogDimension(
            "station__postal_code",
            "Postal Code",
            entity="station",
            values=("2000", "3051", "6000"),
        ),
        CatalogDimension("station__state", "State", entity="station", values=("NSW", "VIC")),
        CatalogDimension("reading__observed_on", "Observed On", entity="reading", dim_type="time"),
    ),
    entities=(CatalogEntity("reading", "reading"), CatalogEntity("station", "station")),
)


def _filters(q: SemanticQuery) -> list[tuple[str, str, list[object]]]:
    return [(f.dimension, f.op, list(f.values)) for f in q.filters]


def _year(q: SemanticQuery, year: int) -> bool:
    tr = q.time_range
    return tr is not None and (tr.start, tr.end) == (dt.date(year, 1, 1), dt.date(year + 1, 1, 1))


# -- 1. a year after a bridged event verb in a "by" list -------------------------------------


def test_by_things_built_in_a_year_filters_the_year_built() -> None:
    q = understood_query("rentals by boats built in 2004", BOATS, TODAY)
    assert q.time_range is None
    assert _filters(q) == [("boat__year_built", "=", [2004])]
    assert "boat__year_built" not in q.group_by


def test_by_the_dimension_own_name_keeps_the_breakdown_of_that_year() -> None:
    q = understood_query("rentals by year built in 2004", BOATS, TODAY)
    assert q.group_by == ["boat__year_built"] and _year(q, 2004) and not q.filters


def test_by_things_built_without_a_year_still_groups() -> None:
    q = understood_query("rentals by boats built", BOATS, TODAY)
    assert q.group_by == ["boat__year_built"] and q.time_range is None and not q.filters


def test_a_plain_year_of_the_metric_stays_a_time_range() -> None:
    q = understood_query("rentals in 2004", BOATS, TODAY)
    assert _year(q, 2004) and not q.filters and not q.group_by


@pytest.mark.parametrize(
    "question", ["rentals by boats built before 1999", "rentals by boats built in March 2004"]
)
def test_by_things_built_other_dates_are_never_the_rental_date(question: str) -> None:
    u = understand(question, BOATS, TODAY)
    if not u.refused:
        assert u.query is not None and u.query.time_range is None


# -- 2. "more than N <metric>" binds to the metric ---------------------------------------------


#: a listing kept by a metric condition leaves out the parcels of no depot (not a depot code,
#: see build._ranked_keys_known); what these tests rule out is a condition on the code's values
_KEY_KNOWN = [("depot__depot_code", "is not null", [])]


@pytest.mark.parametrize("n", [44012, 100])
def test_more_than_n_parcels_is_a_threshold_on_parcels(n: int) -> None:
    q = understood_query(f"depot codes with more than {n} parcels", DEPOTS, TODAY)
    assert _filters(q) == _KEY_KNOWN  # no condition on the code's values
    assert q.group_by == ["depot__depot_code"]
    assert [(h.metric, h.op, h.value) for h in q.having] == [("parcels", ">", float(n))]


def test_metric_before_the_comparison_stays_a_threshold() -> None:
    q = understood_query("depot codes with parcels more than 44012", DEPOTS, TODAY)
    assert _filters(q) == _KEY_KNOWN
    assert [(h.metric, h.op, h.value) for h in q.having] == [("parcels", ">", 44012.0)]


def test_code_compared_alone_stays_a_condition_on_the_code() -> None:
    q = understood_query("parcels for depot codes above 44012", DEPOTS, TODAY)
    assert _filters(q) == [("depot__depot_code", ">", [44012])] and not q.having


def test_a_unit_before_the_metric_is_never_the_code() -> None:
    u = understand("depot codes with more than 44012 kg of parcel weight", DEPOTS, TODAY)
    if not u.refused:
        assert u.query is not None and _filters(u.query) in ([], _KEY_KNOWN)


# -- 3. a bare year that is also a stored code -------------------------------------------------


@pytest.mark.parametrize(
    ("question", "as_year", "as_value"),
    [
        (
            "observations in 2000",
            "observations in the year 2000",
            "observations in Postal Code 2000",
        ),
        ("2000年的观测数", "2000年全年的观测数", "Postal Code 2000的观测数"),
    ],
)
def test_a_year_that_is_a_stored_code_is_asked_back(
    question: str, as_year: str, as_value: str
) -> None:
    u = understand(question, STATIONS, TODAY)
    assert u.refused and "Postal Code 2000" in str(u.reason_en)
    assert as_year in u.suggestions and as_value in u.suggestions
    assert _year(understood_query(as_year, STATIONS, TODAY), 2000)
    assert _filters(understood_query(as_value, STATIONS, TODAY)) == [
        ("station__postal_code", "=", ["2000"])
    ]


@pytest.mark.parametrize(
    ("question", "year"),
    [("observations in 2025", 2025), ("observations in March 2000", None)],
)
def test_a_year_that_no_code_holds_stays_a_time_range(question: str, year: int | None) -> None:
    q = understood_query(question, STATIONS, TODAY)
    assert not q.filters and q.time_range is not None
    if year is not None:
        assert _year(q, year)


def test_a_code_that_is_no_year_stays_the_code() -> None:
    assert _filters(understood_query("observations in 3051", STATIONS, TODAY)) == [
        ("station__postal_code", "=", ["3051"])
    ]


def test_a_year_valued_dimension_does_not_make_the_year_ambiguous() -> None:
    # boat__year_built stores "2004": "rentals in 2004" is the rental date, as before
    assert _year(understood_query("rentals in 2004", BOATS, TODAY), 2004)


def test_a_year_beside_its_code_dimension_named_stays_the_year() -> None:
    q = understood_query("observations by postal code in 2000", STATIONS, TODAY)
    assert q.group_by == ["station__postal_code"] and _year(q, 2000) and not q.filters
