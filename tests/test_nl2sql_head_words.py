"""A metric named by the last word of its name and label alone (``nl2sql/vocabulary/heads.py``)
or by the initials of its label (``nl2sql/vocabulary/acronyms.py``).

"ARR" for "Ending ARR", "premium" for "Net Premium": answered when exactly one metric ends in
the word and no other term of the model uses it; any competitor keeps the clarification. The
catalogs are written like dbt projects by others (no synonyms), from two domains (SaaS and
insurance); the built-in model's shop fixture is checked against its data in
``tests/test_nl2sql_vocabulary.py``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)


pytestmark = pytest.mark.usefixtures("own_cache")


def _saas(*extra_metrics: CatalogMetric, extra_dims: tuple[CatalogDimension, ...] = ()) -> Catalog:
    return Catalog(
        metrics=(
            CatalogMetric("ending_arr", "Ending ARR", agg="sum"),
            CatalogMetric("new_logos", "New Logos", agg="count"),
            *extra_metrics,
        ),
        dimensions=(
            CatalogDimension("account__plan", "Plan", entity="account", values=("pro", "team")),
            *extra_dims,
        ),
        entities=(CatalogEntity("account", "account"),),
    )


def _insurance(*extra_metrics: CatalogMetric) -> Catalog:
    return Catalog(
        metrics=(
            CatalogMetric("net_premium", "Net Premium", agg="sum"),
            CatalogMetric("claim_count", "Claims", agg="count"),
            *extra_metrics,
        ),
        dimensions=(
            CatalogDimension("policy__line_of_business", "Line of Business", entity="policy"),
        ),
        entities=(CatalogEntity("policy", "policy"),),
    )


def test_the_one_metric_ending_in_a_word_is_answered_and_shown() -> None:
    u = understand("ARR by plan", _saas(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["ending_arr"] and u.query.group_by == ["account__plan"]
    assert "arr → Ending ARR" in u.bridged
    v = understand("premium by line of business", _insurance(), TODAY)
    assert not v.refused, v.reason_en
    assert v.query.metrics == ["net_premium"]
    assert v.query.group_by == ["policy__line_of_business"]
    assert "premium → Net Premium" in v.bridged


def test_two_metrics_ending_in_the_word_are_clarified() -> None:
    u = understand("ARR by plan", _saas(CatalogMetric("beginning_arr", "Beginning ARR")), TODAY)
    assert u.refused and "could mean" in u.reason_en and "Ending ARR" in u.reason_en
    v = understand(
        "premium by line of business",
        _insurance(CatalogMetric("gross_premium", "Gross Premium")),
        TODAY,
    )
    assert v.refused and "Net Premium" in v.reason_en and "Gross Premium" in v.reason_en


def test_another_term_using_the_word_keeps_the_clarification() -> None:
    band = CatalogDimension("account__arr_band", "ARR Band", entity="account", values=("<10k",))
    u = understand("ARR by plan", _saas(extra_dims=(band,)), TODAY)
    assert u.refused and "could mean" in u.reason_en
    # a metric that has the word in the middle of its name contests it as well
    v = understand(
        "premium by line of business",
        _insurance(CatalogMetric("premium_refunds", "Premium Refunds")),
        TODAY,
    )
    assert v.refused and "could mean" in v.reason_en


def test_an_adjective_or_participle_at_the_end_of_a_name_is_no_head() -> None:
    # the name ends in "late", the label in "risk": neither word names the metric alone
    risk = CatalogMetric("avg_p_late", "Average Late Risk", agg="average")
    u = understand("late by plan", _saas(risk), TODAY)
    assert u.refused
    placed = CatalogMetric("orders_placed", "Orders Placed", agg="count")
    v = understand("placed by plan", _saas(placed), TODAY)
    assert v.refused


def _marketing(*extra: CatalogMetric) -> Catalog:
    return Catalog(
        metrics=(
            CatalogMetric("return_on_ad_spend", "Return on Ad Spend", metric_type="ratio"),
            CatalogMetric("average_order_value", "Average Order Value", metric_type="ratio"),
            CatalogMetric("clicks", "Clicks", agg="sum"),
            *extra,
        ),
        dimensions=(
            CatalogDimension("campaign__network", "Network", entity="campaign", values=("x",)),
        ),
        entities=(CatalogEntity("campaign", "campaign"),),
    )


def test_a_metric_is_named_by_the_initials_of_its_label() -> None:
    u = understand("ROAS by network", _marketing(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["return_on_ad_spend"] and u.query.group_by == ["campaign__network"]
    assert "roas → Return on Ad Spend" in u.bridged
    v = understand("AOV and clicks by network", _marketing(), TODAY)
    assert not v.refused, v.reason_en
    assert v.query.metrics == ["average_order_value", "clicks"]
    arr = CatalogMetric("annual_recurring_revenue", "Annual Recurring Revenue", agg="sum")
    w = understand("ARR by plan", _saas(arr), TODAY)
    assert not w.refused, w.reason_en
    assert w.query.metrics == ["annual_recurring_revenue"]


def test_two_metrics_with_one_acronym_or_an_english_word_are_not_answered() -> None:
    other = CatalogMetric("average_open_value", "Average Open Value", metric_type="ratio")
    u = understand("AOV by network", _marketing(other), TODAY)
    assert u.refused
    cog = CatalogMetric("cost_of_goods", "Cost Of Goods", agg="sum")
    v = understand("cog by network", _marketing(cog), TODAY)
    assert v.refused


def test_a_derived_noun_first_in_a_label_is_said_as_its_verb() -> None:
    # nl2sql/vocabulary/verb_modifiers.py: "cancel rate" for "Cancellation Rate"
    shop = _marketing(CatalogMetric("cancellation_rate", "Cancellation Rate", metric_type="ratio"))
    u = understand("cancel rate by network", shop, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["cancellation_rate"] and u.query.group_by == ["campaign__network"]
    assert "cancel rate → Cancellation Rate" in u.bridged
    loans = _insurance(CatalogMetric("acceptance_rate", "Acceptance Rate", metric_type="ratio"))
    v = understand("accept rate by line of business", loans, TODAY)
    assert not v.refused, v.reason_en
    assert v.query.metrics == ["acceptance_rate"]


def test_a_dictionary_pivot_is_no_verb_of_a_label() -> None:
    # CC-CEDICT links "repurchase" to "redeem" by meaning; that is no derivation
    shop = _marketing(CatalogMetric("repurchase_rate", "Repurchase Rate", metric_type="ratio"))
    u = understand("redeem rate by network", shop, TODAY)
    assert u.refused
