"""A Chinese kind word before a metric phrase several kinds share (zhrefuse29, issue #18).

A model publishing one quantity per kind ("Inpatient Avg Total Cost", "Outpatient Avg Total
Cost") was refused when the kind was said as a modifier before the quantity (住院平均总成本:
"I don't know '住院'"), although the industry glossary renders the label word "inpatient" as
住院 (``rules.modifier_subset``); and once the kind picked the metric, the 总 of 总成本 was taken
as a total asked of an average although "Total" is the label's own word
(``rules.total_of_average``). Original catalog: a clinic's visit costs (no evaluation set's).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

DIMS = ("visit__ward", "visit__visit_date")


def _metric(name: str, label: str, agg: str, expr: str) -> CatalogMetric:
    return CatalogMetric(
        name, label, agg=agg, measure_expr=expr, dimensions=DIMS,
        agg_time_dimension="visit__visit_date",
    )  # fmt: skip


def _clinic() -> Catalog:
    return Catalog(
        metrics=(
            _metric("inpatient_avg_total_cost", "Inpatient Avg Total Cost", "average", "ip_cost"),
            _metric("outpatient_avg_total_cost", "Outpatient Avg Total Cost", "average", "op_cost"),
            _metric("inpatient_nursing_hours", "Inpatient Nursing Hours", "sum", "hours"),
            _metric("patient_count", "Patient Count", "count", "patient_id"),
        ),
        dimensions=(
            CatalogDimension("visit__ward", "Ward", entity="visit", values=("cardiology", "oncology")),
            CatalogDimension("visit__visit_date", "Visit Date", entity="visit", dim_type="time"),
        ),
        entities=(CatalogEntity("visit", "visit", key_expr="visit_id"),),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("question", "metric", "said"),
    [
        ("各病房的住院平均总成本", "inpatient_avg_total_cost", "住院 → inpatient"),
        ("住院的平均总成本", "inpatient_avg_total_cost", "住院 → inpatient"),
        ("门诊平均总成本", "outpatient_avg_total_cost", "门诊 → outpatient"),
    ],
)
def test_the_kind_word_picks_the_kind(question: str, metric: str, said: str) -> None:
    u = understand(question, _clinic(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == [metric]
    assert said in u.bridged  # the answer shows which word chose the kind


def test_the_breakdown_is_kept() -> None:
    u = understand("各病房的住院平均总成本", _clinic(), TODAY)
    assert u.query.group_by == ["visit__ward"]


@pytest.mark.parametrize(
    ("question", "word"),
    [("各病房的急诊平均总成本", "急诊"), ("平均总成本", "总成本")],
)
def test_no_kind_or_a_kind_the_model_lacks_stays_refused(question: str, word: str) -> None:
    # 急诊 ("emergency") renders no label word; with no kind said, both kinds stay asked
    u = understand(question, _clinic(), TODAY)
    assert u.refused
    assert word in u.reason_en


FACT = ("visit__ward", "visit__visit_date")
YEARLY = ("summary__visit_year",)


def _twin(name: str, label: str, expr: str, dims: tuple[str, ...], desc: str) -> CatalogMetric:
    return CatalogMetric(
        name, label, description=desc, agg="average", measure_expr=expr, dimensions=dims,
        agg_time_dimension=dims[-1],
    )  # fmt: skip


def _clinic_two_grains() -> Catalog:
    """Each kind published twice: over the visits (Detail) and over a yearly rollup."""
    weighted, detailed = "Annual weighted {} average total cost.", "Average total cost from visits."
    return Catalog(
        metrics=(
            _twin("inpatient_avg_total_cost", "Inpatient Avg Total Cost", "ip", YEARLY,
                  weighted.format("inpatient")),
            _twin("inpatient_detail_avg_total_cost", "Inpatient Detail Avg Total Cost", "ipd", FACT,
                  detailed),
            _twin("outpatient_avg_total_cost", "Outpatient Avg Total Cost", "op", YEARLY,
                  weighted.format("outpatient")),
            _twin("outpatient_detail_avg_total_cost", "Outpatient Detail Avg Total Cost", "opd", FACT,
                  detailed),
        ),
        dimensions=(
            CatalogDimension("visit__ward", "Ward", entity="visit", values=("cardiology", "oncology")),
            CatalogDimension("visit__visit_date", "Visit Date", entity="visit", dim_type="time"),
            CatalogDimension("summary__visit_year", "Visit Year", entity="summary", dim_type="time"),
        ),
        entities=(
            CatalogEntity("visit", "visit", key_expr="visit_id"),
            CatalogEntity("patient", "patient", key_expr="patient_id"),
            CatalogEntity("summary", "summary", key_expr="year"),
        ),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("各病房的住院平均总成本", "inpatient_detail_avg_total_cost"),  # only visits have wards
        ("今年住院的加权平均总成本", "inpatient_avg_total_cost"),  # the description's "weighted"
        ("今年门诊的加权平均总成本", "outpatient_avg_total_cost"),
    ],
)
def test_the_kind_then_the_grain(question: str, metric: str) -> None:
    u = understand(question, _clinic_two_grains(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == [metric]


def test_two_means_of_the_kind_both_answering_stay_asked() -> None:
    # a mean over visits and a weighted yearly mean differ: no grain word said, so ask back
    # (rules.qualified_metrics.unqualified_metric used to take the one without "Detail")
    u = understand("今年住院的平均总成本", _clinic_two_grains(), TODAY)
    assert u.refused
    assert "Inpatient Avg Total Cost" in u.reason_en
    assert "Inpatient Detail Avg Total Cost" in u.reason_en


def test_a_weighted_mean_per_ward_the_model_lacks_is_not_the_plain_mean() -> None:
    # 加权 chose the weighted yearly mean, which has no ward; its Detail twin over the visits
    # has one but is the unweighted mean: answering it dropped "weighted" (zhrefuse30, the
    # shape of zhrefuse29's "各州的住院加权平均总支付")
    u = understand("各病房的住院加权平均总成本", _clinic_two_grains(), TODAY)
    assert u.refused
    assert "Inpatient Avg Total Cost cannot be broken down by" in u.reason_en
