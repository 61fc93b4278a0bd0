"""Conversion metrics, non_additive_dimension, cumulative metrics over count_distinct and
average, and an older project's ``metricflow_time_spine`` (tests/fixtures/semantic/dbt_funnel).

Every expected row is computed by hand from WAREHOUSE_SQL; the data puts cases on both sides of
each window and pick: a purchase exactly 7 days after a visit (outside the 7-day window), one on
the visit's day (inside), one before any visit of its user, a purchase after two visits (credited
to the latest), accounts without a snapshot on the period's last day. The same queries are
compared with MetricFlow in tests/test_semantic_metricflow.py.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
import sqlglot
from click.testing import CliRunner

from lab.cli import cli
from semantic_layer import (
    CompileError,
    SemanticQuery,
    build_catalog,
    compile_query,
    load_model,
    query,
)
from semantic_layer.compiler import DIALECTS
from semantic_layer.issues import ValidationIssue
from tests.semantic_helpers import df_rows, norm_rows, semantic_rows
from tests.test_postgres import pg_server  # noqa: F401  (session fixture: a real PostgreSQL)
from tests.warehouse_fixtures import module_model, module_warehouse

PROJECT = Path(__file__).parent / "fixtures" / "semantic" / "dbt_funnel"

# users 1..4; visits and purchases in March 2026; balance snapshots of accounts 1..3
TABLES_SQL = """
create table users (user_id int, segment varchar);
insert into users values (1, 'new'), (2, 'returning'), (3, 'new'), (4, 'returning');
create table visits (visit_id int, user_id int, visited_at date, channel varchar, product varchar);
insert into visits values
  (1, 1, '2026-03-01', 'web', 'A'), (2, 1, '2026-03-03', 'app', 'B'),
  (3, 2, '2026-03-02', 'web', 'A'), (4, 3, '2026-03-05', 'app', 'A'),
  (5, 4, '2026-03-10', 'web', 'B'), (6, 2, '2026-03-20', 'web', 'B');
create table purchases (purchase_id int, user_id int, purchased_at date, product varchar,
                        amount decimal(10, 2));
insert into purchases values
  (1, 1, '2026-03-04', 'A', 10), (2, 2, '2026-03-09', 'A', 20), (3, 3, '2026-03-05', 'A', 5),
  (4, 4, '2026-03-09', 'B', 15), (5, 2, '2026-03-26', 'A', 30);
create table balances (snapshot_id int, account_id int, user_id int, balance_date date,
                       balance decimal(10, 2));
insert into balances values
  (1, 1, 1, '2026-03-01', 100), (2, 1, 1, '2026-03-15', 120), (3, 1, 1, '2026-03-31', 150),
  (4, 1, 1, '2026-04-10', 90), (5, 2, 2, '2026-03-01', 50), (6, 2, 2, '2026-03-20', 70),
  (7, 2, 2, '2026-04-30', 40), (8, 3, 3, '2026-04-30', 10);
"""
WAREHOUSE_SQL = (
    TABLES_SQL
    + """create table metricflow_time_spine as
  select range::date as date_day from range(date '2026-01-01', date '2026-12-31', interval 1 day);
