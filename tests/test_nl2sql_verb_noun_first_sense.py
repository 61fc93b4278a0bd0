"""A Chinese word CC-CEDICT lists first as verbs and only late as the model's noun (zhrefuse30).

活动 is glossed "to exercise; to operate; ...; activity; campaign; ..." (the noun fifth of
eight), so CC-CEDICT's reading of it as a model's ``activity`` scores too low to answer on, and
ECDICT's first translation of "activity" (活动) was dropped because the entry also glosses the
noun itself — the rule meant for words like 飞行 "to fly; flight", whose verb is the thing's
own event and which CC-CEDICT already reads. Now that drop applies only when CC-CEDICT's own
reading is accepted; 活动's verbs are no event of "activity", so ECDICT's word names the
dimension. Original catalog: a leisure centre's sessions (no evaluation set's).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from nl2sql.vocabulary.chinese_anchors import names_the_thing
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

DIMS = ("session__activity", "session__session_date")


def _centre() -> Catalog:
    return Catalog(
        metrics=(
            CatalogMetric("attendees", "Attendees", agg="sum", measure_expr="attendees",
                          dimensions=DIMS, agg_time_dimension=DIMS[-1]),
        ),
        dimensions=(
            CatalogDimension("session__activity", "activity", entity="session",
                             values=("Yoga", "Swimming")),
            CatalogDimension("session__session_date", "Session Date", entity="session",
                             dim_type="time"),
        ),
        entities=(CatalogEntity("session", "session", key_expr="session_id"),),
    )  # fmt: skip


def test_the_verb_rule_still_holds_where_cedict_reads_the_word() -> None:
    assert not names_the_thing("飞行", "flight")
    assert not names_the_thing("活动", "activity", read=True)
    assert names_the_thing("活动", "activity", read=False)


def test_a_late_noun_gloss_names_the_dimension_through_ecdict() -> None:
    u = understand("按活动统计Attendees", _centre(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.group_by == ["session__activity"]
