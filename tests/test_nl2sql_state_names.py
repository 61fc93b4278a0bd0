"""US state names reach a column of state codes: "Texas", 加州 for TX, CA.

American data stores states as postal codes; users name them. The names come from a fixed public
table and CC-CEDICT, and only a column whose values are all state codes gets them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.vocabulary.places import state_bridges_for
from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
STORES = """
semantic_models:
  - name: sales
    model: ref('sales')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: sale, type: primary, expr: sale_id}
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
      - {name: customer_state, type: categorical}
    measures:
      - {name: revenue, agg: sum, expr: amount}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue}}
"""
STORES_DATA = """
create table sales (sale_id int, sold_on date, customer_state varchar, amount int);
insert into sales values (1, '2026-06-01', 'TX', 30), (2, '2026-06-02', 'CA', 10),
  (3, '2026-06-03', 'NY', 50), (4, '2026-06-04', 'TX', 5);
"""
FLIGHTS = """
semantic_models:
  - name: flights
    model: ref('flights')
    defaults: {agg_time_dimension: flown_on}
    entities:
      - {name: flight, type: primary, expr: flight_id}
    dimensions:
      - {name: flown_on, type: time, type_params: {time_granularity: day}}
      - {name: origin_state, type: categorical}
      - {name: carrier, type: categorical}
    measures:
      - {name: flight_count, agg: count, expr: flight_id}
metrics:
  - {name: flights, label: Flights, type: simple, type_params: {measure: flight_count}}
"""
FLIGHTS_DATA = """
create table flights (flight_id int, flown_on date, origin_state varchar, carrier varchar);
insert into flights values (1, '2026-06-01', 'IL', 'UA'), (2, '2026-06-01', 'FL', 'AA'),
  (3, '2026-06-02', 'IL', 'DL'), (4, '2026-06-02', 'GA', 'DL');
"""


@pytest.fixture(scope="module")
def stores(yaml_shop):
    return yaml_shop("states_stores", STORES, STORES_DATA, TODAY)


@pytest.fixture(scope="module")
def flights(yaml_shop):
    return yaml_shop("states_flights", FLIGHTS, FLIGHTS_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [("revenue in Texas", [(35,)]), ("加州的收入", [(10,)]), ("纽约和得克萨斯州的收入", [(85,)])],
)
def test_state_names_reach_a_column_of_codes(stores, question, rows) -> None:
    a = stores.ask(question)
    assert a.ok, a.error
    assert answer_rows(a) == rows


def test_on_another_model(flights) -> None:
    a = flights.ask("how many flights from Illinois")
    assert a.ok, a.error
    assert answer_rows(a) == [(2,)]
    a = flights.ask("佛罗里达州的航班数")
    assert a.ok, a.error
    assert answer_rows(a) == [(1,)]


def test_other_codes_get_no_state_names() -> None:
    """Control: airline codes, or a column with one code that is no state, are not states."""
    assert state_bridges_for("flight__carrier", ("UA", "AA", "DL")) == []
    assert state_bridges_for("store__province", ("ON", "QC", "TX")) == []
    assert {b.value for b in state_bridges_for("s", ("GA", "TX", "CA")) if b.term == "georgia"} == {
        "GA"
    }
    # 格鲁吉亚 is Georgia the country in CC-CEDICT: never a name of the state
    assert "格鲁吉亚" not in {b.term for b in state_bridges_for("s", ("GA", "TX", "CA"))}


@pytest.mark.parametrize(
    ("dimension", "codes", "names"),
    [
        ("lot__state", ("CA", "WA"), {"california": "CA", "加州": "CA", "华盛顿州": "WA"}),
        ("policy__policy_state", ("TX", "NY"), {"texas": "TX", "new york": "NY"}),
    ],
)
def test_two_codes_are_states_on_a_state_dimension(dimension, codes, names) -> None:
    """A company in two states: a dimension named "... state" with two codes gets the names."""
    got = {b.term: b.value for b in state_bridges_for(dimension, codes)}
    assert {t: got.get(t) for t in names} == names


def test_two_codes_elsewhere_are_no_states() -> None:
    assert state_bridges_for("flight__carrier", ("CA", "WA")) == []
    assert state_bridges_for("lot__state", ("CA",)) == []
