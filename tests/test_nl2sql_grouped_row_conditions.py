"""A condition on each counted row keeps its meaning when the answer is broken down.

"number of trips with a distance over 300 by origin" compared each *origin's total* distance
with 300 (HAVING): every origin passed and the answer was every trip per origin, a plausible
wrong answer (without "by origin" the same words were already each trip's own distance,
``rules.row_conditions``). When the condition qualifies the counted noun itself ("trips with
…"), it stays on each row under a breakdown; a condition on the groups ("origins with distance
over 5000", "trips by origin with distance over 5000") stays on the groups' totals. Domains: a
freight fleet's trips and a help desk's tickets.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.probe_data_hunt9 import DESK, DESK_DATA
from tests.probe_data_hunt10 import FLEET, FLEET_DATA

TODAY = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def fleet(yaml_shop):
    return yaml_shop("grouped_rows_fleet", FLEET, FLEET_DATA, TODAY)


@pytest.fixture(scope="module")
def desk(yaml_shop):
    return yaml_shop("grouped_rows_desk", DESK, DESK_DATA, TODAY)


def _rows(df) -> list[tuple]:
    return sorted(tuple(str(v) for v in r) for r in df.values.tolist())


def _gold(con, sql: str) -> list[tuple]:
    return sorted(tuple(str(v) for v in r) for r in con.execute(sql).fetchall())


@pytest.mark.parametrize(
    ("question", "sql"),
    [
        (
            "number of trips with a distance over 300 by origin",
            "select origin, count(*) from trips where distance_km > 300 group by 1",
        ),
        (
            "number of trips with fuel cost over 200 by status",
            "select status, count(*) from trips where fuel_cost > 200 group by 1",
        ),
    ],
)
def test_trips_with_a_value_by_a_group(fleet, question, sql) -> None:
    a = fleet.ask(question)
    assert a.ok, a.error
    assert not a.query.having
    assert _rows(a.df) == _gold(fleet.con, sql)


def test_tickets_with_a_value_by_team(desk) -> None:
    a = desk.ask("number of tickets with average resolution hours over 20 by team")
    assert a.ok, a.error
    assert _rows(a.df) == _gold(
        desk.con,
        "select a.team, count(*) from tickets t join agents a using (agent_id) "
        "where resolution_hours > 20 group by 1",
    )


@pytest.mark.parametrize(
    "question", ["origins with distance over 5000", "trips by origin with distance over 5000"]
)
def test_a_condition_on_the_groups_stays_on_their_totals(fleet, question) -> None:
    a = fleet.ask(question)
    assert a.ok, a.error
    assert [(h.metric, h.value) for h in a.query.having] == [("distance", 5000.0)]
    assert sorted(a.df.iloc[:, 0]) == ["Lyon", "Nantes"]
