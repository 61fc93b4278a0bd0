"""An acronym a metric's description defines in parentheses names that metric.

"HICP inflation for Italy in 2024" was refused: "HICP" is written only in the description of
Monthly Inflation (%) ("... inflation rate (HICP)"), and "inflation" alone could mean Monthly
or Annual Inflation. ``vocabulary.acronyms.described_acronym_anchors`` bridges the acronym to
its metric; ``rules.restated_label_word`` absorbs the shared label word said beside it.
Invented model: a subscription business's churn, monthly (described with its acronym) and
yearly; "KPI" in running text and an acronym two descriptions define name nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest

MODEL = """
semantic_models:
  - name: churn_stats
    model: ref('churn_stats')
    defaults: {agg_time_dimension: month_start}
    entities:
      - {name: churn_stat, type: primary, expr: stat_id}
    dimensions:
      - name: month_start
        type: time
        type_params: {time_granularity: month}
      - {name: region, type: categorical}
    measures:
      - {name: monthly_churn_pct, agg: average}
      - {name: annual_churn_pct, agg: average}
      - {name: lost_accounts, agg: sum}
      - {name: won_accounts, agg: sum}
metrics:
  - name: monthly_churn
    label: Monthly Churn (%)
    description: Average month-over-month logo churn rate (MLCR). The headline KPI.
    type: simple
    type_params: {measure: monthly_churn_pct}
  - name: annual_churn
    label: Annual Churn (%)
    description: Average yearly churn rate, the board's other KPI.
    type: simple
    type_params: {measure: annual_churn_pct}
  - name: lost
    label: Lost Accounts
    description: Accounts lost to a competitor (ACL).
    type: simple
    type_params: {measure: lost_accounts}
  - name: won
    label: Won Accounts
    description: Accounts won from a competitor (ACL).
    type: simple
    type_params: {measure: won_accounts}
"""

DATA = """
CREATE TABLE churn_stats (stat_id INTEGER, month_start DATE, region VARCHAR,
    monthly_churn_pct DOUBLE, annual_churn_pct DOUBLE, lost_accounts INTEGER, won_accounts INTEGER);
INSERT INTO churn_stats VALUES (1, DATE '2024-01-01', 'east', 1.0, 10.0, 3, 5),
    (2, DATE '2024-02-01', 'east', 3.0, 12.0, 4, 1),
    (3, DATE '2024-01-01', 'west', 2.0, 20.0, 2, 2),
    (4, DATE '2023-12-01', 'west', 8.0, 30.0, 9, 9);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("described_acronyms", MODEL, DATA, dt.date(2024, 6, 1))


@pytest.mark.parametrize("question", ["MLCR for east in 2024", "MLCR churn for east in 2024"])
def test_the_defined_acronym_names_its_metric(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert a.df.iloc[0, -1] == pytest.approx(2.0)  # monthly; annual would be 11.0


def test_the_shared_word_alone_is_still_asked_back(shop) -> None:
    assert not shop.ask("churn for east in 2024").ok


@pytest.mark.parametrize("question", ["KPI for east in 2024", "ACL for east in 2024"])
def test_running_text_or_a_shared_acronym_names_nothing(shop, question) -> None:
    assert not shop.ask(question).ok
