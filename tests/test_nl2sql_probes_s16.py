"""Session-16 probes: two wrong answers of issue #12, each fixed by a general rule.

- **a status word that also names a count** ("how many cancelled contracts" on a model with
  ``cancelled_contract_count`` and a customer status ``cancelled``): the words fell apart into
  the customers' status and the contract count, so the contracts of cancelled *customers*
  were answered where the model's cancelled contracts were asked. Now a count's name without
  its closing counting word is a term of its own (``vocabulary/label_cores.count_tail_cores``)
  and a count filtered on a value is replaced by the one count of a subset of the same rows
  that the value's word names (``rules/passes/value_named_count.py``);
- **a unit inside a metric's label** ("backup size in GB" on "Backup size (GB)"): "GB" was
  read as a customer's country code. Data sizes (and volume, area, energy) are units now
  (``nl2sql/unit_words.py``): the metric's own unit is absorbed, another size is refused
  (whether a KB is 1000 or 1024 bytes is the model's own convention, so sizes are never
  converted), and a unit word that is also a value is refused with the value's dimension
  named, never taken as the value.

The 102 probes of the session (scratch ``probes16``: mf_simple, two public projects of the
session-13 sweep) found three more, fixed here too:

- **a negation written after a list** ("status_0和status_1之外的销售额"): it was claimed by the
  last value only and the list was read as IN (``_postposed`` in ``rules/passes/values.py``);
- **a total over "all" of a dimension** ("所有地区的收入总和", "… of all countries combined",
  "除了X以外的国家的销售额合计"): one row per region was answered where the one sum was asked
  (``_summed_over`` in ``rules/passes/bare.py``); "各…合计" keeps the breakdown;
- **"<period> vs the previous month"**: "previous month" was the month before today, so the
  question was refused (same period twice) or, for an older period, compared with the wrong
  month (``_previous_period`` in ``rules/passes/comparisons.py``).

The model is a small one of another domain (a cloud-backup service) than the project where
the answers were found (protonfran/riverside_dbt, a recording platform).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 6, 15)
BACKUP = """
semantic_models:
  - name: customers
    model: ref('customers')
    defaults: {agg_time_dimension: joined_on}
    entities:
      - {name: customer, type: primary, expr: customer_id}
    dimensions:
      - {name: joined_on, type: time, type_params: {time_granularity: day}}
      - {name: customer_status, type: categorical}
      - {name: country_code, type: categorical}
    measures:
      - {name: customer_count, agg: count_distinct, expr: customer_id}
  - name: contracts
    model: ref('contracts')
    defaults: {agg_time_dimension: started_on}
    entities:
      - {name: contract, type: primary, expr: contract_id}
      - {name: customer, type: foreign, expr: customer_id}
    dimensions:
      - {name: started_on, type: time, type_params: {time_granularity: day}}
      - {name: is_active, type: categorical}
    measures:
      - {name: contract_count, agg: count_distinct, expr: contract_id}
      - name: cancelled_contract_count
        agg: count_distinct
        expr: case when not is_active then contract_id end
  - name: backups
    model: ref('backups')
    defaults: {agg_time_dimension: backed_up_on}
    entities:
      - {name: backup, type: primary, expr: backup_id}
      - {name: customer, type: foreign, expr: customer_id}
    dimensions:
      - {name: backed_up_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: backup_size_gb, agg: sum, expr: size_mb / 1024.0}
metrics:
  - {name: customer_count, label: Customers, type: simple, type_params: {measure: customer_count}}
  - {name: contract_count, type: simple, type_params: {measure: contract_count}}
  - name: cancelled_contract_count
    type: simple
    type_params: {measure: cancelled_contract_count}
  - name: backup_size_gb
    label: Backup size (GB)
    type: simple
    type_params: {measure: backup_size_gb}
"""
BACKUP_DATA = """
create table customers (customer_id int, joined_on date, customer_status varchar,
  country_code varchar);
insert into customers values
  (1, '2025-01-05', 'active', 'GB'), (2, '2025-02-05', 'cancelled', 'US'),
  (3, '2025-03-05', 'active', 'FR'), (4, '2026-01-05', 'cancelled', 'GB');
create table contracts (contract_id int, customer_id int, started_on date, is_active boolean);
insert into contracts values
  (10, 1, '2025-01-05', false), (11, 1, '2026-01-05', true), (12, 2, '2025-02-05', false),
  (13, 3, '2025-03-05', false), (14, 3, '2026-03-05', false), (15, 4, '2026-01-05', true);
create table backups (backup_id int, customer_id int, backed_up_on date, size_mb double);
insert into backups values
  (1, 1, '2025-06-01', 2048), (2, 1, '2026-02-01', 1024), (3, 2, '2026-03-01', 512),
  (4, 4, '2026-04-01', 4096);
"""


@pytest.fixture(scope="module")
def backup(yaml_shop):
    return yaml_shop("backup_s16", BACKUP, BACKUP_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        # the model's cancelled contracts (10, 12, 13, 14), not the contracts of cancelled
        # customers (12, 15)
        ("how many cancelled contracts", [(4,)]),
        ("how many cancelled contracts in 2026", [(1,)]),
        ("how many contracts were cancelled in 2025", [(3,)]),
        # neighbours: the value on its own table, and the plain count
        ("how many customers are cancelled", [(2,)]),
        ("how many contracts", [(6,)]),
    ],
)
def test_a_status_word_naming_a_count_is_that_count(backup, question, rows) -> None:
    assert answered_rows(backup.ask(question)) == rows


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("backup size in GB", [(7.5,)]),
        ("backup size in GB for 2026", [(5.5,)]),
        ("total backup size (GB) in 2025", [(2.0,)]),
        ("customers with country code GB", [(2,)]),
    ],
)
def test_a_unit_of_the_metric_is_absorbed(backup, question, rows) -> None:
    assert answered_rows(backup.ask(question)) == rows


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("backup size in MB", "cannot be given in MB"),
        ("backup size in TB for 2026", "cannot be given in TB"),
        ("customers in GB", "country code GB"),
    ],
)
def test_another_unit_is_refused_never_a_value(backup, question, says) -> None:
    a = backup.ask(question)
    assert a.refused and a.sql is None
    assert says in a.error


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        # a negation written after a list excludes all of it (before: IN (GB, US) = 3)
        ("country code为GB和US之外的客户数", [(1,)]),
        ("country code为GB和US的客户数", [(3,)]),
        # the dimension word between a negation and its value (before: refused)
        ("how many customers excluding country code US", [(3,)]),
        # a total over "all" of a dimension is one number (before: one row per country code)
        ("所有country code的backup size合计", [(7.5,)]),
        ("backup size of all country codes combined", [(7.5,)]),
        ("除了FR以外的country code的backup size合计", [(7.5,)]),
    ],
)
def test_one_word_around_the_values(backup, question, rows) -> None:
    assert answered_rows(backup.ask(question)) == rows


def test_each_keeps_the_breakdown(backup) -> None:
    rows = answered_rows(backup.ask("各country code的backup size合计"))
    assert sorted(rows) == [("GB", 7.0), ("US", 0.5)]


def test_the_previous_period_is_before_the_named_one(backup) -> None:
    """April against March; before, "the previous month" was May (before today, June)."""
    rows = answered_rows(backup.ask("backup size in April 2026 vs the previous month"))
    assert sorted(rows) == [(dt.date(2026, 3, 1), 0.5), (dt.date(2026, 4, 1), 4.0)]
