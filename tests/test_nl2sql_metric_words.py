"""How a question names a metric, a flag or a filter on a model without synonyms (issues 12/18).

The bookshop model (tests/fixtures/semantic/bookshop) is written the way a fresh dbt project
is: English names, labels and descriptions only. Each test states a general rule with an
example of its own: flags named by their adjective, an exact label over a longer one, the
model's own share/growth metric over the engine's derivation, distinct counts, general
grouping words, a dimension over the metric's own column, and money never compared with a
count.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from nl2sql import ask
from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from semantic_layer.catalog_builder import build_catalog
from tests.warehouse_fixtures import module_model, module_warehouse

_spec = importlib.util.spec_from_file_location(
    "nl_catalogs", Path(__file__).parent / "fixtures" / "nl_catalogs.py"
)
nl_catalogs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(nl_catalogs)

TODAY = dt.date(2026, 11, 25)
BOOKSHOP = Path(__file__).parent / "fixtures" / "semantic" / "bookshop"
WAREHOUSE_SQL = """
create table shipments (shipment_id int, reader_id int, book_id int, shipped_at date,
  is_signed_copy boolean, is_ebook boolean, list_price decimal(8,2), amount decimal(8,2));
insert into shipments values
  (1, 1, 1, '2026-10-03', true,  false, 12.5, 12.5), (2, 1, 2, '2026-10-09', false, true, 8.0, 16.0),
  (3, 2, 1, '2026-11-02', false, false, 12.5, 25.0), (4, 3, 3, '2026-11-05', true, false, 30.0, 30.0),
  (5, 2, 2, '2026-11-20', false, true, 8.0, 8.0);
