"""Chinese sentence frames around a count: 多少人 (人 counting a person noun), 谁 (which of the
model's one person), 通过 / 从 X 来的 (where the thing came from), and 一共 after 之后 / 以后
(no numeral).

Each was refused on a model that answers the same question without the frame ("活跃患者有多少"
counted; "活跃患者有多少人" did not know 人). Two domains: a clinic (patients by acquisition
source, visits) and a gym (members by join channel, check-ins). Traps stay refused: 人 without
a person noun, 人 followed by what the people did, 通过 in its "approved" sense.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.numbers import normalize_numerals
from tests.semantic_helpers import answer_rows
from tests.test_nl2sql_carried_names import FREIGHT, FREIGHT_DATA

TODAY = dt.date(2025, 12, 10)

CLINIC = """
semantic_models:
  - name: patients
    model: ref('dim_patients')
    entities:
      - {name: patient, type: primary, expr: patient_id}
    dimensions:
      - {name: created_at, type: time, type_params: {time_granularity: day}}
      - {name: acquisition_source, type: categorical}
      - {name: is_active, type: categorical}
    measures:
      - {name: patient_count, agg: count, expr: patient_id, agg_time_dimension: created_at}
  - name: visits
    model: ref('fct_visits')
    defaults:
      agg_time_dimension: visit_date
    entities:
      - {name: visit, type: primary, expr: visit_id}
      - {name: patient, type: foreign, expr: patient_id}
    dimensions:
      - {name: visit_date, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: visit_count, agg: count, expr: visit_id}
metrics:
  - {name: patients, label: Patients, type: simple, type_params: {measure: patient_count}}
  - {name: visits, label: Visits, type: simple, type_params: {measure: visit_count}}
"""
CLINIC_DATA = """
create table dim_patients as select * from (values
  (1, 'referral', true, date '2025-01-05'), (2, 'referral', false, date '2025-02-05'),
  (3, 'walk_in', true, date '2025-03-05'), (4, 'google_ads', true, date '2025-04-05')
) t(patient_id, acquisition_source, is_active, created_at);
create table fct_visits as select * from (values
  (1, 1, date '2025-11-15'), (2, 1, date '2025-11-25'), (3, 3, date '2025-11-28'),
  (4, 4, date '2025-12-02')
) t(visit_id, patient_id, visit_date);
"""

GYM = """
semantic_models:
  - name: members
    model: ref('dim_members')
    entities:
      - {name: member, type: primary, expr: member_id}
    dimensions:
      - {name: joined_at, type: time, type_params: {time_granularity: day}}
      - {name: join_channel, type: categorical}
      - {name: tier, type: categorical}
    measures:
      - {name: member_count, agg: count, expr: member_id, agg_time_dimension: joined_at}
  - name: checkins
    model: ref('fct_checkins')
    defaults:
      agg_time_dimension: checkin_date
    entities:
      - {name: checkin, type: primary, expr: checkin_id}
      - {name: member, type: foreign, expr: member_id}
    dimensions:
      - {name: checkin_date, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: checkin_count, agg: count, expr: checkin_id}
metrics:
  - {name: members, label: Members, type: simple, type_params: {measure: member_count}}
  - {name: checkins, label: Check-ins, type: simple, type_params: {measure: checkin_count}}
