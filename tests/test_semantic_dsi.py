"""dbt-semantic-interfaces' own YAML format and the MetricFlow features its example projects use.

A small project of our own in that format (one ``semantic_model:`` / ``metric:`` /
``saved_query:`` / ``project_configuration:`` per document, tables named by ``node_relation``
with a ``$schema`` template placeholder) over a warehouse whose expected numbers are worked out
by hand below: rooms 1 and 3 have more than one stay, room 2 one; north rooms have 5 stays,
south 1; user 1 visits on March 30 and orders on April 2 (another month), user 2 visits and
orders in April.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from semantic_layer import (
    CompileError,
    SemanticQuery,
    compile_query,
    load_model,
)
from semantic_layer.issues import ValidationIssue

WAREHOUSE_SQL = """
create table dim_rooms (room_id int, region varchar, opened_on date);
insert into dim_rooms values (1, 'north', '2026-01-05'), (2, 'south', '2026-01-05'),
  (3, 'north', '2026-02-01');
create table fct_stays (stay_id int, ds date, room_id int, amount decimal(10, 2));
insert into fct_stays values (1, '2026-03-02', 1, 100), (2, '2026-03-03', 1, 50),
  (3, '2026-03-09', 2, 80), (4, '2026-03-10', 3, 20), (5, '2026-03-11', 3, 30),
  (6, '2026-03-12', 3, 40);
create table fct_web_visits (user_id int, ds date);
insert into fct_web_visits values (1, '2026-03-30'), (2, '2026-04-03'), (3, '2026-04-20');
create table fct_orders (user_id int, ds date, ds_month date);
insert into fct_orders values (1, '2026-04-02', '2026-04-01'), (2, '2026-04-10', '2026-04-01');
create table fct_logins (login_id int, logged_at timestamp);
insert into fct_logins values (1, '2026-03-01 08:00:00'), (2, '2026-03-01 09:30:00');
create table dim_room_status (room_id int, ds date, status varchar);
insert into dim_room_status values (1, '2026-03-02', 'ready'), (1, '2026-03-03', 'blocked'),
  (2, '2026-03-09', 'ready'), (3, '2026-03-10', 'ready'), (3, '2026-03-11', 'ready'),
  (3, '2026-03-12', 'blocked');
create table dim_room_rates (room_id int, rate_tier varchar, valid_from date, valid_to date);
insert into dim_room_rates values (1, 'standard', '2026-01-01', '2026-03-03'),
  (1, 'premium', '2026-03-03', null), (2, 'standard', '2026-01-01', null),
  (3, 'premium', '2026-01-01', '2026-03-11'), (3, 'standard', '2026-03-11', null);
create table fct_cleanings (cleaning_id int, ds date);
insert into fct_cleanings values (1, '2026-03-02'), (2, '2026-03-31');
create table spine_day as select cast(d as date) as ds,
  cast(date '2026-01-01' + 10 * cast(floor((cast(d as date) - date '2026-01-01') / 10) as int)
       as date) as ten_day,
  cast(case when day(d) <= 15 then date_trunc('month', d)
       else date_trunc('month', d) + interval 15 day end as date) as half_month
  from range(date '2026-01-01', date '2026-12-31', interval 1 day) t(d);
"""

DOCS = {
    "semantic_models/stays.yaml": """
semantic_model:
  name: stays
  node_relation: {schema_name: $warehouse_schema, alias: fct_stays}
  defaults: {agg_time_dimension: ds}
  primary_entity: stay
  measures:
    - {name: stays, expr: "1", agg: sum}
    - {name: amount, agg: sum}
  dimensions:
    - {name: ds, type: time, type_params: {time_granularity: day}}
    - name: ds_partitioned
      type: time
      expr: ds
      is_partition: true
      type_params: {time_granularity: day}
  entities:
    - {name: room, type: foreign, expr: room_id}
