"""Two general gaps a fresh English-only dbt project showed in Chinese (zhfresh28, issue #18).

1. One quantity published at two grains — a SUM over the fact rows ("Hospital Detail Total
   Admissions", by ward) and the same SUM over a yearly rollup ("Hospital Total Admissions") —
   was asked back ("could mean … or …") for every question naming it, even when only one copy
   reaches the asked breakdown, or when both give the same total (``rules.grain_twins``).
2. 人次 ("person-times") after a word that already counts occurrences (入院人次 = the number of
   admissions) was refused as a count of people, and a threshold after it found no metric
   (``rules.person_times``).

Original catalog: a hospital group's admissions by ward (not any evaluation set's model).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

FACT_DIMS = ("stay__ward", "stay__booked_year", "patient__patient_sex")
ROLLUP_DIMS = ("summary__booked_year",)


def _metric(name: str, label: str, agg: str, expr: str, dims: tuple[str, ...]) -> CatalogMetric:
    time = dims[1] if dims is FACT_DIMS else dims[0]
    return CatalogMetric(
        name, label, agg=agg, measure_expr=expr, dimensions=dims, agg_time_dimension=time
    )


def _hospital(*extra: CatalogMetric) -> Catalog:
    return Catalog(
        metrics=(
            _metric("hospital_detail_total_admissions", "Hospital Detail Total Admissions", "sum",
                    "admissions", FACT_DIMS),
            _metric("hospital_total_admissions", "Hospital Total Admissions", "sum", "total_admissions",
                    ROLLUP_DIMS),
            _metric("hospital_detail_avg_length_of_stay", "Hospital Detail Avg Length Of Stay", "average", "los",
                    FACT_DIMS),
            _metric("hospital_avg_length_of_stay", "Hospital Avg Length Of Stay", "average", "avg_los", ROLLUP_DIMS),
            *extra,
        ),
        dimensions=(
            CatalogDimension("stay__ward", "Ward", entity="stay", values=("cardiology", "oncology")),
            CatalogDimension("stay__booked_year", "Booked Year", entity="stay", dim_type="time"),
            CatalogDimension("patient__patient_sex", "Patient Sex", entity="patient",
                             values=("F", "M")),
            CatalogDimension("summary__booked_year", "Booked Year", entity="summary",
                             dim_type="time"),
        ),
        entities=(
            CatalogEntity("stay", "stay", key_expr="stay_id"),
            CatalogEntity("patient", "patient", key_expr="patient_id"),
            CatalogEntity("summary", "summary", key_expr="year"),
        ),
    )  # fmt: skip


@pytest.mark.parametrize("question", ["各病房的入院人次", "按病房看入院人次"])
def test_the_copy_reaching_the_breakdown_is_read(question: str) -> None:
    u = understand(question, _hospital(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["hospital_detail_total_admissions"]
    assert u.query.group_by == ["stay__ward"]


@pytest.mark.parametrize("question", ["今年的入院人次", "今年一共多少入院人次"])
def test_a_sum_both_copies_give_is_the_copy_without_a_grain_word(question: str) -> None:
    u = understand(question, _hospital(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["hospital_total_admissions"]


def test_a_mean_both_copies_answer_stays_asked() -> None:
    # a mean of yearly means is not the mean of the stays: which one is still asked
    u = understand("average length of stay this year", _hospital(), TODAY)
    assert u.refused
    by_ward = understand("average length of stay by ward", _hospital(), TODAY)
    assert not by_ward.refused, by_ward.reason_en
    assert by_ward.query.metrics == ["hospital_detail_avg_length_of_stay"]


def test_metrics_differing_by_a_word_of_what_they_count_are_no_twins() -> None:
    net = _metric(
        "hospital_net_total_admissions", "Hospital Net Total Admissions", "sum", "net", FACT_DIMS
    )
    u = understand("各病房的入院人次", _hospital(net), TODAY)
    assert u.refused  # the plain copy or the net one: asked


def test_person_times_after_a_count_is_that_count_and_takes_a_threshold() -> None:
    u = understand("入院人次超过100的病房", _hospital(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["hospital_detail_total_admissions"]
    assert [(h.metric, h.op, h.value) for h in u.query.having] == [
        ("hospital_detail_total_admissions", ">", 100)
    ]
