"""Chinese words the dictionary glosses in a later sense or with a modifier, on invented models.

Three general gaps of the Chinese bridge (issues #12, #18), each on an original model:

- a count label "Total <Noun>s <Participle>" (Total Users Invited) is said with the act
  first in Chinese (邀请用户总数), and the word-by-word compound kept the English order
  (``count_labels_zh._participle_count_anchors``);
- a CC-CEDICT word whose noun gloss is its *second* sense (骨折 "to suffer a fracture /
  (bone) fracture") rendered nothing, and a count label around it ("Total Fracture Count")
  fell below the lexicon's bar word by word: 骨折次数 was refused
  (``chinese._later_sense_kept``, ``count_labels_zh``);
- a size value is glossed with the size word spelled out (中型 "medium sized", 小型 "small
  scale"): 中型 reached no ``medium`` value (``chinese_anchors._size_hits``);
- a time-of-day value is the head of its Chinese word's only gloss (早上 "early morning"):
  早上 reached no ``morning`` value (``chinese_anchors._day_part``).

Every answer is checked against the data; the one-word-difference probes (a negation, another
unit, a rate the model lacks, a modifier no value holds) must stay right or refused.
"""

from __future__ import annotations

import datetime as dt

from tests.semantic_helpers import answered_pairs, answered_value

TODAY = dt.date(2026, 3, 1)

PATROL = """
semantic_models:
  - name: patrol_reports
    model: ref('patrol_reports')
    defaults: {agg_time_dimension: reported_on}
    entities:
      - {name: report, type: primary, expr: report_id}
    dimensions:
      - {name: reported_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
    measures:
      - {name: fracture_count, agg: sum}
      - {name: rescue_minutes, agg: sum}
metrics:
  - {name: total_fracture_count, label: Total Fracture Count, type: simple,
     type_params: {measure: fracture_count}}
  - {name: total_rescue_minutes, label: Total Rescue Minutes, type: simple,
     type_params: {measure: rescue_minutes}}
"""
PATROL_DATA = """
create table patrol_reports (report_id int, reported_on date, region varchar,
  fracture_count int, rescue_minutes int);
insert into patrol_reports values
  (1, '2026-01-03', 'north', 2, 30), (2, '2026-01-09', 'north', 1, 45),
  (3, '2026-02-02', 'south', 4, 20), (4, '2026-02-11', 'south', 0, 10);
"""


def test_second_sense_word_names_a_count_label(yaml_shop) -> None:
    patrol = yaml_shop("zh_gloss_patrol", PATROL, PATROL_DATA, TODAY)
    assert answered_value(patrol.ask("骨折次数")) == 7
    assert answered_value(patrol.ask("骨折数量")) == 7
    assert answered_pairs(patrol.ask("各地区的骨折次数"), 0) == {"north": 3, "south": 4}
    # the English the Chinese renders answers the same
    assert answered_pairs(patrol.ask("fracture count by region"), 0) == {"north": 3, "south": 4}


def test_second_sense_probes_stay_refused(yaml_shop) -> None:
    patrol = yaml_shop("zh_gloss_patrol", PATROL, PATROL_DATA, TODAY)
    assert patrol.ask("骨折率").refused  # a rate: the model has none
    assert patrol.ask("非骨折次数").refused  # a negation names nothing to exclude
    assert patrol.ask("有骨折的地区数").refused  # a count of regions: no such metric


MARINA = """
semantic_models:
  - name: moorings
    model: ref('moorings')
    defaults: {agg_time_dimension: moored_on}
    entities:
      - {name: mooring, type: primary, expr: mooring_id}
    dimensions:
      - {name: moored_on, type: time, type_params: {time_granularity: day}}
      - {name: berth_class, type: categorical}
      - {name: day_part, type: categorical}
    measures:
      - {name: fees, agg: sum, expr: fee}
metrics:
  - {name: total_revenue, label: Total Revenue, type: simple, type_params: {measure: fees}}
"""
MARINA_DATA = """
create table moorings (mooring_id int, moored_on date, berth_class varchar, day_part varchar,
  fee int);
insert into moorings values
  (1, '2026-01-03', 'small', 'morning', 10), (2, '2026-01-04', 'medium', 'morning', 20),
  (3, '2026-01-05', 'medium', 'evening', 40), (4, '2026-01-06', 'large', 'afternoon', 80),
  (5, '2026-01-07', 'small', 'evening', 160);
"""


def test_size_words_name_size_values(yaml_shop) -> None:
    marina = yaml_shop("zh_gloss_marina", MARINA, MARINA_DATA, TODAY)
    assert answered_value(marina.ask("中型泊位的收入")) == 60
    assert answered_value(marina.ask("小型泊位的收入")) == 170
    assert answered_value(marina.ask("大型泊位的收入")) == 80
    # a negation excludes the value, never drops it
    assert answered_value(marina.ask("非中型泊位的收入")) == 250


def test_day_part_head_names_the_time_of_day_value(yaml_shop) -> None:
    marina = yaml_shop("zh_gloss_marina", MARINA, MARINA_DATA, TODAY)
    assert answered_value(marina.ask("早上的收入")) == 30
    assert answered_value(marina.ask("上午的收入")) == 30  # the main-sense word agrees
    assert answered_value(marina.ask("晚上的收入")) == 200


def test_size_and_day_part_probes(yaml_shop) -> None:
    marina = yaml_shop("zh_gloss_marina", MARINA, MARINA_DATA, TODAY)
    # a size the data does not hold, and a day part it does not hold: refused, never dropped
    assert marina.ask("微型泊位的收入").refused
    assert marina.ask("凌晨的收入").refused


COMMUNITY = """
semantic_models:
  - name: users
    model: ref('users')
    defaults: {agg_time_dimension: joined_on}
    entities:
      - {name: user, type: primary, expr: user_id}
    dimensions:
      - {name: joined_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
    measures:
      - {name: users, agg: count, expr: user_id}
      - {name: users_invited, agg: sum, expr: "case when was_invited then 1 else 0 end"}
metrics:
  - {name: total_users, label: Total Users, type: simple, type_params: {measure: users}}
  - {name: total_users_invited, label: Total Users Invited, type: simple,
     type_params: {measure: users_invited}}
"""
COMMUNITY_DATA = """
create table users (user_id int, joined_on date, region varchar, was_invited boolean);
insert into users values
  (1, '2026-01-03', 'north', true), (2, '2026-01-09', 'north', false),
  (3, '2026-02-02', 'south', true), (4, '2026-02-11', 'south', true),
  (5, '2026-02-12', 'south', false);
"""


def test_participle_count_label_puts_the_act_first(yaml_shop) -> None:
    community = yaml_shop("zh_gloss_community", COMMUNITY, COMMUNITY_DATA, TODAY)
    assert answered_value(community.ask("邀请用户总数")) == 3
    assert answered_pairs(community.ask("各地区的邀请用户数"), 0) == {"north": 1, "south": 2}
    # one word less: every user, not the invited ones
    assert answered_value(community.ask("用户总数")) == 5
    assert community.ask("未邀请用户数").refused  # a negation the model has no value for