---
semantic_model:
  name: room_rates
  description: the rate tier of each room over time (a slowly changing dimension)
  node_relation: {schema_name: $warehouse_schema, alias: dim_room_rates}
  primary_entity: room_rate
  dimensions:
    - name: valid_from
      type: time
      type_params: {time_granularity: day, validity_params: {is_start: true}}
    - name: valid_to
      type: time
      type_params: {time_granularity: day, validity_params: {is_end: true}}
    - {name: rate_tier, type: categorical}
  entities:
    - {name: room, type: natural, expr: room_id}
---
semantic_model:
  name: room_status
  description: one row per room and day (a daily snapshot, partitioned by day)
  node_relation: {schema_name: $warehouse_schema, alias: dim_room_status}
  dimensions:
    - name: ds_partitioned
      type: time
      expr: ds
      is_partition: true
      type_params: {time_granularity: day}
    - {name: status, type: categorical}
  entities:
    - {name: room, type: primary, expr: room_id}
""",
    "semantic_models/rooms.yaml": """
semantic_model:
  name: rooms
  node_relation: {schema_name: $warehouse_schema, alias: dim_rooms}
  defaults: {agg_time_dimension: opened_on}
  measures:
    - {name: rooms, expr: "1", agg: sum}
  dimensions:
    - {name: opened_on, type: time, type_params: {time_granularity: day}}
    - {name: region, type: categorical}
  entities:
    - {name: room, type: primary, expr: room_id}
""",
    "semantic_models/web.yaml": """
semantic_model:
  name: web_visits
  node_relation: {schema_name: $warehouse_schema, alias: fct_web_visits}
  defaults: {agg_time_dimension: ds}
  primary_entity: web_visit
  measures:
    - {name: web_visits, expr: "1", agg: sum}
  dimensions:
    - {name: ds, type: time, type_params: {time_granularity: day}}
  entities:
    - {name: user, type: foreign, expr: user_id}
---
semantic_model:
  name: orders
  node_relation: {schema_name: $warehouse_schema, alias: fct_orders}
  defaults: {agg_time_dimension: ds_month}
  primary_entity: order
  measures:
    - {name: monthly_orders, expr: "1", agg: sum}
  dimensions:
    - {name: ds_month, type: time, type_params: {time_granularity: month}}
  entities:
    - {name: user, type: foreign, expr: user_id}
---
semantic_model:
  name: cleanings
  node_relation: {schema_name: $warehouse_schema, alias: fct_cleanings}
  defaults: {agg_time_dimension: ds}
  primary_entity: cleaning
  measures:
    - {name: cleanings, expr: "1", agg: sum}
  dimensions:
    - {name: ds, type: time, type_params: {time_granularity: day}}
---
semantic_model:
  name: logins
  node_relation: {schema_name: $warehouse_schema, alias: fct_logins}
  defaults: {agg_time_dimension: logged_at}
  primary_entity: login
  measures:
    - {name: logins, expr: "1", agg: sum}
  dimensions:
    - {name: logged_at, type: time, type_params: {time_granularity: hour}}
""",
    "metrics.yaml": """
metric:
  name: stays
  type: simple
  type_params: {measure: stays}
---
metric:
  name: rooms
  type: simple
  type_params: {measure: rooms}
---
metric:
  name: rooms_with_repeat_stays
  description: rooms stayed in more than once (a metric filter inside a metric definition)
  type: simple
  type_params: {measure: rooms}
  filter: "{{ Metric('stays', ['room']) }} > 1"
---
metric:
  name: stays_change_wow
  type: derived
  type_params:
    expr: stays - stays_week_ago
    metrics:
      - {name: stays}
      - {name: stays, offset_window: 1 week, alias: stays_week_ago}
---
metric:
  name: stays_day_before
  type: derived
  type_params:
    expr: stays_1d
    metrics:
      - {name: stays, offset_window: 1 day, alias: stays_1d}
---
metric:
  name: stays_eight_days_before
  description: an offset of an offset metric (MetricFlow nests them)
  type: derived
  type_params:
    expr: stays_1w
    metrics:
      - {name: stays_day_before, offset_window: 1 week, alias: stays_1w}
---
metric:
  name: stays_to_date
  type: cumulative
  type_params: {measure: stays}
---
metric:
  name: stays_to_date_week_before
  type: derived
  type_params:
    expr: earlier
    metrics:
      - {name: stays_to_date, offset_window: 1 week, alias: earlier}
