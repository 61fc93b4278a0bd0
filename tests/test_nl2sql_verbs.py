"""Verbs that are not model terms: absorbed when they restate the reading, else refused.

The catalogs below are small models of our own (no evaluation set's words). Each row says
what one question must give: the reading with the verb shown in the interpretation
(``absorb``), a time axis or a filter the verb picks (``understand``), or a refusal naming the
word (``refuse``) — in particular where absorbing the verb would answer another question.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.lexicon import key_of, lexicon_for
from nl2sql.rules import understand
from nl2sql.vocabulary import morphology
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 20)
MARCH = (dt.date(2026, 3, 1), dt.date(2026, 4, 1))

_AIR_DIMS = ("trip__trip_date", "trip__gate", "port__port_code")
#: air trips: the metric's event is a departure (its time's description) and flying
AIR = Catalog(
    metrics=(
        CatalogMetric(
            "flights",
            "Flights",
            "Number of flights.",
            agg_time_dimension="trip__trip_date",
            dimensions=_AIR_DIMS,
        ),
        CatalogMetric(
            "total_miles",
            "Total Miles",
            "Total miles flown.",
            agg_time_dimension="trip__trip_date",
            dimensions=_AIR_DIMS,
        ),
    ),
    dimensions=(
        CatalogDimension(
            "trip__trip_date",
            "Trip Date",
            "time",
            description="Local date of the departure.",
            entity="trip",
            time_granularity="day",
        ),
        CatalogDimension("trip__gate", "Gate", values=("A1", "B2"), entity="trip"),
        CatalogDimension("port__port_code", "Port Code", values=("OSL", "BGO"), entity="port"),
    ),
    entities=(CatalogEntity("trip", "trip"), CatalogEntity("port", "port")),
)

_SHOP_DIMS = (
    "purchase__ordered_at",
    "purchase__delivery_date",
    "purchase__region",
    "purchase__is_cancelled",
)


def _shop(with_refunds: bool) -> Catalog:
    """Purchases; with ``with_refunds`` refunds are a measure of their own, so "refunded"
    names something the question would have to ask for."""
    metrics = [
        CatalogMetric(
            "purchases",
            "Purchases",
            "Number of purchases.",
            agg_time_dimension="purchase__ordered_at",
            dimensions=_SHOP_DIMS,
        ),
        CatalogMetric(
            "discount_total",
            "Discount Total",
            "Sum of discounts.",
            agg_time_dimension="purchase__ordered_at",
            dimensions=_SHOP_DIMS,
        ),
    ]
    if with_refunds:
        metrics.append(
            CatalogMetric(
                "refund_total",
                "Refund Total",
                "Money paid back to buyers.",
                agg_time_dimension="purchase__ordered_at",
                dimensions=_SHOP_DIMS,
            )
        )
    return Catalog(
        metrics=tuple(metrics),
        dimensions=(
            CatalogDimension("purchase__ordered_at", "Ordered At", "time", entity="purchase"),
            CatalogDimension("purchase__delivery_date", "Delivery Date", "time", entity="purchase"),
            CatalogDimension("purchase__region", "Region", values=("North", "South")),
            CatalogDimension("purchase__is_cancelled", "Is Cancelled", values=("true", "false")),
        ),
        entities=(CatalogEntity("purchase", "purchase"),),
    )


SHOP = _shop(with_refunds=True)
SHOP_NO_REFUNDS = _shop(with_refunds=False)

#: members: the model says "signup"; the metric's own time is the first visit
CLUB = Catalog(
    metrics=(
        CatalogMetric(
            "members",
            "Members",
            "Number of members.",
            agg_time_dimension="member__first_visit_date",
            dimensions=("member__signup_date", "member__first_visit_date"),
        ),
    ),
    dimensions=(
        CatalogDimension("member__signup_date", "Signup Date", "time", entity="member"),
        CatalogDimension("member__first_visit_date", "First Visit Date", "time", entity="member"),
    ),
    entities=(CatalogEntity("member", "member"),),
)


def _reading(catalog: Catalog, question: str) -> tuple:
    u = understand(question, catalog, TODAY)
    if u.refused:
        return ("refuse", u.reason_en)
    q = u.query
    time = (q.time_range.start, q.time_range.end) if q.time_range else None
    filters = [(f.dimension, f.op, f.values) for f in q.filters]
    return (q.metrics, q.group_by, filters, time, u.bridged)


@pytest.mark.parametrize(
    ("catalog", "question", "expected"),
    [
        # absorb: the verb restates the metric, its entity or its own time
        (AIR, "how many flights departed", (["flights"], [], [], None, ["departed → Trip Date"])),
        (AIR, "total miles flown", (["total_miles"], [], [], None, ["flown → Total Miles"])),
        (AIR, "flights flown in March", (["flights"], [], [], MARCH, ["flown → Flights"])),
        (
            SHOP,
            "purchases placed by region",
            (["purchases"], ["purchase__region"], [], None, ["placed → Purchases"]),
        ),
        (
            SHOP,
            "discount total given in March",
            (["discount_total"], [], [], MARCH, ["given → Discount Total"]),
        ),
        # understand: a past form beside a date picks that time axis; a flag's verb filters
        (
            SHOP,
            "purchases delivered in March",
            (
                ["purchases"],
                [],
                [
                    ("purchase__delivery_date", ">=", ["2026-03-01"]),
                    ("purchase__delivery_date", "<", ["2026-04-01"]),
                ],
                None,
                [],
            ),
        ),
        (
            CLUB,
            "how many members signed up in March",
            (
                ["members"],
                [],
                [
                    ("member__signup_date", ">=", ["2026-03-01"]),
                    ("member__signup_date", "<", ["2026-04-01"]),
                ],
                None,
                [],
            ),
        ),
        (
            SHOP,
            "purchases cancelled in March",
            (
                ["purchases"],
                [],
                [("purchase__is_cancelled", "=", [True])],
                MARCH,
                ["cancelled → Is Cancelled"],
            ),
        ),
        # refuse: the verb names something the reading does not contain
        (
            SHOP,
            "how many purchases refunded",
            (
                "refuse",
                "'refunded' is about Refund Total, which this question does not ask for; "
                "ask about it by name",
            ),
        ),
        (
            SHOP_NO_REFUNDS,
            "how many purchases refunded",
            (
                "refuse",
                "I don't know 'refunded' in this semantic model (the suggestion leaves out "
                "'refunded': it answers without that condition)",
            ),
        ),
        (
            SHOP,
            "purchases delivered by region",
            (
                "refuse",
                "'delivered' is about Delivery Date, which this question does not ask for; "
                "ask about it by name",
            ),
        ),
        (
            CLUB,
            "how many members signed up",
            (
                "refuse",
                "'signed up' is about Signup Date, which this question does not ask for; "
                "ask about it by name",
            ),
        ),
        # a negation is never absorbed with the verb
        (
            SHOP,
            "purchases not delivered in March",
            (
                "refuse",
                "I can't tell what 'not' excludes; name a value to exclude "
                "(e.g. excluding one channel)",
            ),
        ),
    ],
)
def test_verbs_are_absorbed_understood_or_refused(catalog, question, expected) -> None:
    assert _reading(catalog, question) == expected


def test_chinese_verbs_come_from_cc_cedict_glosses() -> None:
    lex = lexicon_for(AIR)
    # 飞行 is glossed "to fly": it reaches what "fly" reaches (the flights, the miles flown)
    names = {(s.kind, s.name) for s in lex.verbs[key_of("飞行")]}
    assert {("metric", "flights"), ("metric", "total_miles")} <= names
    u = understand("飞行的总英里", AIR, TODAY)
    assert not u.refused, u.reason
    assert u.query.metrics == ["total_miles"] and "飞行 → Total Miles" in u.bridged


@pytest.mark.parametrize(
    ("word", "verbs"),
    [
        ("departure", ("depart",)),
        ("shipment", ("ship",)),
        ("cancellation", ("cancel",)),
        ("delivery", ("deliver",)),
        ("arrival", ("arrive",)),
        ("signup", ("sign up",)),
        ("shipped", ("ship",)),
        ("flight", ("fly",)),  # irregular: one CC-CEDICT entry glosses "to fly" and "flight"
        ("region", ()),
        ("customer", ()),
    ],
)
def test_model_words_derive_from_general_morphology(word, verbs) -> None:
    assert morphology.source_verbs(word) == verbs


def test_verb_forms_leave_out_forms_that_are_nouns() -> None:
    assert morphology.verb_forms("fly") == {"flew", "flied", "flown"}
    assert "signed up" in morphology.verb_forms("sign up")
    assert morphology.is_past("flown") and not morphology.is_past("departing")


def test_a_verb_form_never_shadows_a_model_term() -> None:
    # "orders" is a verb form of "order" too, but here it is the model's own noun
    cat = Catalog(
        metrics=(CatalogMetric("orders", "Orders", "Number of orders placed."),),
        dimensions=(),
        entities=(CatalogEntity("order", "order"),),
    )
    lex = lexicon_for(cat)
    assert key_of("orders") in lex.terms and key_of("orders") not in lex.verbs
    # "ordered" is no stop word any more: it is read against the model (the orders' event)
    assert ("metric", "orders") in {(s.kind, s.name) for s in lex.verbs[key_of("ordered")]}
    assert key_of("where") not in lex.verbs  # grammar stays grammar


def test_chinese_support_verbs_are_everyday_words_only() -> None:
    # absorbed whatever the model, so a rare word with a narrower sense is never one:
    # 外卖 is glossed "to sell" too, but means takeout
    lex = lexicon_for(SHOP)
    assert "light" in {s.kind for s in lex.verbs.get(key_of("购买"), [])}
    assert key_of("外卖") not in lex.verbs
    # where the model names purchases, 购买 is their event; elsewhere a support verb
    u = understand("购买的折扣总计", SHOP, TODAY)
    assert not u.refused and u.query.metrics == ["discount_total"], u.reason
    assert "购买 → purchase" in u.bridged
    u = understand("购买的总英里", AIR, TODAY)
    assert not u.refused and u.query.metrics == ["total_miles"], u.reason
    assert "购买 → Total Miles" in u.bridged


def _joining(thing: str, other: str) -> Catalog:
    """A model with a count of new ``thing``s (created on their own date) and another metric
    over the same things: a verb of joining restates the first and names an event for the
    second."""
    dims = (f"{thing}__created_on", f"{thing}__plan")
    return Catalog(
        metrics=(
            CatalogMetric(
                f"new_{thing}s",
                f"New {thing.title()}s",
                agg_time_dimension=f"{thing}__created_on",
                dimensions=dims,
                agg="sum",
                measure_expr="1",
            ),
            CatalogMetric(
                other,
                other.replace("_", " ").title(),
                agg_time_dimension=f"{thing}__created_on",
                dimensions=dims,
                agg="sum",
                measure_expr=other,
            ),
        ),
        dimensions=(
            CatalogDimension(f"{thing}__created_on", "Created On", "time", entity=thing),
            CatalogDimension(f"{thing}__plan", "Plan", values=("basic", "pro"), entity=thing),
        ),
        entities=(CatalogEntity(thing, thing),),
    )


#: a SaaS model (accounts and their recurring revenue) and a gym (members and their fees)
SAAS = _joining("account", "recurring_revenue")
GYM = _joining("member", "fees_paid")


@pytest.mark.parametrize(
    ("catalog", "question", "expected"),
    [
        (
            SAAS,
            "how many new accounts signed up in March",
            (["new_accounts"], [], [], MARCH, ["signed up → New Accounts"]),
        ),
        (
            GYM,
            "number of new members who registered in March",
            (["new_members"], [], [], MARCH, ["registered → New Members"]),
        ),
        (
            GYM,
            "new members that joined in March by plan",
            (["new_members"], ["member__plan"], [], MARCH, ["joined → New Members"]),
        ),
        (GYM, "3月注册的new members", (["new_members"], [], [], MARCH, ["注册 → New Members"])),
        # the thing itself with a verb of joining: its count of new ones, nothing else counts it
        (
            SAAS,
            "how many accounts signed up in March",
            (["new_accounts"], [], [], MARCH, ["signed up → New Accounts"]),
        ),
        (
            GYM,
            "members who registered in March by plan",
            (["new_members"], ["member__plan"], [], MARCH, ["registered → New Members"]),
        ),
        # without the verb nothing says "new": no count of accounts, refused as before
        (SAAS, "how many accounts", ("refuse", "the model has no metric that counts 'accounts'")),
        # beside another metric the verb names the joining event: refused, never dropped
        (
            SAAS,
            "recurring revenue of accounts that signed up in March",
            (
                "refuse",
                "'signed up' is about New Accounts, which this question does not ask for; "
                "ask about it by name",
            ),
        ),
        # beside two metrics the verb would say whose fees: a condition, never absorbed (a
        # metric after "by" is refused first: rules/passes/metrics, no side-by-side answer)
        (
            GYM,
            "fees paid by new members who registered in March",
            (
                "refuse",
                "'by New Members' names a metric, and a breakdown needs a dimension: ask "
                "'Fees Paid and New Members' to see both, or 'Fees Paid by <dimension>'",
            ),
        ),
        (
            GYM,
            "fees paid by members who registered in March",
            (
                "refuse",
                "'registered' is about New Members, which this question does not ask for; "
                "ask about it by name",
            ),
        ),
    ],
)
def test_a_verb_of_joining_restates_a_count_of_new_things(catalog, question, expected) -> None:
    assert _reading(catalog, question) == expected
