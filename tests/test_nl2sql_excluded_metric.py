"""An exclusion of a metric that is one value of a dimension excludes that value
(``nl2sql.rules.excluded_metric``): "fees without voided repairs" is the fees of every repair
whose state is not voided (rows with no state kept).

Before, "voided repairs" was read as a second metric and the exclusion word, left with nothing
to exclude, refused the question. Original model: a bicycle workshop's repairs.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows

TODAY = dt.date(2026, 7, 2)
WORKSHOP = """
semantic_models:
  - name: repairs
    model: ref('repairs')
    defaults: {agg_time_dimension: booked_on}
    entities:
      - {name: repair, type: primary, expr: repair_id}
    dimensions:
      - {name: booked_on, type: time, type_params: {time_granularity: day}}
      - {name: repair_state, type: categorical}
      - {name: wheel_size, type: categorical}
    measures:
      - {name: fee_total, agg: sum, expr: fee}
      - {name: repair_rows, agg: count, expr: repair_id}
      - {name: wheel_repairs, agg: count, expr: repair_id}
metrics:
  - {name: fees, label: Fees, type: simple, type_params: {measure: fee_total}}
  - name: voided_repairs
    label: Voided repairs
    type: simple
    type_params: {measure: repair_rows}
    filter: "{{ Dimension('repair__repair_state') }} = 'voided'"
  - name: wide_repairs
    label: Wide repairs
    type: simple
    type_params: {measure: wheel_repairs}
    filter: "{{ Dimension('repair__wheel_size') }} = 'wide' or {{ Dimension('repair__wheel_size') }} = 'fat'"
"""
DATA = """
create table repairs (repair_id int, booked_on date, repair_state varchar, wheel_size varchar,
  fee int);
insert into repairs values (1, '2026-06-01', 'done', 'wide', 10), (2, '2026-06-01', 'voided', 'fat', 20),
  (3, '2026-06-02', null, 'narrow', 40), (4, '2026-06-03', 'done', 'narrow', 80);
"""


@pytest.fixture(scope="module")
def workshop(yaml_shop):
    return yaml_shop("excluded_metric_workshop", WORKSHOP, DATA, TODAY)


@pytest.mark.parametrize(
    "question",
    ["fees without voided repairs", "fees excluding voided repairs", "不含voided repairs的fees"],
)
def test_without_a_one_value_metric_excludes_the_value(workshop, question) -> None:
    a = workshop.ask(question)
    assert ok_rows(a) == [(130,)], a.error or a.interpretation  # 10 + 40 (no state) + 80


@pytest.mark.parametrize(
    "question",
    [
        "fees without wide repairs",  # two conditions: no one value to exclude
        "fees without tips",  # nothing of the model
    ],
)
def test_other_exclusions_stay_refused(workshop, question) -> None:
    a = workshop.ask(question)
    assert a.refused, a.interpretation


def test_the_metric_alone_is_still_its_count(workshop) -> None:
    assert ok_rows(workshop.ask("voided repairs")) == [(1,)]
    assert ok_rows(workshop.ask("fees")) == [(150,)]
