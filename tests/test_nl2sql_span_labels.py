"""A metric labelled by its span of time ("7-Day Active Users") is named with the span written
apart ("7 day active users") and in Chinese (7天活跃用户, 7日活跃用户).

Found on a fresh public project (session 14): "30天再入院率" and "30 day readmission rate" were
refused ("I don't know what the number '30' refers to") although the model's metric is
labelled "30-Day Readmission Rate": only the hyphenated spelling was a term. The model here is
a different domain (a mobile app), with a second metric of the same words without the span to
show the span picks its own metric.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
APP = """
semantic_models:
  - name: sessions
    model: ref('sessions')
    defaults: {agg_time_dimension: seen_on}
    entities:
      - {name: session, type: primary, expr: session_id}
    dimensions:
      - {name: seen_on, type: time, type_params: {time_granularity: day}}
      - {name: platform, type: categorical}
    measures:
      - {name: recent_users, agg: count_distinct, expr: "case when recent = 1 then user_id end"}
      - {name: all_users, agg: count_distinct, expr: user_id}
metrics:
  - {name: wau7, label: 7-Day Active Users, type: simple, type_params: {measure: recent_users}}
  - {name: users_all, label: Users Seen, type: simple, type_params: {measure: all_users}}
"""
APP_DATA = """
create table sessions (session_id int, seen_on date, platform varchar, user_id int, recent int);
insert into sessions values (1, '2026-04-01', 'ios', 10, 1), (2, '2026-04-02', 'ios', 11, 0),
  (3, '2026-04-03', 'android', 12, 1), (4, '2026-04-04', 'android', 12, 1),
  (5, '2026-04-05', 'android', 13, 0);
"""


@pytest.fixture(scope="module")
def app(yaml_shop):
    return yaml_shop("app", APP, APP_DATA, TODAY)


@pytest.mark.parametrize("question", ["7 day active users by platform", "按平台统计7天活跃用户"])
def test_the_span_written_apart_or_in_chinese_names_the_metric(app, question) -> None:
    assert answered_rows(app.ask(question)) == [("android", 1), ("ios", 1)]


def test_the_hyphenated_label_still_names_it(app) -> None:
    assert answered_rows(app.ask("7-day active users by platform")) == [("android", 1), ("ios", 1)]