create table books (book_id int, genre varchar, is_organic_paper_book boolean);
insert into books values (1, 'poetry', true), (2, 'history', false), (3, 'poetry', false);
create table readers (reader_id int, city varchar);
insert into readers values (1, 'Lyon'), (2, 'Oslo'), (3, 'Lyon');
"""


con = module_warehouse(WAREHOUSE_SQL)
model = module_model(BOOKSHOP)


@pytest.fixture(scope="module")
def shop(model, con) -> Catalog:
    return build_catalog(model, con)


def _query(question: str, catalog: Catalog):
    u = understand(question, catalog, TODAY)
    assert not u.refused, f"{question!r} refused: {u.reason_en}"
    assert u.query is not None
    return u


def _filters(u) -> list[tuple]:
    return [(f.dimension, f.op, f.values) for f in u.query.filters]


# -- the catalog carries what the rules need --------------------------------------------------


def test_the_catalog_knows_each_measure_and_column(shop: Catalog) -> None:
    served = shop.metric("readers_served")
    assert (served.agg, served.measure_expr) == ("count_distinct", "reader_id")
    assert shop.metric("typical_price").agg == "median"
    assert shop.metric("ebook_share_pct").agg == ""  # a ratio has no measure of its own
    assert shop.dimension("shipment__shipment_value").expr == "amount"


# -- 1. a flag named by its adjective ----------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "dimension", "value"),
    [
        ("signed sales last month", "shipment__is_signed_copy", True),
        ("non-organic sales", "book__is_organic_paper_book", False),
        ("total sales from organics", "book__is_organic_paper_book", True),
        ("有机销售额", "book__is_organic_paper_book", True),
        ("sales of organic paper books", "book__is_organic_paper_book", True),
    ],
)
def test_a_flag_adjective_alone_is_a_filter(
    shop: Catalog, question: str, dimension: str, value: bool
) -> None:
    u = _query(question, shop)
    assert u.query.metrics == ["sales"] and u.query.group_by == []
    assert _filters(u) == [(dimension, "=", [value])]
    assert any(line.endswith(shop.dimension(dimension).label) for line in u.bridged)


def test_grouping_by_a_flag_stays_a_grouping(shop: Catalog) -> None:
    u = _query("sales by signed copy", shop)
    assert u.query.group_by == ["shipment__is_signed_copy"] and u.query.filters == []


def _parcel_catalog() -> Catalog:
    """A Y/N flag (not a boolean column) named ``is_<adjective>_<head>``."""
    dims = ("parcel__is_fragile_parcel", "parcel__carrier")
    return Catalog(
        metrics=(CatalogMetric("freight_cost", "Freight cost", dimensions=dims, agg="sum"),),
        dimensions=(
            CatalogDimension(dims[0], "Is Fragile Parcel", values=("N", "Y"), entity="parcel"),
            CatalogDimension(dims[1], "Carrier", values=("dhl", "ups"), entity="parcel"),
        ),
        entities=(CatalogEntity("parcel", "Parcel"),),
    )


@pytest.mark.parametrize(
    ("question", "value"),
    [("fragile freight cost by carrier", "Y"), ("freight cost of non-fragile parcels", "N")],
)
def test_a_yes_no_flag_adjective_filters_on_its_own_value(question: str, value: str) -> None:
    u = _query(question, _parcel_catalog())
    assert _filters(u) == [("parcel__is_fragile_parcel", "=", [value])]
    assert u.query.group_by == (["parcel__carrier"] if "carrier" in question else [])


# -- 2. the exact label wins -------------------------------------------------------------------


def _two_parcel_counts(second_label: str) -> Catalog:
    dims = ("parcel__carrier",)
    return Catalog(
        metrics=(
            CatalogMetric("parcel_count", "Parcels", dimensions=dims, agg="count"),
            CatalogMetric("parcels", second_label, dimensions=dims, agg="count"),
        ),
        dimensions=(CatalogDimension(dims[0], "Carrier", values=("dhl", "ups"), entity="parcel"),),
        entities=(CatalogEntity("parcel", "Parcel"),),
    )


@pytest.mark.parametrize("question", ["parcels by carrier", "how many parcels", "parcels"])
def test_a_metric_labelled_exactly_so_wins_over_a_longer_label(question: str) -> None:
    u = _query(question, _two_parcel_counts("Parcels (Fill nulls with 0)"))
    assert u.query.metrics == ["parcel_count"]


def test_two_metrics_labelled_exactly_so_stay_ambiguous() -> None:
    u = understand("parcels by carrier", _two_parcel_counts("Parcels"), TODAY)
    assert u.refused and "ambiguous" in u.reason_en


# -- 3. the model's own share / growth metric ---------------------------------------------------


@pytest.mark.parametrize(
    "question", ["percentage of sales from ebooks", "ebook share of sales in Lyon"]
)
def test_a_model_share_metric_answers_instead_of_a_derived_share(
    shop: Catalog, question: str
) -> None:
    u = _query(question, shop)
    assert u.query.metrics == ["ebook_share_pct"] and u.derived is None
    assert all(f[0] != "shipment__is_ebook" for f in _filters(u))
    assert _filters(u) == ([("reader__city", "=", ["Lyon"])] if "Lyon" in question else [])


@pytest.mark.parametrize("question", ["share of sales by genre", "sales share by reader"])
def test_a_share_the_model_does_not_define_is_still_derived(shop: Catalog, question: str) -> None:
    """ "Sales per reader" is a ratio of sales too, but "by reader" is the breakdown of the
    share asked for, not a word of the ratio's name."""
    u = _query(question, shop)
    assert u.query.metrics == ["sales"] and u.derived is not None
    assert u.derived.kind == "share"


@pytest.mark.parametrize("question", ["month over month growth of sales", "sales growth"])
def test_a_model_growth_metric_answers_instead_of_a_derived_change(
    shop: Catalog, question: str
) -> None:
    u = _query(question, shop)
    assert u.query.metrics == ["sales_growth_mom"] and u.derived is None
    assert u.query.group_by == ["metric_time__month"]


def test_a_change_the_model_does_not_define_is_still_derived(shop: Catalog) -> None:
    u = _query("shipments month over month", shop)
    assert u.query.metrics == ["shipments"] and u.derived is not None
    assert u.derived.kind == "pop"


def test_the_model_growth_metric_is_what_runs(model, con) -> None:
    a = ask("sales growth month over month", model=model, con=con, engine="rules", today=TODAY)
    assert a.ok, a.error
    got = dict(zip(a.df.iloc[:, 0].astype(str).str[:7], a.df["sales_growth_mom"], strict=True))
    # October 28.50, November 63.00: the model's own percent points, not a 0..1 fraction
    assert got["2026-11"] == pytest.approx((63.0 - 28.5) * 100 / 28.5)


