"""A suggestion that leaves out a word of the question says so in the refusal.

"how many new members this year" on a gym model whose members are dated by their last visit
is refused ("new" is unknown there) and suggested "how many members this year" — all members
who visited, not the new ones; "how many purple loans by branch last month" is suggested "how
many loans by branch last month". The suggestions stay (the closest questions the model
answers); the refusal's reason now names the word each leaves out, in the question's
language. Two domains: a gym, a library (and a greenhouse); a typo fixed is no dropped word.
"""

from __future__ import annotations

import pytest

from tests.test_nl2sql_new_things import GYM_DATA, GYM_MODEL, TODAY
from tests.test_nl2sql_suggest_kept import (
    GREENHOUSE,
    GREENHOUSE_DATA,
    LIBRARY,
    LIBRARY_DATA,
)
from tests.test_nl2sql_suggest_kept import TODAY as LIB_TODAY


@pytest.fixture(scope="module")
def gym_by_visit(yaml_shop):
    model = GYM_MODEL.replace("agg_time_dimension: joined_on", "agg_time_dimension: last_visit_on")
    model = model.replace(
        "      - {name: plan, type: categorical}",
        "      - {name: plan, type: categorical}\n"
        "      - {name: last_visit_on, type: time, type_params: {time_granularity: day}}",
    )
    data = GYM_DATA.replace(
        "joined_on date, plan varchar", "joined_on date, plan varchar, last_visit_on date"
    ).replace("'basic')", "'basic', '2026-02-01')")
    data = data.replace("'plus')", "'plus', '2026-02-01')")
    return yaml_shop("dropped_gym", model, data, TODAY)


@pytest.fixture(scope="module")
def library(yaml_shop):
    return yaml_shop("dropped_library", LIBRARY, LIBRARY_DATA, LIB_TODAY)


@pytest.fixture(scope="module")
def greenhouse(yaml_shop):
    return yaml_shop("dropped_greenhouse", GREENHOUSE, GREENHOUSE_DATA, LIB_TODAY)


def test_new_members_suggestion_says_new_is_left_out(gym_by_visit) -> None:
    a = gym_by_visit.ask("how many new members this year")
    assert a.refused
    assert "how many members this year" in [s.lower() for s in a.suggestions]
    assert "leaves out 'new'" in a.error


@pytest.mark.parametrize(
    ("shop_name", "question", "word"),
    [
        ("library", "how many purple loans by branch last month", "purple"),
        ("greenhouse", "how many purple readings by zone in April 2026", "purple"),
    ],
)
def test_a_dropped_qualifier_is_named(request, shop_name, question, word) -> None:
    a = request.getfixturevalue(shop_name).ask(question)
    assert a.refused and a.suggestions
    assert f"leaves out '{word}'" in a.error


def test_chinese_reason_names_the_word(library) -> None:
    a = library.ask("上个月按branch统计紫色loans的数量")
    assert a.refused and a.suggestions == ["上个月按branch统计loans的数量"]
    assert "去掉了“紫色”" in a.to_json()["reason"]


def test_a_typo_fixed_is_not_dropped(library) -> None:
    a = library.ask("how many loans by brnach last month")
    assert "leaves out" not in (a.error or "")