"""
)


con = module_warehouse(WAREHOUSE_SQL)
model = module_model(PROJECT)


def _days(first: str, last: str, value: float) -> list[tuple]:
    d, end = date.fromisoformat(first), date.fromisoformat(last)
    out = []
    while d <= end:
        out.append((d.isoformat(), value))
        d += timedelta(days=1)
    return out


CONVERSION_CASES = [
    # 6 visits; purchase 1 (user 1, Mar 4) is credited to visit 2 (app, Mar 3), the latest of
    # user 1's two visits; purchase 3 to visit 4 on the same day (app); purchase 5 to visit 6
    # (web, 6 days earlier); purchase 2 is exactly 7 days after visit 3 (outside the window);
    # purchase 4 comes before user 4's visit. 3 of 6 visits converted.
    (dict(metrics=["visit_to_purchase_rate"]), [(0.5,)]),
    (
        dict(metrics=["visit_to_purchase_rate"], group_by=["visit__channel"]),
        [("app", 1.0), ("web", 0.25)],
    ),
    # a dimension of a joined model (users), taken from the base event's user
    (
        dict(metrics=["visit_to_purchase_rate"], group_by=["user__segment"]),
        [("new", 2 / 3), ("returning", 1 / 3)],
    ),
    # conversions per base day; days with visits but no conversion are 0 (fill_nulls_with: 0,
    # which MetricFlow also applies)
    (
        dict(metrics=["visit_to_purchase_conversions"], group_by=["metric_time__day"]),
        [
            ("2026-03-01", 0.0),
            ("2026-03-02", 0.0),
            ("2026-03-03", 1.0),
            ("2026-03-05", 1.0),
            ("2026-03-10", 0.0),
            ("2026-03-20", 1.0),
        ],
    ),
    # the time range selects base events: visits from Mar 5 (4, 5, 6), 2 of them converted
    (dict(metrics=["visit_to_purchase_rate"], time_range={"start": "2026-03-05"}), [(2 / 3,)]),
    # a filter selects base events before crediting: among web visits, purchase 1's latest
    # visit is visit 1 (Mar 1), so web converts 2 of 4 here, 1 of 4 without the filter
    (
        dict(
            metrics=["visit_to_purchase_rate"],
            group_by=["visit__channel"],
            where=["{{ Dimension('visit__channel') }} = 'web'"],
        ),
        [("web", 0.5)],
    ),
    # constant property product: purchase 1 (product A) is credited to visit 1 (A), not visit
    # 2 (B); purchase 5 (A) after visit 6 (B) does not convert. Distinct users.
    (
        dict(metrics=["same_product_buyer_rate"], group_by=["visit__channel"]),
        [("app", 0.5), ("web", 1 / 3)],
    ),
    (dict(metrics=["same_product_buyer_rate"]), [(0.5,)]),
    # no window: purchase 2 now converts (credited to visit 3, web)
    (
        dict(metrics=["visitor_to_buyer_rate"], group_by=["visit__channel"]),
        [("app", 1.0), ("web", 1 / 3)],
    ),
]

NON_ADDITIVE_CASES = [
    # each account's last snapshot ever: 90 (acct 1, Apr 10) + 40 + 10 (Apr 30)
    (dict(metrics=["account_balance"]), [(140.0,)]),
    # March: acct 1 on Mar 31 (150) + acct 2 on Mar 20 (70); April: 90 + 40 + 10
    (
        dict(metrics=["account_balance"], group_by=["metric_time__month"]),
        [("2026-03-01", 220.0), ("2026-04-01", 140.0)],
    ),
    # window_choice min: each account's first snapshot of the month
    (
        dict(metrics=["opening_balance"], group_by=["metric_time__month"]),
        [("2026-03-01", 150.0), ("2026-04-01", 140.0)],
    ),
    # no window_groupings: only the rows on the period's last snapshot day (Mar 31: acct 1;
    # Apr 30: accts 2 and 3)
    (
        dict(metrics=["balance_on_last_day"], group_by=["metric_time__month"]),
        [("2026-03-01", 150.0), ("2026-04-01", 50.0)],
    ),
    # other group-by items do not partition the pick (as in MetricFlow)
    (
        dict(metrics=["account_balance"], group_by=["user__segment"]),
        [("new", 100.0), ("returning", 40.0)],
    ),
    (
        dict(metrics=["balance_on_last_day"], group_by=["user__segment"]),
        [("new", 10.0), ("returning", 40.0)],
    ),
    # the non-additive dimension queried by its own name partitions the pick like metric_time
    (
        dict(metrics=["account_balance"], group_by=["balance_snapshot__balance_date__month"]),
        [("2026-03-01", 220.0), ("2026-04-01", 140.0)],
    ),
    # a derived metric over the month before (offset_window): April 140 - March 220
    (
        dict(metrics=["account_balance_change_mom"], group_by=["metric_time__month"]),
        [("2026-03-01", None), ("2026-04-01", -80.0)],
    ),
    # the pick comes after the time range: March only
    (dict(metrics=["account_balance"], time_range={"end": "2026-04-01"}), [(220.0,)]),
    (
        dict(metrics=["account_balance"], group_by=["metric_time__day"]),
        [
            ("2026-03-01", 150.0),
            ("2026-03-15", 120.0),
            ("2026-03-20", 70.0),
            ("2026-03-31", 150.0),
            ("2026-04-10", 90.0),
            ("2026-04-30", 50.0),
        ],
    ),
]

# distinct users with a visit in (day - 7 days, day]; a sum of daily distinct counts would give
# 4 on Mar 5 (users 1, 2, 1, 3 on four days), the real count is 3
ACTIVE_7D = [
    ("2026-03-01", 1.0),
    *_days("2026-03-02", "2026-03-04", 2.0),
    *_days("2026-03-05", "2026-03-08", 3.0),
    # Mar 9: the Mar 2 visit of user 2 is 7 days old, outside the window
    *_days("2026-03-09", "2026-03-11", 2.0),
    *_days("2026-03-12", "2026-03-16", 1.0),
    # Mar 17-19: no visit in the window, no row (as in MetricFlow)
    ("2026-03-20", 1.0),
]

CUMULATIVE_CASES = [
    (dict(metrics=["active_users_7d"], group_by=["metric_time__day"]), ACTIVE_7D),
    # period_agg first (dbt's default): the month's first day
    (dict(metrics=["active_users_7d"], group_by=["metric_time__month"]), [("2026-03-01", 1.0)]),
    # grain_to_date month, period_agg last: users 1-4 visited in March
    (
        dict(metrics=["visitors_month_to_date"], group_by=["metric_time__month"]),
        [("2026-03-01", 4.0)],
    ),
    # the average of every purchase up to the day (not an average of daily averages: Mar 9
    # has 20 and 15, daily average 17.5); history before the range counts
    (
        dict(
            metrics=["average_purchase_to_date"],
            group_by=["metric_time__day"],
            time_range={"start": "2026-03-08", "end": "2026-03-11"},
        ),
        [("2026-03-08", 7.5), ("2026-03-09", 12.5), ("2026-03-10", 12.5)],
    ),
]


CASES = CONVERSION_CASES + NON_ADDITIVE_CASES + CUMULATIVE_CASES


@pytest.mark.parametrize("kw,expected", CASES)
def test_funnel_queries(model, con, kw, expected):
    assert semantic_rows(model, con, **kw) == norm_rows(expected, ordered=True)


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize(
    "metric",
    ["visit_to_purchase_rate", "same_product_buyer_rate", "account_balance", "active_users_7d"],
)
def test_every_dialect_parses_back(model, dialect, metric):
    q = SemanticQuery(metrics=[metric], group_by=["metric_time__month", "user__segment"])
    sql = compile_query(model, q, dialect=dialect).sql
    assert sqlglot.parse_one(sql, read=dialect) is not None


def test_legacy_metricflow_time_spine_is_the_time_spine(model):
    spine = model.time_spine
    assert spine is not None
    assert (spine["relation"], spine["column"], spine["custom"]) == (
        "metricflow_time_spine",
        "date_day",
        {},
    )
    (ts,) = model.manifest.project_configuration.time_spines  # what MetricFlow is given
    assert (ts.node_relation.alias, ts.primary_column.name) == ("metricflow_time_spine", "date_day")


def test_periods_come_from_the_time_spine_table():
    """The spine's days are the periods (as in MetricFlow): a spine that ends on March 10
    ends the running values there."""
    short = duckdb.connect()
    short.execute(WAREHOUSE_SQL.replace("date '2026-12-31'", "date '2026-03-11'"))
    model = load_model(PROJECT, con=short)
    rows = semantic_rows(model, short, metrics=["active_users_7d"], group_by=["metric_time__day"])
    assert rows == norm_rows([r for r in ACTIVE_7D if r[0] <= "2026-03-10"], ordered=True)


def test_legacy_time_spine_in_a_manifest_without_time_spines(model, con, tmp_path):
    data = json.loads(model.manifest.json())
    data["project_configuration"]["time_spines"] = []
    data["project_configuration"]["time_spine_table_configurations"] = [
        {
            "location": '"db"."main"."metricflow_time_spine"',
            "column_name": "date_day",
            "grain": "day",
        }
    ]
    path = tmp_path / "semantic_manifest.json"
    path.write_text(json.dumps(data))
    again = load_model(path, con=con)
    assert again.time_spine is not None
    assert again.time_spine["relation"] == "main.metricflow_time_spine"
    assert semantic_rows(again, con, metrics=["account_balance"]) == [(140.0,)]


def test_a_missing_time_spine_table_is_a_warning(con, tmp_path):
    bare = duckdb.connect()
    bare.execute(TABLES_SQL)
    warnings: list[ValidationIssue] = []
    model = load_model(PROJECT, con=bare, warnings=warnings)
    # without the table the periods are generated: the same running values
    assert semantic_rows(
        model, bare, metrics=["active_users_7d"], group_by=["metric_time__day"]
    ) == (norm_rows(ACTIVE_7D, ordered=True))
    assert [(w.level, w.element, w.message) for w in warnings] == [
        (
            "warning",
            "time spine `metricflow_time_spine`",
            "names no warehouse table (looked for `metricflow_time_spine`)",
        )
    ]


def test_catalog_lists_the_new_metric_types(model):
    cat = build_catalog(model)
    rate = cat.metric("visit_to_purchase_rate")
    assert (rate.metric_type, rate.value_format, rate.label) == (
        "conversion",
        "percent",
        "Visit to purchase conversion rate (7 days)",
    )
    assert {"visit__channel", "user__segment", "metric_time"} <= set(rate.dimensions)
    assert cat.metric("visit_to_purchase_conversions").value_format == "number"
    assert cat.metric("account_balance").metric_type == "simple"
    assert cat.metric("active_users_7d").metric_type == "cumulative"


@pytest.fixture
def project_copy(tmp_path):
    dst = tmp_path / "funnel"
    shutil.copytree(PROJECT, dst)
    return dst


def test_accumulating_a_non_additive_metric_is_refused_clearly(project_copy, con):
    yml = project_copy / "models" / "funnel.yml"
    yml.write_text(
        yml.read_text()
        + """
  - name: balance_running_total
    type: cumulative
    type_params: {cumulative_type_params: {metric: account_balance}}
