"""A ranking by the count of things narrowed by values: "which agent has the most urgent tickets".

Why: "which agent has the most tickets" ranked agents by the model's count of tickets, but a
value beside the counted noun ("the most urgent tickets", "the most tickets in 2026", "the
fewest feline visits in January") left the rank without a metric and the question was
refused. The values and periods only narrow the things counted. Two tiny models of different domains (a help desk, a
veterinary practice); every answer is checked against SQL on the same rows.
"""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.usefixtures("own_cache")

DESK = """
semantic_models:
  - name: tickets
    model: ref('tickets')
    defaults: {agg_time_dimension: opened_at}
    entities:
      - {name: ticket, type: primary, expr: ticket_id}
    dimensions:
      - {name: opened_at, type: time, type_params: {time_granularity: day}}
      - {name: agent, type: categorical}
      - {name: priority, type: categorical}
    measures:
      - {name: ticket_rows, agg: count, expr: ticket_id}
metrics:
  - {name: ticket_count, label: Ticket count, type: simple, type_params: {measure: ticket_rows}}
"""
DESK_DATA = """
create table tickets as select i as ticket_id, date '2025-11-01' + (i % 120)::int as opened_at,
  ['ana', 'bo', 'cy', 'ana', 'bo'][1 + i % 5] as agent,
  case when i % 7 = 0 or i % 11 = 0 then 'urgent' else 'normal' end as priority
from range(90) t(i)
"""
VET = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_on}
    entities:
      - {name: visit, type: primary, expr: visit_id}
    dimensions:
      - {name: visited_on, type: time, type_params: {time_granularity: day}}
      - {name: clinic, type: categorical}
      - {name: species, type: categorical}
    measures:
      - {name: visit_rows, agg: count, expr: visit_id}
metrics:
  - {name: visit_count, label: Visit count, type: simple, type_params: {measure: visit_rows}}
"""
VET_DATA = """
create table visits as select i as visit_id, date '2026-01-01' + (i % 50)::int as visited_on,
  ['harbor', 'hill', 'harbor', 'mill'][1 + i % 4] as clinic,
  case when i % 3 = 0 or i % 8 = 1 then 'feline' else 'canine' end as species
from range(80) t(i)
"""


@pytest.fixture(scope="module")
def desk(yaml_shop):
    return yaml_shop("desk", DESK, DESK_DATA, dt.date(2026, 3, 1))


@pytest.fixture(scope="module")
def vet(yaml_shop):
    return yaml_shop("vet", VET, VET_DATA, dt.date(2026, 3, 1))


def _top(shop, sql: str) -> list[tuple]:
    return shop.con.execute(sql).fetchall()


@pytest.mark.parametrize(
    ("question", "where"),
    [
        ("which agent has the most urgent tickets", "priority = 'urgent'"),
        ("which agent has the most tickets in 2026", "opened_at >= date '2026-01-01'"),
    ],
)
def test_values_narrow_the_counted_tickets(desk, question, where) -> None:
    a = desk.ask(question)
    assert a.ok, a.error
    assert a.query.metrics == ["ticket_count"] and a.query.limit == 1
    gold = _top(
        desk,
        f"select agent, count(*) from tickets where {where} group by 1 order by 2 desc limit 1",
    )
    assert [tuple(r) for r in a.df.iloc[:, :2].itertuples(index=False)] == gold


def test_a_value_and_a_period_around_the_counted_visits(vet) -> None:
    a = vet.ask("which clinic had the fewest feline visits in January 2026")
    assert a.ok, a.error
    assert [(f.dimension, f.values) for f in a.query.filters if f.op == "="] == [
        ("visit__species", ["feline"])
    ]
    gold = _top(
        vet,
        "select clinic, count(*) from visits where species = 'feline' and visited_on < date "
        "'2026-02-01' group by 1 order by 2 limit 1",
    )
    assert [tuple(r) for r in a.df.iloc[:, :2].itertuples(index=False)] == gold