# -- 4. distinct counts (the count pass: Catalog.counts) -------------------------------------


@pytest.mark.parametrize(
    ("question", "group_by"),
    [
        ("count of distinct readers by city", ["reader__city"]),
        ("how many unique readers last month", []),
        ("多少不同的读者", []),
    ],
)
def test_distinct_things_are_counted_by_the_count_distinct_metric(
    shop: Catalog, question: str, group_by: list[str]
) -> None:
    u = _query(question, shop)
    assert u.query.metrics == ["readers_served"] and u.query.group_by == group_by


def test_a_distinct_count_the_model_lacks_is_refused_with_counts_it_has(shop: Catalog) -> None:
    u = understand("how many distinct books", shop, TODAY)
    assert u.refused and "distinct 'books'" in u.reason_en
    assert u.suggestions and all(not understand(s, shop, TODAY).refused for s in u.suggestions)


def test_listing_distinct_values_stays_a_listing(shop: Catalog) -> None:
    u = _query("list the distinct genres", shop)
    assert u.query.metrics == [] and u.query.group_by == ["book__genre"]


# -- 5. general grouping words ------------------------------------------------------------------


@pytest.mark.parametrize(
    "question", ["每种渠道的成交额", "各类渠道的成交额", "GMV for each kind of channel"]
)
def test_kind_and_type_words_group(question: str) -> None:
    u = _query(question, nl_catalogs.orders_catalog())
    assert u.query.metrics == ["gmv"] and u.query.group_by == ["order__channel"]


# -- 6. a dimension word naming the metric's own column ----------------------------------------


def test_the_metric_columns_dimension_word_is_absorbed_not_grouped(shop: Catalog) -> None:
    u = _query("median list price by genre", shop)
    assert u.query.metrics == ["typical_price"] and u.query.group_by == ["book__genre"]
    assert "list price → Median Price (list price)" in u.bridged


@pytest.mark.parametrize(
    ("question", "group_by"),
    [
        ("sales by list price", ["shipment__list_price"]),
        ("median price per list price", ["shipment__list_price"]),
        # a list, not the metric's phrase: the price is a breakdown beside the genre
        ("median price, list price by genre", ["book__genre", "shipment__list_price"]),
    ],
)
def test_a_group_word_or_a_list_keeps_the_column_a_breakdown(
    shop: Catalog, question: str, group_by: list[str]
) -> None:
    u = _query(question, shop)
    assert u.query.group_by == group_by


# -- 7. money never compared with a count -------------------------------------------------------


def test_money_on_a_count_filters_the_rows_amount(shop: Catalog) -> None:
    u = _query("shipments with a value under $15 last month", shop)
    assert u.query.metrics == ["shipments"] and u.query.having == []
    assert _filters(u) == [("shipment__shipment_value", "<", [15.0])]


def test_money_on_a_count_runs_as_a_row_filter(model, con) -> None:
    a = ask(
        "shipments with a value under $15 last month", model, con=con, engine="rules", today=TODAY
    )
    assert a.ok, a.error
    assert a.df["shipments"].tolist() == [1]  # October: 12.50 only (HAVING would say 2)


@pytest.mark.parametrize("question", ["sales over $20 by city", "销售额超过20元的城市"])
def test_money_on_an_amount_stays_a_condition_on_it(shop: Catalog, question: str) -> None:
    u = _query(question, shop)
    assert [(h.metric, h.op, h.value) for h in u.query.having] == [("sales", ">", 20.0)]


def test_money_on_a_count_with_two_amount_columns_asks_which(shop: Catalog) -> None:
    u = understand("how many shipments over 20 USD", shop, TODAY)
    assert u.refused and "amount of money" in u.reason_en and "list price" in u.reason_en


def test_money_on_a_count_without_any_amount_column_is_refused() -> None:
    u = understand("parcels with a value under 10 dollars", _two_parcel_counts("Parcels"), TODAY)
    assert u.refused and u.query is None
    u = understand("parcel count under ¥10", _two_parcel_counts("Parcels (x)"), TODAY)
    assert u.refused and "amount of money" in u.reason_en


