"""A dated Chinese verb clause on a count kept by each thing's first event date is refused, and
a refusal's suggestions keep the question's negation and each word.

"2026年6月下过单的会员有多少" counted the members whose *first* order fell in June (1 here, where
2 ordered in June): the clause was left out whenever the question held a date, so the month
fell on the members' first-order date (issue #12). The English "how many members ordered in
June 2026" was already refused (``rules.other_event_verbs``); the Chinese clause now takes the
same path. A count of distinct buyers over the orders' own rows, dated by the order date, is a
count of every buyer in the month and stays answered. Refusals of 没下过单 / 各类 offered the
question without 没 (every member: the opposite) or the plain total; such suggestions are now
dropped (``rules.kept_marks``). Original models: a seed library's members and their orders.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import ok_rows
from tests.test_nl2sql_zh_clause_verbs import SEEDS, SEEDS_DATA

TODAY = dt.date(2026, 7, 2)


@pytest.fixture(scope="module")
def seeds(yaml_shop):
    return yaml_shop("zh_dated_seeds", SEEDS, SEEDS_DATA, TODAY)


@pytest.mark.parametrize(
    "question",
    [
        "2026年6月下过单的会员有多少",  # member 1 first ordered in May, again in June: 2, not 1
        "上个月下过单的会员数",
        "有多少会员在2026年6月下过单",  # the date between the noun and its trailing verb
        "有多少会员2026年6月下过单",
        "how many members ordered in June 2026",  # the English twin, refused as before
    ],
)
def test_a_dated_clause_on_a_first_event_count_is_refused(seeds, question) -> None:
    a = seeds.ask(question)
    assert a.refused, a.interpretation
    if not question.isascii():  # the English verb is refused by its own rule
        assert "first order date" in a.error


def test_the_dated_refusals_suggestion_runs(seeds) -> None:
    a = seeds.ask("2026年6月下过单的会员有多少")
    assert a.suggestions, a.error
    got = seeds.ask(a.suggestions[0])
    assert not got.refused, got.error


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("2026年6月的会员数", [(1,)]),  # no verb: the count's own date, as before
        ("下过单的会员有多少", [(2,)]),  # no date: those whose first order date is set
        ("2026年6月的订单数", [(2,)]),
    ],
)
def test_one_word_away_stays_answered(seeds, question, rows) -> None:
    a = seeds.ask(question)
    assert ok_rows(a) == rows, a.error or a.interpretation


BUYERS = """
semantic_models:
  - name: orders
    model: ref('seed_orders')
    defaults: {agg_time_dimension: ordered_at}
    entities:
      - {name: order, type: primary, expr: order_id}
      - {name: member, type: foreign, expr: member_id}
    dimensions:
      - {name: ordered_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: buyer_count, agg: count_distinct, expr: member_id}
  - name: members
    model: ref('members')
    entities:
      - {name: member, type: primary, expr: member_id}
    dimensions:
      - {name: plot_size, type: categorical}
metrics:
  - {name: buyers, label: Buyers, type: simple, type_params: {measure: buyer_count}}
"""


def test_a_dated_clause_on_a_count_over_the_events_rows_is_answered(yaml_shop) -> None:
    """Buyers are counted over the orders themselves: in June, members 1 and 2 ordered."""
    shop = yaml_shop("zh_dated_buyers", BUYERS, SEEDS_DATA, TODAY)
    for question in ("2026年6月下过单的会员有多少", "how many members ordered in June 2026"):
        a = shop.ask(question)
        assert ok_rows(a) == [(2,)], a.error or a.interpretation


@pytest.mark.parametrize(
    ("question", "kept"),
    [("没下过单的会员有多少", "没"), ("有多少会员没下过单", "没"), ("各类的会员数", "各")],
)
def test_a_refusals_suggestions_keep_the_negation_and_each_word(seeds, question, kept) -> None:
    a = seeds.ask(question)
    assert a.refused, a.interpretation
    assert all(kept in s for s in a.suggestions), a.suggestions
