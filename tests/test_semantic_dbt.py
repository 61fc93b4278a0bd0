"""A dbt project loaded as its owners wrote it (tests/fixtures/semantic/dbt_shop).

The fixture has what real projects have and OrderLens does not use (groups, data tests,
columns, docs, exports, a staging folder with sources), a custom schema for marts, an alias in
a ``{{ config() }}`` block and a warehouse built the way dbt-duckdb builds it: tables in
``main_marts`` with mixed-case column names. Every query is checked against hand-computed rows.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from lab.cli import cli
from semantic_layer import (
    ModelValidationError,
    QueryError,
    SemanticQuery,
    build_catalog,
    compile_query,
    load_model,
    query,
)
from semantic_layer.issues import ValidationIssue
from tests.semantic_helpers import df_rows, norm_rows, semantic_rows
from tests.warehouse_fixtures import module_model, module_warehouse

PROJECT = Path(__file__).parent / "fixtures" / "semantic" / "dbt_shop"

WAREHOUSE_SQL = """
create schema main_marts;
create table main_marts.orders ("Order_ID" int, "Customer_ID" int, "Ordered_At" date,
                                "Status" varchar, "Amount" decimal(10, 2));
insert into main_marts.orders values
  (1, 1, '2026-01-05', 'placed', 100), (2, 1, '2026-01-20', 'shipped', 50),
  (3, 2, '2026-02-01', 'returned', 30), (4, 3, '2026-02-10', 'shipped', 20);
