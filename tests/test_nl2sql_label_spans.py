"""Season spans, and season labels beside a ranking.

On a hockey model (seasons labelled by the year they end, "2024 = 2023-24 season" in the
description): "goals in the 2025-26 season" left 2025 and 26 over (``rules.label_spans``);
"which team had the highest X in season 2026" ranked "in season" as a grouping before the
label was read (``read_number_labels`` now runs before the rankings). Here a school's intakes.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from semantic_layer.query import DimensionFilter

pytestmark = pytest.mark.usefixtures("own_cache")

TODAY = dt.date(2025, 11, 20)
YEARS = ("2022", "2023", "2024", "2025", "2026")


def _school(description: str) -> Catalog:
    return Catalog(
        metrics=(
            CatalogMetric(
                "enrolments",
                "Enrolments",
                agg="sum",
                agg_time_dimension="enrolment__started_on",
                dimensions=("enrolment__intake", "enrolment__school"),
            ),
        ),
        dimensions=(
            CatalogDimension("enrolment__started_on", "Started On", dim_type="time"),
            CatalogDimension(
                "enrolment__intake",
                "Intake",
                entity="enrolment",
                description=description,
                number_values=YEARS,
            ),
            CatalogDimension(
                "enrolment__school", "School", entity="enrolment", values=("North", "South")
            ),
        ),
        entities=(CatalogEntity("enrolment", "enrolment"),),
    )


@pytest.mark.parametrize(
    ("description", "question", "value"),
    [
        ("Intake (e.g. 2024 = 2023-24).", "enrolments in the 2024-25 intake", "2025"),
        ("Intake (e.g. 2024 = 2023-24).", "enrolments in intake 2023-2024", "2024"),
        (
            "Labelled by its first year: 2023 = 2023-24.",
            "enrolments in the 2024-25 intake",
            "2024",
        ),
    ],
)
def test_a_span_is_the_label_the_description_gives_it(description, question, value) -> None:
    u = understand(question, _school(description), TODAY)
    assert not u.refused, u.reason
    assert u.query is not None
    assert u.query.filters == [
        DimensionFilter(dimension="enrolment__intake", op="=", values=[value])
    ]


def test_a_span_without_a_stated_convention_is_refused() -> None:
    u = understand("enrolments in the 2024-25 intake", _school("Intake."), TODAY)
    assert u.refused, u.query


def test_a_label_beside_a_ranking_is_a_filter_not_a_grouping() -> None:
    u = understand("which school had the most enrolments in intake 2025", _school("Intake."), TODAY)
    assert not u.refused, u.reason
    assert u.query is not None
    assert (
        DimensionFilter(dimension="enrolment__intake", op="=", values=["2025"]) in u.query.filters
    )
    assert u.query.group_by == ["enrolment__school"]
