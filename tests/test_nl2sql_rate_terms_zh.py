"""A Chinese term ending with 率 ("rate") names the rate metric, not the amount beside it.

CC-CEDICT glosses 毛利率 "gross margin", so on a supply-chain model with both Gross Margin
(net sales less cost, an amount) and Gross Margin Percent the word reached both, and the amount
(the label's exact gloss, the better score) was answered for "2025年每月的毛利率" — a wrong
number (``vocabulary.rate_anchors.rate_term_senses``). With no rate metric beside it, the
amount keeps the word (the dictionary's reading is all there is).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 12, 7)

pytestmark = pytest.mark.usefixtures("own_cache")


def _catalog(with_pct: bool) -> Catalog:
    region = CatalogDimension("line__region", "Region", entity="line", values=("east", "west"))
    day = CatalogDimension("line__ordered_at", "Ordered At", dim_type="time", entity="line")
    common = {"agg_time_dimension": day.name, "dimensions": (region.name,)}
    metrics = [
        CatalogMetric("net_sales", "Net Sales", agg="sum", measure_expr="net_sales", **common),
        CatalogMetric(
            "gross_margin",
            "Gross Margin",
            "Net sales remaining after product cost.",
            metric_type="derived",
            **common,
        ),
    ]
    if with_pct:
        metrics.append(
            CatalogMetric(
                "gross_margin_pct",
                "Gross Margin Percent",
                "Gross margin expressed as a share of net sales.",
                metric_type="derived",
                **common,
            )
        )
    return Catalog(
        metrics=tuple(metrics), dimensions=(day, region), entities=(CatalogEntity("line", "line"),)
    )


@pytest.mark.parametrize(
    ("question", "group_by"),
    [("2025年每月的毛利率", ["metric_time__month"]), ("各地区的毛利率", ["line__region"])],
)
def test_a_rate_word_names_the_percent_metric(question: str, group_by: list[str]) -> None:
    u = understand(question, _catalog(with_pct=True), TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None
    assert (u.query.metrics, u.query.group_by) == (["gross_margin_pct"], group_by)


def test_the_amount_keeps_the_word_when_no_rate_metric_has_it() -> None:
    u = understand("各地区的毛利率", _catalog(with_pct=False), TODAY)
    assert u.query is not None and u.query.metrics == ["gross_margin"]


def test_the_amount_is_still_named_by_its_own_word() -> None:
    u = understand("gross margin by region", _catalog(with_pct=True), TODAY)
    assert u.query is not None and u.query.metrics == ["gross_margin"]
