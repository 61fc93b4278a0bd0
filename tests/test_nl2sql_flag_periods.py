"""A yes/no flag set against its bare negation, and the periods a flag picks (issue 12/18).

A public parking-operations project flags sessions on days with a local event. "avg duration
on days with a local event vs without" was refused ("without" excluded nothing) and, without
the "vs without", answered split by day: "on days with X" names the rows meeting X, one total,
not a grain. "X vs without" / "with or without X" group by the flag. Original model: a
museum's admissions with a school-holiday flag.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2025, 6, 30)
MUSEUM = """
semantic_models:
  - name: admissions
    model: ref('admissions')
    defaults: {agg_time_dimension: admitted_on}
    entities:
      - {name: admission, type: primary, expr: admission_id}
    dimensions:
      - {name: admitted_on, type: time, type_params: {time_granularity: day}}
      - {name: is_school_holiday, type: categorical}
      - {name: ticket_kind, type: categorical}
    measures:
      - {name: admission_count, agg: count, expr: admission_id}
      - {name: ticket_revenue, agg: sum, expr: price}
metrics:
  - {name: admissions, label: Admissions, type: simple, type_params: {measure: admission_count}}
  - {name: ticket_revenue, label: Ticket Revenue, type: simple,
     type_params: {measure: ticket_revenue}}
"""
MUSEUM_DATA = """
create table admissions (admission_id int, admitted_on date, is_school_holiday boolean,
  ticket_kind varchar, price double);
insert into admissions values (1, '2025-03-01', true, 'adult', 10), (2, '2025-03-01', true,
  'child', 4), (3, '2025-03-02', false, 'adult', 10), (4, '2025-03-03', false, 'adult', 12),
  (5, '2025-03-04', true, 'child', 5);
"""


@pytest.fixture(scope="module")
def museum(yaml_shop):
    return yaml_shop("flag_periods_museum", MUSEUM, MUSEUM_DATA, TODAY)


def _pairs(a) -> dict:
    return dict(zip(a.df.iloc[:, 0], a.df.iloc[:, -1], strict=True))


@pytest.mark.parametrize(
    "question",
    [
        "ticket revenue on days with a school holiday vs without",
        "ticket revenue with or without a school holiday",
        "ticket revenue with a school holiday or not",
    ],
)
def test_a_flag_against_its_bare_negation_groups_by_it(museum, question: str) -> None:
    a = museum.ask(question)
    assert not a.refused, a.error
    assert _pairs(a) == {True: pytest.approx(19.0), False: pytest.approx(22.0)}


def test_days_with_a_flag_are_the_rows_not_a_grain(museum) -> None:
    a = museum.ask("ticket revenue on days with a school holiday")
    assert not a.refused, a.error
    assert a.df.shape == (1, 1)
    assert float(a.df.iloc[0, 0]) == pytest.approx(19.0)
    a = museum.ask("admissions during days without a school holiday")
    assert not a.refused, a.error
    assert a.df.shape == (1, 1)
    assert int(a.df.iloc[0, 0]) == 2


def test_by_days_and_a_bare_without_stay_what_they_were(museum) -> None:
    a = museum.ask("ticket revenue by days with a school holiday")
    assert not a.refused, a.error
    assert len(a.df) == 2  # two holiday days, one row each
    a = museum.ask("ticket revenue without")
    assert a.refused


@pytest.mark.parametrize(
    "question",
    [
        "ticket revenue on days not on a school holiday",
        "ticket revenue on days that are not school holidays",
        "ticket revenue during days not during a school holiday",
    ],
)
def test_days_not_meeting_a_flag_are_the_rows_not_a_grain(museum, question: str) -> None:
    # a negated day-type condition was answered split by day (issue #12): one total, flag = no
    a = museum.ask(question)
    assert not a.refused, a.error
    assert a.df.shape == (1, 1)
    assert float(a.df.iloc[0, 0]) == pytest.approx(22.0)


def test_days_on_a_flag_and_by_day_not_on_it(museum) -> None:
    a = museum.ask("ticket revenue on days on a school holiday")
    assert not a.refused, a.error
    assert a.df.shape == (1, 1)
    assert float(a.df.iloc[0, 0]) == pytest.approx(19.0)
    # one-word difference: "by day" keeps the grain, the negation stays a filter
    a = museum.ask("ticket revenue by day not on a school holiday")
    assert not a.refused, a.error
    assert sorted(_pairs(a).values()) == [pytest.approx(10.0), pytest.approx(12.0)]
