"""Two metric names over one count are one reading of "how many", not a choice to refuse.

Own small language-school model (not any evaluation project's files): one lesson count published
under two labels ("Busy rooms", "Sessions by level") that say nothing of lessons. "How many
lessons in 2024" was refused as ambiguous between them although both give the same number
("number of lessons" already read the first). Two different measures of lessons stay a choice.
"""

from __future__ import annotations

import duckdb
import pytest

from nl2sql import ask
from semantic_layer import load_model

MODEL = """
semantic_models:
  - name: lessons
    model: ref('lessons')
    defaults: {agg_time_dimension: held_on}
    entities:
      - {name: lesson, type: primary, expr: lesson_id}
    dimensions:
      - {name: held_on, type: time, type_params: {time_granularity: day}}
      - {name: level, type: categorical}
    measures:
      - {name: lesson_count, agg: count_distinct, expr: lesson_id}
metrics:
  - {name: busy_rooms, label: Busy rooms, type: simple, type_params: {measure: lesson_count}}
  - {name: sessions_by_level, label: Sessions by level, type: simple,
     type_params: {measure: lesson_count}}
"""

# a second measure of the same rows (count, not count_distinct): two definitions, not one
OTHER = MODEL.replace(
    "      - {name: lesson_count, agg: count_distinct, expr: lesson_id}",
    "      - {name: lesson_count, agg: count_distinct, expr: lesson_id}\n"
    "      - {name: lesson_rows, agg: count, expr: lesson_id}",
).replace("     type_params: {measure: lesson_count}}", "     type_params: {measure: lesson_rows}}")

DATA = """
CREATE TABLE lessons (lesson_id INTEGER, held_on DATE, level VARCHAR);
INSERT INTO lessons VALUES (1, DATE '2024-01-02', 'beginner'), (2, DATE '2024-02-02', 'advanced'),
    (3, DATE '2023-05-02', 'beginner'), (4, DATE '2024-06-10', 'beginner');
"""


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    con = duckdb.connect()
    con.execute(DATA)
    models = {}
    for name, text in (("same", MODEL), ("other", OTHER)):
        root = tmp_path_factory.mktemp(name)
        (root / "school.yml").write_text(text)
        models[name] = load_model(root, con=con)
    return models, con


def _ask(school, which: str, question: str):
    models, con = school
    return ask(question, model=models[which], con=con, engine="rules", chart=False)


def test_one_count_under_two_labels_answers_how_many(school):
    answer = _ask(school, "same", "how many lessons in 2024")
    assert not getattr(answer, "refused", False), answer.error
    assert answer.df.iloc[0, -1] == 3


def test_two_measures_of_the_rows_are_still_a_choice(school):
    assert "measure: lesson_rows}}" in OTHER
    answer = _ask(school, "other", "how many lessons in 2024")
    assert getattr(answer, "refused", False) or answer.df is None
