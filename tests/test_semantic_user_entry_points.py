"""The three things users point OrderLens at, as the session-13 sweep of public projects did.

A dbt project's ``models/`` folder (a "folder of YAML" that sits inside a dbt project, with the
project's Jinja ``.sql`` models beside it), a plain folder holding dbt model files, and a
``target/semantic_manifest.json`` whose recorded schema (a developer's ``dbt_<name>``) is not
the warehouse's. Each used to fail at load (a SQL parse error per model file; "names no
warehouse table") while ``orderlens ask`` on the same pair answered. Tiny projects of two
domains (parking sessions, library loans); no public project's files are copied.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from lab.cli import cli
from semantic_layer import ModelValidationError, SemanticQuery, compile_query, load_model

PARKING_YML = """
semantic_models:
  - name: sessions
    model: ref('fct_sessions')
    defaults: {agg_time_dimension: started_at}
    entities:
      - {name: session, type: primary, expr: session_id}
    dimensions:
      - name: started_at
        type: time
        type_params: {time_granularity: day}
      - {name: zone, type: categorical}
    measures:
      - {name: fee, agg: sum}
metrics:
  - name: parking_fees
    label: Parking fees
    type: simple
    type_params: {measure: fee}
"""
# what dbt model files look like: Jinja, not one plain SELECT
PARKING_SQL = "{{ config(schema='marts') }}\nselect * from {{ ref('stg_sessions') }}\n"
STAGING_SQL = "select * from {{ source('raw', 'sessions') }}\n"

LOANS_YML = """
semantic_models:
  - name: loans
    model: ref('fct_loans')
    defaults: {agg_time_dimension: lent_on}
    entities:
      - {name: loan, type: primary, expr: loan_id}
    dimensions:
      - name: lent_on
        type: time
        type_params: {time_granularity: day}
      - {name: branch, type: categorical}
    measures:
      - {name: loans, agg: count, expr: loan_id}
metrics:
  - {name: loan_count, type: simple, type_params: {measure: loans}}
"""


@pytest.fixture(scope="module")
def parking(tmp_path_factory) -> Path:
    """A dbt project whose marts build into ``main_marts`` (dbt's default schema naming)."""
    root = tmp_path_factory.mktemp("parking")
    (root / "dbt_project.yml").write_text("name: parking\nprofile: parking\n")
    (root / "models" / "marts").mkdir(parents=True)
    (root / "models" / "staging").mkdir()
    (root / "models" / "marts" / "sessions.yml").write_text(PARKING_YML)
    (root / "models" / "marts" / "fct_sessions.sql").write_text(PARKING_SQL)
    (root / "models" / "staging" / "stg_sessions.sql").write_text(STAGING_SQL)
    db = root / "warehouse.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        "create schema main_marts; create table main_marts.fct_sessions "
        "(session_id int, started_at date, zone varchar, fee double);"
        "insert into main_marts.fct_sessions values (1, '2024-03-01', 'A', 4.5), "
        "(2, '2024-03-02', 'B', 2.0), (3, '2024-04-01', 'A', 3.5)"
    )
    con.close()
    return root


def _rows(model, con, **kw):
    return con.execute(compile_query(model, SemanticQuery(**kw)).sql).fetchall()


@pytest.mark.parametrize("sub", ["models", "models/marts"])
def test_a_folder_inside_a_dbt_project_is_read_with_that_project(parking, sub):
    """ref() builds what the project builds (its +schema from the .sql config), .sql = models."""
    warnings: list = []
    model = load_model(parking / sub, warnings=warnings)
    assert model.nodes["sessions"].schema == "main_marts"
    assert [w.message for w in warnings if "dbt project" in w.message]
    con = duckdb.connect(str(parking / "warehouse.duckdb"), read_only=True)
    try:
        checked = load_model(parking / sub, con=con)
        assert _rows(checked, con, metrics=["parking_fees"], group_by=["session__zone"]) == [
            ("A", 8.0),
            ("B", 2.0),
        ]
    finally:
        con.close()


