"""A metric's initials name it, in English and inside Chinese questions (PV, AOV, MRR).

Analysts write the capitals of a metric's words ("PV" for page views, "AOV" for Average Order
Value, "MRR" for Monthly Recurring Revenue) in either language; a model names the metric in
full. The initials come from the name or label, a closed compound taken apart first
(`pageviews` -> page views -> PV, `nl2sql/vocabulary/acronyms.py`). Two letters only from one
closed compound: "TR" of "Total Revenue" would rather be a code.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest

from nl2sql.vocabulary.bridges import build_bridges
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from tests.understand_helpers import understood_query

TODAY = dt.date(2025, 1, 8)


pytestmark = pytest.mark.usefixtures("own_cache")


WEB = Catalog(
    metrics=(
        CatalogMetric("pageviews", "Pageviews", agg="count"),
        CatalogMetric("total_revenue", "Total Revenue", agg="sum"),
    ),
    dimensions=(
        CatalogDimension("event__device_category", "Device Category", values=("mobile", "desktop")),
    ),
    entities=(CatalogEntity("event", "event"),),
)

SAAS = Catalog(
    metrics=(
        CatalogMetric("mrr", "Monthly Recurring Revenue", agg="sum"),
        CatalogMetric("average_order_value", "Average Order Value", metric_type="ratio"),
    ),
    dimensions=(CatalogDimension("account__region", "Region", values=("emea", "apac")),),
    entities=(CatalogEntity("account", "account"),),
)


#: the question's semantic query as of TODAY (a refusal fails the test)
_query = partial(understood_query, today=TODAY)


def test_initials_name_metrics_on_a_web_model() -> None:
    q = _query("手机端的PV有多少", WEB)
    assert q.metrics == ["pageviews"]
    assert [(f.dimension, f.values) for f in q.filters] == [("event__device_category", ["mobile"])]
    assert _query("PV by device category", WEB).group_by == ["event__device_category"]
    terms = {b.term for b in build_bridges(WEB) if b.source == "acronym"}
    assert terms == {"pv"}  # no "tr" for Total Revenue


def test_initials_name_metrics_on_a_saas_model() -> None:
    q = _query("各地区的AOV", SAAS)
    assert q.metrics == ["average_order_value"] and q.group_by == ["account__region"]
    q = _query("MRR by region", SAAS)
    assert q.metrics == ["mrr"] and q.group_by == ["account__region"]
