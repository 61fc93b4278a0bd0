"""A noun-prefix negation before a flag that names its rows' own kind is asked back
(``rules.kind_negation``).

"非重复退款的交易笔数" on an external model (``is_duplicate_refund`` on transactions whose type
includes refunds) was answered as every transaction that is no duplicate refund; the words
read as readily "refunds that are no duplicates" (issue #12, session 26, left then). Here on a
kennel of our own: stays of two kinds (boarding, grooming) and an ``is_repeat_boarding`` flag.
A predicate ("stays that are not repeat boardings") keeps its one reading; a flag that names
no kind of the row (``is_repeat_guest``) keeps its filter.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 4, 1)
KENNEL = """
semantic_models:
  - name: stays
    model: ref('stays')
    defaults: {agg_time_dimension: booked_on}
    entities:
      - {name: stay, type: primary, expr: stay_id}
    dimensions:
      - {name: booked_on, type: time, type_params: {time_granularity: day}}
      - {name: stay_kind, type: categorical}
      - {name: is_repeat_boarding, type: categorical}
      - {name: is_repeat_guest, type: categorical}
    measures:
      - {name: stay_count, agg: sum, expr: "1"}
      - {name: fee_total, agg: sum, expr: fee}
metrics:
  - {name: stays, label: Stays, description: "Number of stays.", type: simple,
     type_params: {measure: stay_count}}
  - {name: fees, label: Fees, description: "Total fee charged for stays.", type: simple,
     type_params: {measure: fee_total}}
"""
KENNEL_DATA = """
create table stays (stay_id int, booked_on date, stay_kind varchar, is_repeat_boarding int,
  is_repeat_guest int, fee double);
insert into stays values
  (1, '2026-03-01', 'grooming', 0, 1, 10), (2, '2026-03-02', 'boarding', 0, 0, 40),
  (3, '2026-03-03', 'boarding', 0, 0, 60), (4, '2026-03-04', 'boarding', 1, 1, 25),
  (5, '2026-03-05', 'grooming', 0, 1, 35), (6, '2026-03-06', 'boarding', 1, 1, 45),
  (7, '2026-03-07', 'grooming', 0, 0, 5);
"""


@pytest.fixture(scope="module")
def kennel(yaml_shop):
    return yaml_shop("kind_negation", KENNEL, KENNEL_DATA, TODAY)


def test_a_prefixed_negation_of_a_kind_flag_is_asked_with_both_readings(kennel):
    a = kennel.ask("non-repeat boarding stays")
    assert a.refused
    assert "two ways" in a.error
    assert a.suggestions == [
        "boarding stays that are not repeat boarding",
        "stays that are not repeat boarding",
    ]
    kept, other = (kennel.ask(q) for q in a.suggestions)
    assert kept.df.iloc[0, 0] == 2  # boarding stays 2 and 3
    assert other.df.iloc[0, 0] == 5  # every stay but 4 and 6


def test_the_amount_of_the_same_words_is_asked_too(kennel):
    a = kennel.ask("fees of non-repeat boarding stays")
    assert a.refused
    assert [kennel.ask(q).df.iloc[0, 0] for q in a.suggestions] == [100.0, 150.0]


def test_a_predicate_keeps_its_one_reading(kennel):
    a = kennel.ask("stays that are not repeat boardings")
    assert not a.refused, a.error
    assert a.df.iloc[0, 0] == 5


def test_a_flag_that_names_no_kind_of_the_row_still_filters(kennel):
    a = kennel.ask("non-repeat guest stays")
    assert not a.refused, a.error
    assert a.df.iloc[0, 0] == 3
