"""A compound's noun made from a verb by one suffix is rendered in Chinese through the verb.

Why: CC-CEDICT glosses the Chinese of "acceptance" in its business sense under the verb only
(接受 / 采纳 "to accept"); the noun itself is glossed 验收 (accepting delivered goods). Compound
renderings only looked the noun up, so a metric labelled "... Acceptance Rate" got 验收率 and
no 接受率 / 采纳率, and those questions were refused ("I don't know '率'"; a fresh public Q&A
project, session 14). The verb a noun derives from (:func:`morphology.derived_from`) now
renders it too. Tiny hiring model: nothing of that project's names.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from nl2sql.vocabulary.chinese_anchors import compound_verbs
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")

DAY = "offer__sent_at"
HIRING = Catalog(
    metrics=(
        CatalogMetric(
            "offer_acceptance_rate",
            "Offer Acceptance Rate",
            metric_type="ratio",
            value_format="percent",
            agg_time_dimension=DAY,
        ),
        CatalogMetric(
            "offers_sent",
            "Offers Sent",
            agg="count",
            measure_expr="offer_id",
            agg_time_dimension=DAY,
        ),
    ),
    dimensions=(
        CatalogDimension(DAY, "sent at", dim_type="time", entity="offer"),
        CatalogDimension(
            "offer__department", "department", entity="offer", values=("Sales", "Finance")
        ),
    ),
    entities=(CatalogEntity("offer", "offer", key_expr="offer_id", models=("offers",)),),
)


def test_a_derived_noun_brings_its_verb() -> None:
    assert compound_verbs("acceptance") == ["acceptance", "accept"]
    assert compound_verbs("rate") == ["rate"]


@pytest.mark.parametrize("question", ["offer接受率", "各部门的offer接受率", "每个月的offer接受率"])
def test_the_verb_rendering_names_the_rate(question: str) -> None:
    u = understand(question, HIRING, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    assert u.query.metrics == ["offer_acceptance_rate"]
