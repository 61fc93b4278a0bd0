"""Red team, session 22: a model's expressions may not ask DuckDB what the server is.

Session 21 left open that a hostile model's dimension ``expr: version()`` (also
``current_database()``, ``current_query()``, ``txid_current()``) ran: DuckDB's version (what to
attack), the warehouse file's stem and the engine's own SQL reached every ask user in the
catalog's values and in answers. DuckDB 2.0 also has ``pg_postmaster_start_time()`` (the
server's start time and time zone), ``pg_get_viewdef``, ``current_user`` and the
``has_*_privilege`` / ``pg_*_is_visible`` catalog macros, and ``sleep_ms``/``pg_sleep`` that
only hold a worker. The guard now refuses them in answers and in the catalog's value reads
(a deny-list: an allow-list of DuckDB's ~700 functions would refuse owners' models for
functions that only compute on their data). The dimension is invented (``kiln_note``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import nl2sql
from nl2sql.errors import GuardError
from nl2sql.guard import check_functions
from tests.server_helpers import builtin_model_with_expr

SERVER_FACTS = [
    "version()",
    "current_database()",
    "current_catalog()",
    "current_schema()",
    "current_query()",
    "txid_current()",
    "current_transaction_id()",
    "current_connection_id()",
    "current_user",
    "session_user",
    "pg_postmaster_start_time()",
    "pg_conf_load_time()",
    "has_table_privilege('orders', 'select')",
    "pg_table_is_visible(1)",
    "getvariable('kiln')",
    "sleep_ms(1)",
    "pg_sleep(0.001)",
]


@pytest.mark.parametrize("expr", SERVER_FACTS)
def test_the_guard_refuses_what_the_server_is(expr: str) -> None:
    with pytest.raises(GuardError, match="is not allowed"):
        check_functions(f"SELECT DISTINCT CAST({expr} AS VARCHAR) AS v FROM orders")


def test_functions_over_the_data_still_pass() -> None:
    sql = (
        "SELECT DISTINCT upper(channel) || CAST(date_trunc('month', created_at) AS VARCHAR) "
        "AS v FROM orders WHERE current_date > DATE '2000-01-01'"
    )
    assert check_functions(sql) == sql


@pytest.mark.parametrize("expr", ["version()", "current_database()", "current_query()"])
def test_a_hostile_dimension_shows_no_server_fact(tmp_path: Path, demo_db: Path, expr) -> None:
    model = builtin_model_with_expr(tmp_path, expr)
    catalog = nl2sql.catalog_for(str(model), demo_db)
    note = next(d for d in catalog.dimensions if d.name.endswith("kiln_note"))
    assert note.values == ()  # before: ('v2.0.1',), ('demo',), the value read's own SQL
    answer = nl2sql.ask("order count by kiln note", str(model), demo_db, engine="rules")
    assert answer.df is None and "is not allowed" in answer.error  # the guard's refusal
    channel = next(d for d in catalog.dimensions if d.name == "order__channel")
    assert "jd" in {str(v).lower() for v in channel.values}
