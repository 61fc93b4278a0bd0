"""Wrong-answer classes found by the session-6 wrong hunt (``test_nl2sql_probes_wrongs``), one
rule each, on small models of other domains than the probe sets that showed them.

Each class gave a plausible interpretation over the wrong rows:

- a rank word after a merged count ("航班数前四的目的地") lost its ranked noun, and a ranking
  with nothing to rank answered the one total beside "top 4";
- a year written against a dimension ("planes built in 2004") became a time range on the
  metric's own date plus a grouping by the dimension;
- a lower-case data value spelled like a grammar word ("in the us") was dropped;
- a Chinese proper name glossed "American Airlines" / "Peking University" bridged on its head
  noun to the airline / university *dimension* and grouped by it;
- a bridged Chinese date word (到期 from "expiration date") named one of two dates of the
  counted thing and took the one of another model keyed by it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from tests.understand_helpers import understood_query

TODAY = dt.date(2024, 6, 30)

# -- real estate: houses with a year built, sold on a sale date ---------------------------------
_HOUSE_DIMS = ("house__year_built", "house__city", "sale__sold_date", "metric_time")
HOMES = Catalog(
    metrics=(
        CatalogMetric(
            "home_sales",
            "Home Sales",
            description="Number of homes sold.",
            dimensions=_HOUSE_DIMS,
            agg_time_dimension="sale__sold_date",
            counts="sale",
        ),
        CatalogMetric(
            "sale_price",
            "Sale Price",
            description="Total sale price in dollars.",
            dimensions=_HOUSE_DIMS,
            agg_time_dimension="sale__sold_date",
        ),
    ),
    dimensions=(
        CatalogDimension(
            "house__year_built",
            "Year Built",
            description="Year the house was built.",
            entity="house",
            values=("1990", "2004", "2015"),
        ),
        CatalogDimension("house__city", "City", entity="house", values=("Austin", "Denver")),
        CatalogDimension("sale__sold_date", "Sold Date", entity="sale", dim_type="time"),
    ),
    entities=(CatalogEntity("sale", "sale"), CatalogEntity("house", "house")),
)

# -- logistics: shipments with a lower-case destination country code -------------------------
SHIPPING = Catalog(
    metrics=(
        CatalogMetric(
            "shipments",
            "Shipments",
            dimensions=("shipment__destination_country", "shipment__carrier", "metric_time"),
            agg_time_dimension="shipment__shipped_date",
            counts="shipment",
        ),
        CatalogMetric(
            "freight_cost",
            "Freight Cost",
            dimensions=("shipment__destination_country", "shipment__carrier", "metric_time"),
            agg_time_dimension="shipment__shipped_date",
        ),
    ),
    dimensions=(
        CatalogDimension(
            "shipment__destination_country",
            "Destination Country",
            entity="shipment",
            values=("us", "de", "fr"),
        ),
        CatalogDimension("shipment__carrier", "Carrier", entity="shipment", values=("DHL", "UPS")),
        CatalogDimension(
            "shipment__shipped_date", "Shipped Date", entity="shipment", dim_type="time"
        ),
    ),
    entities=(CatalogEntity("shipment", "shipment"),),
)


def _named(entity: str, label: str, values: tuple[str, ...], metric: str, counted: str) -> Catalog:
    """A model of ``metric`` (counting ``counted``) by the name of an ``entity``."""
    name = f"{entity}__{entity}_name"
    return Catalog(
        metrics=(
            CatalogMetric(metric, metric.title(), dimensions=(name, "metric_time"), counts=counted),
        ),
        dimensions=(CatalogDimension(name, label, entity=entity, values=values),),
        entities=(CatalogEntity(entity, entity), CatalogEntity(counted, counted)),
    )


# -- education and banking: a count by the name of a university / a bank ----------------------
SCHOOLS = _named("university", "University Name", ("Northfield College",), "students", "student")
BANKS = _named("bank", "Bank Name", ("First Federal", "Lakeside Trust"), "transfers", "transfer")


def _two_end_dates(entity: str, metric: str) -> Catalog:
    """``entity``'s own expiration date and a role row's expiration date, both keyed by it."""
    dims = (
        f"{entity}__{entity}_expiration_date",
        f"{entity}__expiration_date",
        f"{entity}__start_date",
    )
    return Catalog(
        metrics=(
            CatalogMetric(
                metric,
                metric.replace("_", " "),
                dimensions=(*dims, "metric_time"),
                agg_time_dimension=dims[2],
                counts=entity,
            ),
        ),
        dimensions=tuple(
            CatalogDimension(d, d.split("__")[1].replace("_", " "), entity=entity, dim_type="time")
            for d in dims
        ),
        entities=(CatalogEntity(entity, entity),),
    )


# -- leasing and subscriptions: two expiration dates of one thing -----------------------------
LEASES = _two_end_dates("lease", "number_of_leases")
SUBSCRIPTIONS = _two_end_dates("subscription", "subscriptions")


def _refusal(question: str, catalog: Catalog) -> str:
    u = understand(question, catalog, TODAY)
    assert u.refused, u.query
    return str(u.reason_en)


# -- rankings -------------------------------------------------------------------------------------


def _counted_by(metric: str, counted: str, other: str) -> Catalog:
    """``metric`` counts ``counted`` rows, which can be grouped by the ``other`` entity."""
    return Catalog(
        metrics=(
            CatalogMetric(
                metric, metric.title(), dimensions=(other, "metric_time"), counts=counted
            ),
        ),
        dimensions=(),
        entities=(CatalogEntity(counted, counted), CatalogEntity(other, other)),
    )


@pytest.mark.parametrize(
    ("question", "catalog", "group"),
    [
        ("交易数最多的客户", _counted_by("transactions", "transaction", "customer"), "customer"),
        ("贷款数最多的借款人", _counted_by("loans", "loan", "borrower"), "borrower"),
    ],
)
def test_a_rank_word_after_a_merged_count_ranks_the_entity_after_it(
    question: str, catalog: Catalog, group: str
) -> None:
    """The 数 left behind by the merged count (交易 + 数) hid the metric before the rank word,
    so the entity after it was read as the counted thing: nothing grouped, one total."""
    q = understood_query(question, catalog, TODAY)
    assert q.group_by == [group]
    assert q.limit == 1


@pytest.mark.parametrize(
    ("question", "catalog"),
    [("shipments top 3", SHIPPING), ("home sales top 4", HOMES)],
)
def test_a_ranking_with_nothing_to_rank_is_refused(question: str, catalog: Catalog) -> None:
    """Answered before as the one total beside "top N"."""
    assert "top/bottom of what" in _refusal(question, catalog)


# -- a year written against a dimension ------------------------------------------------------------


def test_built_in_a_year_is_a_value_of_the_year_built_dimension() -> None:
    q = understood_query("home sales of houses built in 2004", HOMES, TODAY)
    assert q.time_range is None
    assert [(f.dimension, f.op, f.values) for f in q.filters] == [
        ("house__year_built", "=", [2004])
    ]
    assert "house__year_built" not in q.group_by


def test_a_year_of_the_metric_beside_a_plain_dimension_stays_a_time_range() -> None:
    q = understood_query("home sales by city in 2004", HOMES, TODAY)
    assert q.time_range is not None and q.time_range.start == dt.date(2004, 1, 1)
    assert q.group_by[0] == "house__city"


def _described(entity: str, dim: str, label: str, description: str, own_date: str) -> Catalog:
    """A count of ``entity`` with one categorical dimension described by an event verb."""
    dims = (f"{entity}__{dim}", f"{entity}__{own_date}")
    return Catalog(
        metrics=(
            CatalogMetric(
                f"{entity}s",
                f"{entity.title()}s",
                dimensions=(*dims, "metric_time"),
                agg_time_dimension=dims[1],
                counts=entity,
            ),
        ),
        dimensions=(
            CatalogDimension(
                dims[0], label, description=description, entity=entity, values=("A", "B")
            ),
            CatalogDimension(dims[1], own_date.replace("_", " "), entity=entity, dim_type="time"),
        ),
        entities=(CatalogEntity(entity, entity),),
    )


@pytest.mark.parametrize(
    ("question", "catalog"),
    [
        (
            "customers born in 1980",
            _described(
                "customer",
                "birth_country",
                "Birth Country",
                "Country the customer was born in.",
                "first_purchase_date",
            ),
        ),
        (
            "patients born in 1990",
            _described(
                "patient",
                "birth_state",
                "Birth State",
                "State the patient was born in.",
                "first_visit_date",
            ),
        ),
    ],
)
def test_an_event_verb_bridged_to_a_dimension_before_a_year_is_refused(
    question: str, catalog: Catalog
) -> None:
    """Read before as a grouping by birth country (state) over the customers whose *first
    purchase* (patients whose first visit) was in that year."""
    assert "I can't tell which date" in _refusal(question, catalog)


# -- a value spelled like a grammar word ----------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "metric"),
    [("shipments to the us", "shipments"), ("freight cost of shipments to the us", "freight_cost")],
)
def test_a_lower_case_value_after_the_is_the_value(question: str, metric: str) -> None:
    q = understood_query(question, SHIPPING, TODAY)
    assert q.metrics == [metric]
    assert [(f.dimension, f.values) for f in q.filters] == [
        ("shipment__destination_country", ["us"])
    ]


LODGING = Catalog(
    metrics=(
        CatalogMetric("bookings", "Bookings", dimensions=("listing__country", "metric_time")),
    ),
    dimensions=(
        CatalogDimension("listing__country", "Country", entity="listing", values=("us", "jp")),
    ),
    entities=(CatalogEntity("listing", "listing"),),
)


@pytest.mark.parametrize(
    ("question", "catalog", "dimension"),
    [
        ("freight cost for us shipments", SHIPPING, "shipment__destination_country"),
        ("bookings for us listings", LODGING, "listing__country"),
    ],
)
def test_a_lower_case_value_between_a_preposition_and_a_noun_is_the_value(
    question: str, catalog: Catalog, dimension: str
) -> None:
    """Dropped as the pronoun before: the total over every country."""
    assert [
        (f.dimension, f.values) for f in understood_query(question, catalog, TODAY).filters
    ] == [(dimension, ["us"])]


def test_a_pronoun_us_stays_a_grammar_word() -> None:
    q = understood_query("show us the shipments by carrier", SHIPPING, TODAY)
    assert q.filters == [] and q.group_by == ["shipment__carrier"]


# -- a Chinese proper name is a thing, not its kind ------------------------------------------------


@pytest.mark.parametrize(
    ("question", "catalog"),
    [("哈佛大学的学生数", SCHOOLS), ("德意志银行的转账数", BANKS)],
)
def test_a_proper_name_never_bridges_to_its_head_noun(question: str, catalog: Catalog) -> None:
    """哈佛大学 "Harvard University" grouped by university name before (and 德意志银行
    "Deutsche Bank" by bank name): the count of every university, not Harvard's."""
    assert "I don't know" in _refusal(question, catalog)


