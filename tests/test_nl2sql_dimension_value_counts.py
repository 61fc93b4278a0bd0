"""A distinct count of a dimension's own column counts that dimension's values: 有多少个类别.

"有多少家公司" / "滑板车型号的数量" on a public scooter project were refused as having no count
(zhsense15 held-back set) while the model defines ``companies_count`` = COUNT(DISTINCT company):
the company is a column, not an entity, and the name patterns spell the plural "companys". A
``count_distinct`` of the dimension's own column, on the same rows, counts it; a dimension no
metric counts is still refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
CATALOGUE = """
semantic_models:
  - name: products
    model: ref('products')
    defaults: {agg_time_dimension: listed_on}
    entities:
      - {name: product, type: primary, expr: product_id}
    dimensions:
      - {name: listed_on, type: time, type_params: {time_granularity: day}}
      - {name: category, type: categorical}
      - {name: brand, type: categorical}
    measures:
      - {name: categories_count, agg: count_distinct, expr: category, create_metric: true}
      - {name: product_count, agg: count, expr: product_id, create_metric: true}
"""
CATALOGUE_DATA = """
create table products (product_id int, listed_on date, category varchar, brand varchar);
insert into products values (1, '2026-04-01', 'tea', 'Acme'), (2, '2026-04-01', 'coffee', 'Acme'),
  (3, '2026-04-02', 'tea', 'Bolt'), (4, '2026-04-02', 'cocoa', 'Bolt');
"""


@pytest.fixture(scope="module")
def catalogue(yaml_shop):
    return yaml_shop("catalogue", CATALOGUE, CATALOGUE_DATA, TODAY)


@pytest.mark.parametrize("question", ["有多少个类别", "类别的数量", "类别有多少个"])
def test_distinct_count_of_the_column_counts_the_dimension(catalogue, question) -> None:
    assert answered_rows(catalogue.ask(question)) == [(3,)]


def test_counted_by_another_dimension(catalogue) -> None:
    rows = sorted(answered_rows(catalogue.ask("每个品牌有多少个类别")))
    assert rows == [("Acme", 2), ("Bolt", 2)]


@pytest.mark.parametrize("question", ["有多少个品牌", "品牌的数量"])
def test_dimension_no_metric_counts_is_refused(catalogue, question) -> None:
    assert catalogue.ask(question).refused
