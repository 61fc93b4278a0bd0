"""A word naming one table in several roles is read in the one role the asked metric reaches.

"每个机场的平均气温" on the flights model: 机场 may be the origin or the destination airport (or
either's name), and was refused as ambiguous, although temperature is recorded at origin airports
only (zhsense14 held-back set). Dimensions and values were already narrowed to what the metrics
reach; entity readings were not. A metric that reaches both roles still asks which one.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows, answered_rows

TODAY = dt.date(2026, 5, 1)
SHIPPING = """
semantic_models:
  - name: ports
    model: ref('ports')
    entities:
      - {name: loading_port, type: primary, expr: port_code}
      - {name: discharge_port, type: unique, expr: port_code}
    dimensions:
      - {name: port_name, type: categorical, label: Port Name, expr: name}
  - name: voyages
    model: ref('voyages')
    defaults: {agg_time_dimension: sailed_on}
    entities:
      - {name: voyage, type: primary, expr: voyage_id}
      - {name: loading_port, type: foreign, expr: from_port}
      - {name: discharge_port, type: foreign, expr: to_port}
    dimensions:
      - {name: sailed_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: cargo_tons, agg: sum}
  - name: port_fees
    model: ref('port_fees')
    defaults: {agg_time_dimension: charged_on}
    entities:
      - {name: port_fee, type: primary, expr: fee_id}
      - {name: loading_port, type: foreign, expr: port}
    dimensions:
      - {name: charged_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: fee_amount, agg: sum, expr: amount}
metrics:
  - {name: cargo, label: Cargo Tons, type: simple, type_params: {measure: cargo_tons}}
  - {name: fees, label: Fees, type: simple, type_params: {measure: fee_amount}}
"""
SHIPPING_DATA = """
create table ports (port_code varchar, name varchar);
insert into ports values ('RTM', 'Rotterdam'), ('HAM', 'Hamburg'), ('GOT', 'Gothenburg');
create table voyages (voyage_id int, sailed_on date, from_port varchar, to_port varchar,
  cargo_tons double);
insert into voyages values (1, '2026-04-01', 'RTM', 'HAM', 100), (2, '2026-04-02', 'HAM', 'GOT', 50),
  (3, '2026-04-03', 'RTM', 'GOT', 30);
create table port_fees (fee_id int, charged_on date, port varchar, amount double);
insert into port_fees values (1, '2026-04-01', 'RTM', 10), (2, '2026-04-02', 'HAM', 4),
  (3, '2026-04-03', 'RTM', 6);
"""


@pytest.fixture(scope="module")
def shipping(yaml_shop):
    return yaml_shop("shipping", SHIPPING, SHIPPING_DATA, TODAY)


@pytest.mark.parametrize("question", ["fees by port", "各港口的费用", "按港口统计费用"])
def test_the_one_role_the_metric_reaches_is_read(shipping, question) -> None:
    rows = sorted(answered_rows(shipping.ask(question)))
    assert rows == [("HAM", "Hamburg", 4.0), ("RTM", "Rotterdam", 16.0)]


def test_top_port_by_fees(shipping) -> None:
    assert answered_rows(shipping.ask("费用最高的港口")) == [("RTM", "Rotterdam", 16.0)]


@pytest.mark.parametrize("question", ["cargo tons by port", "按港口统计货物"])
def test_a_metric_reaching_both_roles_still_asks(shipping, question) -> None:
    answer = shipping.ask(question)
    assert answer.refused, answer_rows(answer)
    assert "loading port" in answer.error and "discharge port" in answer.error
