"""A Chinese word for a metric that has a bracketed variant (issues 12/18).

dbt projects keep "Flights" beside "Flights (Fill nulls with 0)"; in English the label the
phrase equals wins (nl2sql.rules.metric_names.exact_metric). A Chinese word reaches both labels
through their English, and was refused as ambiguous; the plain label is the one it names.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogMetric

TODAY = dt.date(2026, 3, 1)


pytestmark = pytest.mark.usefixtures("own_cache")


def _catalog(*metrics: tuple[str, str]) -> Catalog:
    return Catalog(
        metrics=tuple(CatalogMetric(name, label) for name, label in metrics),
        dimensions=(CatalogDimension("booking__city", "City", entity="booking"),),
    )


def test_the_plain_label_is_what_the_chinese_word_names() -> None:
    catalog = _catalog(
        ("orders", "Orders"), ("orders_fill_nulls_with_zero", "Orders (Fill nulls with 0)")
    )
    u = understand("每周订单数", catalog, TODAY)
    assert not u.refused, u.reason
    assert u.query.metrics == ["orders"]


def test_two_labels_that_differ_in_words_stay_a_clarification() -> None:
    u = understand("订单数", _catalog(("orders", "Orders"), ("order_value", "Order Value")), TODAY)
    assert u.refused or u.query.metrics == ["orders"]  # never the value metric for a count
