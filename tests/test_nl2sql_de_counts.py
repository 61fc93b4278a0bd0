"""A count word split from its noun by 的: 理赔的件数 is the 理赔件数 the model counts.

"盗窃类理赔的件数" was refused on an insurance project ("'理赔件数' counts people or pieces of
理赔") although "理赔件数" is its Claim Count: 的 between a noun and its measure changes nothing
(``rules.de_counts``). Invented model: crop-insurance claims.
"""

from __future__ import annotations

import datetime as dt

import pytest

MODEL = """
semantic_models:
  - name: claims
    model: ref('claims')
    defaults: {agg_time_dimension: filed_on}
    entities:
      - {name: claim, type: primary, expr: claim_id}
      - {name: policy, type: foreign, expr: policy_id}
    dimensions:
      - name: filed_on
        type: time
        type_params: {time_granularity: day}
      - {name: cause, type: categorical}
    measures:
      - {name: claim_rows, agg: count, expr: claim_id}
      - {name: paid, agg: sum}
      - {name: premium, agg: sum}
metrics:
  - {name: claim_count, label: Claim Count, type: simple, type_params: {measure: claim_rows}}
  - {name: paid_amount, label: Paid Loss, type: simple, type_params: {measure: paid}}
  - {name: written_premium, label: Written Premium, type: simple, type_params: {measure: premium}}
"""

DATA = """
CREATE TABLE claims (claim_id INTEGER, policy_id INTEGER, filed_on DATE, cause VARCHAR,
    paid DOUBLE, premium DOUBLE);
INSERT INTO claims VALUES (1, 1, DATE '2024-01-02', 'Hail', 10.0, 1.0),
    (2, 1, DATE '2024-01-03', 'Theft', 20.0, 1.0), (3, 2, DATE '2024-02-04', 'Hail', 30.0, 1.0);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("de_counts", MODEL, DATA, dt.date(2024, 6, 1))


@pytest.mark.parametrize("question", ["冰雹理赔件数", "冰雹类理赔的件数"])
def test_the_split_count_is_the_joined_one(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert a.df.iloc[0, -1] == 2
