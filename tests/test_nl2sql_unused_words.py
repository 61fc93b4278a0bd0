"""Every word of an answered question is used, a light word, or named as not used
(``rules.unused_words``), and "<things> of <cmp> N" is no count of the things
(``rules.count_or_amount``).

Session 27 measured the dev halves: no answered question left a model term unclaimed; an
average word beside a metric that already is an average was left silently. It is now named
in the interpretation, so a user sees which words the answer does not reflect.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.unused_words import refuse_unused_terms, unused_words
from tests.probe_data_hunt10 import GYM, GYM_DATA

TODAY = dt.date(2026, 4, 1)
STUDIO = """
semantic_models:
  - name: lessons
    model: ref('lessons')
    defaults: {agg_time_dimension: held_on}
    entities:
      - {name: lesson, type: primary, expr: lesson_id}
    dimensions:
      - {name: held_on, type: time, type_params: {time_granularity: day}}
      - {name: room, type: categorical}
    measures:
      - {name: mean_attendance, agg: average, expr: attendance}
      - {name: seat_total, agg: sum, expr: seats}
      - {name: attendance_total, agg: sum, expr: attendance}
metrics:
  - {name: average_attendance, label: Average attendance, description: "Mean attendance.",
     type: simple, type_params: {measure: mean_attendance}}
  - {name: seats, label: Seats, description: "Seats offered.", type: simple,
     type_params: {measure: seat_total}}
  - {name: attendees, label: Attendees, description: "People who came.", type: simple,
     type_params: {measure: attendance_total}}
"""
STUDIO_DATA = """
create table lessons (lesson_id int, held_on date, room varchar, attendance int, seats int);
insert into lessons values (1, '2026-03-01', 'A', 10, 12), (2, '2026-03-02', 'A', 20, 15),
  (3, '2026-03-03', 'B', 6, 8);
"""


@pytest.fixture(scope="module")
def studio(yaml_shop):
    return yaml_shop("unused_words", STUDIO, STUDIO_DATA, TODAY)


def test_an_average_word_the_reading_did_not_use_is_named(studio):
    # by room, each room's average: the first "average" (over rooms?) is not reflected, and
    # the interpretation says so instead of dropping it silently
    a = studio.ask("what is our average room average attendance?")
    assert not a.refused, a.error
    assert a.interpretation.endswith("(not used: average)")
    assert dict(zip(a.df.iloc[:, 0], a.df.iloc[:, -1], strict=True)) == {"A": 15.0, "B": 6.0}
    zh = studio.ask("平均每个room的平均attendance")
    assert not zh.refused, zh.error
    assert zh.interpretation.endswith("（未使用：平均）")


def test_a_fully_used_question_names_nothing(studio):
    a = studio.ask("average attendance by room")
    assert not a.refused, a.error
    assert "not used" not in a.interpretation


@pytest.mark.parametrize(
    "question",
    ["which rooms have more attendees than seats", "rooms with fewer seats than attendees"],
)
def test_a_comparison_of_two_metrics_nothing_read_is_refused(studio, question):
    # room A: 30 attendees on 27 seats — answered before as both totals by room, unfiltered
    a = studio.ask(question)
    assert a.refused
    assert "'than' compares two things" in a.error
    assert sorted(a.suggestions) == ["Attendees", "Seats"]


def test_light_words_are_not_named_and_a_term_nothing_claimed_is_refused():
    its = [Item("role", "and", 0, 3, role="and"), Item("stop", "the", 4, 7)]
    assert unused_words(its) == []
    with pytest.raises(Refusal) as got:
        refuse_unused_terms([Item("domain", "room", 0, 4)])
    assert got.value.words == ["room"]


@pytest.fixture(scope="module")
def gym(yaml_shop):
    return yaml_shop("unused_words_gym", GYM, GYM_DATA, dt.date(2026, 3, 1))


def test_things_of_a_number_offer_both_readings(gym):
    a = gym.ask("bookings of over 20 by class type")
    assert a.refused
    assert a.suggestions == [
        "over 20 bookings by class type",
        "bookings worth over 20 by class type",
    ]
