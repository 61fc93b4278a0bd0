"""A metric label typed without its closing unit and with its arrow as "to" or left out.

Why: owners write "R&D spend ($)" and "Applied→Interview rate"; users type "R&D spend" and
"applied to interview rate". Keyed only as written, the label was missed, and in a funnel a
stage word read as a value beside the rest of the label answered the rate filtered to that
stage — a wrong answer. Two tiny models of different domains (a recruiting funnel, a lab's
spending); every number is checked against SQL on the same rows.
"""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.usefixtures("own_cache")

HIRING = """
semantic_models:
  - name: pipeline_events
    model: ref('pipeline_events')
    defaults: {agg_time_dimension: event_date}
    entities:
      - {name: pipeline_event, type: primary, expr: event_id}
    dimensions:
      - {name: event_date, type: time, type_params: {time_granularity: day}}
      - {name: step, type: categorical}
    measures:
      - name: n_applied
        agg: count_distinct
        expr: "case when step = 'applied' then candidate_id end"
      - name: n_interviewed
        agg: count_distinct
        expr: "case when step = 'interview' then candidate_id end"
metrics:
  - {name: applied_people, label: Applied candidates, type: simple,
     type_params: {measure: n_applied}}
  - {name: interviewed_people, label: Interviewed candidates, type: simple,
     type_params: {measure: n_interviewed}}
  - name: applied_to_interview
    label: "Applied→Interview rate"
    type: ratio
    type_params: {numerator: interviewed_people, denominator: applied_people}
"""
HIRING_DATA = """
create table pipeline_events as
select i as event_id, i % 17 as candidate_id, date '2026-01-01' + (i % 25)::int as event_date,
  ['applied', 'applied', 'interview', 'offer'][1 + i % 4] as step
from range(60) t(i)
"""
LAB = """
semantic_models:
  - name: ledger
    model: ref('ledger')
    defaults: {agg_time_dimension: booked_on}
    entities:
      - {name: entry, type: primary, expr: entry_id}
    dimensions:
      - {name: booked_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: rd_cents, agg: sum, expr: "case when kind = 'rd' then cents else 0 end"}
      - {name: travel_cents, agg: sum, expr: "case when kind = 'travel' then cents else 0 end"}
metrics:
  - {name: rd_outlay, label: "R&D spend ($)", type: simple, type_params: {measure: rd_cents}}
  - {name: travel_outlay, label: "Travel spend ($)", type: simple,
     type_params: {measure: travel_cents}}
"""
LAB_DATA = """
create table ledger as
select i as entry_id, date '2026-01-01' + (i % 40)::int as booked_on,
  ['rd', 'travel', 'rd'][1 + i % 3] as kind, (i * 37) % 500 as cents
from range(90) t(i)
"""
RATE_SQL = """
select count(distinct case when step = 'interview' then candidate_id end) * 1.0
     / count(distinct case when step = 'applied' then candidate_id end)
from pipeline_events
"""


@pytest.fixture(scope="module")
def hiring(yaml_shop):
    return yaml_shop("hiring", HIRING, HIRING_DATA, dt.date(2026, 3, 1))


@pytest.fixture(scope="module")
def lab(yaml_shop):
    return yaml_shop("labspend", LAB, LAB_DATA, dt.date(2026, 3, 1))


@pytest.mark.parametrize(
    "question", ["applied to interview rate", "applied interview rate", "Applied→Interview rate"]
)
def test_an_arrow_label_is_typed_with_to_or_without_it(hiring, question) -> None:
    a = hiring.ask(question)
    assert a.ok, a.error
    assert a.query.metrics == ["applied_to_interview"]
    assert a.query.filters == []  # "applied" is the label's stage, not a filter on the step
    gold = hiring.con.execute(RATE_SQL).fetchone()[0]
    assert a.df.iloc[0, 0] == pytest.approx(gold)


def test_a_label_is_typed_without_its_closing_unit(lab) -> None:
    a = lab.ask("R&D spend by month")
    assert a.ok, a.error
    assert a.query.metrics == ["rd_outlay"]
    gold = lab.con.execute(
        "select date_trunc('month', booked_on) m, sum(cents) from ledger where kind = 'rd' "
        "group by 1 order by 1"
    ).fetchall()
    got = sorted(zip(a.df.iloc[:, 0].astype(str).str[:10], a.df.iloc[:, 1], strict=True))
    assert [(str(m)[:10], v) for m, v in gold] == got
