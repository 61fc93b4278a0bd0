"""A ratio's part metric is named by its short description; 每 + one character is no breakdown.

A public distribution-operations project generates its ratios' parts with role labels ("Cost
Per Shipment - denominator") and says what they are only in the description ("Shipments",
"Shipment cost"); "how many shipments" and 发货量 were refused as unknown. Two parts that are
the same number (two ratios' denominators both counting the same rows) answer as one; two that
differ are asked about. A part whose ratio label says "per" is no average: "average <part>"
is refused like any total's average (it was answered as the plain sum). And 每票发货成本
("shipping cost per shipment", 票 a measure word) grouped the cost by a site the one character
was bridged to; 每 + one character + a metric is refused with what to say instead.

Original catalog: a bakery's bakes (English only, no synonyms).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from nl2sql.vocabulary.part_metrics import part_description_anchors
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)
BAKED = "bake__baked_at"

pytestmark = pytest.mark.usefixtures("own_cache")


def _part(name: str, label: str, description: str, agg: str, expr: str) -> CatalogMetric:
    return CatalogMetric(
        name, label, description=description, agg=agg, measure_expr=expr, agg_time_dimension=BAKED
    )


def _bakery(*extra: CatalogMetric) -> Catalog:
    return Catalog(
        metrics=(
            _part("waste_num", "Waste Per Batch - numerator", "Wasted loaves", "sum", "wasted"),
            _part("waste_den", "Waste Per Batch - denominator", "Batches", "count", "batch_id"),
            CatalogMetric("waste_per_batch", "Waste Per Batch", metric_type="ratio"),
            _part("yield_num", "Yield Rate - numerator", "Good loaves", "sum", "good"),
            _part("yield_den", "Yield Rate - denominator", "Batches", "count", "batch_id"),
            CatalogMetric("yield_rate", "Yield Rate", metric_type="ratio", value_format="percent"),
            *extra,
        ),
        dimensions=(
            CatalogDimension("bake__oven", "Oven", entity="bake", values=("deck", "tunnel")),
            CatalogDimension(BAKED, "Baked At", entity="bake", dim_type="time"),
        ),
        entities=(CatalogEntity("bake", "bake", key_expr="bake_id"),),
    )


def _read(question: str, catalog: Catalog) -> tuple[list[str], list[str]]:
    u = understand(question, catalog, TODAY)
    assert not u.refused, (question, u.reason_en)
    return u.query.metrics, u.query.group_by


def test_a_part_is_named_by_its_description() -> None:
    assert _read("wasted loaves by oven", _bakery()) == (["waste_num"], ["bake__oven"])
    assert _read("good loaves", _bakery()) == (["yield_num"], [])


def test_identical_parts_answer_as_one() -> None:
    assert _read("how many batches", _bakery()) == (["waste_den"], [])
    assert _read("batches by oven", _bakery()) == (["waste_den"], ["bake__oven"])


def test_parts_that_differ_are_asked_about() -> None:
    audit = _part("audit_den", "Audit Pass Rate - denominator", "Batches", "count", "audit_id")
    u = understand("how many batches", _bakery(audit), TODAY)
    assert u.refused
    assert "Audit Pass Rate - denominator" in u.reason_en


def test_the_ratio_itself_keeps_its_name() -> None:
    assert _read("waste per batch", _bakery()) == (["waste_per_batch"], [])


def test_the_average_of_a_part_is_refused_not_summed() -> None:
    u = understand("average wasted loaves", _bakery())
    assert u.refused and "average of a total" in u.reason_en


def test_only_short_descriptions_of_role_labelled_parts_are_names() -> None:
    long = _part("n", "Rate - numerator", "The loaves we threw away at closing.", "sum", "x")
    plain = _part("m", "Loaves", "Loaves sold", "sum", "y")
    phrases = {
        a.phrase for a in part_description_anchors(Catalog(metrics=(long, plain), dimensions=()))
    }
    assert phrases == set()


def _with_chinese() -> Catalog:
    """The bakery with the owner's Chinese synonyms: 炉 for the oven, 合格面包 for good loaves."""
    cat = _bakery()
    metrics = tuple(
        CatalogMetric(
            m.name,
            m.label,
            description=m.description,
            agg=m.agg,
            measure_expr=m.measure_expr,
            agg_time_dimension=m.agg_time_dimension,
            synonyms=("合格面包",),
        )
        if m.name == "yield_num"
        else m
        for m in cat.metrics
    )
    oven = CatalogDimension(
        "bake__oven", "Oven", entity="bake", values=("deck", "tunnel"), synonyms=("炉",)
    )
    return Catalog(metrics=metrics, dimensions=(oven, cat.dimensions[1]), entities=cat.entities)


def test_a_measure_word_after_mei_is_refused_not_grouped() -> None:
    u = understand("每炉合格面包", _with_chinese(), TODAY)
    assert u.refused and "每炉" in u.reason_en
    assert _read("每个炉的合格面包", _with_chinese()) == (["yield_num"], ["bake__oven"])
