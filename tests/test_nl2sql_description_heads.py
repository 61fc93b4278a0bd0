"""A dimension named "<thing> description" is asked for as the thing, and "across all <rows>"
spans the rows instead of announcing a breakdown.

A fresh public dbt project (employer health-benefit claims) names its dimension
`diagnosis_description`; "claims count by diagnosis" was refused ("I don't know 'diagnosis'"),
as "airline" is read for `airline_name` (``OWNER_HEADS`` in
``nl2sql.vocabulary.english_anchors``). "total amount claimed across all claims" was refused
for a "by" word with nothing to group by (``nl2sql.rules.passes.grouping``). Tests on a
field-service model whose words are unrelated to that project.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import single_cell_value, sorted_name_numbers

TODAY = dt.date(2026, 5, 1)

REPAIRS = """
semantic_models:
  - name: repairs
    model: ref('repairs')
    defaults: {agg_time_dimension: repaired_on}
    entities:
      - {name: repair, type: primary, expr: repair_id}
    dimensions:
      - {name: repaired_on, type: time, type_params: {time_granularity: day}}
      - {name: symptom_description, type: categorical}
      - {name: technician_name, type: categorical}
      - {name: technician_desc, type: categorical}
    measures:
      - {name: repair_count, agg: count, expr: repair_id}
      - {name: labour_minutes, agg: sum, expr: minutes}
metrics:
  - {name: repairs, label: Repairs, type: simple, type_params: {measure: repair_count}}
  - {name: labour_minutes, label: Labour Minutes, type: simple,
     type_params: {measure: labour_minutes}}
"""
REPAIRS_DATA = """
create table repairs (repair_id int, repaired_on date, symptom_description varchar,
  technician_name varchar, technician_desc varchar, minutes int);
insert into repairs values
  (1, '2026-04-02', 'Broken hinge', 'Ana', 'Senior fitter', 30),
  (2, '2026-04-03', 'Broken hinge', 'Ben', 'Junior fitter', 45),
  (3, '2026-04-04', 'Leaking seal', 'Ana', 'Senior fitter', 60),
  (4, '2026-04-05', 'Dead battery', 'Ana', 'Senior fitter', 15);
"""


@pytest.fixture(scope="module")
def repairs(yaml_shop):
    return yaml_shop("description_heads", REPAIRS, REPAIRS_DATA, TODAY)


def test_description_dimension_named_by_its_thing(repairs) -> None:
    assert sorted_name_numbers(repairs.ask("repairs by symptom")) == [
        ("Broken hinge", 2.0),
        ("Dead battery", 1.0),
        ("Leaking seal", 1.0),
    ]


def test_description_dimension_named_by_its_thing_zh(repairs) -> None:
    assert sorted_name_numbers(repairs.ask("按症状统计修理次数")) == [
        ("Broken hinge", 2.0),
        ("Dead battery", 1.0),
        ("Leaking seal", 1.0),
    ]


def test_name_beats_description_of_the_same_thing(repairs) -> None:
    """ "technician" has a name and a description: the name is what users mean by it."""
    assert sorted_name_numbers(repairs.ask("labour minutes by technician")) == [
        ("Ana", 105.0),
        ("Ben", 45.0),
    ]


def test_across_all_rows_is_the_total(repairs) -> None:
    assert single_cell_value(repairs.ask("total labour minutes across all repairs")) == 150.0


def test_across_all_spans_the_dimension(repairs) -> None:
    """ "across all <dimension>" is one figure over every value ("average temperature across
    all airports" is one average, probes19); it first answered as "for all <dimension>", one
    row per symptom. A breakdown is asked with by / each / across without "all"."""
    assert single_cell_value(repairs.ask("labour minutes across all symptoms")) == 150.0
    assert len(sorted_name_numbers(repairs.ask("labour minutes for each symptom"))) == 3


def test_across_still_groups(repairs) -> None:
    assert sorted_name_numbers(repairs.ask("repairs across technicians")) == [
        ("Ana", 3.0),
        ("Ben", 1.0),
    ]