def _yuan_revenue() -> Catalog:
    dims = ("store__city",)
    return Catalog(
        metrics=(CatalogMetric("revenue", "Revenue", dimensions=dims, agg="sum", unit="cny"),),
        dimensions=(CatalogDimension(dims[0], "City", values=("Xian", "Wuxi"), entity="store"),),
        entities=(CatalogEntity("store", "Store"),),
    )


def test_a_currency_sign_other_than_the_metrics_currency_is_refused() -> None:
    u = understand("cities with revenue over $20", _yuan_revenue(), TODAY)
    assert u.refused and "CNY" in u.reason_en
    u = _query("cities with revenue over 20元", _yuan_revenue())
    assert [(h.metric, h.value) for h in u.query.having] == [("revenue", 20.0)]


def test_money_never_filters_a_column_that_is_not_money() -> None:
    """A sum of the constant 1 is a count, and a summed ``seats`` column is no amount of money:
    "$50" has nothing to apply to and is refused."""
    dims = ("rental__seat_count",)
    cat = Catalog(
        metrics=(
            CatalogMetric("rentals", "Rentals", dimensions=dims, agg="sum", measure_expr="1"),
            CatalogMetric("seats", "Seats", dimensions=dims, agg="sum", measure_expr="seats"),
        ),
        dimensions=(CatalogDimension(dims[0], "Seat count", entity="rental", expr="seats"),),
        entities=(CatalogEntity("rental", "Rental"),),
    )
    u = understand("how many rentals over $50", cat, TODAY)
    assert u.refused and "amount of money" in u.reason_en


def _two_weights() -> Catalog:
    dims = ("parcel__carrier",)
    return Catalog(
        metrics=(
            CatalogMetric("avg_weight", "Average Weight", dimensions=dims, agg="average"),
            CatalogMetric("total_weight", "Total Weight", dimensions=dims, agg="sum"),
        ),
        dimensions=(CatalogDimension(dims[0], "Carrier", values=("dhl", "ups"), entity="parcel"),),
        entities=(CatalogEntity("parcel", "Parcel"),),
    )


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("average parcel weight by carrier", "avg_weight"),
        ("total parcel weight by carrier", "total_weight"),
        ("平均 parcel weight", "avg_weight"),
    ],
)
def test_an_aggregation_word_picks_among_metrics_sharing_a_word(question: str, metric: str) -> None:
    assert _query(question, _two_weights()).query.metrics == [metric]


def test_without_an_aggregation_word_the_shared_word_stays_ambiguous() -> None:
    u = understand("parcel weight by carrier", _two_weights(), TODAY)
    assert u.refused and "ambiguous" in u.reason_en


def test_money_on_an_amount_of_the_counted_rows_is_a_condition_on_each_row(shop: Catalog) -> None:
    """ "shipments with sales under $15": each shipment's amount, not the total under 15."""
    u = _query("how many shipments with sales under $15 by city", shop)
    assert u.query.metrics == ["shipments"] and u.query.having == []
    assert _filters(u) == [("shipment__shipment_value", "<", [15.0])]
    assert u.query.group_by == ["reader__city"]


def test_money_on_an_amount_of_another_entity_stays_per_entity(shop: Catalog) -> None:
    u = _query("readers with sales over $20", shop)
    assert [(h.metric, h.op, h.value) for h in u.query.having] == [("sales", ">", 20.0)]
    assert u.query.group_by == ["reader"]


def test_money_on_each_row_without_a_column_of_it_is_refused() -> None:
    dims = ("booking__nights",)
    cat = Catalog(
        metrics=(
            CatalogMetric(
                "bookings",
                "Bookings",
                dimensions=dims,
                agg="sum",
                measure_expr="1",
                agg_time_dimension="booking__booked_at",
            ),
            CatalogMetric(
                "booking_value",
                "Booking value",
                dimensions=dims,
                agg="sum",
                measure_expr="price",
                agg_time_dimension="booking__booked_at",
            ),
        ),
        dimensions=(CatalogDimension(dims[0], "Nights", entity="booking", expr="nights"),),
        entities=(CatalogEntity("booking", "Booking"),),
    )
    u = understand("bookings with a booking value under $100", cat, TODAY)
    assert u.refused and "each one of the bookings" in u.reason_en and u.query is None
