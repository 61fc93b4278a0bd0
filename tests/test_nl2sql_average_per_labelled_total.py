"""Average things per thing, where the things are an entity and a "Total <things>" metric.

"average charge attempts per visit" (and 平均每次访问的充电尝试次数) was refused on an EV-charging
project whose "Average attempts per visit" is Total charge attempts / Visits: "charge attempts"
reads as the attempts' entity (a noun names the thing), so the average found no numerator.
``passes.average_per.labelled_totals``: a metric labelled "(Total) <the entity, plural>" is that
numerator. Invented model: museum visits and the ticket scans made on them.
"""

from __future__ import annotations

import datetime as dt

import pytest

MODEL = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_on}
    entities:
      - {name: visit, type: primary, expr: visit_id}
    dimensions:
      - name: visited_on
        type: time
        type_params: {time_granularity: day}
      - {name: wing, type: categorical}
    measures:
      - {name: visit_count, agg: count, expr: visit_id}
      - {name: scan_total, agg: sum, expr: scan_count}
  - name: ticket_scans
    model: ref('ticket_scans')
    defaults: {agg_time_dimension: scanned_on}
    entities:
      - {name: ticket_scan, type: primary, expr: scan_id}
      - {name: visit, type: foreign, expr: visit_id}
    dimensions:
      - name: scanned_on
        type: time
        type_params: {time_granularity: day}
    measures:
      - {name: scan_rows, agg: count, expr: scan_id}
metrics:
  - {name: visits, label: Visits, type: simple, type_params: {measure: visit_count}}
  - {name: total_ticket_scans, label: Total ticket scans, type: simple, type_params: {measure: scan_total}}
  - {name: scan_records, label: scan records, type: simple, type_params: {measure: scan_rows}}
  - name: scans_per_visit
    label: Average scans per visit
    type: ratio
    type_params: {numerator: total_ticket_scans, denominator: visits}
"""

DATA = """
CREATE TABLE visits (visit_id INTEGER, visited_on DATE, wing VARCHAR, scan_count INTEGER);
INSERT INTO visits VALUES (1, DATE '2024-01-02', 'East', 1), (2, DATE '2024-01-03', 'East', 3),
    (3, DATE '2024-01-04', 'West', 2), (4, DATE '2024-01-05', 'West', 6);
CREATE TABLE ticket_scans (scan_id INTEGER, visit_id INTEGER, scanned_on DATE);
INSERT INTO ticket_scans VALUES (1, 1, DATE '2024-01-02'), (2, 2, DATE '2024-01-03');
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("average_per_labelled_total", MODEL, DATA, dt.date(2024, 6, 1))


@pytest.mark.parametrize(
    "question", ["average ticket scans per visit", "平均每次访问的门票扫描次数"]
)
def test_the_ratio_of_the_labelled_total(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert a.df.iloc[0, -1] == 3.0  # 12 scans over 4 visits


def test_by_a_dimension(shop) -> None:
    a = shop.ask("average ticket scans per visit by wing")
    assert a.ok, a.error
    assert sorted(a.df.itertuples(index=False, name=None)) == [("East", 2.0), ("West", 4.0)]
