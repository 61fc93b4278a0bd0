"""Shapes of public dbt projects that used to stop a load or a compile (the session-9 sweep).

Each test builds its own tiny project (no project's files are copied): the newer spec's column
that is both a dimension and a simple metric of the same name, and time expressions written in
another warehouse's SQL. Two domains each (a shop, a flights table).
"""

from __future__ import annotations

import datetime

import duckdb
import pytest

from semantic_layer import QueryError, SemanticQuery, compile_query, load_model

SHOP = """
models:
  - name: orders
    semantic_model: true
    agg_time_dimension: ordered_at
    columns:
      - name: order_id
        entity: {name: order, type: primary}
      - name: ordered_at
        granularity: day
        dimension: {type: time}
      - name: order_total   # grouped by and summed: a dimension and a metric of one name
        dimension: {type: categorical}
    metrics:
      - {name: order_total, agg: sum}
      - {name: order_count, agg: count, expr: order_id}
"""
SHOP_DATA = """
CREATE TABLE orders (order_id INTEGER, ordered_at DATE, order_total DOUBLE);
INSERT INTO orders VALUES (1, DATE '2024-01-02', 10), (2, DATE '2024-01-05', 10),
    (3, DATE '2024-02-01', 25);
"""

FLIGHTS = """
models:
  - name: flights
    semantic_model: {enabled: true}
    agg_time_dimension: flown_on
    columns:
      - name: flight_id
        entity: {name: flight, type: primary}
      - name: flown_on
        granularity: day
        dimension: {type: time}
      - name: distance
        dimension: {type: categorical}
    metrics:
      - {name: distance, agg: average, description: average distance flown}
      - {name: longest_distance, agg: max, expr: distance}
"""
FLIGHTS_DATA = """
CREATE TABLE flights (flight_id INTEGER, flown_on DATE, distance INTEGER);
INSERT INTO flights VALUES (1, DATE '2024-03-01', 300), (2, DATE '2024-03-02', 500),
    (3, DATE '2024-04-01', 500);
"""


def _load(tmp_path, yml: str, data: str):
    (tmp_path / "m.yml").write_text(yml)
    con = duckdb.connect()
    con.execute(data)
    return load_model(tmp_path, con=con), con


def _rows(model, con, metrics, group_by):
    sql = compile_query(model, SemanticQuery(metrics=metrics, group_by=group_by)).sql
    return sorted(con.execute(sql).fetchall())


def test_a_column_that_is_a_dimension_and_a_metric_of_one_name_loads(tmp_path):
    model, con = _load(tmp_path, SHOP, SHOP_DATA)
    assert {"order_total", "order_count"} <= set(model.metrics)
    assert _rows(model, con, ["order_total", "order_count"], ["order__order_total"]) == [
        (10.0, 20.0, 2),
        (25.0, 25.0, 1),
    ]
    assert _rows(model, con, ["order_total"], ["metric_time__month"])[0][1] == 20.0


def test_the_same_on_flights_with_an_average(tmp_path):
    model, con = _load(tmp_path, FLIGHTS, FLIGHTS_DATA)
    assert _rows(model, con, ["distance", "longest_distance"], ["metric_time__month"]) == [
        (datetime.date(2024, 3, 1), 400.0, 500),
        (datetime.date(2024, 4, 1), 500.0, 500),
    ]
    assert _rows(model, con, ["distance"], ["flight__distance"]) == [(300, 300.0), (500, 500.0)]


LEGACY_TIME_EXPR = """
semantic_models:
  - name: {table}
    model: ref('{table}')
    defaults: {{agg_time_dimension: happened_at}}
    entities:
      - {{name: {entity}, type: primary, expr: id}}
    dimensions:
      - name: happened_at
        type: time
        type_params: {{time_granularity: day}}
        expr: DATETIME({column})   # BigQuery's one-argument DATETIME
    measures:
      - {{name: {measure}, agg: sum, expr: amount, create_metric: true}}
"""