---
metric:
  name: monthly_amount
  description: a metric whose metric_time defaults to months
  type: simple
  type_params: {measure: amount}
  time_granularity: month
---
metric:
  name: cleanings
  type: simple
  type_params: {measure: cleanings}
---
metric:
  name: cleanings_half_month_before
  description: an offset counted in a custom granularity of the time spine
  type: derived
  type_params:
    expr: prior
    metrics:
      - {name: cleanings, offset_window: 1 half_month, alias: prior}
---
metric:
  name: visit_to_order_rate
  type: conversion
  type_params:
    conversion_type_params:
      base_measure: web_visits
      conversion_measure: monthly_orders
      entity: user
      window: 1 month
      calculation: conversion_rate
---
metric:
  name: logins_hour_to_date
  type: cumulative
  type_params:
    measure: logins
    cumulative_type_params: {grain_to_date: hour}
""",
    "saved_queries.yaml": """
saved_query:
  name: busiest_region
  query_params:
    metrics: [stays]
    group_by: ["Dimension('room__region')"]
    order_by: ["Metric('stays').descending(True)"]
    limit: 1
""",
    "project_configuration.yaml": """
project_configuration:
  time_spine_table_configurations:
    - {location: $warehouse_schema.spine_day, column_name: ds, grain: day}
  time_spines:
    - node_relation: {schema_name: $warehouse_schema, alias: spine_hour}
      primary_column: {name: ts, time_granularity: hour}
    - node_relation: {schema_name: $warehouse_schema, alias: spine_day}
      primary_column: {name: ds, time_granularity: day}
      custom_granularities:
        - name: ten_day
        - name: half_month