@pytest.mark.parametrize(
    ("question", "catalog", "group"),
    [("各大学的学生数", SCHOOLS, "university"), ("各银行的转账数", BANKS, "bank")],
)
def test_the_kind_itself_still_bridges(question: str, catalog: Catalog, group: str) -> None:
    assert understood_query(question, catalog, TODAY).group_by[0] == group


# -- two dates of one thing ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "catalog", "own"),
    [
        ("2023年到期的租约数", LEASES, "lease__lease_expiration_date"),
        ("2023年到期的订阅数", SUBSCRIPTIONS, "subscription__subscription_expiration_date"),
    ],
)
def test_a_bridged_date_word_takes_the_counted_things_own_date(
    question: str, catalog: Catalog, own: str
) -> None:
    """到期 bridges from "expiration date", the role row's date (empty in the project that
    showed it); the counted thing's own date is the one its name says is its own."""
    q = understood_query(question, catalog, TODAY)
    assert [(f.dimension, f.op, f.values) for f in q.filters] == [
        (own, ">=", ["2023-01-01"]),
        (own, "<", ["2024-01-01"]),
    ]
    assert q.time_range is None


@pytest.mark.parametrize(
    ("question", "catalog"),
    [
        ("top 2 carriers by shipments for each destination country", SHIPPING),
        ("top 2 cities by home sales for each year built", HOMES),
    ],
)
def test_a_ranking_within_each_group_is_refused(question: str, catalog: Catalog) -> None:
    """Answered before as the top N (carrier, country) pairs overall, not N per country."""
    assert "not within each" in _refusal(question, catalog)


