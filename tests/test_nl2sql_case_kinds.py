"""A metric and its copy filtered inside the measure: "ticket revenue" is the plain one.

dbt projects write a filtered copy of a sum into the measure itself as often as into a metric
``filter:`` — ``sum(case when is_member then amount else 0 end)`` labelled "Member Ticket
Revenue" beside "Total Ticket Revenue" ``sum(amount)``. The bare words ("ticket revenue",
门票收入) reach both, and were refused as ambiguous; they ask for the plain sum unless the
question says every word the copy adds (``nl2sql.rules.metric_kinds``). An original cinema
fixture: four screenings, two in June, one of those bought by a member.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 7, 2)
CINEMA = """
semantic_models:
  - name: screenings
    model: ref('screenings')
    defaults: {agg_time_dimension: shown_on}
    entities:
      - {name: screening, type: primary, expr: screening_id}
    dimensions:
      - {name: shown_on, type: time, type_params: {time_granularity: day}}
      - {name: hall, type: categorical}
    measures:
      - {name: ticket_revenue, agg: sum, expr: amount}
      - name: member_ticket_revenue
        agg: sum
        expr: "case when is_member then amount else 0 end"
metrics:
  - {name: total_ticket_revenue, label: Total Ticket Revenue, type: simple,
     type_params: {measure: {name: ticket_revenue}}}
  - {name: member_ticket_revenue, label: Member Ticket Revenue, type: simple,
     type_params: {measure: {name: member_ticket_revenue}}}
"""
CINEMA_DATA = """
create table screenings (screening_id int, shown_on date, hall varchar, is_member boolean,
  amount decimal(10, 2));
insert into screenings values
 (1, '2026-05-30', 'imax', true, 40),
 (2, '2026-06-04', 'imax', true, 25),
 (3, '2026-06-18', 'small', false, 12),
 (4, '2026-07-01', 'small', false, 9);
"""


def _rows(a) -> list[tuple]:
    return [tuple(r) for r in a.df.itertuples(index=False)]


@pytest.fixture(scope="module")
def cinema(yaml_shop):
    return yaml_shop("case_kinds", CINEMA, CINEMA_DATA, TODAY)


@pytest.mark.parametrize(
    "question",
    ["ticket revenue last month", "上个月的门票收入", "what was ticket revenue in June 2026?"],
)
def test_the_bare_words_are_the_plain_sum(cinema, question) -> None:
    a = cinema.ask(question)
    assert a.ok, a.error
    assert a.query.metrics == ["total_ticket_revenue"]
    assert _rows(a) == [(37,)]


def test_a_breakdown_keeps_the_plain_sum(cinema) -> None:
    a = cinema.ask("ticket revenue by hall")
    assert a.ok, a.error
    assert a.query.metrics == ["total_ticket_revenue"]
    assert sorted(_rows(a)) == [("imax", 65), ("small", 21)]


@pytest.mark.parametrize("question", ["member ticket revenue last month", "上个月会员门票收入"])
def test_saying_the_kind_is_never_the_plain_sum(cinema, question) -> None:
    """One word more (member / 会员): the copy, or a refusal; the plain 37 would be wrong."""
    a = cinema.ask(question)
    if a.ok:
        assert _rows(a) == [(25,)]
    else:
        assert a.error


def test_a_case_that_keeps_another_column_is_no_copy(yaml_shop) -> None:
    """A CASE over a different column is another metric: the clarification stays."""
    other = CINEMA.replace("then amount else 0", "then amount * 2 else 0")
    shop = yaml_shop("case_kinds_other", other, CINEMA_DATA, TODAY)
    a = shop.ask("ticket revenue last month")
    assert not a.ok
    assert "ambiguous" in a.error
