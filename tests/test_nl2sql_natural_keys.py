"""A surrogate key is not a name: its natural identifier is shown beside it.

"Which 3 locations had the most visits?" on a fresh public dbt project (dbt_utils'
``generate_surrogate_key`` keys: ``location_key`` is an md5 hash, ``location_id`` the
identifier people use) answered three hashes: the gold list of locations matched no column, a
wrong answer. Grouping by an entity whose key column is named like a surrogate now adds its
own identifier dimension beside the key (``rules.naming``, rule 3); a readable key adds nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 1)

LIBRARY = """
semantic_models:
  - name: loans
    model: ref('fct_loans')
    defaults: {agg_time_dimension: loaned_on}
    entities:
      - {name: loan, type: primary, expr: loan_id}
      - {name: branch, type: foreign, expr: branch_key}
      - {name: member, type: foreign, expr: member_key}
    dimensions:
      - {name: loaned_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: loan_count, agg: count, expr: loan_id}
  - name: branches
    model: ref('dim_branches')
    entities:
      - {name: branch, type: primary, expr: branch_key}
    dimensions:
      - {name: branch_id, type: categorical}
  - name: members
    model: ref('dim_members')
    entities:
      - {name: member, type: primary, expr: member_key}
    dimensions:
      - {name: card_id, type: categorical}
      - {name: is_student, type: categorical}
metrics:
  - {name: loans, label: Loans, type: simple, type_params: {measure: loan_count}}
"""
LIBRARY_DATA = """
create table dim_branches as select md5(b) as branch_key, b as branch_id
  from (values ('BR-N'), ('BR-S'), ('BR-E')) t(b);
create table dim_members as select md5(c) as member_key, c as card_id, c like 'S%' as is_student
  from (values ('S-100'), ('T-200'), ('T-300')) t(c);
create table fct_loans as select i as loan_id,
  md5(case when i <= 5 then 'BR-S' when i <= 8 then 'BR-N' else 'BR-E' end) as branch_key,
  md5(case when i <= 2 then 'S-100' when i <= 9 then 'T-200' else 'T-300' end) as member_key,
  date '2026-04-10' as loaned_on
  from range(1, 11) t(i);
"""

CLINIC = """
semantic_models:
  - name: admissions
    model: ref('admissions')
    defaults: {agg_time_dimension: admitted_at}
    entities:
      - {name: admission, type: primary, expr: admission_id}
      - {name: ward, type: foreign, expr: ward_sk}
    dimensions:
      - {name: admitted_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: admission_count, agg: count, expr: admission_id}
  - name: wards
    model: ref('wards')
    entities:
      - {name: ward, type: primary, expr: ward_sk}
    dimensions:
      - {name: ward_code, type: categorical}
      - {name: floor, type: categorical}
metrics:
  - {name: admissions, label: Admissions, type: simple, type_params: {measure: admission_count}}
"""
CLINIC_DATA = """
create table wards (ward_sk int, ward_code varchar, floor varchar);
insert into wards values (901, 'ICU-1', '3'), (902, 'MAT-2', '1');
create table admissions as select i as admission_id, case when i <= 4 then 902 else 901 end
  as ward_sk, date '2026-04-02' as admitted_at from range(1, 7) t(i);
"""


@pytest.fixture(scope="module")
def library(yaml_shop):
    return yaml_shop("library", LIBRARY, LIBRARY_DATA, TODAY)


@pytest.fixture(scope="module")
def clinic(yaml_shop):
    return yaml_shop("clinic", CLINIC, CLINIC_DATA, TODAY)


def _tail_pairs(answer) -> list[tuple]:
    """(identifier, count) per row, in the answer's order: the last two columns."""
    return [tuple(r)[-2:] for r in answer.df.itertuples(index=False)]


def test_a_surrogate_keyed_branch_shows_its_id(library) -> None:
    a = library.ask("which 2 branches had the most loans?")
    assert not a.refused, a.error
    assert _tail_pairs(a) == [("BR-S", 5), ("BR-N", 3)]


def test_an_identifier_word_names_a_surrogate_keyed_member_but_not_a_flag(library) -> None:
    a = library.ask("loans by member")
    assert not a.refused, a.error
    assert sorted(_tail_pairs(a)) == [("S-100", 2), ("T-200", 7), ("T-300", 1)]
    assert "is_student" not in " ".join(map(str, a.df.columns)).lower()


def test_an_entity_code_names_a_ward(clinic) -> None:
    a = clinic.ask("top ward by admissions")
    assert not a.refused, a.error
    assert _tail_pairs(a) == [("MAT-2", 4)]
    assert "floor" not in " ".join(map(str, a.df.columns)).lower()