def test_validate_cli_on_the_models_folder_of_a_dbt_project(parking):
    out = CliRunner().invoke(
        cli,
        ["validate", str(parking / "models"), "--db", str(parking / "warehouse.duckdb"), "--json"],
    )
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["ok"] is True


def test_plain_folder_jinja_sql_files_are_dbt_models_not_views(tmp_path):
    """Outside any dbt project, a .sql file with Jinja is a dbt model: ref() reads its table."""
    (tmp_path / "loans.yml").write_text(LOANS_YML)
    (tmp_path / "fct_loans.sql").write_text("select * from {{ ref('stg_loans') }}\n")
    (tmp_path / "stg_loans.sql").write_text("{% set x = 1 %}select 1 as loan_id\n")
    con = duckdb.connect()
    con.execute(
        "create table fct_loans (loan_id int, lent_on date, branch varchar);"
        "insert into fct_loans values (1, '2024-01-02', 'east'), (2, '2024-01-03', 'west'),"
        " (3, '2024-02-01', 'east')"
    )
    warnings: list = []
    model = load_model(tmp_path, con=con, warnings=warnings)
    assert model.nodes["loans"].view_sql is None
    assert _rows(model, con, metrics=["loan_count"], group_by=["loan__branch"]) == [
        ("east", 2),
        ("west", 1),
    ]
    said = [w.message for w in warnings if "Jinja" in w.message]
    assert said and "fct_loans.sql" in said[0] and "stg_loans.sql" in said[0]


def test_plain_folder_plain_sql_views_still_inlined(tmp_path):
    """The OrderLens view files (one plain SELECT) keep working beside the rule above."""
    (tmp_path / "loans.yml").write_text(LOANS_YML)
    (tmp_path / "fct_loans.sql").write_text(
        "select loan_id, lent_on, upper(branch) as branch from raw_loans"
    )
    con = duckdb.connect()
    con.execute(
        "create table raw_loans (loan_id int, lent_on date, branch varchar);"
        "insert into raw_loans values (1, '2024-01-02', 'east'), (2, '2024-01-03', 'east')"
    )
    model = load_model(tmp_path, con=con)
    assert model.nodes["loans"].view_sql is not None
    assert _rows(model, con, metrics=["loan_count"], group_by=["loan__branch"]) == [("EAST", 2)]


LOANS_SPINE_YML = """
models:
  - name: day_spine
    time_spine: {standard_granularity_column: date_day}
    columns:
      - {name: date_day, granularity: day}
metrics:
  - name: loans_to_date
    type: cumulative
    type_params: {measure: loans}
"""


def _manifest(tmp_path: Path, schema: str) -> Path:
    """A semantic manifest as ``dbt parse`` writes it, with the developer schema it recorded."""
    (tmp_path / "loans.yml").write_text(LOANS_YML)
    (tmp_path / "spine.yml").write_text(LOANS_SPINE_YML)
    model = load_model(tmp_path)
    data = json.loads(model.manifest.json())
    relations = [sm["node_relation"] for sm in data["semantic_models"]]
    relations += [ts["node_relation"] for ts in data["project_configuration"]["time_spines"]]
    for rel in relations:
        rel.update({"schema_name": schema, "relation_name": f'"{schema}"."{rel["alias"]}"'})
    target = tmp_path / "target"
    target.mkdir()
    (tmp_path / "loans.yml").unlink()
    (tmp_path / "spine.yml").unlink()
    out = target / "semantic_manifest.json"
    out.write_text(json.dumps(data))
    return out