""",
}


def _write(root: Path, docs: dict[str, str]) -> Path:
    for name, text in docs.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    c.execute(WAREHOUSE_SQL)
    return c


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory.mktemp("dsi"), DOCS)


def _rows(con, model, **kw) -> list[tuple]:
    return con.execute(compile_query(model, SemanticQuery(**kw)).sql).fetchall()


def test_the_format_loads_with_one_warning_for_the_schema_placeholder(con, project) -> None:
    warnings: list[ValidationIssue] = []
    model = load_model(project, con=con, warnings=warnings)
    assert set(model.metrics) >= set(  # dbt adds the measures conversions/cumulatives read
        [
            "stays",
            "rooms",
            "rooms_with_repeat_stays",
            "stays_change_wow",
            "visit_to_order_rate",
            "logins_hour_to_date",
        ]
    )
    assert len(warnings) == 1  # the first relation written with it is named, once
    assert "`$warehouse_schema`" in warnings[0].message and "`main`" in warnings[0].message
    assert (model.nodes["stays"].schema, model.nodes["stays"].table) == ("main", "fct_stays")
    # the daily spine of the list (the hourly one is for sub-daily queries), its custom grain
    assert model.time_spine == {
        "model": "spine_day",
        "column": "ds",
        "custom": {"ten_day": "ten_day", "half_month": "half_month"},
        "relation": "main.spine_day",
    }
    # ten-day periods from January 1: March 2..11 holds five stays, March 12.. one
    assert sorted(_rows(con, model, metrics=["stays"], group_by=["metric_time__ten_day"])) == [
        (dt.date(2026, 3, 2), 5),
        (dt.date(2026, 3, 12), 1),
    ]


def test_a_metric_filter_inside_a_metric_definition_is_applied(con, project) -> None:
    model = load_model(project, con=con)
    assert _rows(con, model, metrics=["rooms_with_repeat_stays"]) == [(2,)]  # rooms 1 and 3
    assert sorted(
        _rows(con, model, metrics=["rooms_with_repeat_stays"], group_by=["room__region"])
    ) == [("north", 2)]


def test_a_metric_filter_naming_an_unknown_metric_leaves_that_metric_out(con, tmp_path) -> None:
    """dbt parses it and MetricFlow fails only that metric's queries: the metric is left out
    with a warning naming the unknown metric (semantic_layer/broken_metrics.py); the rest of
    the project answers."""
    docs = dict(DOCS)
    docs["metrics.yaml"] = docs["metrics.yaml"].replace(
        "Metric('stays', ['room'])", "Metric('stay', ['room'])"
    )
    warnings: list = []
    model = load_model(_write(tmp_path, docs), con=con, warnings=warnings)
    assert "rooms_with_repeat_stays" not in model.metrics and "stays" in model.metrics
    (w,) = [w for w in warnings if "rooms_with_repeat_stays" in w.element]
    assert "`stay`" in w.message and "left out" in w.message


def test_saved_query_order_by_in_metricflow_spelling(con, project) -> None:
    model = load_model(project, con=con)
    sq = model.saved_query("busiest_region")
    assert [(o.name, o.descending) for o in sq.order_by] == [("stays", True)]
    assert con.execute(compile_query(model, sq).sql).fetchall() == [("north", 5)]


def test_an_offset_metric_needs_periods_as_in_metricflow(con, project) -> None:
    model = load_model(project, con=con)
    with pytest.raises(CompileError, match=r"compares periods.*metric_time"):
        compile_query(model, SemanticQuery(metrics=["stays_change_wow"]))
    weekly = dict(_rows(con, model, metrics=["stays_change_wow"], group_by=["metric_time__week"]))
    # weeks of March 2 (2 stays), March 9 (4 stays): +2 the second week
    assert weekly[dt.date(2026, 3, 9)] == 2


def test_conversion_against_a_monthly_measure_compares_months(con, project) -> None:
    """Visits are daily, orders monthly: both sides are compared at month grain (MetricFlow).

    User 1's order (April) is in another month than the visit (March 30): no conversion; user
    2's order (April 10) is in the month of the visit (April 3). Comparing the visit's day
    with the order month's first day would say the opposite for both: March 1/1, April 0/2.
    """
    model = load_model(project, con=con)
    rows = sorted(
        _rows(con, model, metrics=["visit_to_order_rate"], group_by=["metric_time__month"])
    )
    assert rows == [(dt.date(2026, 3, 1), None), (dt.date(2026, 4, 1), 0.5)]


def test_an_hour_to_date_metric_is_refused_clearly(con, project) -> None:
    model = load_model(project, con=con)
    with pytest.raises(CompileError, match=r"over hour periods are not supported"):
        compile_query(
            model,
            SemanticQuery(metrics=["logins_hour_to_date"], group_by=["metric_time__month"]),
        )


def test_a_manifest_listing_sub_daily_spines_first_uses_the_daily_one(con, project, tmp_path):
    """MetricFlow's manifests list the nanosecond .. hour spines before the daily one."""
    from dbt_semantic_interfaces.implementations.node_relation import PydanticNodeRelation
    from dbt_semantic_interfaces.implementations.time_spine import (
        PydanticTimeSpine,
        PydanticTimeSpinePrimaryColumn,
    )
    from dbt_semantic_interfaces.type_enums import TimeGranularity

    manifest = load_model(project, con=con).manifest
    hourly = PydanticTimeSpine(
        node_relation=PydanticNodeRelation(alias="spine_hour", schema_name="main"),
        primary_column=PydanticTimeSpinePrimaryColumn(
            name="ts", time_granularity=TimeGranularity.HOUR
        ),
    )
    manifest.project_configuration.time_spines.insert(0, hourly)
    path = tmp_path / "semantic_manifest.json"
    path.write_text(manifest.json())
    spine = load_model(path, con=con).time_spine
    assert spine is not None
    assert (spine["relation"], spine["column"]) == ("main.spine_day", "ds")
    assert spine["custom"] == {"ten_day": "ten_day", "half_month": "half_month"}


def test_an_offset_of_an_offset_metric_shifts_by_both(con, project) -> None:
    model = load_model(project, con=con)
    rows = _rows(con, model, metrics=["stays_eight_days_before"], group_by=["metric_time__day"])
    # each day reads the stays of 8 days before: March 2, 3, 9..12 land on March 10, 11, 17..20
    assert sorted(rows) == [(dt.date(2026, 3, d), 1) for d in (10, 11, 17, 18, 19, 20)]