@pytest.mark.parametrize(
    ("table", "entity", "column", "measure"),
    [("orders", "order", "ordered_at", "revenue"), ("flights", "flight", "dep_time", "distance")],
)
def test_one_argument_datetime_in_a_time_expr_compiles_as_a_timestamp_cast(
    tmp_path, table, entity, column, measure
):
    yml = LEGACY_TIME_EXPR.format(table=table, entity=entity, column=column, measure=measure)
    data = (
        f"CREATE TABLE {table} (id INTEGER, {column} VARCHAR, amount DOUBLE);"
        f"INSERT INTO {table} VALUES (1, '2024-01-31 23:00:00', 5), (2, '2024-02-01 08:00:00', 7),"
        " (3, '2024-02-20 12:00:00', 1);"
    )
    model, con = _load(tmp_path, yml, data)
    assert _rows(model, con, [measure], ["metric_time__month"]) == [
        (datetime.date(2024, 1, 1), 5.0),
        (datetime.date(2024, 2, 1), 8.0),
    ]
    assert _rows(model, con, [measure], ["metric_time__day"])[0] == (
        datetime.date(2024, 1, 31),
        5.0,
    )


YEARLY = """
semantic_models:
  - name: {table}
    model: ref('{table}')
    defaults: {{agg_time_dimension: {time}}}
    entities:
      - {{name: {entity}, type: primary, expr: id}}
    dimensions:
      - name: {time}
        type: time
        type_params: {{time_granularity: year}}
      - {{name: team, type: categorical}}
    measures:
      - {{name: {measure}, agg: sum, expr: amount, create_metric: true}}
"""


@pytest.mark.parametrize(
    ("table", "entity", "time", "measure"),
    [
        ("seasons", "season", "season_start", "goals"),  # a sports season starting in October
        ("budgets", "budget", "fiscal_year_start", "budgeted_amount"),
    ],
)
def test_a_yearly_time_dimension_is_not_split_into_months_or_days(
    tmp_path, table, entity, time, measure
):
    yml = YEARLY.format(table=table, entity=entity, time=time, measure=measure)
    data = (
        f"CREATE TABLE {table} (id INTEGER, {time} DATE, team VARCHAR, amount DOUBLE);"
        f"INSERT INTO {table} VALUES (1, DATE '2022-10-01', 'a', 5), (2, DATE '2023-10-01', 'a', 7),"
        " (3, DATE '2023-10-01', 'b', 1);"
    )
    model, con = _load(tmp_path, yml, data)
    by_year = [(datetime.date(2022, 1, 1), 5.0), (datetime.date(2023, 1, 1), 8.0)]
    assert _rows(model, con, [measure], ["metric_time__year"]) == by_year
    assert _rows(model, con, [measure], ["metric_time"]) == by_year  # bare: its own grain
    for finer in ("metric_time__month", "metric_time__day", f"{entity}__{time}__quarter"):
        # every row would sit in the year's first month: "by month" would be a wrong answer
        with pytest.raises(QueryError, match="recorded by year: group by year or coarser"):
            compile_query(model, SemanticQuery(metrics=[measure], group_by=[finer]))
    assert _rows(model, con, [measure], [f"{entity}__{time}__year", f"{entity}__team"])[-1] == (
        datetime.date(2023, 1, 1),
        "b",
        1.0,
    )


BROKEN_FILTER = """
semantic_models:
  - name: {table}
    model: ref('{table}')
    defaults: {{agg_time_dimension: happened_on}}
    entities:
      - {{name: {entity}, type: primary, expr: id}}
    dimensions:
      - {{name: happened_on, type: time, type_params: {{time_granularity: day}}}}
      - {{name: kind, type: categorical}}
    measures:
      - {{name: {measure}, agg: sum, expr: amount}}
metrics:
  - {{name: {measure}_total, type: simple, type_params: {{measure: {measure}}}}}
  - name: {measure}_by_kind          # filter names a measure, not a metric: dbt parses it
    type: simple
    type_params: {{measure: {measure}}}
    filter: "{{{{ Metric('{measure}', group_by=['kind']) }}}}"
  - name: {measure}_share           # computed from the broken one: left out with it
    type: ratio
    type_params: {{numerator: {measure}_by_kind, denominator: {measure}_total}}
saved_queries:
  - name: broken_report
    query_params: {{metrics: [{measure}_share], group_by: ["TimeDimension('metric_time', 'day')"]}}
  - name: good_report
    query_params: {{metrics: [{measure}_total]}}
"""