def test_manifest_relations_are_read_where_the_warehouse_holds_them(tmp_path):
    """A manifest parsed in a dev schema (dbt_ann) against a warehouse holding main.fct_loans:
    load and validate read main.fct_loans with a warning, as ``ask`` already did."""
    path = _manifest(tmp_path, "dbt_ann")
    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        "create table fct_loans (loan_id int, lent_on date, branch varchar);"
        "insert into fct_loans values (1, '2024-01-02', 'east'), (2, '2024-02-03', 'west');"
        "create table day_spine as select d::date as date_day"
        " from range(date '2024-01-01', date '2024-03-01', interval 1 day) t(d)"
    )
    warnings: list = []
    model = load_model(path, con=con, warnings=warnings)
    assert _rows(model, con, metrics=["loan_count"], group_by=["metric_time__month"]) == [
        (datetime.date(2024, 1, 1), 1),
        (datetime.date(2024, 2, 1), 1),
    ]
    assert any("dbt_ann.fct_loans" in w.message for w in warnings)
    # the time spine too: the running total's periods come from main.day_spine, not dbt_ann
    assert _rows(model, con, metrics=["loans_to_date"], group_by=["metric_time__day"])[-1] == (
        datetime.date(2024, 2, 3),
        2,
    )
    con.close()
    out = CliRunner().invoke(cli, ["validate", str(path), "--db", str(db), "--json"])
    assert out.exit_code == 0, out.output
    report = json.loads(out.output)
    assert report["ok"] is True and any("fct_loans" in w["message"] for w in report["warnings"])


def test_manifest_relation_nowhere_in_the_warehouse_is_still_an_error(tmp_path):
    path = _manifest(tmp_path, "dbt_ann")
    con = duckdb.connect()
    con.execute("create table other (x int)")
    with pytest.raises(ModelValidationError, match=r"dbt_ann\.fct_loans"):
        load_model(path, con=con)


MIXED_CASE_YML = """
semantic_models:
  - name: Rides
    model: ref('rides')
    defaults: {agg_time_dimension: Started_At}
    entities:
      - {name: Ride, type: primary, expr: ride_id}
      - {name: Rider, type: foreign, expr: rider_id}
    dimensions:
      - name: Started_At
        type: time
        type_params: {time_granularity: day}
      - {name: Zone, type: categorical}
    measures:
      - {name: Fare, agg: sum, agg_time_dimension: Started_At}
      - name: Wallet_Balance
        agg: sum
        expr: balance
        non_additive_dimension: {name: Started_At, window_choice: max, window_groupings: [Rider]}
metrics:
  - {name: fares, type: simple, type_params: {measure: fare}}
  - {name: wallet_balance, type: simple, type_params: {measure: {name: WALLET_BALANCE}}}
"""


def test_element_names_match_their_references_whatever_the_case(tmp_path):
    """dbt lower-cases measure / entity / dimension names before validating (its
    LowerCaseNamesRule), so `measure: fare` names the measure `Fare`; OrderLens refused it."""
    (tmp_path / "rides.yml").write_text(MIXED_CASE_YML)
    con = duckdb.connect()
    con.execute(
        "create table rides (ride_id int, rider_id int, started_at date, zone varchar,"
        " fare double, balance double);"
        "insert into rides values (1, 7, '2024-05-01', 'N', 10, 5), (2, 7, '2024-05-03', 'S', 4, 8),"
        " (3, 8, '2024-05-03', 'N', 6, 1)"
    )
    model = load_model(tmp_path, con=con)
    assert _rows(model, con, metrics=["fares"], group_by=["ride__zone"]) == [
        ("N", 16.0),
        ("S", 4.0),
    ]
    # the balance on each rider's last day, summed over riders: 8 (rider 7) + 1 (rider 8)
    assert _rows(model, con, metrics=["wallet_balance"]) == [(9.0,)]


def test_a_folder_without_semantic_yaml_says_where_to_point(tmp_path):
    """A project's staging folder (dbt models and their tests, no semantic YAML): the fix names
    what to pass instead of "see the dbt semantic-layer docs for this rule"."""
    (tmp_path / "dbt_project.yml").write_text("name: kiosk\n")
    (tmp_path / "models" / "staging").mkdir(parents=True)
    (tmp_path / "models" / "staging" / "stg.yml").write_text(
        "models:\n  - name: stg_sessions\n    columns:\n      - name: session_id\n"
        "        data_tests: [unique]\n"
    )
    with pytest.raises(ModelValidationError) as err:
        load_model(tmp_path / "models" / "staging")
    fixes = {i.fix for i in err.value.structured}
    assert fixes == {
        "point at the folder or dbt project whose YAML defines them: `semantic_models:` and "
        "`metrics:`, or `models:` entries with `semantic_model:` (dbt 1.12 / Fusion)"
    }
