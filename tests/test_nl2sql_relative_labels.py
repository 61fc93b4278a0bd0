"""'last season' / 本赛季 on a dimension of year labels: the data's latest label, or the one
before it, when the latest is this year's or next year's.

"average corsi percentage by team last season", 上赛季各队的失球数 and 本赛季每个球员的进球 were
refused on a hockey model whose seasons are labelled by the year they end (2027 = 2026-27,
today 2026-12-07): "'上赛季' is relative; name the 赛季", and "last" was an unknown word
(``rules.passes.number_labels.read_relative_labels``). A latest label older than this year
(the data stops earlier), "next season", and a season word of several models the question's
metric does not settle stay refused (``test_nl2sql_number_labels`` keeps those).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from semantic_layer.query import DimensionFilter
from tests.tiny_models import one_sum_catalog

pytestmark = pytest.mark.usefixtures("own_cache")

TODAY = dt.date(2025, 11, 20)

#: school years labelled by the year they end: 2026 = 2025-26, the current one
SCHOOL = one_sum_catalog(
    "enrolment",
    "enrolments",
    "Enrolments",
    CatalogDimension(
        "enrolment__school_year",
        "School Year",
        entity="enrolment",
        number_values=("2023", "2024", "2025", "2026"),
    ),
)
#: seasons labelled by the year they start: 2025 = 2025-26, the current one
LEAGUE = one_sum_catalog(
    "match",
    "goals",
    "Goals",
    CatalogDimension(
        "match__season", "Season", entity="match", number_values=("2022", "2023", "2024", "2025")
    ),
)


@pytest.mark.parametrize(
    ("catalog", "question", "dim", "value"),
    [
        (SCHOOL, "enrolments this school year", "enrolment__school_year", "2026"),
        (SCHOOL, "enrolments in the previous school year", "enrolment__school_year", "2025"),
        (LEAGUE, "goals last season", "match__season", "2024"),
        (LEAGUE, "goals in the current season", "match__season", "2025"),
        (LEAGUE, "上赛季的goals", "match__season", "2024"),
        (LEAGUE, "本赛季的goals", "match__season", "2025"),
    ],
)
def test_a_relative_label_is_the_latest_or_the_one_before(catalog, question, dim, value) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason
    assert u.query is not None
    assert u.query.filters == [DimensionFilter(dimension=dim, op="=", values=[value])]
    assert u.query.group_by == []


@pytest.mark.parametrize("question", ["goals next season", "下赛季的goals"])
def test_a_season_with_no_data_yet_is_refused(question) -> None:
    u = understand(question, LEAGUE, TODAY)
    assert u.refused, u.query


def test_stale_labels_are_refused() -> None:
    u = understand("goals last season", LEAGUE, dt.date(2027, 3, 1))  # data ends with 2025
    assert u.refused, u.query


TWO_MODELS = Catalog(
    metrics=(
        CatalogMetric(
            "points",
            "Points",
            agg="sum",
            agg_time_dimension="player_season__started_on",
            dimensions=("player_season__season",),
        ),
        CatalogMetric(
            "saves",
            "Saves",
            agg="sum",
            agg_time_dimension="keeper_season__started_on",
            dimensions=("keeper_season__season",),
        ),
    ),
    dimensions=tuple(
        d
        for m in ("player_season", "keeper_season")
        for d in (
            CatalogDimension(f"{m}__started_on", "Started On", dim_type="time", entity=m),
            CatalogDimension(
                f"{m}__season", "Season", entity=m, number_values=("2024", "2025", "2026")
            ),
        )
    ),
    entities=(CatalogEntity("player_season", "player season"), CatalogEntity("keeper_season", "")),
)


def test_the_season_of_the_model_the_metric_reads() -> None:
    u = understand("saves last season", TWO_MODELS, TODAY)
    assert not u.refused, u.reason
    assert u.query is not None
    assert u.query.filters == [
        DimensionFilter(dimension="keeper_season__season", op="=", values=["2025"])
    ]