@pytest.mark.parametrize(
    ("table", "entity", "measure"),
    [("leavers", "employee", "departures"), ("sales", "sale", "revenue")],
)
def test_a_metric_whose_filter_cannot_resolve_is_left_out_not_the_model(
    tmp_path, table, entity, measure
):
    yml = BROKEN_FILTER.format(table=table, entity=entity, measure=measure)
    data = (
        f"CREATE TABLE {table} (id INTEGER, happened_on DATE, kind VARCHAR, amount DOUBLE);"
        f"INSERT INTO {table} VALUES (1, DATE '2024-01-01', 'a', 2), (2, DATE '2024-01-02', 'b', 3);"
    )
    (tmp_path / "m.yml").write_text(yml)
    con = duckdb.connect()
    con.execute(data)
    warnings: list = []
    model = load_model(tmp_path, con=con, warnings=warnings)
    assert set(model.metrics) == {f"{measure}_total"}
    assert set(model.saved_queries) == {"good_report"}
    left_out = sorted(w.element for w in warnings if "left out" in w.message)
    assert left_out == [
        f"metric `{measure}_by_kind`",
        f"metric `{measure}_share`",
        "saved query `broken_report`",
    ]
    assert _rows(model, con, [f"{measure}_total"], [f"{entity}__kind"]) == [("a", 2.0), ("b", 3.0)]


MONTH_TO_DATE = """
models:
  - name: all_days
    time_spine: {{standard_granularity_column: date_day}}
    columns: [{{name: date_day, granularity: day}}]
semantic_models:
  - name: {table}
    model: ref('{table}')
    defaults: {{agg_time_dimension: happened_on}}
    entities:
      - {{name: {entity}, type: primary, expr: id}}
    dimensions:
      - {{name: happened_on, type: time, type_params: {{time_granularity: day}}}}
    measures:
      - {{name: {measure}, agg: {agg}, expr: {expr}}}
metrics:
  - name: {measure}_month_to_date
    type: cumulative
    type_params:
      measure: {{name: {measure}, fill_nulls_with: 0, join_to_timespine: true}}
      grain_to_date: month
"""


@pytest.mark.parametrize(
    ("table", "entity", "measure", "agg", "expr"),
    [
        ("signups", "account", "new_accounts", "count_distinct", "id"),
        ("bookings", "booking", "booked_nights", "sum", "nights"),
    ],
)
def test_month_to_date_over_a_timespine_input_reads_each_month_on_its_first_day(
    tmp_path, table, entity, measure, agg, expr
):
    """period_agg `first` (dbt's default) is the value on the month's first day, which is 0
    when nothing happened that day and the input fills the spine's empty days (MetricFlow),
    not the value on the first day something happened (6 on February 4 here)."""
    yml = MONTH_TO_DATE.format(table=table, entity=entity, measure=measure, agg=agg, expr=expr)
    data = (
        "CREATE TABLE all_days AS SELECT CAST(d AS DATE) AS date_day "
        "FROM range(DATE '2024-01-01', DATE '2024-12-31', INTERVAL 1 DAY) t(d);"
        f"CREATE TABLE {table} (id INTEGER, happened_on DATE, nights INTEGER);"
        f"INSERT INTO {table} VALUES (1, DATE '2024-01-01', 2), (2, DATE '2024-01-20', 3),"
        " (3, DATE '2024-02-04', 6), (4, DATE '2024-03-01', 1);"
    )
    model, con = _load(tmp_path, yml, data)
    metric = f"{measure}_month_to_date"
    first = 1.0 if agg == "count_distinct" else 2.0
    assert [
        (d.month, float(v)) for d, v in _rows(model, con, [metric], ["metric_time__month"])
    ] == [
        (1, first),
        (2, 0.0),
        (3, 1.0),
    ]
    by_day = dict(_rows(model, con, [metric], ["metric_time__day"]))
    assert by_day[datetime.date(2024, 2, 2)] == 0  # filled, not missing
    assert by_day[datetime.date(2024, 2, 5)] == (1 if agg == "count_distinct" else 6)
