"""Words found only in a dimension's description ("agent" when the description says "The agent
who sold the policy.") reach that dimension, shown in the interpretation; the shop-model case
("The sales agent who took the order.") is in ``tests/test_nl2sql_vocabulary.py``. This file
holds the insurance domain, written like a dbt project by others (no synonyms).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from semantic_layer.query import DimensionFilter

TODAY = dt.date(2026, 4, 1)


pytestmark = pytest.mark.usefixtures("own_cache")


INSURANCE = Catalog(
    metrics=(
        CatalogMetric("total_premium", "Total Premium", agg="sum"),
        CatalogMetric("claim_count", "Claims", agg="count", counts="claim"),
    ),
    dimensions=(
        CatalogDimension(
            "policy__sold_by",
            "Sold By",
            entity="policy",
            description="The agent who sold the policy.",
            values=("Ann", "Bob"),
        ),
        CatalogDimension(
            "policy__insured_name",
            "Insured Name",
            entity="policy",
            description="Name of the policy holder.",
        ),
        CatalogDimension("policy__policy_state", "Policy State", entity="policy", values=("CA",)),
    ),
    entities=(CatalogEntity("policy", "policy"), CatalogEntity("claim", "claim")),
)


@pytest.mark.parametrize(
    ("question", "metric", "group_by", "shown"),
    [
        ("total premium by agent", "total_premium", "policy__sold_by", "agent → Sold By"),
        ("claims by agent", "claim_count", "policy__sold_by", "agent → Sold By"),
        ("各代理人的保费", "total_premium", "policy__sold_by", "代理人 → Sold By"),
        (
            "total premium by policy holder",
            "total_premium",
            "policy__insured_name",
            "policy holder → Insured Name",
        ),
    ],
)
def test_a_description_word_names_its_dimension(question, metric, group_by, shown) -> None:
    u = understand(question, INSURANCE, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == [metric] and u.query.group_by == [group_by]
    assert shown in u.bridged


def test_a_description_word_keeps_the_other_conditions() -> None:
    u = understand("total premium per agent in CA", INSURANCE, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.group_by == ["policy__sold_by"]
    assert u.query.filters == [
        DimensionFilter(dimension="policy__policy_state", op="=", values=["CA"])
    ]