"""
GYM_DATA = """
create table dim_members as select * from (values
  (1, 'app', 'gold', date '2025-01-05'), (2, 'app', 'basic', date '2025-02-05'),
  (3, 'app', 'gold', date '2025-03-05'), (4, 'front_desk', 'gold', date '2025-04-05')
) t(member_id, join_channel, tier, joined_at);
create table fct_checkins as select * from (values
  (1, 1, date '2025-11-10'), (2, 2, date '2025-11-21'), (3, 2, date '2025-11-22'),
  (4, 4, date '2025-12-01'), (5, 3, date '2025-12-03')
) t(checkin_id, member_id, checkin_date);
"""


@pytest.fixture(scope="module")
def clinic(yaml_shop):
    return yaml_shop("zh_frames_clinic", CLINIC, CLINIC_DATA, TODAY)


@pytest.fixture(scope="module")
def gym(yaml_shop):
    return yaml_shop("zh_frames_gym", GYM, GYM_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("patient有多少人", [(4,)]),
        ("referral的patient一共几个人", [(2,)]),
        ("有多少patient是通过referral来的", [(2,)]),
        ("从referral来的patient有多少", [(2,)]),
        ("11月20日之后一共有多少visits", [(3,)]),
    ],
)
def test_clinic_frames(clinic, question, rows) -> None:
    a = clinic.ask(question)
    assert a.ok, (question, a.error)
    assert answer_rows(a) == rows


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("gold的member有多少人", [(3,)]),
        ("有多少member是通过app来的", [(3,)]),
        ("经由front desk来的member有几个", [(1,)]),
        ("11月20日以后一共几次checkins", [(4,)]),
    ],
)
def test_gym_frames(gym, question, rows) -> None:
    a = gym.ask(question)
    assert a.ok, (question, a.error)
    assert answer_rows(a) == rows


def test_who_is_the_one_person_of_the_model(clinic, gym) -> None:
    a = clinic.ask("谁的visits最多")
    assert a.ok, a.error
    assert a.query.group_by[0] == "patient"
    assert answer_rows(a) == [(1, 2)]
    b = gym.ask("上个月谁的checkins最多")
    assert b.ok, b.error
    assert answer_rows(b) == [(2, 2)]


def test_who_without_a_person_stays_refused(yaml_shop) -> None:
    freight = yaml_shop("zh_frames_freight", FREIGHT, FREIGHT_DATA, TODAY)
    a = freight.ask("谁的freight spend最高")
    assert a.refused, a.interpretation


@pytest.mark.parametrize(
    "question",
    [
        "上个月有多少人",  # no person noun: who?
        "member中有多少人checkins",  # what the people did: not the check-ins' count
        "通过app的member有多少人checkins",
        "审核通过的member有多少",  # 通过 = approved: no such status
    ],
)
def test_traps_stay_refused(gym, question) -> None:
    a = gym.ask(question)
    assert a.refused, (question, a.interpretation)


def test_yi_gong_after_a_date_word_is_no_numeral() -> None:
    assert normalize_numerals("12月20日之后一共几趟") == "12月20日之后一共几趟"
    assert normalize_numerals("收入前三的品牌") == "收入前3的品牌"


def test_which_month_and_which_day(clinic, gym) -> None:
    # 几月 / 几号 ask which month / which date, as 哪个月 / 哪天 do
    a = clinic.ask("visits最多的是几月")
    assert a.ok, a.error
    assert answer_rows(a) == [(dt.date(2025, 11, 1), 3)]
    b = gym.ask("11月checkins最多的是几号")
    assert b.ok, b.error
    assert len(b.df) == 1 and b.df.iloc[0, 1] == 1
    c = gym.ask("今年checkins最多的月份是几月份")
    assert c.ok, c.error
    assert answer_rows(c) == [(dt.date(2025, 11, 1), 3)]


MEDIA = """
semantic_models:
  - name: views
    model: ref('fct_views')
    defaults:
      agg_time_dimension: viewed_at
    entities:
      - {name: view, type: primary, expr: view_id}
      - {name: user, type: foreign, expr: user_id}
      - {name: writer, type: foreign, expr: writer_id}
    dimensions:
      - {name: viewed_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: view_count, agg: count, expr: view_id}
metrics:
  - {name: pageviews, label: Pageviews, type: simple, type_params: {measure: view_count}}
"""
MEDIA_DATA = """
create table fct_views as select * from (values
  (1, 10, 7, date '2025-11-02'), (2, 10, 8, date '2025-11-03'), (3, 11, 8, date '2025-11-04')
) t(view_id, user_id, writer_id, viewed_at);
"""


def test_who_with_writers_and_users_stays_refused(yaml_shop) -> None:
    # users are the one entity named like people, but writers are people too: 谁 is either
    media = yaml_shop("zh_frames_media", MEDIA, MEDIA_DATA, TODAY)
    a = media.ask("谁的pageviews最多")
    assert a.refused, a.interpretation
    b = media.ask("哪个user的pageviews最多")
    assert b.ok, b.error
    assert answer_rows(b) == [(10, 2)]
