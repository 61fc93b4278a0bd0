"""Red team, session 24: a model view that reads DuckDB's own catalog.

Sessions 21 and 22 kept a hostile model's expressions from asking DuckDB what the server is
(``current_setting('temp_directory')``, ``version()``, ``current_database()``; table functions
and sub-selects are refused). A model *view file* can still name relations: the guard allows
every table a view reads, and DuckDB answers ``FROM duckdb_databases`` (the warehouse file's
absolute path), ``pg_settings`` (167 settings, the temp folder among them), ``duckdb_tables``
(every table's ``CREATE`` statement, those outside the model too), ``information_schema`` and
``sqlite_master`` like tables. A view ``SELECT path FROM duckdb_databases`` answered the
server's path to an ask user on 96822ae. The guard now refuses DuckDB's catalog relations in
answers and in the catalog's value reads; a CTE of the same name reads nothing of DuckDB's.
The semantic model is invented (a kiln log).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import nl2sql
from nl2sql.errors import GuardError
from nl2sql.guard import check_functions, check_sql

CATALOG_READS = [
    "SELECT path FROM duckdb_databases",
    'SELECT path FROM "DUCKDB_DATABASES"',
    "SELECT path FROM main.duckdb_databases",
    "SELECT path FROM system.main.duckdb_databases",
    "SELECT sql FROM duckdb_tables",
    "SELECT sql FROM duckdb_views AS v",
    "SELECT value FROM pg_settings WHERE name = 'temp_directory'",
    "SELECT setting FROM pg_catalog.pg_settings",
    "SELECT relname FROM pg_class",
    "SELECT table_name FROM information_schema.tables",
    "SELECT sql FROM sqlite_master",
    "SELECT name FROM pragma_database_list",
    "SELECT message FROM duckdb_logs",
    "SELECT k.x FROM kilns AS k JOIN duckdb_columns AS c ON c.column_name = k.x",
]


def _allowed(sql: str) -> set[str]:
    """What the guard allows for a model whose view file is ``sql``: every table it reads."""
    import sqlglot
    from sqlglot import exp

    from nl2sql.guard import qualified_name

    tree = sqlglot.parse_one(sql, read="duckdb")
    return {qualified_name(t.name, t.db, t.catalog) for t in tree.find_all(exp.Table)} | {"kilns"}


@pytest.mark.parametrize("view", CATALOG_READS)
def test_a_view_over_duckdbs_catalog_is_refused(view: str) -> None:
    sql = f"SELECT src.* FROM ({view}) AS src"
    with pytest.raises(GuardError, match="DuckDB's own catalog"):
        check_sql(sql, _allowed(view))
    with pytest.raises(GuardError, match="DuckDB's own catalog"):
        check_functions(f"SELECT DISTINCT src.x AS v FROM ({view}) AS src")


def test_the_models_own_tables_and_ctes_of_such_names_still_pass() -> None:
    sql = "WITH pg_settings AS (SELECT kiln FROM kilns) SELECT kiln FROM pg_settings"
    assert check_sql(sql, {"kilns"}) == sql
    plain = "SELECT kiln, COUNT(*) FROM kilns GROUP BY kiln"
    assert check_sql(plain, {"kilns"}) == plain
    assert check_functions("SELECT DISTINCT kiln AS v FROM kilns") is not None


KILN_MODEL = """
semantic_models:
  - name: firings
    description: One row per kiln firing.
    model: ref('firings')
    defaults: {agg_time_dimension: fired_on}
    entities:
      - {name: firing, type: primary, expr: firing_id}
    dimensions:
      - {name: fired_on, type: time, type_params: {time_granularity: day}}
      - {name: kiln_place, type: categorical, label: kiln place}
    measures:
      - {name: firing_count, agg: count, expr: firing_id}
metrics:
  - name: firing_count
    label: firings
    type: simple
    type_params: {measure: firing_count}
"""


def test_the_served_path_never_reaches_an_answer_or_the_catalog(
    tmp_path: Path, demo_db: Path
) -> None:
    model = tmp_path / "model"
    (model / "views").mkdir(parents=True)
    (model / "kiln.yml").write_text(KILN_MODEL, encoding="utf-8")
    (model / "views" / "firings.sql").write_text(
        "SELECT 1 AS firing_id, DATE '2026-11-01' AS fired_on, d.path AS kiln_place "
        "FROM duckdb_databases AS d",
        encoding="utf-8",
    )
    answer = nl2sql.ask(
        "firings by kiln place", model=model, db=demo_db, today="2026-11-20", engine="rules"
    )
    rows = "" if answer.df is None else answer.df.to_csv()
    shown = f"{rows} {answer.error} {answer.reason}"
    assert str(demo_db) not in shown and demo_db.name not in shown, shown
    assert not answer.ok and "DuckDB's own catalog" in (answer.error or ""), answer.error
    catalog = nl2sql.catalog_for(model, demo_db)
    values = [v for d in catalog.dimensions for v in (d.values or [])]
    assert not any(demo_db.name in str(v) for v in values), values
