"""The wrong-answer classes found by the session-5 adversarial probes, one rule each.

Each question is our own example of a class (none is an evaluation question); the control
beside it differs by the words the rule reads, so a rule that refused everything fails too.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from nl2sql.ask import get_model
from nl2sql.rules import understand
from semantic_layer import build_catalog
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

_spec = importlib.util.spec_from_file_location(
    "nl_catalogs", Path(__file__).parent / "fixtures" / "nl_catalogs.py"
)
nl_catalogs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(nl_catalogs)

TODAY = dt.date(2026, 11, 20)
BUILTIN = build_catalog(get_model(None), None)
ORDERS = nl_catalogs.orders_catalog()


def _reading(question: str, catalog: Catalog) -> tuple[list[str], list[str]] | str:
    """(metrics, group_by), or the English refusal."""
    u = understand(question, catalog, TODAY)
    if u.refused:
        return str(u.reason_en)
    assert u.query is not None
    return list(u.query.metrics), list(u.query.group_by)


@pytest.mark.parametrize(
    ("question", "refusal"),
    [
        # "平均每天的GMV" is the mean of the daily totals since session 9 (period_mean)
        ("average number of orders per channel", "average"),
        ("平均每个客户的订单数", "average"),
    ],
)
def test_an_average_of_per_item_totals_is_refused(question: str, refusal: str) -> None:
    """Without the unclaimed "average" the answer was every day's (channel's) own total."""
    got = _reading(question, BUILTIN)
    assert isinstance(got, str) and refusal in got


@pytest.mark.parametrize(
    ("question", "catalog", "expected"),
    [
        ("每天的GMV", BUILTIN, (["gmv"], ["metric_time__day"])),
        ("number of orders per channel", BUILTIN, (["order_count"], ["order__channel"])),
        ("平均每个渠道的客单价", ORDERS, (["aov"], ["order__channel"])),  # already an average
    ],
)
def test_totals_per_item_and_averages_per_item_are_still_answered(
    question: str, catalog: Catalog, expected: tuple[list[str], list[str]]
) -> None:
    assert _reading(question, catalog) == expected


def test_things_with_rows_of_another_metric_are_counted_by_the_models_own_metric() -> None:
    """ "orders with returns" is the orders that have a return: the model's "orders with a
    return" (it counts orders over the returns' rows), never Orders beside Returns."""
    assert _reading("orders with returns", BUILTIN) == (["returned_orders"], [])
    assert _reading("orders with returns by channel", BUILTIN) == (
        ["returned_orders"],
        ["order__channel"],
    )


def test_things_with_rows_no_metric_counts_are_refused_not_counted_as_the_rows() -> None:
    got = _reading("customers with returns", BUILTIN)
    assert isinstance(got, str) and "counts the customers that have returns" in got
    # a number after "with" is a condition the threshold pass reads: still answered
    assert _reading("customers with more than 3 orders", ORDERS) == (["order_count"], ["customer"])


def test_an_entity_word_before_another_entitys_dimension_is_refused() -> None:
    got = _reading("gmv by sku region", ORDERS)
    assert isinstance(got, str) and "region is not something sku has" in got
    assert _reading("gmv by customer region", ORDERS) == (["gmv"], ["customer__region"])


_STATES = ("TX", "CA")
_ROLE_DIMS = ("bill_customer__state", "ship_customer__state", "bill_customer", "ship_customer")
SALES_ROLES = Catalog(
    metrics=(
        CatalogMetric("total_sales", "Total Sales", dimensions=_ROLE_DIMS),
        CatalogMetric(
            "customer_count",
            "Customers",
            dimensions=("customer__first_purchase_date",),
            agg_time_dimension="customer__first_purchase_date",
            counts="customer",
        ),
    ),
    dimensions=(
        CatalogDimension("bill_customer__state", "State", entity="bill_customer", values=_STATES),
        CatalogDimension(
            "ship_customer__state", "State (ship customer)", entity="ship_customer", values=_STATES
        ),
        CatalogDimension(
            "customer__first_purchase_date",
            "First Purchase Date",
            entity="customer",
            dim_type="time",
        ),
    ),
    entities=(
        CatalogEntity("bill_customer", "bill customer"),
        CatalogEntity("ship_customer", "ship customer"),
        CatalogEntity("customer", "customer"),
    ),
)


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("发往TX的销售额", "ship_customer__state"),
        ("total sales to TX", "ship_customer__state"),
        ("total sales in TX", "bill_customer__state"),  # no direction: the documented default
    ],
)
def test_a_direction_word_picks_the_receiving_role(question: str, role: str) -> None:
    u = understand(question, SALES_ROLES, TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None
    assert [(f.dimension, f.values) for f in u.query.filters] == [(role, ["TX"])]


def test_a_date_of_what_the_counted_things_did_is_not_their_own_date() -> None:
    """The only customer count is dated by the first purchase: "bought in 2002" would have
    counted the customers whose *first* purchase was in 2002."""
    got = _reading("number of customers who bought in 2002", SALES_ROLES)
    assert isinstance(got, str) and "counted by First Purchase Date" in got
    u = understand("number of customers in 2002", SALES_ROLES, TODAY)
    assert u.query is not None and u.query.metrics == ["customer_count"]
    assert u.query.time_range is not None and str(u.query.time_range.start) == "2002-01-01"


def test_things_described_by_what_they_did_are_not_answered_with_another_count() -> None:
    """ "customers who placed orders …" asks about customers; the orders' count is not it."""
    got = _reading("customers who placed orders in 2002 by channel", ORDERS)
    assert isinstance(got, str) and "the question is about customers" in got
    # customers only narrowing the orders ("orders of customers in …"): answered
    assert _reading("orders of customers in 华东", ORDERS) == (["order_count"], [])


def test_a_subset_metric_after_for_or_of_filters_by_its_flag_or_is_refused() -> None:
    """ "GMV of presale orders" had answered the GMV of *all* orders beside the presale count."""
    u = understand("average order value for presale orders", BUILTIN, TODAY)
    assert u.query is not None and u.query.metrics == ["average_order_value"]
    assert [(f.dimension, f.values) for f in u.query.filters] == [("order__is_presale", [True])]
    # a count defined by a metric filter has no flag to filter another metric with
    got = _reading("GMV of cancelled orders", BUILTIN)
    assert isinstance(got, str) and "says which rows to take" in got
    # a plain count of things after "of" is not a subset: still answered
    assert _reading("gmv and presale orders", BUILTIN) == (["gmv", "presale_orders"], [])


def test_a_subset_counted_as_a_sum_of_one_is_a_subset_too() -> None:
    """dbt projects often count rows as ``agg: sum, expr: 1``: such a filtered count after
    "for" / "of" was read as a second metric (the first one over *all* rows beside it, a wrong
    answer); it is the same subset as a filtered ``count`` and is refused the same way."""
    from dataclasses import replace

    summed = tuple(
        replace(m, agg="sum", measure_expr="1") if m.name == "cancelled_orders" else m
        for m in BUILTIN.metrics
    )
    catalog = replace(BUILTIN, metrics=summed)
    got = _reading("GMV of cancelled orders", catalog)
    assert isinstance(got, str) and "says which rows to take" in got
    # control: joined by "and", both metrics are asked for and answered
    assert _reading("gmv and cancelled orders", catalog) == (["gmv", "cancelled_orders"], [])
