"""Chinese compounds that start with a quality character or end in 度, on an English-only model.

Why these tests: a value ``high_spend`` is asked as 高花费 and a dimension "Satisfaction Level"
as 满意度级别. The tokenizer drops 高 / 低 as filler (they are no conditions on their own) and
CC-CEDICT has no entry for 满意度级别, so both were unknown words. Each part glosses one English
word of the term in order (高 "high", 花费 "to spend", 满意 "satisfied; satisfaction" + 度), so
the compound is read as that term — never when a part is unmatched (超高花费), and the negation
before it still negates. The catalog is an invented fitness club (English only, no synonyms).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

CLUB = Catalog(
    metrics=(
        CatalogMetric("members", "Members", agg="count", measure_expr="id", counts="member"),
        CatalogMetric("visits", "Visits", agg="sum", measure_expr="visit_count"),
    ),
    dimensions=(
        CatalogDimension(
            "member__risk_class",
            "Risk Class",
            entity="member",
            values=("high_risk", "low_risk", "medium_risk"),
        ),
        CatalogDimension(
            "member__satisfaction_level",
            "Satisfaction Level",
            entity="member",
            values=("excellent", "poor"),
        ),
        CatalogDimension(
            "member__segment", "Segment", entity="member", values=("high_spend", "low_spend")
        ),
        CatalogDimension("member__joined_at", "Joined At", entity="member", dim_type="time"),
    ),
    entities=(CatalogEntity("member", "member", key_expr="id"),),
)


def _read(question: str) -> tuple[list[tuple[str, str, list]], list[str], list[str]]:
    u = understand(question, CLUB, TODAY)
    assert not u.refused, (question, u.reason_en)
    filters = [(f.dimension, f.op, list(f.values)) for f in u.query.filters]
    return filters, list(u.query.group_by), list(u.query.metrics)


def test_a_quality_character_and_an_unknown_noun_spell_a_value() -> None:
    assert _read("高花费会员数") == (
        [("member__segment", "=", ["high_spend"])],
        [],
        ["members"],
    )
    assert _read("低花费会员的访问量")[0] == [("member__segment", "=", ["low_spend"])]
    assert "高花费 → high_spend" in understand("高花费会员数", CLUB, TODAY).bridged


def test_the_negation_before_the_compound_still_negates() -> None:
    assert _read("不是高花费的会员数")[0] == [("member__segment", "!=", ["high_spend"])]
    assert _read("非低风险会员数")[0] == [("member__risk_class", "!=", ["low_risk"])]


def test_a_quality_before_a_dimension_word_is_the_value_it_spells() -> None:
    """风险 alone names the dimension Risk Class; 低风险 is its value ``low_risk``. Before, 低
    was dropped and the question came back grouped by every risk class (a wrong answer)."""
    filters, group_by, metrics = _read("低风险会员的访问量")
    assert filters == [("member__risk_class", "=", ["low_risk"])]
    assert group_by == [] and metrics == ["visits"]


def test_a_part_no_model_word_explains_stays_refused() -> None:
    for question in ("超高花费会员数", "超高风险会员数"):
        u = understand(question, CLUB, TODAY)
        assert u.refused, question


def test_a_degree_noun_reads_through_its_quality() -> None:
    assert _read("满意度级别为excellent的会员数")[0] == [
        ("member__satisfaction_level", "=", ["excellent"])
    ]
    assert _read("各满意度级别的会员数")[1] == ["member__satisfaction_level"]


def test_a_degree_noun_of_no_model_word_is_refused() -> None:
    """活跃度 ("activity") is no word of the model: the level stays unread, not Satisfaction."""
    assert understand("活跃度级别为excellent的会员数", CLUB, TODAY).refused


#: a dimension whose Chinese head (等级, "tier") is reached only through its description
TRUST = Catalog(
    metrics=(CatalogMetric("members", "Members", agg="count", measure_expr="id", counts="member"),),
    dimensions=(
        CatalogDimension(
            "member__trust_grade_description",
            "Trust Grade Description",
            entity="member",
            values=("elite", "novice"),
            description="Trust tier name: elite, novice.",
        ),
    ),
    entities=(CatalogEntity("member", "member", key_expr="id"),),
)


def test_a_run_restating_the_term_after_it_joins_that_term() -> None:
    """等级 reaches the dimension (its description says "tier"); 信任度 before it glosses
    "trust", a word of the dimension's own name, so 信任度等级 is that dimension."""
    u = understand("信任度等级为elite的会员数", TRUST, TODAY)
    assert not u.refused, u.reason_en
    assert [(f.dimension, list(f.values)) for f in u.query.filters] == [
        ("member__trust_grade_description", ["elite"])
    ]
    assert "信任度等级 → Trust Grade Description" in u.bridged
    u = understand("各信任度等级的会员数", TRUST, TODAY)
    assert u.query.group_by == ["member__trust_grade_description"]


def test_a_run_naming_another_word_before_the_term_stays_unknown() -> None:
    """安全度 ("safety") is no word of the term after it: refused, not dropped."""
    u = understand("安全度等级为elite的会员数", TRUST, TODAY)
    assert u.refused and "安全度" in u.reason_en


def test_a_name_word_outranks_a_description_word() -> None:
    """With a dimension named Tier beside it, 等级 is that dimension (its name), not the one
    whose description says "tier"; 信任度 then restates nothing and is refused, not dropped."""
    tier = CatalogDimension("member__tier", "Tier", entity="member", values=("basic", "plus"))
    both = Catalog(
        metrics=TRUST.metrics, dimensions=(*TRUST.dimensions, tier), entities=TRUST.entities
    )
    u = understand("各等级的会员数", both, TODAY)
    assert not u.refused and u.query.group_by == ["member__tier"]
    u = understand("各信任度等级的会员数", both, TODAY)
    assert u.refused and "信任度" in u.reason_en