# -- a joined model's key column is the facts' own foreign key --------------------------------


def _keyed(entity: str, key_dim: str, key_label: str, metric: str) -> Catalog:
    """``metric`` over facts with a foreign key to ``entity``, whose model exposes its key
    column as the dimension ``key_dim`` (``is_key``) beside a name."""
    key = f"{entity}__{key_dim}"
    name = f"{entity}__{entity}_name"
    return Catalog(
        metrics=(
            CatalogMetric(metric, metric.title(), dimensions=(key, name, entity, "metric_time")),
        ),
        dimensions=(
            CatalogDimension(key, key_label, entity=entity, is_key=True),
            CatalogDimension(name, f"{entity.title()} Name", entity=entity),
        ),
        entities=(CatalogEntity(entity, entity),),
    )


@pytest.mark.parametrize(
    ("question", "catalog", "entity"),
    [
        ("sales by store code", _keyed("store", "store_code", "Store Code", "sales"), "store"),
        ("repairs by vin", _keyed("vehicle", "vin", "VIN", "repairs"), "vehicle"),
    ],
)
def test_grouping_by_a_joined_key_column_groups_by_the_facts_foreign_key(
    question: str, catalog: Catalog, entity: str
) -> None:
    """Grouped through the join before: facts whose key has no row there were one NULL group."""
    assert understood_query(question, catalog, TODAY).group_by[0] == entity


def test_the_catalog_marks_a_models_key_column() -> None:
    from pathlib import Path

    from semantic_layer import build_catalog, load_model

    flights = Path(__file__).parent / "eval" / "flights" / "model"
    catalog = build_catalog(load_model(flights), None)
    tail, model = (
        catalog.dimension("plane__tail_number"),
        catalog.dimension("plane__aircraft_model"),
    )
    assert tail is not None and tail.is_key
    assert model is not None and not model.is_key
