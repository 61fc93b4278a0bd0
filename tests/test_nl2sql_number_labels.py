"""A whole number beside the name of a dimension of whole-number labels is that value.

"2023赛季一共多少分钟" and "total minutes in season 2023" were refused ("I don't know what the
number '2023' refers to") on a public football project whose ``season`` dimension holds
2022..2024: numbers are quantities, so such values are no names in the index
(``rules.passes.number_labels``). Three domains: football seasons, a car dealer's model
years and a school's cohorts; a number that is not one of the values, or a count before the name, keeps its reading.
The catalog keeps such labels from the warehouse (``CatalogDimension.number_values``).
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from nl2sql.rules import understand
from semantic_layer import build_catalog, load_model
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from semantic_layer.query import DimensionFilter
from tests.tiny_models import one_sum_catalog

TODAY = dt.date(2025, 6, 1)

pytestmark = pytest.mark.usefixtures("own_cache")


FOOTBALL = one_sum_catalog(
    "stint",
    "minutes_total",
    "Minutes Total",
    CatalogDimension(
        "stint__season", "Season", entity="stint", number_values=("2022", "2023", "2024")
    ),
)
DEALER = one_sum_catalog(
    "sale",
    "units_sold",
    "Units Sold",
    CatalogDimension(
        "sale__model_year", "Model Year", entity="sale", number_values=("2018", "2019", "2020")
    ),
)

SCHOOL = one_sum_catalog(
    "student",
    "enrolments",
    "Enrolments",
    CatalogDimension(
        "student__cohort", "Cohort", entity="student", number_values=("2020", "2021", "2022")
    ),
)


@pytest.mark.parametrize(
    ("catalog", "question", "dim", "value"),
    [
        (FOOTBALL, "total minutes in season 2023", "stint__season", "2023"),
        (FOOTBALL, "minutes total in the 2024 season", "stint__season", "2024"),
        (SCHOOL, "enrolments in cohort 2021", "student__cohort", "2021"),
        (SCHOOL, "enrolments of the 2022 cohort", "student__cohort", "2022"),
        (DEALER, "units sold of the 2018 model year", "sale__model_year", "2018"),
    ],
)
def test_a_label_beside_the_dimension_name_filters(catalog, question, dim, value) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None
    assert u.query.filters == [DimensionFilter(dimension=dim, op="=", values=[value])]
    assert u.query.time_range is None


@pytest.mark.parametrize(
    ("catalog", "question"),
    [
        (FOOTBALL, "total minutes in season 1999"),  # no such season: never a guess
        (SCHOOL, "enrolments in cohort 7"),
        (FOOTBALL, "minutes total before season 2023"),
        (FOOTBALL, "minutes total since the 2023 season"),
        (SCHOOL, "enrolments after cohort 2021"),
    ],
)
def test_a_number_that_is_no_label_stays_unplaced(catalog, question) -> None:
    u = understand(question, catalog, TODAY)
    assert u.refused
    assert "number" in u.reason_en


def test_a_bound_on_a_year_dimension_is_a_row_condition_never_the_value() -> None:
    # "before" beside a year dimension's name compares (passes.dimension_comparisons); it was
    # refused here before, and is never read as the value 2019
    u = understand("units sold of model years before 2019", DEALER, TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None
    assert u.query.filters == [DimensionFilter(dimension="sale__model_year", op="<", values=[2019])]


@pytest.mark.parametrize(
    ("catalog", "question"),
    [(FOOTBALL, "minutes total this season"), (SCHOOL, "enrolments of the last cohort")],
)
def test_a_relative_label_is_refused(catalog, question) -> None:
    """Which season "this season" is the labels do not say: grouping by every season (the
    bare dimension word) answered another question."""
    u = understand(question, catalog, TODAY)
    assert u.refused, u.query


def test_the_catalog_keeps_whole_number_labels_not_names(tmp_path) -> None:
    root = tmp_path / "m"
    root.mkdir()
    (root / "m.yml").write_text(
        """semantic_models:
  - name: stints
    model: ref('stints')
    defaults: {agg_time_dimension: started_on}
    entities: [{name: stint, type: primary, expr: stint_id}]
    dimensions:
      - {name: started_on, type: time, type_params: {time_granularity: day}}
      - {name: season, type: categorical}
      - {name: rating, type: categorical}
      - {name: position, type: categorical}
    measures: [{name: minutes, agg: sum}]
metrics: [{name: minutes, type: simple, type_params: {measure: minutes}}]
"""
    )
    con = duckdb.connect()
    con.execute(
        "create table stints (stint_id int, started_on date, season int, rating double, "
        "position varchar, minutes int); insert into stints values "
        "(1, '2023-08-01', 2023, 7.5, 'Defender', 900), (2, '2024-08-01', 2024, 6.5, 'Attacker', 90)"
    )
    cat = build_catalog(load_model(root, con=con), con)
    season, rating, position = (
        cat.dimension(f"stint__{n}") for n in ("season", "rating", "position")
    )
    assert season is not None and rating is not None and position is not None
    assert (season.values, season.number_values) == ((), ("2023", "2024"))
    assert (rating.values, rating.number_values) == ((), ())  # not whole numbers
    assert (position.values, position.number_values) == (("Attacker", "Defender"), ())


FOOTBALL_ZH = Catalog(
    metrics=(
        CatalogMetric(
            "goals",
            "Goals",
            agg="sum",
            agg_time_dimension="stint__started_on",
            dimensions=("stint__season",),
        ),
    ),
    dimensions=(
        CatalogDimension("stint__started_on", "Started On", dim_type="time", entity="stint"),
        CatalogDimension(
            "stint__season", "Season", entity="stint", number_values=("2022", "2023", "2024")
        ),
    ),
    entities=(CatalogEntity("stint", "stint"),),
)


@pytest.mark.parametrize(
    "question", ["2023赛季之前的进球", "2023赛季以后的进球", "上赛季的进球", "本赛季的进球"]
)
def test_a_bound_or_a_relative_season_is_refused_in_chinese(question) -> None:
    """2023赛季之前 is a bound and 上赛季 a relative season: read as season = 2023 or as every
    season they were wrong answers; the labels cannot resolve them, so they are refused."""
    u = understand(question, FOOTBALL_ZH, TODAY)
    assert u.refused, u.query
