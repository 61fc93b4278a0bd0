"""Came from, before a source value is the value, as "went to" is (a support verb).

"how many patients came from google ads?" was refused ("I don't know 'came'") on a dental
project whose patients have an acquisition source. "come" is now one of the support verbs
(``vocabulary.morphology.LIGHT_VERBS``), in English only: its Chinese 来 is part of too many
words, and Chinese says 来自, already a general word. Invented model: a gym's members.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.vocabulary import morphology

MODEL = """
semantic_models:
  - name: members
    model: ref('members')
    defaults: {agg_time_dimension: joined_on}
    entities:
      - {name: member, type: primary, expr: member_id}
    dimensions:
      - name: joined_on
        type: time
        type_params: {time_granularity: day}
      - {name: lead_source, type: categorical}
    measures:
      - {name: member_count, agg: count, expr: member_id}
metrics:
  - {name: total_members, label: Total Members, type: simple, type_params: {measure: member_count}}
"""

DATA = """
CREATE TABLE members (member_id INTEGER, joined_on DATE, lead_source VARCHAR);
INSERT INTO members VALUES (1, DATE '2024-01-02', 'flyer'), (2, DATE '2024-01-03', 'radio'),
    (3, DATE '2024-02-04', 'flyer'), (4, DATE '2024-02-05', 'website');
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("came_from", MODEL, DATA, dt.date(2024, 6, 1))


@pytest.mark.parametrize(
    "question", ["how many members came from flyer?", "members that come from flyer"]
)
def test_came_from_a_value(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert a.df.iloc[0, -1] == 2


def test_english_only() -> None:
    assert "come" in morphology.LIGHT_VERBS and "come" in morphology.ENGLISH_ONLY_LIGHT