def test_an_offset_in_a_custom_granularity_moves_periods_and_positions(con, project) -> None:
    """Half months (1st-15th, 16th-end): March 1-15 has 15 days, March 16-31 has 16.

    By half month, each period is reported as the next one. By day, March 2 (2nd day of its
    half) moves to March 17 (2nd day of the next); March 31 (16th day of its half) has no 16th
    day in April 1-15 and is dropped (MetricFlow reports it under a NULL day). By half month
    both compilers agree (checked with MetricFlow 0.213).
    """
    model = load_model(project, con=con)
    by_half = _rows(
        con, model, metrics=["cleanings_half_month_before"], group_by=["metric_time__half_month"]
    )
    assert sorted(by_half) == [(dt.date(2026, 3, 16), 1), (dt.date(2026, 4, 1), 1)]
    by_day = _rows(
        con, model, metrics=["cleanings_half_month_before"], group_by=["metric_time__day"]
    )
    assert by_day == [(dt.date(2026, 3, 17), 1)]


def test_models_sharing_a_partition_dimension_join_on_it_too(con, project) -> None:
    """A daily snapshot of rooms: each stay reads its room's status of the stay's day.

    Joined on the room only, every stay would meet every snapshot row of its room (room 3's
    three stays times its three rows); MetricFlow joins on the partition as well.
    """
    model = load_model(project, con=con)
    rows = _rows(con, model, metrics=["stays"], group_by=["room__status"])
    assert sorted(rows) == [("blocked", 2), ("ready", 4)]


def test_bare_metric_time_takes_the_metrics_default_grain(con, project) -> None:
    """``time_granularity: month`` on a metric: plain ``metric_time`` means months (the
    coarsest default of the queried metrics wins); a metric without one stays daily."""
    model = load_model(project, con=con)
    rows = _rows(con, model, metrics=["monthly_amount", "stays"], group_by=["metric_time"])
    assert rows == [(dt.date(2026, 3, 1), 320, 6)]
    daily = _rows(con, model, metrics=["stays"], group_by=["metric_time"])
    assert len(daily) == 6
    assert _rows(con, model, metrics=["monthly_amount"], group_by=["metric_time__week"]) == [
        (dt.date(2026, 3, 2), 150),
        (dt.date(2026, 3, 9), 170),
    ]


def test_orderlens_ask_and_validate_read_the_folder_as_it_is(tmp_path) -> None:
    """The CLI a new user tries first: the folder untouched, a warehouse file beside it."""
    import json

    from click.testing import CliRunner

    from lab.cli import cli

    model_dir = _write(tmp_path / "model", DOCS)
    db = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(db)) as c:
        c.execute(WAREHOUSE_SQL)
    args = ["--semantic-model", str(model_dir), "--db", str(db), "--json"]
    out = CliRunner().invoke(cli, ["ask", "how many stays were there in March 2026?", *args])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["rows"] == [[6]]
    checked = CliRunner().invoke(cli, ["validate", str(model_dir), "--db", str(db)])
    assert checked.exit_code == 0 and "$warehouse_schema" in checked.output


def test_a_slowly_changing_dimension_is_read_at_the_facts_day(con, project) -> None:
    """Room 1 turned premium on March 3, room 3 standard on March 11 (validity_params).

    Each stay reads the tier valid on its day; joined on the room alone, room 1's two stays
    and room 3's three would each meet both versions (6 standard, 5 premium).
    """
    model = load_model(project, con=con)
    rows = _rows(con, model, metrics=["stays"], group_by=["room__rate_tier"])
    assert sorted(rows) == [("premium", 2), ("standard", 4)]


def test_an_offset_of_a_cumulative_metric_is_refused_not_read_unshifted(con, project) -> None:
    """MetricFlow shifts a running total's days; OrderLens read it unshifted (a wrong number
    that looked like the running total itself), so it refuses until the shift is built."""
    model = load_model(project, con=con)
    query = SemanticQuery(metrics=["stays_to_date_week_before"], group_by=["metric_time__day"])
    with pytest.raises(CompileError, match="`stays_to_date` is cumulative: an offset of it"):
        compile_query(model, query)
