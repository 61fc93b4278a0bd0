"""Refusal suggestions that answer something close to the question asked (suggest30, #12).

A kennel's model (invented): stays and treat sales, its cumulative metric declared first.
"stays by treat flavour" is refused (stays do not reach the treats' flavour); the suggestions
used to be the model's first metrics whatever was asked ("Nights Running Total", ...). Now:
metrics that *can* be broken down by the flavour, the asked one's kind first, and the asked
metric by a breakdown it reaches named with the same words. With nothing in the question to
rank by, a plain metric comes before a running total; and no rewrite says a word twice.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 4)
KENNEL = """
semantic_models:
  - name: stays
    model: ref('stays')
    defaults: {agg_time_dimension: stayed_at}
    entities:
      - {name: stay, type: primary, expr: stay_id}
    dimensions:
      - {name: stayed_at, type: time, type_params: {time_granularity: day}}
      - {name: room_size, type: categorical}
    measures:
      - {name: stay_count, agg: count, expr: stay_id}
      - {name: nights, agg: sum, expr: nights}
      - {name: dog_age, agg: average, expr: dog_age}
  - name: treat_sales
    model: ref('treat_sales')
    defaults: {agg_time_dimension: sold_at}
    entities:
      - {name: treat_sale, type: primary, expr: sale_id}
    dimensions:
      - {name: sold_at, type: time, type_params: {time_granularity: day}}
      - {name: treat_flavour, type: categorical}
      - {name: bag_size, type: categorical}
    measures:
      - {name: sale_count, agg: count, expr: sale_id}
      - {name: treat_amount, agg: sum, expr: amount}
metrics:
  - {name: nights_running_total, label: Nights Running Total, type: cumulative,
     type_params: {measure: nights}}
  - {name: average_nights, label: Average Nights, type: simple, type_params: {measure: dog_age}}
  - {name: stays, label: Stays, type: simple, type_params: {measure: stay_count}}
  - {name: nights, label: Nights, type: simple, type_params: {measure: nights}}
  - {name: treat_revenue, label: Treat Revenue, type: simple, type_params: {measure: treat_amount}}
  - {name: treat_sales, label: Treat Sales, type: simple, type_params: {measure: sale_count}}
  - {name: stays_vs_last_month, label: Stays vs Last Month, type: derived,
     type_params: {expr: stays - stays_prev, metrics: [{name: stays},
       {name: stays, offset_window: 1 month, alias: stays_prev}]}}
"""
KENNEL_DATA = """
create table stays (stay_id int, stayed_at date, room_size varchar, nights int, dog_age int);
insert into stays values (1, '2026-04-02', 'small', 2, 3), (2, '2026-04-20', 'large', 5, 8),
  (3, '2026-03-21', 'large', 1, 4);
create table treat_sales (sale_id int, sold_at date, treat_flavour varchar, bag_size varchar,
  amount double);
insert into treat_sales values (1, '2026-04-02', 'beef', 'small', 4.5),
  (2, '2026-04-03', 'chicken', 'large', 9), (3, '2026-03-28', 'beef', 'large', 9);
"""


@pytest.fixture(scope="module")
def kennel(yaml_shop):
    return yaml_shop("kennel", KENNEL, KENNEL_DATA, TODAY)


def _suggestions(shop, question: str) -> list[str]:
    a = shop.ask(question)
    assert a.refused, a.interpretation
    return a.to_json()["suggestions"]


def test_a_metric_that_cannot_reach_the_breakdown_is_offered_metrics_that_can(kennel) -> None:
    got = _suggestions(kennel, "stays by treat flavour")
    # a count for a count first, and every one keeps the breakdown asked and answers
    assert got[0] == "Treat Sales by treat flavour"
    assert "Treat Revenue by treat flavour" in got
    for s in got:
        b = kennel.ask(s)
        assert not b.refused and b.df.shape[0] == 2, (s, b.error)  # beef, chicken


def test_the_asked_metric_is_offered_by_a_breakdown_it_reaches_with_the_same_words(
    kennel,
) -> None:
    got = _suggestions(kennel, "stays by bag size")
    assert "stays by room size" in got
    assert not any("Running Total" in s for s in got)


def test_a_chinese_question_keeps_its_language(kennel) -> None:
    got = _suggestions(kennel, "上个月各bag size的Stays")
    assert got == [
        "上个月各bag size的Treat Sales",
        "上个月各room size的Stays",
        "上个月各bag size的Treat Revenue",
    ]


def test_with_nothing_to_rank_by_a_plain_metric_comes_before_a_running_total(kennel) -> None:
    got = _suggestions(kennel, "上个月的毛利是多少")
    assert got[0] == "上个月的Average Nights是多少"  # the first plain one in the model
    assert not any("Running Total" in s for s in got[:2])


def test_no_suggestion_says_a_word_twice(kennel) -> None:
    # "rage" is also the end of "average": the reading replaces the word, not those letters
    got = _suggestions(kennel, "what is the average rage of our stays?")
    assert got[0] == "what is the Average Nights of our stays?"
    assert not any("average Average" in s for s in got), got


def test_the_metrics_offered_last_are_those_the_question_names_first(kennel) -> None:
    # 零食 and 口味 are unknown and nothing is close: the model's metrics are offered, the one
    # whose English the question's 收入 renders (revenue) first, not the model's first metric
    got = _suggestions(kennel, "零食收入最高的口味")
    assert got[0] == "Treat Revenue是多少"


def test_a_chinese_word_the_label_already_says_goes_with_the_unknown_word(kennel) -> None:
    # 嘀嘀 is unknown and the related average takes its place; 平均 beside it is what the
    # label's "Average" says, so it goes too ("平均Average Nights" said it twice)
    got = _suggestions(kennel, "各room size的平均嘀嘀")
    assert got[0] == "各room size的Average Nights"


def test_a_metric_comparing_periods_is_never_offered_bare(kennel) -> None:
    # it has no value without a grain to compare ("cannot build a query"): "Stays vs Last
    # Month是多少" offered as a last resort was refused when clicked
    from nl2sql.ask import catalog_for
    from nl2sql.rules.suggest import example_questions

    catalog = catalog_for(model=kennel.path, con=kennel.con)
    flagged = [m.name for m in catalog.metrics if m.compares_periods]
    assert flagged == ["stays_vs_last_month"]
    assert not any("Last Month" in q for q in example_questions(catalog, "zh"))
    assert kennel.ask("Stays vs Last Month").refused  # asked bare, as the last resort did
