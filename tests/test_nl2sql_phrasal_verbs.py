"""A phrasal verb a model writes apart ("sign_up_at", "user sign ups") reaches its Chinese.

The name's words were read one by one, "sign" (签名) and "up", so 注册 — how Chinese says
"sign up" — was an unknown word on every model that counts sign-ups, and "上个月注册了多少
用户" was refused. A verb followed by a particle that a dictionary knows as one verb
(CC-CEDICT's "to sign up", the glossary's "signup") is now that verb's event, with the
glossary's Chinese for its closed-up form (``morphology.phrasal_lemmas``,
``morphology.glossary_verbs``); "新" before such a verb only restates it ("新注册的用户").
Two domains: a SaaS app's users and a gym's members.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows, rows_in_order

TODAY = dt.date(2026, 7, 2)
APP = """
semantic_models:
  - name: users
    model: ref('users')
    entities:
      - {name: user, type: primary, expr: user_id}
    dimensions:
      - {name: sign_up_at, type: time, expr: "cast(created_at as date)",
         type_params: {time_granularity: day}}
      - {name: plan, type: categorical}
    measures:
      - {name: user_sign_ups, agg: count_distinct, expr: user_id, agg_time_dimension: sign_up_at}
metrics:
  - {name: user_sign_ups, label: The number of user sign ups., type: simple,
     type_params: {measure: user_sign_ups}}
"""
APP_DATA = """
create table users (user_id int, created_at timestamp, plan varchar);
insert into users values (1, '2026-05-03 10:00', 'free'), (2, '2026-06-02 09:00', 'pro'),
  (3, '2026-06-15 12:00', 'free'), (4, '2026-06-30 23:00', 'free'), (5, '2025-12-01 08:00', 'pro');
"""
GYM = (
    APP.replace("users", "members")
    .replace("user_id", "member_id")
    .replace("user sign ups", "member sign ups")
    .replace("user_sign_ups", "member_sign_ups")
    .replace("{name: user,", "{name: member,")
)
GYM_DATA = APP_DATA.replace("users", "members").replace("user_id", "member_id")


@pytest.fixture(scope="module")
def app(yaml_shop):
    return yaml_shop("phrasal_app", APP, APP_DATA, TODAY)


@pytest.fixture(scope="module")
def gym(yaml_shop):
    return yaml_shop("phrasal_gym", GYM, GYM_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("上个月注册了多少个用户", [(3,)]),
        ("上个月新注册的用户数", [(3,)]),
        ("2025年注册的用户有多少", [(1,)]),
    ],
)
def test_chinese_sign_ups_of_users(app, question, rows) -> None:
    a = app.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == ["user_sign_ups"]
    assert rows_in_order(a) == rows


def test_chinese_sign_ups_of_gym_members(gym) -> None:
    a = gym.ask("每个月新注册的会员数")
    assert a.ok, a.error
    assert a.query.metrics == ["member_sign_ups"]
    assert answer_rows(a) == [
        (dt.date(2025, 12, 1), 1),
        (dt.date(2026, 5, 1), 1),
        (dt.date(2026, 6, 1), 3),
    ]
    a = gym.ask("上个月注册了多少会员")
    assert a.ok, a.error
    assert rows_in_order(a) == [(3,)]


def test_a_verb_before_a_particle_is_not_always_a_phrasal_verb() -> None:
    from nl2sql.vocabulary.morphology import phrasal_lemmas

    assert phrasal_lemmas(["price", "up", "date"]) == []
    assert phrasal_lemmas(["user", "sign", "up"]) == ["sign up"]
