"""An adjective of a time dimension's name before a date names that date's axis.

"number of policies effective in 2026" was refused ("I don't know 'effective'"): the model's
``effective_date`` is named by an adjective, no verb form, so the verb bridges that read
"registered in May" as the registration date never reached it. ``vocabulary.verb_bridges.
_date_adjectives``: an adjective-only word of a time dimension's name is a dated bridge to it.
Invented model: service contracts, counted on the day they were signed, effective later.
"""

from __future__ import annotations

import datetime as dt

import pytest

MODEL = """
semantic_models:
  - name: contracts
    model: ref('contracts')
    defaults: {agg_time_dimension: signed_on}
    entities:
      - {name: contract, type: primary, expr: contract_id}
    dimensions:
      - name: signed_on
        type: time
        type_params: {time_granularity: day}
      - name: effective_on
        type: time
        type_params: {time_granularity: day}
      - {name: tier, type: categorical}
    measures:
      - {name: contract_count, agg: count, expr: contract_id}
metrics:
  - {name: contracts, label: Contracts, type: simple, type_params: {measure: contract_count}}
"""

DATA = """
CREATE TABLE contracts (contract_id INTEGER, signed_on DATE, effective_on DATE, tier VARCHAR);
INSERT INTO contracts VALUES (1, DATE '2023-11-02', DATE '2024-01-01', 'gold'),
    (2, DATE '2023-12-03', DATE '2024-02-01', 'basic'),
    (3, DATE '2024-03-04', DATE '2024-04-01', 'gold'),
    (4, DATE '2024-11-05', DATE '2025-01-01', 'basic');
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("date_adjectives", MODEL, DATA, dt.date(2025, 6, 1))


@pytest.mark.parametrize(
    "question", ["how many contracts effective in 2024?", "number of contracts effective in 2024"]
)
def test_the_adjective_names_its_date(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert a.df.iloc[0, -1] == 3  # effective in 2024; signed in 2024: 2


def test_without_it_the_metric_axis(shop) -> None:
    a = shop.ask("how many contracts in 2024?")
    assert a.ok, a.error
    assert a.df.iloc[0, -1] == 2
