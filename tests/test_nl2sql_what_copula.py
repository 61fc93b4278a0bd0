"""After "what was", a <noun> <metric>: the noun modifies the metric, it is not the rows asked for.

A public parking-operations project has an entity its descriptions call the parking session;
"What was total parking revenue in February 2024?" read "what" as "which" and grouped the
month's revenue by every session (thousands of rows, a wrong answer) where the same words
without "What was" gave the total. "What" picks rows only as a determiner ("what lot had the
most revenue") or when the noun is not said right before a metric ("what is the lot with the
most revenue"). Original catalog: a fair's ticket booths.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

FAIR = Catalog(
    metrics=(
        CatalogMetric("ticket_sales", "Ticket Sales", agg="sum", measure_expr="ticket_amount"),
    ),
    dimensions=(
        CatalogDimension("booth__sold_on", "Sold On", entity="booth", dim_type="time"),
        CatalogDimension(
            "booth__stall_type", "Stall Type", entity="booth", values=("food", "games")
        ),
    ),
    entities=(CatalogEntity("booth", "booth", key_expr="booth_id"),),
)


def test_a_noun_before_the_metric_after_what_was_is_not_a_grouping() -> None:
    u = understand("What was the booth ticket sales in March?", FAIR, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["ticket_sales"]
    assert u.query.group_by == []
    u = understand("What were the booth ticket sales by stall type?", FAIR, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.group_by == ["booth__stall_type"]


def test_what_as_a_determiner_still_picks_the_rows() -> None:
    for question in (
        "What booth had the most ticket sales?",
        "What is the booth with the most ticket sales?",
    ):
        u = understand(question, FAIR, TODAY)
        assert not u.refused, (question, u.reason_en)
        assert u.query.group_by == ["booth"], question
        assert u.query.limit == 1, question