"""
    )
    model = load_model(project_copy, con=con)
    q = SemanticQuery(metrics=["balance_running_total"], group_by=["metric_time__month"])
    with pytest.raises(CompileError, match="non_additive_dimension and cannot be accumulated"):
        compile_query(model, q)


def test_query_and_validate_commands(tmp_path):
    db = tmp_path / "funnel.duckdb"
    c = duckdb.connect(str(db))
    c.execute(WAREHOUSE_SQL)
    c.close()
    runner = CliRunner()
    ok = runner.invoke(cli, ["validate", str(PROJECT), "--db", str(db), "--json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output) == {"ok": True, "errors": [], "warnings": []}
    args = ["query", "--metrics", "visit_to_purchase_rate", "--group-by", "visit__channel"]
    res = runner.invoke(cli, [*args, "--semantic-model", str(PROJECT), "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["rows"] == [["app", 1.0], ["web", 0.25]]


NEWER_SPEC = """
anchors:
  - &count_agg count
functions:
  - name: is_positive
    description: A user-defined function (dbt 1.11).
models:
  - name: visits
    semantic_model: true
    agg_time_dimension: visited_at
    columns:
      - {name: visit_id, entity: {name: visit, type: primary}}
      - {name: user_id, entity: {name: user, type: foreign}}
      - {name: visited_at, dimension: {type: time}, granularity: day}
      - {name: channel, dimension: {type: categorical}}
    metrics:
      - {name: visit_count, type: simple, agg: *count_agg, expr: visit_id, hidden: true}
  - name: purchases
    semantic_model: true
    agg_time_dimension: purchased_at
    columns:
      - {name: purchase_id, entity: {name: purchase, type: primary}}
      - {name: user_id, entity: {name: user, type: foreign}}
      - {name: purchased_at, dimension: {type: time}, granularity: day}
    metrics:
      - {name: purchase_count, type: simple, agg: count, expr: purchase_id}
      - {name: retired_count, type: simple, agg: count, expr: purchase_id, config: {enabled: false}}
  - name: balances
    semantic_model: true
    agg_time_dimension: balance_date
    columns:
      - {name: snapshot_id, entity: {name: balance_snapshot, type: primary}}
      - {name: account_id, entity: {name: account, type: foreign}}
      - {name: balance_date, dimension: {type: time}, granularity: day}
    metrics:
      - name: account_balance
        type: simple
        agg: sum
        expr: balance
        non_additive_dimension: {name: balance_date, window_agg: max, group_by: [account]}
