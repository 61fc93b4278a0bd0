"""Chinese words that, with the word beside them, spell one model term are read as that term.

Two readings a public distribution-operations project showed (issue #12):

- 匹配率 ("match rate") was refused, "I don't know '率'": the tokenizer cuts after the
  dictionary word 匹配 ("to match", bridged to every term with the word "match"), and 率
  ("rate") alone names nothing. Together they spell the rate the word before already named in
  part, so they are that rate; a rate the model lacks (报废率, "scrap rate") stays refused.
- 订单参考覆盖率 was answered with a filter: 订单参考 was read as a value ("order reference")
  of a resolution-method dimension, though its words are the words of the coverage metric's
  own label said before 覆盖率 — in English "order reference coverage" is one name. A run that
  restates words of the term right after it is that term; with 的 between them the value stays
  a condition.

Original catalogs, written like other people's dbt projects (English only, no synonyms): a
repair workshop, a print shop's jobs and a clinic's visit records.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

REPAIRS = Catalog(
    metrics=(
        CatalogMetric("jobs", "Jobs", agg="count", measure_expr="job_id", counts="job"),
        CatalogMetric("repair_rate", "Repair Rate", metric_type="ratio", value_format="percent"),
    ),
    dimensions=(
        CatalogDimension("job__workshop", "Workshop", entity="job", values=("north", "south")),
        CatalogDimension("job__outcome", "Outcome", entity="job", values=("REPAIRED", "SCRAPPED")),
        CatalogDimension("job__opened_at", "Opened At", entity="job", dim_type="time"),
    ),
    entities=(CatalogEntity("job", "job", key_expr="job_id"),),
)

PRINT_JOBS = Catalog(
    metrics=(
        CatalogMetric("jobs", "Jobs", agg="count", measure_expr="job_id", counts="job"),
        CatalogMetric(
            "order_reference_coverage_rate",
            "Print Job Order Reference Coverage",
            metric_type="ratio",
            value_format="percent",
        ),
    ),
    dimensions=(
        CatalogDimension("job__press", "Press", entity="job", values=("offset", "digital")),
        CatalogDimension(
            "job__link_method",
            "Link Method",
            entity="job",
            values=("order_reference", "customer_name"),
        ),
        CatalogDimension("job__printed_at", "Printed At", entity="job", dim_type="time"),
    ),
    entities=(CatalogEntity("job", "job", key_expr="job_id"),),
)

VISITS = Catalog(
    metrics=(
        CatalogMetric("visits", "Visits", agg="count", measure_expr="visit_id", counts="visit"),
        CatalogMetric(
            "insurance_number_coverage_rate",
            "Visit Insurance Number Coverage",
            metric_type="ratio",
            value_format="percent",
        ),
    ),
    dimensions=(
        CatalogDimension("visit__clinic", "Clinic", entity="visit", values=("north", "south")),
        CatalogDimension(
            "visit__match_method",
            "Match Method",
            entity="visit",
            values=("insurance_number", "patient_name", "unmatched"),
        ),
        CatalogDimension("visit__opened_at", "Opened At", entity="visit", dim_type="time"),
    ),
    entities=(CatalogEntity("visit", "visit", key_expr="visit_id"),),
)


def _read(question: str, catalog: Catalog) -> tuple[list[str], list[str], list[tuple]]:
    u = understand(question, catalog, TODAY)
    assert not u.refused, (question, u.reason_en)
    q = u.query
    return q.metrics, q.group_by, [(f.dimension, list(f.values)) for f in q.filters]


def test_a_verb_and_rate_spell_the_rate() -> None:
    assert _read("修理率", REPAIRS) == (["repair_rate"], [], [])
    assert _read("各车间的修理率", REPAIRS) == (["repair_rate"], ["job__workshop"], [])


def test_a_rate_the_model_lacks_stays_refused() -> None:
    u = understand("各车间的报废率", REPAIRS, TODAY)
    assert u.refused and "率" in u.reason_en


def test_label_words_before_the_metric_are_its_name_not_a_value() -> None:
    metric = ["order_reference_coverage_rate"]
    assert _read("订单参考覆盖率", PRINT_JOBS) == (metric, [], [])
    assert _read("保险号码覆盖率", VISITS) == (["insurance_number_coverage_rate"], [], [])


def test_the_same_words_before_another_metric_stay_a_condition() -> None:
    assert _read("保险号码的访问数", VISITS) == (
        ["visits"],
        [],
        [("visit__match_method", ["insurance_number"])],
    )
