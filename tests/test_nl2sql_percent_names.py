"""A percentage the model names "<thing> pct" is asked for by the thing, by the word spelled
out and in Chinese by the thing + 率: "pass accuracy", "duel success rate", 传球准确率 for
``pass_accuracy_pct``; "conversion rate", 转化率 for ``conversion_pct``.

On a public football project "pass accuracy pct by position" itself was refused: "pct" was
spelled out as "percent" before matching, though it is part of the model's own name
(``rules.tokenize._in_term``); the other forms named nothing (``vocabulary.rate_anchors``).
Two domains: football and a SaaS funnel. Two metrics sharing the thing (成功率) are clarified.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 6, 1)

pytestmark = pytest.mark.usefixtures("own_cache")


def _catalog(fact: str, metrics: list[str], dim: str, values: tuple[str, ...]) -> Catalog:
    d = CatalogDimension(f"{fact}__{dim}", dim.title(), entity=fact, values=values)
    return Catalog(
        metrics=tuple(
            CatalogMetric(
                name,
                name.replace("_", " "),
                agg="sum",
                agg_time_dimension=f"{fact}__day",
                dimensions=(d.name,),
                metric_type="ratio",
            )
            for name in metrics
        ),
        dimensions=(CatalogDimension(f"{fact}__day", "Day", dim_type="time", entity=fact), d),
        entities=(CatalogEntity(fact, fact),),
    )


FOOTBALL = _catalog(
    "stint",
    ["pass_accuracy_pct", "duel_success_pct", "dribble_success_pct"],
    "position",
    ("Attacker", "Defender"),
)
SAAS = _catalog("trial", ["conversion_pct", "retention_pct"], "channel", ("web", "partner"))


@pytest.mark.parametrize(
    ("catalog", "question", "metric", "group_by"),
    [
        (FOOTBALL, "pass accuracy pct by position", "pass_accuracy_pct", ["stint__position"]),
        (FOOTBALL, "pass accuracy by position", "pass_accuracy_pct", ["stint__position"]),
        (FOOTBALL, "duel success rate", "duel_success_pct", []),
        (FOOTBALL, "各位置的传球准确率", "pass_accuracy_pct", ["stint__position"]),
        (SAAS, "conversion rate by channel", "conversion_pct", ["trial__channel"]),
        (SAAS, "retention percent", "retention_pct", []),
        (SAAS, "各渠道的转化率", "conversion_pct", ["trial__channel"]),
        (SAAS, "留存率是多少", "retention_pct", []),
    ],
)
def test_a_pct_metric_is_named_as_users_say_it(catalog, question, metric, group_by) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None
    assert (u.query.metrics, u.query.group_by) == ([metric], group_by)


def test_a_thing_two_pct_metrics_share_is_clarified() -> None:
    u = understand("成功率是多少", FOOTBALL, TODAY)
    assert u.refused
    assert "duel_success_pct" in u.reason_en or "duel success pct" in u.reason_en
    assert "dribble success pct" in u.reason_en or "dribble_success_pct" in u.reason_en
