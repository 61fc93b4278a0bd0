"""Questions on a dbt project whose models dbt builds in a custom schema (``main_marts``).

Why: dbt's default schema naming puts a ``+schema: marts`` folder in ``<target>_marts``; the
loader finds the relations there, and the SQL guard must let exactly those relations run — a
bare-name allow-list refused every answer of such a project ("outside the warehouse schema"),
and must not let a same-named table of another schema through.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from nl2sql import ask
from nl2sql.errors import GuardError
from nl2sql.guard import allowed_tables, check_sql
from semantic_layer import load_model
from tests.test_semantic_dbt import PROJECT, WAREHOUSE_SQL

ALLOWED = {"main_marts.orders", "main_marts.dim_customers", "events"}


@pytest.fixture(scope="module")
def con():
    c = duckdb.connect()
    c.execute(WAREHOUSE_SQL)
    yield c
    c.close()


def test_the_allow_list_names_the_custom_schema_of_each_relation(con) -> None:
    model = load_model(PROJECT, con=con)
    tables = allowed_tables(model)
    assert {"main_marts.orders", "main_marts.dim_customers"} <= tables
    assert "orders" not in tables  # a bare name means the main schema


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT COUNT(*) FROM main_marts.orders",
        "SELECT * FROM main_marts.orders o JOIN main_marts.dim_customers c ON TRUE",
        "SELECT * FROM events JOIN main.events AS e2 ON TRUE",  # bare = main
    ],
)
def test_relations_of_the_model_pass_in_their_schema(sql: str) -> None:
    assert check_sql(sql, ALLOWED) == sql


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELECT * FROM main_staging.orders", "outside the warehouse schema"),
        ("SELECT * FROM orders", "table orders is not part of the semantic model"),
        ("SELECT * FROM main_marts.secrets", "table main_marts.secrets is not part"),
        ("SELECT * FROM main_marts.events", "table main_marts.events is not part"),
        ("SELECT * FROM other.main_marts.orders", "outside the warehouse schema"),
    ],
)
def test_a_same_named_table_elsewhere_is_refused(sql: str, message: str) -> None:
    with pytest.raises(GuardError, match=message):
        check_sql(sql, ALLOWED)


def test_a_question_on_the_custom_schema_model_is_answered(con) -> None:
    answer = ask(
        "revenue by region",
        model=PROJECT,
        con=con,
        engine="rules",
        today=dt.date(2026, 2, 28),
        chart=False,
    )
    assert answer.df is not None, answer.interpretation
    rows = answer.df.iloc[:, :2].itertuples(index=False)
    got = sorted(("" if pd.isna(r) else r, float(v)) for r, v in rows)
    assert got == [("", 20.0), ("north", 150.0), ("south", 30.0)]  # customer 3 has no row
