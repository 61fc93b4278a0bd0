"""A distinct count kept on a bridge answers "per <linked thing>" where the plain count cannot.

Why: on a fresh public Q&A model (session 14) "how many questions are tagged X" named Total
Questions (COUNT(DISTINCT question_id) on the questions), which cannot reach the tag, and was
refused, though the model's own Tag Questions counts the same key on the question x tag rows.
The one other distinct count of the same entity's key that reaches the dimension now answers;
a sum on the bridge (each thing counted once per link) never does. Tiny library model with a
book x author bridge: nothing of that project's names.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("own_cache")

DAY = "book__published_at"
LINK_DAY = "book_author__published_at"
OWN = (DAY, "book__genre")
LINKED = (LINK_DAY, "book_author__author_name", "book", "book__genre")
DISTINCT = {"agg": "count_distinct", "measure_expr": "book_id", "counts": "book"}
LIBRARY = Catalog(
    metrics=(
        CatalogMetric(
            "total_books", "Total Books", agg_time_dimension=DAY, dimensions=OWN, **DISTINCT
        ),
        CatalogMetric(
            "author_books",
            "Author Books",
            agg_time_dimension=LINK_DAY,
            dimensions=LINKED,
            **DISTINCT,
        ),
        CatalogMetric(
            "total_pages",
            "Total Pages",
            agg="sum",
            measure_expr="page_count",
            agg_time_dimension=DAY,
            dimensions=OWN,
        ),
        CatalogMetric(
            "author_pages",
            "Author Pages",
            agg="sum",
            measure_expr="page_count",
            agg_time_dimension=LINK_DAY,
            dimensions=LINKED,
        ),
    ),
    dimensions=(
        CatalogDimension(DAY, "published at", dim_type="time", entity="book"),
        CatalogDimension(LINK_DAY, "published at", dim_type="time", entity="book_author"),
        CatalogDimension("book__genre", "genre", entity="book", values=("Poetry", "Crime")),
        CatalogDimension(
            "book_author__author_name",
            "author name",
            entity="book_author",
            values=("Ada Byron", "Lu Xun"),
        ),
    ),
    entities=(
        CatalogEntity("book", "book", key_expr="book_id", models=("books", "book_authors")),
        CatalogEntity(
            "book_author", "book author", key_expr="book_author_id", models=("book_authors",)
        ),
    ),
)


@pytest.mark.parametrize(
    "question", ["total books by author name", "total books by Lu Xun", "每个作者名的书籍总数"]
)
def test_the_bridge_count_of_the_same_key_answers(question: str) -> None:
    u = understand(question, LIBRARY, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    assert u.query.metrics == ["author_books"]


@pytest.mark.parametrize("question", ["total books", "total books by genre"])
def test_the_own_count_stays_where_it_reaches(question: str) -> None:
    u = understand(question, LIBRARY, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    assert u.query.metrics == ["total_books"]


def test_a_sum_on_the_bridge_is_never_taken_for_the_plain_sum() -> None:
    u = understand("total pages by author name", LIBRARY, TODAY)
    assert u.refused or (u.query is not None and u.query.metrics != ["author_pages"]), u.query


def test_grouping_by_a_count_of_the_linked_thing_is_not_switched() -> None:
    # "by the number of authors" is no grouping by author: left to the reachability check
    u = understand("按作者名个数统计书籍总数", LIBRARY, TODAY)
    assert u.refused or (u.query is not None and u.query.metrics != ["author_books"]), u.query
