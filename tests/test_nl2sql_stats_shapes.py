"""Shapes of statistics questions (session 15): spans of years, clipped nouns after 各,
metrics named by period, percent labels, per-capita rates, 总量 on money, ISO codes beside
country names, 加起来.

Why: a fresh public project of official statistics (session 15) refused questions a
statistics user types every day: "2019年到2024年每年的…" (two years read as two ranges),
"各国" (国 clips 国家), "每月的…率" between a monthly and an annual metric, "…率" for a label
"(%)", 人均X for "X per Capita", "X总量" on a money sum (read as a count of money), a
country word matching both the code and the name column of one table, and "加起来"
(added up). Tiny school-finance model: none of that project's names or values.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from nl2sql.timeparse import find_times
from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.rate_anchors import per_head_anchors, percent_anchors
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")

DAY = "district_year__reported_on"
DIMS = (
    DAY,
    "district_year__country_code",
    "district_year__country_name",
    "district_year__region",
    "school__school_name",
    "school__category",
)
SCHOOLS = Catalog(
    metrics=(
        CatalogMetric(
            "school_spending",
            "School Expenditure (EUR)",
            agg="sum",
            measure_expr="expenditure_eur",
            value_format="currency",
            agg_time_dimension=DAY,
            dimensions=DIMS,
        ),
        CatalogMetric(
            "students",
            "Students",
            agg="sum",
            measure_expr="pupils",
            agg_time_dimension=DAY,
            dimensions=DIMS,
        ),
        CatalogMetric(
            "monthly_absence",
            "Monthly Absence (%)",
            agg="average",
            measure_expr="absence_month_pct",
            agg_time_dimension=DAY,
            dimensions=DIMS,
        ),
        CatalogMetric(
            "annual_absence",
            "Annual Absence (%)",
            agg="average",
            measure_expr="absence_year_pct",
            agg_time_dimension=DAY,
            dimensions=DIMS,
        ),
        CatalogMetric(
            "income_per_capita",
            "Income per Capita",
            metric_type="derived",
            agg_time_dimension=DAY,
            dimensions=DIMS,
        ),
    ),
    dimensions=(
        CatalogDimension(DAY, "reported on", dim_type="time", entity="district_year"),
        CatalogDimension(
            "district_year__country_code",
            "country code",
            entity="district_year",
            values=("FR", "DE", "JP"),
        ),
        CatalogDimension(
            "district_year__country_name",
            "country name",
            entity="district_year",
            values=("France", "Germany", "Japan"),
        ),
        CatalogDimension(
            "district_year__region",
            "region",
            entity="district_year",
            values=("North", "South"),
        ),
        CatalogDimension(
            "school__school_name", "school name", entity="school", values=("Lycee A", "Gym B")
        ),
        CatalogDimension(
            "school__category", "category", entity="school", values=("Public", "Private")
        ),
    ),
    entities=(
        CatalogEntity(
            "district_year", "district year", key_expr="row_id", models=("district_years",)
        ),
        CatalogEntity("school", "school", key_expr="school_id", models=("schools",)),
        CatalogEntity("country", "country", key_expr="country_code", models=("district_years",)),
    ),
)


def _ask(question: str):
    u = understand(question, SCHOOLS, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    return u.query


@pytest.mark.parametrize(
    "text",
    ["2019年到2024年每年的学生", "从2019到2024年的支出", "2019-2024年的支出", "2019年至2024年度"],
)
def test_a_span_of_years_is_one_range(text: str) -> None:
    found = find_times(text, TODAY)
    assert len(found) == 1
    assert (found[0].range.start, found[0].range.end) == (dt.date(2019, 1, 1), dt.date(2025, 1, 1))


def test_numbers_without_a_year_word_are_no_span() -> None:
    assert find_times("支出在2000到3000之间", TODAY) == []
    assert len(find_times("2024年到2019年", TODAY)) == 2  # backwards: no span


def test_the_whole_year_word_is_part_of_the_year() -> None:
    (last_year,) = find_times("去年全年的支出", TODAY)
    assert last_year.end == len("去年全年")
    assert (last_year.range.start, last_year.range.end) == (
        dt.date(2024, 1, 1),
        dt.date(2025, 1, 1),
    )


def test_a_year_span_with_a_grain_is_answered() -> None:
    q = _ask("2019年到2024年每年的学校支出")
    assert q.metrics == ["school_spending"]
    assert q.time_range is not None and q.time_range.start == dt.date(2019, 1, 1)
    assert q.time_range.end == dt.date(2025, 1, 1)


def test_total_volume_of_money_is_the_sum() -> None:
    q = _ask("2024年学校支出总量")
    assert q.metrics == ["school_spending"]


def test_a_clipped_noun_after_each() -> None:
    q = _ask("各校的学生")  # 校 clips 学校 (school)
    assert q.metrics == ["students"]
    assert any("school" in g for g in q.group_by)


def test_a_word_of_its_own_is_no_clipped_noun() -> None:
    # 分别 ("respectively") is no 分 + 别 of 类别 (category)
    q = _ask("各地区的学生分别是多少")
    assert q.metrics == ["students"]
    assert q.group_by == ["district_year__region"]


def test_a_clipped_character_of_two_things_stays_unknown() -> None:
    # 国 is in 国家 (country) and in 国小 (a primary school): no guess between the two
    assert understand("各国的学校支出", SCHOOLS, TODAY).refused


@pytest.mark.parametrize(
    ("question", "metric"),
    [("2023年每月的缺勤率", "monthly_absence"), ("每年的缺勤率", "annual_absence")],
)
def test_the_grain_picks_the_period_metric(question: str, metric: str) -> None:
    assert _ask(question).metrics == [metric]


def test_without_a_grain_the_period_metrics_stay_asked() -> None:
    u = understand("2023年的缺勤率", SCHOOLS, TODAY)
    assert u.refused


def test_a_percent_label_gives_rate_words() -> None:
    m = CatalogMetric("monthly_absence", "Monthly Absence (%)")
    phrases = {a.phrase for a in percent_anchors((m,))}
    assert "monthly absence rate" in phrases
    assert "absence_rate" not in phrases
    rate = CatalogMetric("dropout_rate", "Dropout Rate (%)")
    assert percent_anchors((rate,)) == []  # already a rate: no "rate rate"


def test_per_capita_before_its_thing() -> None:
    a = Anchor("income per capita", "metric", "income_per_capita", None, "x", "label", 1.0)
    assert "per capita income" in {x.phrase for x in per_head_anchors([a])}
    assert _ask("per capita income by region").metrics == ["income_per_capita"]
    assert _ask("各地区的人均收入").metrics == ["income_per_capita"]


def test_a_country_code_and_its_name_are_one_reading() -> None:
    q = _ask("德国每年的学校支出")
    assert q.metrics == ["school_spending"]
    assert [(f.dimension, f.values) for f in q.filters] in (
        [("district_year__country_name", ["Germany"])],
        [("district_year__country_code", ["DE"])],
    )


def test_added_up_is_a_grammar_word() -> None:
    q = _ask("2024年各地区的学生加起来是多少")
    assert q.metrics == ["students"]
