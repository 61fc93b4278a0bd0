"""A column name closing with an everyday short form is asked by the whole word: `buyer_os`
as "operating system" / 操作系统, `owner_dept` as "department" / 部门
(``vocabulary.name_variants.expanded_anchors``; CC-CEDICT's exact gloss of a two-word
phrase counts even when jieba tags it a set phrase, ``chinese_anchors._set_phrase``).

Why: the short form alone reached the dimension; "orders by operating system" and
"各操作系统的订单数" were refused. Two domains: an app store and an office supplies firm.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
APPS = """
semantic_models:
  - name: purchases
    model: ref('purchases')
    defaults: {agg_time_dimension: bought_on}
    entities:
      - {name: purchase, type: primary, expr: purchase_id}
    dimensions:
      - {name: bought_on, type: time, type_params: {time_granularity: day}}
      - {name: buyer_os, type: categorical}
    measures:
      - {name: purchase_count, agg: count, expr: purchase_id}
metrics:
  - {name: orders, label: Orders, type: simple, type_params: {measure: purchase_count}}
"""
APPS_DATA = """
create table purchases (purchase_id int, bought_on date, buyer_os varchar);
insert into purchases values (1, '2026-06-01', 'iOS'), (2, '2026-06-02', 'Android'),
  (3, '2026-06-03', 'iOS');
"""
OFFICE = """
semantic_models:
  - name: requests
    model: ref('requests')
    defaults: {agg_time_dimension: asked_on}
    entities:
      - {name: request, type: primary, expr: request_id}
    dimensions:
      - {name: asked_on, type: time, type_params: {time_granularity: day}}
      - {name: owner_dept, type: categorical}
    measures:
      - {name: request_count, agg: count, expr: request_id}
metrics:
  - {name: orders, label: Orders, type: simple, type_params: {measure: request_count}}
"""
OFFICE_DATA = """
create table requests (request_id int, asked_on date, owner_dept varchar);
insert into requests values (1, '2026-06-01', 'Legal'), (2, '2026-06-02', 'Sales'),
  (3, '2026-06-03', 'Sales'), (4, '2026-06-03', 'Sales');
"""


@pytest.fixture(scope="module")
def apps(yaml_shop):
    return yaml_shop("name_abbrev_apps", APPS, APPS_DATA, TODAY)


@pytest.fixture(scope="module")
def office(yaml_shop):
    return yaml_shop("name_abbrev_office", OFFICE, OFFICE_DATA, TODAY)


def test_the_whole_word_in_english(apps, office) -> None:
    assert ok_rows(apps.ask("orders by operating system")) == [("Android", 1), ("iOS", 2)]
    assert ok_rows(office.ask("orders by department")) == [("Legal", 1), ("Sales", 3)]


def test_the_whole_word_in_chinese(apps, office) -> None:
    assert ok_rows(apps.ask("各操作系统的订单数")) == [("Android", 1), ("iOS", 2)]
    assert ok_rows(office.ask("各部门的订单数")) == [("Legal", 1), ("Sales", 3)]
