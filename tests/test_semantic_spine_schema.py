"""The time spine is read where the warehouse built it, the same way as every semantic model.

A dbt project's relations are resolved by dbt's schema rules, then looked up in the warehouse
(``warehouse_checks.read_relation``): a project that overrides ``generate_schema_name`` builds
``+schema: core`` into ``core`` (or ``<target>_core`` under another target). The semantic
models were found there, the spine kept dbt's name: every cumulative metric by a period failed
with "Catalog Error: Table with name dim_date does not exist!", ``validate`` warned that the
spine "names no warehouse table" although it was there, and the server's warm-up
(``catalog_for``) read no dimension values on such a warehouse. Two generated dbt-style
projects (a SaaS revenue project with a dbt >= 1.9 ``time_spine:`` entry, a clinic with the
legacy ``metricflow_time_spine`` model), and MetricFlow's SQL on the same warehouse.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from semantic_layer import load_model

TODAY = dt.date(2026, 6, 30)


def _saas(root: Path) -> None:
    """A SaaS project: ``time_spine:`` declared in a ``models:`` entry, no ``.sql`` files."""
    (root / "models" / "marts" / "core").mkdir(parents=True)
    (root / "models" / "semantic").mkdir(parents=True)
    (root / "dbt_project.yml").write_text(
        "name: saas\nmodel-paths: ['models']\nmodels:\n  saas:\n    marts:\n"
        "      +materialized: table\n      core:\n        +schema: core\n"
    )
    (root / "models" / "marts" / "core" / "marts.yml").write_text(
        "models:\n"
        "  - name: dim_day\n"
        "    time_spine:\n      standard_granularity_column: day_date\n"
        "    columns:\n      - {name: day_date, granularity: day}\n"
        "  - name: fct_mrr\n"
    )
    (root / "models" / "semantic" / "mrr.yml").write_text(
        "semantic_models:\n"
        "  - name: mrr_movements\n"
        "    model: ref('fct_mrr')\n"
        "    defaults: {agg_time_dimension: month_date}\n"
        "    entities: [{name: movement, type: primary, expr: movement_id}]\n"
        "    dimensions:\n"
        "      - {name: month_date, type: time, type_params: {time_granularity: month}}\n"
        "      - {name: plan, type: categorical}\n"
        "    measures: [{name: arr_delta, agg: sum}]\n"
        "metrics:\n"
        "  - {name: arr, label: ARR, type: cumulative, type_params: {measure: arr_delta}}\n"
        "  - {name: arr_change, label: ARR change, type: simple,\n"
        "     type_params: {measure: arr_delta}}\n"
    )


SAAS_SQL = (
    "create schema core;"
    "create table core.fct_mrr (movement_id int, month_date date, plan varchar, arr_delta int);"
    "insert into core.fct_mrr values (1, '2026-01-01', 'pro', 100), (2, '2026-02-01', 'team', 50),"
    " (3, '2026-02-01', 'pro', -20), (4, '2026-04-01', 'team', 30);"
    "create table core.dim_day as select cast(d as date) as day_date"
    " from range(date '2026-01-01', date '2026-05-01', interval 1 day) t(d);"
)
#: ARR by month: the running total of the movements (March has none and carries February's)
SAAS_ARR = [
    ("2026-01-01", 100.0),
    ("2026-02-01", 130.0),
    ("2026-03-01", 130.0),
    ("2026-04-01", 160.0),
]


def _clinic(root: Path) -> None:
    """A clinic project: the legacy ``metricflow_time_spine`` model, ``.sql`` files in core."""
    core = root / "models" / "marts" / "core"
    core.mkdir(parents=True)
    (root / "dbt_project.yml").write_text(
        "name: clinic\nmodel-paths: ['models']\nmodels:\n  clinic:\n    marts:\n"
        "      core:\n        +schema: core\n"
    )
    (core / "metricflow_time_spine.sql").write_text("select 1 as date_day")
    (core / "fct_visits.sql").write_text("select 1 as visit_id")
    (core / "visits.yml").write_text(
        "semantic_models:\n"
        "  - name: visits\n"
        "    model: ref('fct_visits')\n"
        "    defaults: {agg_time_dimension: visited_on}\n"
        "    entities: [{name: visit, type: primary, expr: visit_id}]\n"
        "    dimensions:\n"
        "      - {name: visited_on, type: time, type_params: {time_granularity: day}}\n"
        "      - {name: department, type: categorical}\n"
        "    measures: [{name: visits, agg: sum, expr: '1'}]\n"
        "metrics:\n"
        "  - {name: visits_to_date, label: Visits to date, type: cumulative,\n"
        "     type_params: {measure: visits}}\n"
        "  - {name: visits, label: Visits, type: simple, type_params: {measure: visits}}\n"
    )


# the warehouse was built under target schema `analytics`: +schema core -> analytics_core
CLINIC_SQL = (
    "create schema analytics_core;"
    "create table analytics_core.fct_visits (visit_id int, visited_on date, department varchar);"
    "insert into analytics_core.fct_visits values (1, '2026-03-03', 'cardiology'),"
    " (2, '2026-03-20', 'oncology'), (3, '2026-05-02', 'cardiology');"
    "create table analytics_core.metricflow_time_spine as select cast(d as date) as date_day"
    " from range(date '2026-03-01', date '2026-06-01', interval 1 day) t(d);"
)
#: visits to date by month: a cumulative metric at a coarser grain is its value on the
#: period's first day (MetricFlow's default ``period_agg: first``)
CLINIC_TO_DATE = [("2026-03-01", 1.0), ("2026-04-01", 2.0), ("2026-05-01", 2.0)]


def _project(tmp_path: Path, kind: str) -> tuple[Path, duckdb.DuckDBPyConnection]:
    root = tmp_path / kind
    (_saas if kind == "saas" else _clinic)(root)
    con = duckdb.connect()
    con.execute(SAAS_SQL if kind == "saas" else CLINIC_SQL)
    return root, con


def _rows(df) -> list[tuple[str, float]]:
    return [(str(r[0])[:10], float(r[-1])) for r in df.itertuples(index=False)]


def _ask(question: str, root: Path, con: duckdb.DuckDBPyConnection):
    from nl2sql import ask

    answer = ask(question, model=str(root), con=con, engine="rules", today=TODAY, chart=False)
    assert not answer.refused and not answer.error, (answer.error, answer.reason)
    return answer


@pytest.mark.parametrize(
    ("kind", "question", "want"),
    [("saas", "ARR by month", SAAS_ARR), ("clinic", "visits to date by month", CLINIC_TO_DATE)],
)
def test_cumulative_by_month_reads_the_spine_where_built(tmp_path, kind, question, want):
    root, con = _project(tmp_path, kind)
    answer = _ask(question, root, con)
    assert _rows(answer.df) == want
    assert ("core.dim_day" if kind == "saas" else "analytics_core.metricflow_time_spine") in (
        answer.sql
    )


@pytest.mark.parametrize("kind", ["saas", "clinic"])
def test_validate_finds_the_spine_and_says_where(tmp_path, kind):
    from semantic_layer.issues import ValidationIssue

    root, con = _project(tmp_path, kind)
    warnings: list[ValidationIssue] = []
    model = load_model(root, con=con, warnings=warnings)
    spine = model.time_spine
    assert spine is not None and not spine.get("missing")
    assert spine["relation"] == (
        "core.dim_day" if kind == "saas" else "analytics_core.metricflow_time_spine"
    )
    said = [str(w) for w in warnings if "time spine" in str(w)]
    assert not any("names no warehouse table" in w for w in said), said
    assert any("which is read instead" in w for w in said), said


@pytest.mark.parametrize(("kind", "value"), [("saas", "team"), ("clinic", "oncology")])
def test_warm_up_catalog_reads_values_where_built(tmp_path, kind, value):
    from nl2sql import catalog_for

    root, con = _project(tmp_path, kind)
    catalog = catalog_for(str(root), ":memory:", con=con)
    values = {v for d in catalog.dimensions for v in (d.values or [])}
    assert value in values


def test_a_spine_the_warehouse_lacks_is_generated_not_a_catalog_error(tmp_path):
    root, con = _project(tmp_path, "saas")
    con.execute("drop table core.dim_day")
    answer = _ask("ARR by month", root, con)
    assert _rows(answer.df) == SAAS_ARR
    assert "dim_day" not in answer.sql


@pytest.mark.slow
def test_metricflow_reads_the_same_spine(tmp_path):
    """MetricFlow compiles the loaded manifest (relations as resolved) to the same rows."""
    from tests.metricflow_support import RegistryUnreachable, compare, metricflow_python

    try:
        metricflow_python()
    except RegistryUnreachable as exc:  # pragma: no cover - offline machine without the venv
        pytest.skip(f"metricflow cannot be installed here: {exc}")
    for kind, metric in (("saas", "arr"), ("clinic", "visits_to_date")):
        root, con = _project(tmp_path, kind)
        model = load_model(root, con=con)
        queries = [{"id": "by month", "metrics": [metric], "group_by": ["metric_time__month"]}]
        result = compare(model, con, queries)
        assert result.equal == ["by month"], (kind, result)
