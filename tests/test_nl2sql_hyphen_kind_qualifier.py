"""A qualifier that is only part of a hyphenated kind does not pick that kind of a metric.

Why these tests: beside "Total Net Sales", a metric "Same-Store Net Sales" (named
``same_store_net_sales``) was the answer to "store net sales" and 门店的净销售额 — a wrong
answer: the name's suffix "store net sales" ignored the label's hyphen, and "store" before
"net sales" picked the one label containing it although the kind's "same" was unsaid. The
catalog is an invented cinema chain (English only, no synonyms); the probes show the kind is
still answered when said whole, and "by cinema" still groups.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

CINEMAS = Catalog(
    metrics=(
        CatalogMetric(
            "total_ticket_revenue", "Total Ticket Revenue", agg="sum", measure_expr="amount"
        ),
        CatalogMetric(
            "same_cinema_ticket_revenue",
            "Same-Cinema Ticket Revenue",
            agg="sum",
            measure_expr="case when is_same_cinema then amount else 0 end",
        ),
    ),
    dimensions=(CatalogDimension("sale__sold_at", "Sold At", entity="sale", dim_type="time"),),
    entities=(
        CatalogEntity("sale", "sale", key_expr="id"),
        CatalogEntity("cinema", "cinema", key_expr="cinema_id"),
    ),
)


def _metrics(question: str) -> tuple[list[str], list[str]]:
    u = understand(question, CINEMAS, TODAY)
    assert not u.refused, (question, u.reason_en)
    return list(u.query.metrics), list(u.query.group_by)


def test_a_part_of_the_hyphenated_kind_is_not_the_kind() -> None:
    assert _metrics("cinema ticket revenue")[0] == ["total_ticket_revenue"]


def test_the_kind_said_whole_is_the_kind() -> None:
    assert _metrics("same cinema ticket revenue")[0] == ["same_cinema_ticket_revenue"]
    assert _metrics("same-cinema ticket revenue")[0] == ["same_cinema_ticket_revenue"]


@pytest.mark.parametrize("question", ["ticket revenue", "total ticket revenue"])
def test_the_plain_words_are_the_plain_metric(question: str) -> None:
    assert _metrics(question)[0] == ["total_ticket_revenue"]


def test_by_cinema_still_groups_the_plain_metric() -> None:
    metrics, group_by = _metrics("ticket revenue by cinema")
    assert metrics == ["total_ticket_revenue"] and group_by == ["cinema"]
