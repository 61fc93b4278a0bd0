"""A rolling window said before a measure names the one metric whose own words state it.

"trailing twelve-month unemployment", "12-month moving average of unemployment",
滚动12个月的平均失业率 were refused ('rolling' / 滚动 unknown, "unemployment" shared by two
labels) while the model had exactly one metric described as that window
(``rules.window_phrases``). Invented model: a call centre's abandonment rate, monthly and as a
6-month rolling average; a window no metric states ("rolling 3-month") or a measure with no
window metric stays refused — computing another window, or answering the plain metric, would
be a wrong answer.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules.window_phrases import stated_windows
from semantic_layer.catalog import CatalogMetric

MODEL = """
semantic_models:
  - name: queue_stats
    model: ref('queue_stats')
    defaults: {agg_time_dimension: month_start}
    entities:
      - {name: queue_stat, type: primary, expr: stat_id}
    dimensions:
      - name: month_start
        type: time
        type_params: {time_granularity: month}
      - {name: centre, type: categorical}
    measures:
      - {name: abandon_pct, agg: average}
      - {name: abandon_6m_pct, agg: average}
      - {name: calls_taken, agg: sum}
metrics:
  - name: abandonment_rate
    label: Abandonment Rate (%)
    description: Share of calls hung up before an agent answered.
    type: simple
    type_params: {measure: abandon_pct}
  - name: abandonment_trend
    label: Abandonment Trend (6M Avg)
    description: 6-month rolling average abandonment rate, smoothing seasonal peaks.
    type: simple
    type_params: {measure: abandon_6m_pct}
  - name: calls
    label: Calls Taken
    description: Calls answered by an agent.
    type: simple
    type_params: {measure: calls_taken}
"""

DATA = """
CREATE TABLE queue_stats (stat_id INTEGER, month_start DATE, centre VARCHAR,
    abandon_pct DOUBLE, abandon_6m_pct DOUBLE, calls_taken INTEGER);
INSERT INTO queue_stats VALUES (1, DATE '2024-01-01', 'Leeds', 4.0, 7.0, 100),
    (2, DATE '2024-02-01', 'Leeds', 6.0, 9.0, 120),
    (3, DATE '2024-01-01', 'Cork', 2.0, 3.0, 80),
    (4, DATE '2023-12-01', 'Leeds', 8.0, 30.0, 90);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("window_phrases", MODEL, DATA, dt.date(2024, 6, 1))


@pytest.mark.parametrize(
    "question",
    [
        "rolling 6-month abandonment for Leeds in 2024",
        "trailing six-month abandonment for Leeds in 2024",
        "6-month moving average of abandonment for Leeds in 2024",
        "rolling 6-month abandonment rate for Leeds in 2024",
    ],
)
def test_the_window_names_the_metric_stating_it(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert a.df.iloc[0, -1] == pytest.approx(8.0)  # the trend; the monthly rate would be 5.0
    assert "Abandonment Trend" in a.interpretation


def test_a_window_no_metric_states_is_refused(shop) -> None:
    assert not shop.ask("rolling 3-month abandonment for Leeds in 2024").ok
    assert not shop.ask("rolling 6-month calls taken for Leeds in 2024").ok


def test_the_shared_word_without_a_window_is_not_read_as_the_trend(shop) -> None:
    a = shop.ask("abandonment rate for Leeds in 2024")
    assert a.ok, a.error
    assert a.df.iloc[0, -1] == pytest.approx(5.0)


def test_stated_windows_need_a_window_word() -> None:
    m = CatalogMetric("x", "Excess Value", description="stock with no demand in the prior 26 weeks")
    assert stated_windows(m) == set()
    t = CatalogMetric("t", "Trailing 12-Week Demand", description="Demand over twelve weeks.")
    assert stated_windows(t) == {(12, "week")}


def test_an_unstated_window_is_refused_naming_the_model_windows(shop) -> None:
    a = shop.ask("rolling 3-month abandonment for Leeds in 2024")
    assert not a.ok
    assert "rolling 3-month" in a.error and "Abandonment Trend (6M Avg)" in a.error
