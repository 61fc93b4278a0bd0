"""The guard resolves CTE names by scope: a CTE defined in one subquery is no pass elsewhere."""

from __future__ import annotations

import pytest

from nl2sql.errors import GuardError
from nl2sql.guard import check_sql

ALLOWED = {"orders", "order_lines"}


@pytest.mark.parametrize(
    ("sql", "outside_table"),
    [
        # a CTE named like a secret table inside a derived table, the real table read outside
        (
            "SELECT * FROM (WITH secrets AS (SELECT 1 AS x) SELECT * FROM secrets) AS t "
            "JOIN secrets ON TRUE",
            "secrets",
        ),
        # a CTE in an IN-subquery does not cover an EXISTS-subquery next to it
        (
            "SELECT * FROM orders WHERE 1 IN (WITH users AS (SELECT 1) SELECT * FROM users) "
            "AND EXISTS (SELECT 1 FROM users)",
            "users",
        ),
        # a non-recursive CTE cannot see a later sibling: b here is the real table b
        ("WITH a AS (SELECT * FROM b), b AS (SELECT 1 AS x) SELECT * FROM a", "b"),
    ],
)
def test_a_cte_name_outside_its_scope_is_a_real_table_and_is_refused(
    sql: str, outside_table: str
) -> None:
    with pytest.raises(GuardError, match=f"table {outside_table} is not part of the semantic"):
        check_sql(sql, ALLOWED)


@pytest.mark.parametrize(
    "sql",
    [
        "WITH o AS (SELECT * FROM orders) SELECT * FROM o JOIN (SELECT * FROM o) AS p ON TRUE",
        "WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 3) "
        "SELECT * FROM r JOIN orders ON TRUE",
        "SELECT * FROM orders WHERE 1 IN (WITH x AS (SELECT 1) SELECT * FROM x)",
    ],
)
def test_ctes_used_inside_their_scope_pass(sql: str) -> None:
    assert check_sql(sql, ALLOWED) == sql


def test_a_cte_reading_a_table_outside_the_model_is_refused() -> None:
    with pytest.raises(GuardError, match="table secrets is not part"):
        check_sql("WITH o AS (SELECT * FROM secrets) SELECT * FROM o", ALLOWED)
