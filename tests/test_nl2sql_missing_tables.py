"""A table the warehouse does not hold is named, with the fix, never DuckDB's catalog error.

A model loaded without a warehouse trusts its relations; asking on a warehouse where one mart
was never built answered "the query could not run: Catalog Error: Table with name ... does not
exist!". Two generated dbt-style projects (SaaS revenue, a clinic), English and Chinese.
"""

from __future__ import annotations

import datetime as dt

from tests.test_semantic_spine_schema import _project


def _ask(question: str, root, con):
    from nl2sql import ask

    return ask(
        question, model=str(root), con=con, engine="rules", today=dt.date(2026, 6, 30), chart=False
    )


def test_saas_mart_not_built_is_named_with_the_fix(tmp_path):
    root, con = _project(tmp_path, "saas")
    con.execute("drop table core.fct_mrr")
    answer = _ask("ARR change by plan", root, con)
    assert answer.refused
    assert "Catalog Error" not in answer.error and "Catalog Error" not in answer.reason
    assert "no table `fct_mrr`" in answer.error
    assert "`mrr_movements`" in answer.error and "dbt run --select fct_mrr" in answer.error


def test_clinic_mart_not_built_is_said_in_chinese(tmp_path):
    root, con = _project(tmp_path, "clinic")
    con.execute("drop table analytics_core.fct_visits")
    answer = _ask("每月的visits", root, con)
    assert answer.refused and "Catalog Error" not in answer.reason
    assert "数据仓库中没有表 `main_core.fct_visits`" in answer.reason
    assert "`visits`" in answer.reason and "dbt run --select fct_visits" in answer.reason
