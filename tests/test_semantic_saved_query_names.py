"""A saved query whose group-by names the semantic model instead of the entity is left out.

Own small library-loans model (not any evaluation project's files): loans join members through
the `member` entity; one saved query groups by ``members__branch`` (the semantic model's name,
which MetricFlow rejects: it wants ``member__branch``), another by ``loan__format``. Kept, the
broken one captured the question "Loans by branch" by its label and refused it; left out, the
question is read on its own and reaches the branch through the entity join.
"""

from __future__ import annotations

import duckdb
import pytest

from nl2sql import ask
from semantic_layer import load_model

MODEL = """
semantic_models:
  - name: loans
    model: ref('loans')
    defaults: {agg_time_dimension: loaned_on}
    entities:
      - {name: loan, type: primary, expr: loan_id}
      - {name: member, type: foreign, expr: member_id}
    dimensions:
      - {name: loaned_on, type: time, type_params: {time_granularity: day}}
      - {name: format, type: categorical}
    measures:
      - {name: loan_count, agg: count, expr: loan_id}
  - name: members
    model: ref('members')
    defaults: {agg_time_dimension: joined_on}
    entities:
      - {name: member, type: primary, expr: member_id}
    dimensions:
      - {name: joined_on, type: time, type_params: {time_granularity: day}}
      - {name: branch, type: categorical}

metrics:
  - {name: loans, label: Loans, type: simple, type_params: {measure: loan_count}}

saved_queries:
  - name: loans_by_branch
    label: Loans by branch
    query_params:
      metrics: [loans]
      group_by: ["Dimension('members__branch')"]
  - name: loans_by_format
    label: Loans by format
    query_params:
      metrics: [loans]
      group_by: ["Dimension('loan__format')"]
"""

DATA = """
CREATE TABLE members (member_id INTEGER, joined_on DATE, branch VARCHAR);
INSERT INTO members VALUES (1, DATE '2023-05-01', 'Riverside'), (2, DATE '2023-06-01', 'Hilltop'),
    (3, DATE '2024-01-10', 'Riverside');
CREATE TABLE loans (loan_id INTEGER, member_id INTEGER, loaned_on DATE, format VARCHAR);
INSERT INTO loans VALUES (10, 1, DATE '2024-02-01', 'ebook'), (11, 1, DATE '2024-02-03', 'print'),
    (12, 2, DATE '2024-02-05', 'print'), (13, 3, DATE '2024-03-01', 'audiobook'),
    (14, 3, DATE '2024-03-02', 'print');
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    root = tmp_path_factory.mktemp("library")
    (root / "library.yml").write_text(MODEL)
    con = duckdb.connect()
    con.execute(DATA)
    warnings: list = []
    model = load_model(root, con=con, warnings=warnings)
    return model, con, warnings


def test_the_saved_query_naming_a_semantic_model_is_left_out_with_a_warning(library):
    model, _, warnings = library
    assert sorted(model.saved_queries) == ["loans_by_format"]
    said = [w for w in warnings if "saved query `loans_by_branch`" in w.element]
    assert len(said) == 1 and said[0].level == "warning"
    assert "members__branch" in said[0].message and "left out" in said[0].message


def test_its_label_is_then_read_as_a_question_through_the_entity_join(library):
    model, con, _ = library
    answer = ask("Loans by branch", model=model, con=con, engine="rules", chart=False)
    assert not getattr(answer, "refused", False), answer.error
    rows = sorted(tuple(r) for r in answer.df.itertuples(index=False))
    assert rows == [("Hilltop", 1), ("Riverside", 4)]


def test_a_saved_query_naming_the_entity_still_runs_by_its_label(library):
    model, con, _ = library
    answer = ask("Loans by format", model=model, con=con, engine="rules", chart=False)
    rows = sorted(tuple(r) for r in answer.df.itertuples(index=False))
    assert rows == [("audiobook", 1), ("ebook", 1), ("print", 3)]
