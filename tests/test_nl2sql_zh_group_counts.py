"""A count word after a dimension word asks how many of its values there are: "收入超过1万的
类型有多少个", "科室数量" — on a bookshop and a clinic model.

Why: the count word was dropped, the threshold made the dimension the grain, and the answer
listed the values with their revenue — a list where a number was asked (a wrong answer). No
metric counts a dimension's values, so it is refused, as "how many genres" is in English; the
same question asking which ones ("…有哪些"), and counts of the model's own things, answer as
before.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension
from tests.tiny_models import count_and_revenue_catalog

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")


def _model(entity: str, dim: str, zh: str) -> Catalog:
    return count_and_revenue_catalog(
        entity, CatalogDimension(f"{entity}__{dim}", dim.title(), synonyms=(zh,), values=("a", "b"))
    )


BOOKS = _model("sale", "genre", "类型")
CLINIC = _model("visit", "department", "科室")


@pytest.mark.parametrize(
    ("question", "catalog"),
    [
        ("类型有几个", BOOKS),
        ("科室数量", CLINIC),
    ],
)
def test_a_count_of_a_dimension_is_refused(question, catalog) -> None:
    u = understand(question, catalog, TODAY)
    assert u.refused, (question, u.query)


@pytest.mark.parametrize(
    ("question", "catalog", "group"),
    [
        ("收入超过1万的类型有多少个", BOOKS, "sale__genre"),
        ("收入超过1万的类型数量", BOOKS, "sale__genre"),
        ("Visits Count超过100的科室有多少个", CLINIC, "visit__department"),
    ],
)
def test_a_count_of_the_values_meeting_a_condition_counts_the_listing(
    question, catalog, group
) -> None:
    """Session 9: the values meeting the condition are counted (``nl2sql.derived`` kind
    ``rows`` over the listing grouped by the dimension), a number where a number is asked;
    refused before, as a list would have answered it (tests/test_nl2sql_counted_groups.py)."""
    u = understand(question, catalog, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query.group_by == [group] and u.query.having
    assert u.derived is not None and u.derived.kind == "rows"


@pytest.mark.parametrize(
    ("question", "catalog", "metric", "group"),
    [
        ("收入超过1万的类型有哪些", BOOKS, "total_revenue", "sale__genre"),
        ("各类型收入多少", BOOKS, "total_revenue", "sale__genre"),
        ("每个科室有多少个Visits Count", CLINIC, "visits_count", "visit__department"),
    ],
)
def test_other_counts_and_lists_answer(question, catalog, metric, group) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None and (u.query.metrics, u.query.group_by) == ([metric], [group])
