"""A state column of public US data keeps its state names beside territories and placeholders.

Public US data writes a missing state as a placeholder ("not-provided", "N/A") and holds
territories and military codes (PR, GU, AE) beside the states. The names used to need every
value to be a state code, so "claims in Texas" and 加州的… refused on such a column. On a
dimension named "state" the names now survive up to two placeholders and those codes; a code of
another kind (a province) or many non-codes (a status column) still rule the column out.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.vocabulary.places import state_bridges_for
from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
CLAIMS = """
semantic_models:
  - name: claims
    model: ref('claims')
    defaults: {agg_time_dimension: filed_on}
    entities:
      - {name: claim, type: primary, expr: claim_id}
    dimensions:
      - {name: filed_on, type: time, type_params: {time_granularity: day}}
      - {name: state, type: categorical}
    measures:
      - {name: claim_count, agg: count, expr: claim_id}
      - {name: paid, agg: sum, expr: paid_amount}
metrics:
  - {name: claim_count, label: Claims, type: simple, type_params: {measure: claim_count}}
  - {name: paid, label: Paid amount, type: simple, type_params: {measure: paid}}
"""
CLAIMS_DATA = """
create table claims (claim_id int, filed_on date, state varchar, paid_amount int);
insert into claims values (1, '2026-06-01', 'TX', 30), (2, '2026-06-02', 'CA', 10),
  (3, '2026-06-03', 'PR', 50), (4, '2026-06-04', 'TX', 5), (5, '2026-06-05', 'not-provided', 7),
  (6, '2026-06-05', 'CA', 8);
"""
METERS = """
semantic_models:
  - name: readings
    model: ref('readings')
    defaults: {agg_time_dimension: read_on}
    entities:
      - {name: reading, type: primary, expr: reading_id}
    dimensions:
      - {name: read_on, type: time, type_params: {time_granularity: day}}
      - {name: service_state, type: categorical}
    measures:
      - {name: kwh, agg: sum, expr: kwh}
metrics:
  - {name: energy_used, label: Energy used, type: simple, type_params: {measure: kwh}}
"""
METERS_DATA = """
create table readings (reading_id int, read_on date, service_state varchar, kwh int);
insert into readings values (1, '2026-06-01', 'FL', 300), (2, '2026-06-01', 'GU', 120),
  (3, '2026-06-02', 'FL', 200), (4, '2026-06-02', 'OH', 90), (5, '2026-06-03', 'N/A', 40);
"""


@pytest.fixture(scope="module")
def claims(yaml_shop):
    return yaml_shop("placeholder_claims", CLAIMS, CLAIMS_DATA, TODAY)


@pytest.fixture(scope="module")
def meters(yaml_shop):
    return yaml_shop("placeholder_meters", METERS, METERS_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [("how many claims in Texas", [(2,)]), ("加州的赔付金额", [(18,)])],
)
def test_insurance_state_column_with_placeholder(claims, question, rows) -> None:
    a = claims.ask(question)
    assert a.ok, a.error
    assert answer_rows(a) == rows


@pytest.mark.parametrize(
    ("question", "rows"),
    [("energy used in Florida", [(500,)]), ("俄亥俄州的energy used", [(90,)])],
)
def test_energy_state_column_with_territory(meters, question, rows) -> None:
    a = meters.ask(question)
    assert a.ok, a.error
    assert answer_rows(a) == rows


def test_other_codes_and_many_placeholders_still_rule_a_column_out() -> None:
    """Control: a province code, three non-codes, or an unnamed column with a territory."""
    assert state_bridges_for("store__state", ("TX", "CA", "ON", "not-provided")) == []
    assert state_bridges_for("ticket__state", ("TX", "CA", "open", "closed", "pending")) == []
    assert state_bridges_for("route__region", ("TX", "CA", "NY", "PR")) == []
    got = {b.term: b.value for b in state_bridges_for("claim__state", ("TX", "CA", "N/A"))}
    assert (got.get("texas"), got.get("california")) == ("TX", "CA")
