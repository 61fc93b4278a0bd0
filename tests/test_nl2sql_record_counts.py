"""Counted 记录 ("records") is the model's row count (zhrefuse29, issue #18).

"每个州有多少条门诊记录" was answered with the outpatient *services* total: 记录 is also the verb
"to record", taken as a word that never changes a query, and 门诊 then read as the services
metric (a wrong answer on the probes). ``rules.record_counts`` reads counted records as the
model's count of rows — label "Row Count" or a description "Count of … rows" — with the word
before it saying whose rows; two row counts both reaching the question are asked back, and a
record word no row count fits is refused. Original catalog: a clinic's visits (no evaluation
set's).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

FACT = ("visit__ward", "visit__visit_date")
YEARLY = ("summary__visit_year",)


def _metric(
    name: str, label: str, agg: str, expr: str, dims: tuple[str, ...], desc: str = ""
) -> CatalogMetric:
    return CatalogMetric(
        name, label, description=desc, agg=agg, measure_expr=expr, dimensions=dims,
        agg_time_dimension=dims[-1],
    )  # fmt: skip


def _clinic() -> Catalog:
    return Catalog(
        metrics=(
            _metric("outpatient_total_services", "Outpatient Total Services", "sum", "services", FACT),
            _metric("outpatient_detail_row_count", "Outpatient Detail Row Count", "count", "op_key", FACT,
                    "Count of outpatient fact rows."),
            _metric("inpatient_detail_row_count", "Inpatient Detail Row Count", "count", "ip_key", FACT,
                    "Count of inpatient fact rows."),
            _metric("observation_count", "Observation Count", "count", "obs_id", FACT),
            _metric("inpatient_row_count", "Inpatient Row Count", "count", "year", YEARLY,
                    "Count of inpatient yearly summary rows."),
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


@pytest.mark.parametrize("question", ["每个病房有多少条门诊记录", "各病房的门诊记录条数"])
def test_counted_records_are_the_row_count_of_the_kind_said(question: str) -> None:
    u = understand(question, _clinic(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["outpatient_detail_row_count"]  # not the services total
    assert u.query.group_by == ["visit__ward"]


def test_the_breakdown_settles_the_grain() -> None:
    u = understand("各病房的住院记录有多少条", _clinic(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["inpatient_detail_row_count"]  # the yearly one has no ward


def test_two_row_counts_both_reaching_are_asked_back() -> None:
    u = understand("今年有多少条住院记录", _clinic(), TODAY)
    assert u.refused
    assert "Inpatient Row Count" in u.reason_en and "Inpatient Detail Row Count" in u.reason_en


def test_a_kind_no_row_count_has_is_refused() -> None:
    u = understand("每个病房有多少条急诊记录", _clinic(), TODAY)
    assert u.refused


def test_records_of_a_counted_thing_are_its_count() -> None:
    # 观测 ("observation") names no row count, but it is the one thing a count metric counts
    u = understand("每个病房有多少条观测记录", _clinic(), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["observation_count"]


def test_records_qualifying_another_thing_are_not_counted() -> None:
    # "how many patients have records": the patients (as before this rule), not a row count
    base = _clinic()
    patients = CatalogMetric(
        "patients", "Patients", agg="count_distinct", measure_expr="patient_id", dimensions=FACT,
        agg_time_dimension="visit__visit_date",
    )  # fmt: skip
    cat = Catalog(metrics=(*base.metrics[:2], patients), dimensions=base.dimensions,
                  entities=base.entities)  # fmt: skip
    for question in ("有记录的患者有多少", "有记录的患者数"):
        u = understand(question, cat, TODAY)
        assert not u.refused, (question, u.reason_en)
        assert u.query.metrics == ["patients"], question
