"""dbt projects as their owners wrote them: slips that dbt accepts must not stop the load.

Own small insurance-like model (not any evaluation project's files): a claims table, and a
semantic model whose foreign entity names a column that does not exist (a misspelt key that
`dbt parse` accepts because it never looks at the warehouse).
"""

from __future__ import annotations

import duckdb
import pytest

from semantic_layer import SemanticQuery, compile_query, load_model
from semantic_layer.errors import ModelValidationError

MODEL = """
semantic_models:
  - name: claims
    model: ref('claims')
    defaults: {agg_time_dimension: filed_on}
    entities:
      - {name: claim, type: primary, expr: claim_id}
      - {name: adjuster_idd, type: foreign}
    dimensions:
      - {name: filed_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
      - {name: handler_nmae, type: categorical}
    measures:
      - {name: claim_count, agg: count, expr: claim_id, create_metric: true}
"""

DATA = """
CREATE TABLE claims (Claim_ID INTEGER, Filed_On DATE, Region VARCHAR);
INSERT INTO claims VALUES (1, DATE '2024-01-03', 'north'), (2, DATE '2024-01-09', 'south'),
    (3, DATE '2024-02-01', 'north');
"""


@pytest.fixture()
def project(tmp_path):
    (tmp_path / "claims.yml").write_text(MODEL)
    con = duckdb.connect()
    con.execute(DATA)
    return tmp_path, con


def test_entity_and_dimension_over_a_missing_column_are_left_out_with_a_warning(project):
    root, con = project
    warnings: list = []
    model = load_model(root, con=con, warnings=warnings)
    left_out = sorted(w.element for w in warnings if "left out of the model" in w.message)
    assert left_out == [
        "`adjuster_idd` of semantic model `claims`",
        "`handler_nmae` of semantic model `claims`",
    ]
    assert all(w.level == "warning" for w in warnings)
    # the rest of the model answers, and the broken names cannot be queried
    sql = compile_query(model, SemanticQuery(metrics=["claim_count"], group_by=["claim__region"]))
    assert sorted(con.execute(sql.sql).fetchall()) == [("north", 2), ("south", 1)]
    with pytest.raises(Exception, match="handler_nmae"):
        compile_query(
            model, SemanticQuery(metrics=["claim_count"], group_by=["claim__handler_nmae"])
        )


def test_a_measure_over_a_missing_column_still_stops_the_load(project):
    root, con = project
    (root / "claims.yml").write_text(
        MODEL.replace("expr: claim_id, create", "expr: claim_idd, create")
    )
    with pytest.raises(ModelValidationError, match="column `claim_idd` does not exist"):
        load_model(root, con=con)
