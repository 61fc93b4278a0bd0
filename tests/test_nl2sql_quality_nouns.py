"""A model adjective whose Chinese is the noun of its quality (zhrefuse30, issue #18).

An English label says "Found compliant"; Chinese says 合规 (CC-CEDICT: "compliance") and never
the dictionary's words for the adjective (濡忍 "submissive"), so 合规的数量 was refused on every
English-only model. ``vocabulary.quality_nouns`` derives the quality noun of an -ant / -ent
adjective (checked as adjective-only and noun by the lemma lexicon) and the noun's main
CC-CEDICT sense renders the adjective; the glossary's ``non`` (不 / 非) renders the negating
prefix names write apart ("non_compliant" 不合规). A name that puts the percent word first
("audit_pct_compliant", after the label's own prefix) is <thing>率 / <thing>比例 / <thing>占比 in
Chinese (``rate_anchors.leading_percent``). Original catalog: a food-safety inspector's
audits (no evaluation set's).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from nl2sql.vocabulary.quality_nouns import quality_hits, quality_nouns
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

DIMS = ("audit__kitchen_zone", "audit__audit_date")


def _audits() -> Catalog:
    def m(name: str, label: str, expr: str) -> CatalogMetric:
        return CatalogMetric(name, label, agg="sum", measure_expr=expr, dimensions=DIMS,
                             agg_time_dimension=DIMS[-1])  # fmt: skip

    return Catalog(
        metrics=(
            m("compliant_count", "Audits Found Compliant", "compliant"),
            m("non_compliant_count", "Audits Found Non-Compliant", "non_compliant"),
            m("audits", "Audits", "audits"),
        ),
        dimensions=(
            CatalogDimension("audit__kitchen_zone", "Kitchen Zone", entity="audit",
                             values=("prep", "storage")),
            CatalogDimension("audit__audit_date", "Audit Date", entity="audit", dim_type="time"),
        ),
        entities=(CatalogEntity("audit", "audit", key_expr="audit_id"),),
    )  # fmt: skip


def test_the_quality_noun_of_an_adjective_only() -> None:
    assert quality_nouns("compliant") == ("compliance",)
    assert quality_nouns("patient") == ()  # a noun too: its "patience" is another thing
    assert quality_nouns("compliance") == ()
    assert "合规" in [zh for zh, _, _ in quality_hits("compliant")]


def test_the_adjective_in_chinese_is_its_quality_noun() -> None:
    u = understand("各厨房区域合规的数量", _audits(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["compliant_count"]
    assert u.query.group_by == ["audit__kitchen_zone"]


def test_the_negating_prefix_is_bu() -> None:
    u = understand("今年不合规的数量", _audits(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["non_compliant_count"]  # not the compliant count


def _shares() -> Catalog:
    def m(name: str, label: str, expr: str) -> CatalogMetric:
        return CatalogMetric(name, label, agg="average", measure_expr=expr, dimensions=DIMS,
                             agg_time_dimension=DIMS[-1])  # fmt: skip

    return Catalog(
        metrics=(
            m("audit_pct_compliant", "Audit: Share found compliant", "pct_compliant"),
            m("audit_pct_on_time", "Audit: Share closed before the deadline", "pct_on_time"),
            m("sales_pct_change", "Sales: Change on last year", "pct_change"),
        ),
        dimensions=_audits().dimensions,
        entities=_audits().entities,
    )


@pytest.mark.parametrize(
    ("question", "metric"),
    [("各厨房区域的合规比例", "audit_pct_compliant"), ("合规率最高的厨房区域", "audit_pct_compliant"),
     ("各厨房区域的准时比例", "audit_pct_on_time"),
     ("准时关闭比例最高的厨房区域", "audit_pct_on_time")],  # the label's participle, 关闭
)  # fmt: skip
def test_a_leading_percent_word_is_a_chinese_share_after_the_thing(
    question: str, metric: str
) -> None:
    """ "pct_<thing>" after the label's own prefix is <thing>率 / <thing>比例 in Chinese."""
    u = understand(question, _shares(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == [metric]