create table main_marts.dim_customers ("Customer_ID" int, "Customer_Name" varchar, "Region" varchar);
insert into main_marts.dim_customers values (1, 'Ann', 'north'), (2, 'Bo', 'south');
create table main_marts.refunds ("Order_ID" int);
insert into main_marts.refunds values (3);
create table main_marts.time_spine_daily as
  select d::date as date_day,
         'FY' || strftime(d + interval 11 month, '%y') || '-Q'
           || (1 + (month(d + interval 11 month) - 1) // 3) as fiscal_quarter_label
  from range(date '2025-01-01', date '2027-12-31', interval 1 day) t(d);
"""


#: where metrics added to a copy of the fixture project go (before the running total)
METRICS_ANCHOR = "  - name: revenue_to_date\n"


def shop_copy(tmp_path_factory, name: str, added_metrics: str, edits=(), sql=WAREHOUSE_SQL):
    """A copy of the fixture project with ``added_metrics`` (YAML list items) before
    :data:`METRICS_ANCHOR` and each ``(old, new)`` of ``edits`` replaced in its marts.yml, loaded
    over a fresh in-memory warehouse built by ``sql``: (model, connection). Why: modules that
    test one more metric shape need the whole project around it, not a second fixture."""
    root = tmp_path_factory.mktemp(name) / "dbt_shop"
    shutil.copytree(PROJECT, root)
    yml = root / "models" / "marts" / "marts.yml"
    text = yml.read_text(encoding="utf-8")
    for old, new in [(METRICS_ANCHOR, added_metrics.lstrip("\n") + METRICS_ANCHOR), *edits]:
        assert old in text, old
        text = text.replace(old, new, 1)
    yml.write_text(text, encoding="utf-8")
    con = duckdb.connect()
    con.execute(sql)
    return load_model(root, con=con), con


con = module_warehouse(WAREHOUSE_SQL)
model = module_model(PROJECT)


def test_relations_are_what_dbt_builds(model):
    # custom schema from dbt_project.yml (<target schema>_<custom>), alias from {{ config() }}
    assert (model.nodes["orders"].schema, model.nodes["orders"].table) == ("main_marts", "orders")
    assert model.nodes["customers"].table == "dim_customers"
    assert "main_marts.dim_customers" in compile_query(
        model, SemanticQuery(metrics=["revenue"], group_by=["customer__region"])
    ).sql.replace('"', "")


CASES = [
    # (query, expected rows) — hand-computed from WAREHOUSE_SQL
    (dict(metrics=["revenue"]), [(200.0,)]),
    # a metric filter on a joined model's constant dimension (expr: "1") keeps only matches
    (dict(metrics=["refunded_revenue"]), [(30.0,)]),
    (dict(metrics=["revenue"], where=["{{ Dimension('order__has_refund') }} = 1"]), [(30.0,)]),
    (dict(metrics=["revenue"], where=["{{ Dimension('order__has_refund') }} IS NULL"]), [(170.0,)]),
    # a measure with create_metric: true is a metric
    (
        dict(metrics=["order_count"], group_by=["customer__region"]),
        [("north", 2.0), ("south", 1.0), (None, 1.0)],
    ),
    # metric names match case-insensitively
    (
        dict(metrics=["Revenue"], group_by=["order__status"]),
        [("placed", 100.0), ("returned", 30.0), ("shipped", 70.0)],
    ),
    # fill_nulls_with: statuses without refunds get 0 where the plain metric has NULL
    (
        dict(
            metrics=["order_count", "refunded_revenue", "refunded_revenue_or_zero"],
            group_by=["order__status"],
        ),
        [("placed", 1.0, None, 0.0), ("returned", 1.0, 30.0, 30.0), ("shipped", 2.0, None, 0.0)],
    ),
    # offset_to_grain: each day minus the revenue of its month's first day (no row that day:
    # NULL, as in MetricFlow)
    (
        dict(metrics=["revenue", "revenue_since_month_start"], group_by=["metric_time__day"]),
        [
            ("2026-01-05", 100.0, None),
            ("2026-01-20", 50.0, None),
            ("2026-02-01", 30.0, 0.0),
            ("2026-02-10", 20.0, -10.0),
        ],
    ),
    # join_to_timespine (+ fill_nulls_with): months of the range without orders appear, as 0
    (
        dict(
            metrics=["daily_revenue", "order_count"],
            group_by=["metric_time__month"],
            time_range={"start": "2025-12-01", "end": "2026-04-01"},
        ),
        [
            ("2025-12-01", 0.0, None),
            ("2026-01-01", 150.0, 2.0),
            ("2026-02-01", 50.0, 2.0),
            ("2026-03-01", 0.0, None),
        ],
    ),
    # a custom granularity of the project's time spine (fiscal year from February)
    (
        dict(metrics=["revenue"], group_by=["metric_time__fiscal_quarter"]),
        [("FY26-Q4", 150.0), ("FY27-Q1", 50.0)],
    ),
    (
        dict(metrics=["order_count"], group_by=["order__ordered_at__fiscal_quarter"]),
        [("FY26-Q4", 2.0), ("FY27-Q1", 2.0)],
    ),
    # join_to_timespine at a custom granularity: the fiscal quarters the range's days fall in
    # (Oct 2025 is FY26-Q3, June 2026 FY27-Q2), read from the spine's column
    (
        dict(
            metrics=["daily_revenue", "order_count"],
            group_by=["metric_time__fiscal_quarter"],
            time_range={"start": "2025-10-01", "end": "2026-07-01"},
        ),
        [
            ("FY26-Q3", 0.0, None),
            ("FY26-Q4", 150.0, 2.0),
            ("FY27-Q1", 50.0, 2.0),
            ("FY27-Q2", 0.0, None),
        ],
    ),
    # a running total at a custom granularity, period_agg last: each fiscal quarter's last day
    # with data (Jan 31: 150; Feb 10: 200); in a range, history before it still counts
    (
        dict(metrics=["revenue_to_date"], group_by=["metric_time__fiscal_quarter"]),
        [("FY26-Q4", 150.0), ("FY27-Q1", 200.0)],
    ),
    (
        dict(
            metrics=["revenue_to_date"],
            group_by=["metric_time__fiscal_quarter"],
            time_range={"start": "2026-02-01", "end": "2026-03-01"},
        ),
        [("FY27-Q1", 200.0)],
    ),
    # the metric's own time dimension by name is its metric_time (as MetricFlow reads it): the
    # running total per month (Jan 150, Feb 200), not each month's revenue (150, 50), and the
    # offset's periods (found by the session-14 MetricFlow cross-check of public projects)
    (
        dict(metrics=["revenue_to_date"], group_by=["order__ordered_at__month"]),
        [("2026-01-01", 150.0), ("2026-02-01", 200.0)],
    ),
    (
        dict(
            metrics=["revenue_to_date", "order_count"],
            group_by=["order__ordered_at__month", "order__status"],
        ),
        [
            ("2026-01-01", "placed", 100.0, 1.0),
            ("2026-01-01", "shipped", 50.0, 1.0),
            ("2026-02-01", "placed", 100.0, None),
            ("2026-02-01", "returned", 30.0, 1.0),
            ("2026-02-01", "shipped", 70.0, 1.0),
        ],
    ),
    (
        dict(metrics=["revenue_since_month_start"], group_by=["order__ordered_at__day"]),
        [("2026-01-05", None), ("2026-01-20", None), ("2026-02-01", 0.0), ("2026-02-10", -10.0)],
    ),
    # queries without metrics: distinct combinations, as MetricFlow lists them
    (dict(group_by=["customer__region"]), [("north",), ("south",)]),
    (
        dict(
            group_by=["order", "customer__customer_name"],
            where=["{{ Dimension('order__status') }} = 'shipped'"],
        ),
        [(2.0, "Ann"), (4.0, None)],
    ),
    (
        dict(metrics=["revenue"], group_by=["metric_time__month"]),
        [("2026-01-01", 150.0), ("2026-02-01", 50.0)],
    ),
]


@pytest.mark.parametrize("kw,expected", CASES)
def test_dbt_project_queries(model, con, kw, expected):
    assert semantic_rows(model, con, **kw) == expected


def test_saved_query_runs_by_name_and_is_in_the_catalog(model, con):
    res = query(saved_query="revenue_by_region", model=model, con=con)
    assert norm_rows(df_rows(res.df), ordered=True) == [
        ("north", 150.0),
        ("south", 30.0),
        (None, 20.0),
    ]
    cat = build_catalog(model)
    assert "order_count" in [m.name for m in cat.metrics]
    sq = cat.saved_query("revenue_by_region")
    assert sq is not None and sq.description == "Revenue per customer region."
    assert sq.metrics == ("revenue",) and sq.group_by == ("customer__region",)


def test_where_must_be_one_expression(model):
    with pytest.raises(QueryError, match="2 statements separated by `;`"):
        compile_query(
            model,
            SemanticQuery(
                metrics=["revenue"],
                where=["{{ Dimension('order__status') }} = 'x'; ATTACH 'evil.db' AS e"],
            ),
        )


@pytest.fixture
def project_copy(tmp_path):
    dst = tmp_path / "shop"
    shutil.copytree(PROJECT, dst)
    return dst


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


def test_unused_keys_warn_and_typos_of_our_keys_fail(project_copy, con):
    _append(project_copy / "models/marts/marts.yml", "\nfavourite_colour: blue\n")
    warnings: list[ValidationIssue] = []
    load_model(project_copy, con=con, warnings=warnings)
    assert [(w.level, w.element) for w in warnings] == [
        ("warning", "top-level key `favourite_colour`")
    ]
    _append(project_copy / "models/marts/marts.yml", "metircs: []\n")
    with pytest.raises(ModelValidationError, match="rename it to `metrics`"):
        load_model(project_copy, con=con)


@pytest.mark.parametrize(
    "expr", ["1; ATTACH 'x.db' AS x", "COPY orders TO 'out.csv'", "PRAGMA show_tables"]
)
def test_statements_in_model_expressions_fail_at_load_with_line(project_copy, con, expr):
    yml = project_copy / "models/marts/marts.yml"
    yml.write_text(yml.read_text().replace('expr: "1"', f'expr: "{expr}"'))
    line = next(i for i, t in enumerate(yml.read_text().splitlines(), 1) if expr in t)
    with pytest.raises(ModelValidationError) as err:
        load_model(project_copy, con=con)
    issue = err.value.structured[0]
    assert (issue.file, issue.element) == (str(yml), "`has_refund` of semantic model `refunds`")
    assert issue.line == line - 2  # the dimension mapping starts two lines above its expr


def test_semantic_manifest_json_loads_the_same_model(model, con, tmp_path):
    target = tmp_path / "target"
    target.mkdir()
    (target / "semantic_manifest.json").write_text(model.manifest.json())
    again = load_model(target / "semantic_manifest.json", con=con)
    assert semantic_rows(again, con, metrics=["refunded_revenue"]) == [(30.0,)]
    assert again.nodes["customers"].schema == "main_marts"


def test_validate_json_against_a_dbt_warehouse(tmp_path, project_copy):
    db = tmp_path / "shop.duckdb"
    c = duckdb.connect(str(db))
    c.execute(WAREHOUSE_SQL)
    c.close()
    runner = CliRunner()
    ok = runner.invoke(cli, ["validate", str(PROJECT), "--db", str(db), "--json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output) == {"ok": True, "errors": [], "warnings": []}
    yml = project_copy / "models/marts/marts.yml"
    yml.write_text(yml.read_text().replace("expr: amount", "expr: amout", 1))
    bad = runner.invoke(cli, ["validate", str(project_copy), "--db", str(db), "--json"])
    assert bad.exit_code == 1
    (err,) = json.loads(bad.output)["errors"]
    assert err["level"] == "error" and err["file"].endswith("marts.yml")
    assert "column `amout` does not exist in table `main_marts.orders`" in err["message"]
    assert err["fix"] == "did you mean `Amount`?"


def test_approximate_percentile_uses_the_dialects_function(model, con):
    q = SemanticQuery(metrics=["median_order_amount"])
    sql = {d: compile_query(model, q, dialect=d).sql for d in ("duckdb", "spark", "postgres")}
    assert "APPROX_QUANTILE(" in sql["duckdb"] and "PERCENTILE_APPROX(" in sql["spark"]
    # PostgreSQL has no approximate percentile: exact there (docs/semantic_layer.md)
    assert "PERCENTILE_CONT(0.5) WITHIN GROUP" in sql["postgres"]
    want = con.execute('SELECT APPROX_QUANTILE("Amount", 0.5) FROM main_marts.orders').fetchall()
    assert semantic_rows(model, con, metrics=["median_order_amount"]) == norm_rows(
        want, ordered=True
    )


def test_metric_time_needs_a_metric(model):
    with pytest.raises(QueryError, match="metric_time and time_range need a metric"):
        compile_query(model, SemanticQuery(group_by=["metric_time__month"]))


def test_offset_to_a_custom_granularity_is_refused_at_load(project_copy, con):
    # dbt's own rule (dbt-semantic-interfaces): named with the file, line and metric
    (project_copy / "models/marts/offsets.yml").write_text(
        """
metrics:
  - name: revenue_since_fiscal_quarter_start
    type: derived
    type_params:
      expr: revenue - quarter_start
      metrics:
        - revenue
        - {name: revenue, alias: quarter_start, offset_to_grain: fiscal_quarter}
"""
    )
    with pytest.raises(ModelValidationError) as err:
        load_model(project_copy, con=con)
    (issue,) = err.value.structured
    assert issue.file.endswith("offsets.yml") and issue.line == 3
    assert "Custom granularities are not supported for this field" in issue.message


def test_questions_run_on_tables_dbt_built_in_a_custom_schema(model, con):
    """dbt builds marts with ``+schema: marts`` into ``main_marts``: the compiled SQL reads
    ``main_marts.orders``, and the guard let only the default schema through — every question
    on such a project was refused ("outside the warehouse schema") after it was understood."""
    from nl2sql import ask

    answer = ask("revenue by region", model=model, con=con, engine="rules", chart=False)
    assert answer.error is None, answer.error
    assert "main_marts.orders" in answer.sql
    # order 4's customer has no row in dim_customers: its revenue stays, under no region
    expected = [("north", 150), ("south", 30), (None, 20)]
    assert norm_rows(df_rows(answer.df), ordered=False) == norm_rows(expected, ordered=False)


def test_the_guard_opens_the_models_relations_in_other_schemas_and_no_others(model):
    """Only the relations the model reads are allowed, schema included: another table of the
    same schema, or the model's table name under another schema, stays refused."""
    from nl2sql.guard import GuardError, allowed_tables, check_sql

    allowed = allowed_tables(model)
    assert "main_marts.orders" in allowed
    check_sql("SELECT COUNT(*) FROM main_marts.orders", allowed)
    for sql in (
        "SELECT * FROM main_marts.secrets",
        "SELECT * FROM other.orders",
        "SELECT * FROM orders",  # the default schema's table of that name is not the model's
        "SELECT * FROM memory.main_marts.orders",
    ):
        with pytest.raises(GuardError):
            check_sql(sql, allowed)


def test_the_guard_lets_join_to_timespine_read_the_spine_in_its_schema(model, con):
    """``join_to_timespine`` fills the months without orders from the project's time spine
    (``main_marts.time_spine_daily``): the guard refused the spine, so ``ask`` answered no
    such question. The spine is allowed under its own schema only."""
    from nl2sql.guard import GuardError, allowed_tables, check_sql, run_guarded

    sql = compile_query(
        model,
        SemanticQuery(
            metrics=["daily_revenue"],
            group_by=["metric_time__month"],
            time_range={"start": "2025-12-01", "end": "2026-04-01"},
        ),
    ).sql
    allowed = allowed_tables(model)
    assert "main_marts.time_spine_daily" in allowed
    got = norm_rows(df_rows(run_guarded(con, sql, allowed).df), ordered=True)
    assert got == [
        ("2025-12-01", 0.0),
        ("2026-01-01", 150.0),
        ("2026-02-01", 50.0),
        ("2026-03-01", 0.0),
    ]
    with pytest.raises(GuardError):
        check_sql("SELECT * FROM time_spine_daily", allowed)


def test_a_project_built_with_custom_schema_names_as_they_are_loads_with_a_warning():
    """Projects that override ``generate_schema_name`` build ``+schema: marts`` into ``marts``,
    not ``main_marts``: the load failed on every table. Now each relation is read where this
    warehouse holds it, and a warning names the table read instead."""
    con = duckdb.connect()
    con.execute(WAREHOUSE_SQL.replace("main_marts", "marts"))
    warnings: list[ValidationIssue] = []
    model = load_model(PROJECT, con=con, warnings=warnings)
    said = [w.message for w in warnings if "is read instead" in w.message]
    assert any("`main_marts.orders`" in p and "`marts.orders`" in p for p in said), said
    sql = compile_query(model, SemanticQuery(metrics=["revenue"])).sql
    assert "marts.orders" in sql and "main_marts" not in sql
    rows = semantic_rows(model, con, metrics=["revenue"], group_by=["customer__region"])
    assert rows == norm_rows([("north", 150), ("south", 30), (None, 20)], ordered=True)


def test_a_relation_found_in_two_other_schemas_is_not_guessed():
    con = duckdb.connect()
    con.execute(WAREHOUSE_SQL.replace("main_marts", "x1"))
    con.execute(WAREHOUSE_SQL.replace("main_marts", "x2"))
    with pytest.raises(ModelValidationError, match="names no warehouse table"):
        load_model(PROJECT, con=con)
