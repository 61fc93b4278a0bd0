"""A distinct count of a foreign key, named as a kind of the thing, is not the count of all.

On an external fleet model "how many machines are there?" was answered 36 by
``maintained_machine_count`` (count distinct machine_id over maintenance rows) while the machines
table holds 40: the machines never maintained are not in that count — a wrong answer (issue #12,
session 26). Now refused, the metric offered (``rules.qualified_counts``); a question saying the
qualifier, or a name that is just the thing ("unique_tools"), still reads it. Here on a tool
library of our own: 4 tools, 3 of them ever repaired.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 1)


def _model(metric: str) -> str:
    return f"""
semantic_models:
  - name: tools
    model: ref('tools')
    entities:
      - {{name: tool, type: primary, expr: tool_id}}
    dimensions:
      - {{name: shed, type: categorical}}
  - name: repairs
    model: ref('repairs')
    defaults: {{agg_time_dimension: repaired_on}}
    entities:
      - {{name: repair, type: primary, expr: repair_id}}
      - {{name: tool, type: foreign, expr: tool_id}}
    dimensions:
      - {{name: repaired_on, type: time, type_params: {{time_granularity: day}}}}
    measures:
      - {{name: tools_touched, agg: count_distinct, expr: tool_id}}
      - {{name: repair_cost, agg: sum, expr: cost}}
metrics:
  - {{name: {metric}, type: simple, type_params: {{measure: tools_touched}}}}
  - {{name: repair_spend, label: Repair Spend, type: simple, type_params: {{measure: repair_cost}}}}
"""


DATA = """
create table tools (tool_id int, shed varchar);
insert into tools values (1, 'east'), (2, 'east'), (3, 'west'), (4, 'west');
create table repairs (repair_id int, tool_id int, repaired_on date, cost double);
insert into repairs values (1, 1, '2026-04-01', 5), (2, 1, '2026-04-02', 6), (3, 2, '2026-04-03', 7),
  (4, 3, '2026-04-04', 8);
"""


@pytest.fixture(scope="module")
def repaired(yaml_shop):
    return yaml_shop("repaired", _model("repaired_tool_count"), DATA, TODAY)


@pytest.fixture(scope="module")
def plain(yaml_shop):
    return yaml_shop("plain", _model("unique_tools"), DATA, TODAY)


@pytest.mark.parametrize(
    "question", ["how many tools are there?", "number of tools by shed", "工具有多少个"]
)
def test_a_count_of_some_things_does_not_answer_how_many_things(repaired, question):
    a = repaired.ask(question)
    assert a.refused, a.interpretation
    assert "repaired tool count" in a.error.lower()
    assert a.suggestions and "repaired tool count" in a.suggestions[0].lower(), a.suggestions
    assert repaired.ask(a.suggestions[0]).df.iloc[:, -1].sum() == 3


@pytest.mark.parametrize(
    "question", ["repaired tool count by shed", "how many tools were repaired by shed"]
)
def test_its_own_words_still_read_it(repaired, question):
    a = repaired.ask(question)
    assert not a.refused, a.error
    assert dict(zip(a.df.iloc[:, 0], a.df.iloc[:, -1], strict=True)) == {"east": 2, "west": 1}


def test_a_name_that_is_just_the_thing_stays_its_count(plain):
    a = plain.ask("how many tools are there?")
    assert not a.refused, a.error
    assert a.df.iloc[0, 0] == 3


def test_a_chinese_question_saying_more_than_a_bare_count_keeps_the_reading(repaired):
    """一共修理了多少个工具: the Chinese words may say the qualifier (修理 = repaired)."""
    a = repaired.ask("一共修理了多少个工具")
    assert not a.refused, a.error
    assert a.df.iloc[0, 0] == 3
