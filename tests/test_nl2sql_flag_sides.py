"""The *no* side of a yes/no flag: "unknown drivers", "decommissioned chargers", "inactive
employees"; and both sides together group by the flag.

A fresh public dbt project refused "failed rate for unknown drivers" (``is_known_driver``) and
"visits on decommissioned chargers" (``is_commissioned``, described "True if the charger has
not been decommissioned"), and "已知司机和未知司机的失败到访数" became two filters no row meets
(0, a wrong answer). The flag's adjective with "un" (always) or with "in"/"dis"/"de"/… (only
when the flag's own description uses that word, so "designed" never reads as "not signed")
names the no side (``nl2sql.flag_words.negative_flag_words``); "X and un-X" groups by the flag
(``read_flag_sides``); one dimension asked for two values is refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
BOOKS = """
semantic_models:
  - name: sales
    model: ref('sales')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: sale, type: primary, expr: sale_id}
      - {name: book, type: foreign, expr: book_id}
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: revenue_total, agg: sum, expr: amount}
  - name: books
    model: ref('books')
    entities:
      - {name: book, type: primary, expr: book_id}
    dimensions:
      - {name: is_signed, type: categorical, description: True when the author signed the copy.}
      - {name: title, type: categorical}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue_total}}
"""
BOOKS_DATA = """
create table books (book_id int, is_signed boolean, title varchar);
insert into books values (1, true, 'Dune'), (2, false, 'Emma'), (3, false, 'Ulysses');
create table sales (sale_id int, book_id int, sold_on date, amount double);
insert into sales values (1, 1, '2026-04-02', 50), (2, 2, '2026-04-03', 10), (3, 3, '2026-04-04', 15),
  (4, 1, '2026-04-05', 40);
"""
STAFF = """
semantic_models:
  - name: employees
    model: ref('employees')
    defaults: {agg_time_dimension: hired_on}
    entities:
      - {name: employee, type: primary, expr: employee_id}
    dimensions:
      - {name: hired_on, type: time, type_params: {time_granularity: day}}
      - name: is_active
        type: categorical
        description: False when the employee is inactive (has left the company).
      - {name: department, type: categorical}
    measures:
      - {name: salary_total, agg: sum, expr: salary}
metrics:
  - {name: payroll, label: Payroll, type: simple, type_params: {measure: salary_total}}
"""
STAFF_DATA = """
create table employees (employee_id int, is_active varchar, department varchar, hired_on date,
  salary double);
insert into employees values (1, 'Y', 'Ops', '2024-01-01', 100), (2, 'N', 'Ops', '2024-02-01', 80),
  (3, 'Y', 'Sales', '2024-03-01', 120), (4, 'N', 'Sales', '2024-04-01', 60);
"""


@pytest.fixture(scope="module")
def books(yaml_shop):
    return yaml_shop("books", BOOKS, BOOKS_DATA, TODAY)


@pytest.fixture(scope="module")
def staff(yaml_shop):
    return yaml_shop("staff", STAFF, STAFF_DATA, TODAY)


def test_unsigned_is_the_no_side(books) -> None:
    assert answered_rows(books.ask("revenue from unsigned books")) == [(25.0,)]


def test_both_sides_group_by_the_flag(books, staff) -> None:
    assert answered_rows(books.ask("revenue of signed and unsigned books")) == [
        (False, 25.0),
        (True, 90.0),
    ]
    assert answered_rows(staff.ask("payroll of active and inactive employees")) == [
        ("N", 140.0),
        ("Y", 220.0),
    ]


def test_a_described_negative_prefix_is_the_no_side(staff) -> None:
    assert answered_rows(staff.ask("payroll of inactive employees")) == [(140.0,)]


def test_an_undescribed_prefix_is_not_a_negation(books) -> None:
    a = books.ask("revenue of designed books")
    assert a.refused and a.df is None


def test_one_flag_asked_both_ways_is_refused(books) -> None:
    a = books.ask("signed books revenue where books are unsigned")
    assert a.refused and a.df is None
