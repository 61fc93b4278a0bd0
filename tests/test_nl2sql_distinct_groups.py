"""A "different" word before an entity beside a metric is a breakdown by that entity.

不同摊位的门票收入 / "ticket revenue of different booths" tell the booths apart: revenue per
booth, as 各摊位的门票收入 is. Before, a dimension after 不同 grouped but an entity was read
as the metric's context, the word dropped, and the answer was one total (issue #12, found as
不同门店的净销售额). Another distinct word before an entity (独立摊位: independent booths?) is
refused, never dropped, and so is one glued to a period word (独立日, a named day, was
answered by day); "how many different booths" stays a count question.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_pairs, answered_value

TODAY = dt.date(2026, 3, 1)

MODEL = """
semantic_models:
  - name: fair_sales
    model: ref('fair_sales')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: sale, type: primary, expr: sale_id}
      - {name: booth, type: foreign, expr: booth_id}
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: ticket_revenue, agg: sum, expr: revenue}
metrics:
  - {name: ticket_revenue, label: Ticket Revenue, type: simple,
     type_params: {measure: ticket_revenue}}
"""
DATA = """
create table fair_sales (sale_id int, booth_id varchar, sold_on date, revenue double);
insert into fair_sales values
  (1, 'B1', '2026-02-02', 10), (2, 'B2', '2026-02-02', 4), (3, 'B1', '2026-02-03', 5);
"""


@pytest.fixture(scope="module")
def fair(yaml_shop):
    return yaml_shop("distinct_groups", MODEL, DATA, TODAY)


def test_different_before_an_entity_groups_by_it(fair) -> None:
    expected = {"B1": 15.0, "B2": 4.0}
    assert answered_pairs(fair.ask("ticket revenue of different booths"), 1) == expected
    assert answered_pairs(fair.ask("不同摊位的门票收入"), 1) == expected


def test_other_distinct_words_before_an_entity_are_refused(fair) -> None:
    assert fair.ask("ticket revenue of distinct booths").refused
    assert fair.ask("独立摊位的门票收入").refused


def test_a_count_of_different_things_stays_a_count(fair) -> None:
    count = fair.ask("how many different booths")  # no count of booths here: never a sum
    assert count.refused, count.df
    assert answered_value(fair.ask("ticket revenue of booths")) == 19


def test_a_distinct_word_glued_to_a_period_word_is_refused(fair) -> None:
    # 独立日 is a named day (Independence Day), never "by day" with 独立 dropped
    assert fair.ask("独立日的门票收入").refused
    assert fair.ask("2026年独立日的门票收入").refused
    by_day = fair.ask("不同日的门票收入")
    assert not by_day.refused and len(by_day.df) == 2


def test_how_many_before_the_word_keeps_the_count(fair) -> None:
    # 有多少不同的摊位售票: how many different booths sold tickets — never revenue by booth
    for q in ("一共有多少不同的摊位售票", "how many different booths sold tickets"):
        answer = fair.ask(q)
        assert answer.refused or len(answer.df) == 1, q
