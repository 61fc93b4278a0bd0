"""Chinese verbs reach the model's nouns through English derivation.

Why these tests: a model written in English stores an event as its noun ("demolition",
"renewal", a `payment_method`, an `applied_date`), while a Chinese user types the verb (拆除
"to demolish", 续订 "to renew", 付款 "to pay a sum of money; payment", 申请 "to apply for
sth; application"). CC-CEDICT glosses the verb; English morphology (a suffix taken off, the
stem's spelling restored, checked as a verb by the lexicon) links it to the noun. The small
catalogs are written like other people's dbt projects in four domains — building works,
memberships, loans, a café — and each test asks through the rules engine and checks the query.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from tests.understand_helpers import understood_query

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

WORKS = Catalog(
    metrics=(CatalogMetric("sites", "Sites", agg="count", measure_expr="id", counts="site"),),
    dimensions=(
        CatalogDimension(
            "site__work_type",
            "Work Type",
            entity="site",
            values=("demolition", "installation", "repair"),
        ),
        CatalogDimension("site__district", "District", entity="site", values=("north",)),
    ),
    entities=(CatalogEntity("site", "site", key_expr="id"),),
)

MEMBERSHIPS = Catalog(
    metrics=(CatalogMetric("events", "Events", agg="count", measure_expr="id", counts="event"),),
    dimensions=(
        CatalogDimension(
            "event__event_type",
            "Event Type",
            entity="event",
            values=("renewal", "cancellation", "upgrade"),
        ),
        CatalogDimension("event__event_date", "Event Date", entity="event", dim_type="time"),
    ),
    entities=(CatalogEntity("event", "event", key_expr="id"),),
)

LOANS = Catalog(
    metrics=(CatalogMetric("loans", "Loans", agg="count", measure_expr="id", counts="loan"),),
    dimensions=(
        CatalogDimension("loan__applied_date", "Applied Date", entity="loan", dim_type="time"),
        CatalogDimension("loan__approved_date", "Approved Date", entity="loan", dim_type="time"),
        CatalogDimension("loan__branch", "Branch", entity="loan", values=("east", "west")),
    ),
    entities=(CatalogEntity("loan", "loan", key_expr="id"),),
)

CAFE = Catalog(
    metrics=(CatalogMetric("orders", "Orders", agg="count", measure_expr="id", counts="order"),),
    dimensions=(
        CatalogDimension(
            "order__payment_method", "Payment Method", entity="order", values=("cash", "card")
        ),
        CatalogDimension("order__ordered_at", "Ordered At", entity="order", dim_type="time"),
    ),
    entities=(CatalogEntity("order", "order", key_expr="id"),),
)


#: the question's semantic query as of TODAY (a refusal fails the test)
_query = partial(understood_query, today=TODAY)


def _filters(q) -> list[tuple[str, list[str]]]:
    return [(f.dimension, list(f.values)) for f in q.filters]


def test_a_verb_names_a_value_stored_as_its_noun_in_building_works() -> None:
    """拆除 "to demolish": the work type `demolition` (demol-ition -> demolish)."""
    q = _query("拆除类工地有多少", WORKS)
    assert q.metrics == ["sites"]
    assert _filters(q) == [("site__work_type", ["demolition"])]


def test_a_verb_names_a_value_stored_as_its_noun_in_memberships() -> None:
    """续订 "to renew": the event type `renewal` (renew-al); 取消 the `cancellation`."""
    q = _query("续订事件有多少", MEMBERSHIPS)
    assert q.metrics == ["events"] and _filters(q) == [("event__event_type", ["renewal"])]
    q = _query("按月统计取消事件数", MEMBERSHIPS)
    assert _filters(q) == [("event__event_type", ["cancellation"])]


def test_a_verb_glossed_with_its_object_names_its_date() -> None:
    """申请 "to apply for sth; application": the loans' applied date, not the approved one."""
    q = _query("2025年申请的贷款数", LOANS)
    assert q.metrics == ["loans"]
    assert [(f.dimension, f.op, f.values) for f in q.filters] == [
        ("loan__applied_date", ">=", ["2025-01-01"]),
        ("loan__applied_date", "<", ["2026-01-01"]),
    ]


def test_a_verb_glossed_with_its_object_is_absorbed_by_its_dimension() -> None:
    """付款 "to pay a sum of money; payment": the event of the payment method filtered on."""
    q = _query("用现金付款的订单数", CAFE)
    assert q.metrics == ["orders"] and _filters(q) == [("order__payment_method", ["cash"])]


def test_a_verb_that_names_no_model_term_stays_unknown() -> None:
    """拆除 on a model with no demolition is no filter of anything: refused, not dropped."""
    u = understand("拆除类订单有多少", CAFE, TODAY)
    assert u.refused