metrics:
  - name: visit_to_purchase_rate
    type: conversion
    entity: user
    calculation: conversion_rate
    base_metric: visit_count
    conversion_metric: purchase_count
    window: 7 days
  - name: retired_rate
    type: ratio
    numerator: purchase_count
    denominator: visit_count
    config: {enabled: false}
saved_queries:
  - name: monthly_conversion
    label: Monthly conversion
    config: {cache: {enabled: true}, group: growth, tags: [funnel], meta: {owner: growth}}
    query_params:
      metrics: [visit_to_purchase_rate]
      group_by: ["TimeDimension('metric_time', 'month')"]
    exports:
      - {name: monthly_conversion, config: {export_as: table, schema: exports}}
"""


def test_newer_spec_conversion_and_non_additive_metrics(con, tmp_path):
    (tmp_path / "semantic.yml").write_text(NEWER_SPEC)
    warnings: list[ValidationIssue] = []
    model = load_model(tmp_path, con=con, warnings=warnings)
    assert warnings == []  # anchors, functions, saved query config: keys dbt accepts
    # disabled elements (config: {enabled: false}) are left out, as dbt leaves them out
    assert sorted(model.metrics) == [
        "account_balance",
        "purchase_count",
        "visit_count",
        "visit_to_purchase_rate",
    ]
    assert semantic_rows(
        model,
        con,
        metrics=["visit_to_purchase_rate", "account_balance"],
        group_by=["metric_time__month"],
    ) == [("2026-03-01", 0.5, 220.0), ("2026-04-01", None, 140.0)]
    assert semantic_rows(
        model, con, metrics=["visit_to_purchase_rate"], group_by=["visit__channel"]
    ) == [
        ("app", 1.0),
        ("web", 0.25),
    ]
    # hidden: true keeps a metric out of the catalog, not out of the model
    assert "visit_count" not in {m.name for m in build_catalog(model).metrics}
    assert semantic_rows(model, con, metrics=["visit_count"]) == [(6.0,)]
    res = query(saved_query="monthly_conversion", model=model, con=con)
    assert norm_rows(df_rows(res.df), ordered=True) == [("2026-03-01", 0.5)]


@pytest.mark.slow
def test_every_case_on_postgresql(pg_server):  # noqa: F811  (the imported fixture)
    """The same hand-computed rows from the PostgreSQL rendering on a real PostgreSQL server
    (window functions, intervals, generate_series periods, the spine, NULL-safe key joins)."""
    import psycopg

    model = load_model(PROJECT)
    spine = (
        "create table metricflow_time_spine as select d::date as date_day from "
        "generate_series(date '2026-01-01', date '2026-12-30', interval '1 day') d"
    )
    with psycopg.connect(pg_server, autocommit=True) as pg:
        pg.execute("DROP SCHEMA IF EXISTS funnel CASCADE")
        pg.execute("CREATE SCHEMA funnel")
        pg.execute("SET search_path TO funnel")
        pg.execute(TABLES_SQL + spine)
        for kw, expected in CASES:
            sql = compile_query(model, SemanticQuery(**kw), dialect="postgres").sql
            got = norm_rows(pg.execute(sql).fetchall(), ordered=True)
            assert got == norm_rows(expected, ordered=True), kw


def test_the_guard_lets_a_month_to_date_metric_read_the_time_spine(model, con):
    """A cumulative metric's days come from the project's ``metricflow_time_spine``: the
    guard refused that table after the query was compiled, so every cumulative answer of
    ``ask`` failed ("table metricflow_time_spine is not part of the semantic model")."""
    from nl2sql.guard import GuardError, allowed_tables, check_sql, run_guarded

    sql = compile_query(
        model,
        SemanticQuery(
            metrics=["visitors_month_to_date"],
            group_by=["metric_time__day"],
            time_range={"start": "2026-03-01", "end": "2026-03-05"},
        ),
    ).sql
    allowed = allowed_tables(model)
    assert "metricflow_time_spine" in allowed
    got = run_guarded(con, sql, allowed).df
    assert norm_rows(df_rows(got), ordered=True) == [
        ("2026-03-01", 1.0),
        ("2026-03-02", 2.0),
        ("2026-03-03", 2.0),
        ("2026-03-04", 2.0),
    ]
    with pytest.raises(GuardError):  # the spine opens no other table
        check_sql("SELECT * FROM balances_secret", allowed)
