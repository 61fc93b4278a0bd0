"""Red team, session 15: a model expression cannot build one value too large to compute.

Before: a metric filter ``length(repeat('a', 2000000000)) > 0`` in a model an analyst added
loaded, and asking for the metric made ``orderlens ask`` run 114.6 s past its 30 s time limit
and peak at 6.1 GB RSS (the 2 GB ``memory_limit`` does not count one string, and the interrupt
lands only between chunks). Now every expression of a model (``expr``, filters, view files)
and every query the guard lets run has a bound on what one function builds
(:mod:`semantic_layer.expression_bounds`): the model is refused at load with the file, line
and function, and the guard refuses such SQL before DuckDB sees it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from nl2sql.bottom_zeros import _count
from nl2sql.errors import GuardError
from nl2sql.guard import check_sql
from semantic_layer import load_model
from semantic_layer.errors import SemanticLayerError

MODEL = """
semantic_models:
  - name: events
    model: ref('events')
    defaults: {agg_time_dimension: happened_on}
    entities:
      - {name: event, type: primary, expr: event_id}
    dimensions:
      - {name: happened_on, type: time, type_params: {time_granularity: day}}
      - {name: kind, type: categorical, expr: "DIMENSION"}
    measures:
      - {name: events, agg: count, expr: event_id}
metrics:
  - name: event_count
    label: Events
    type: simple
    type_params: {measure: events}
    filter: FILTER
"""


OK_FILTER = "{{ Dimension('event__kind') }} IS NOT NULL"


def _model(tmp_path: Path, dimension: str = "kind", filter_: str = OK_FILTER) -> Path:
    text = MODEL.replace("DIMENSION", dimension).replace("FILTER", f'"{filter_}"')
    (tmp_path / "events.yml").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_bounded_model_still_loads(tmp_path: Path) -> None:
    model = load_model(_model(tmp_path, dimension="lpad(kind, 12, '0')"))
    assert "event_count" in model.metrics


@pytest.mark.parametrize(
    ("dimension", "filter_", "says"),
    [
        ("kind", "length(repeat('a', 2000000000)) > 0", "REPEAT('a', 2000000000) builds up to"),
        ("repeat(kind, 1000000)", OK_FILTER, "REPEAT(kind, 1000000) builds up to"),
        ("repeat(repeat(kind, 500), 500)", OK_FILTER, "250,000 characters"),
        ("lpad(kind, 99999999, '0')", OK_FILTER, "LPAD(kind, 99999999, '0')"),
        ("array_to_string(range(1000000000), ',')", OK_FILTER, "RANGE(0, 1000000000)"),
        ("repeat('*', event_id)", OK_FILTER, "its size `event_id` is not a number"),
        ("generate_series(happened_on, DATE '9999-12-31', INTERVAL 1 DAY)", OK_FILTER, "its size"),
    ],
)
def test_an_exploding_expression_is_refused_at_load(
    tmp_path: Path, dimension: str, filter_: str, says: str
) -> None:
    with pytest.raises(SemanticLayerError) as info:
        load_model(_model(tmp_path, dimension, filter_))
    assert "may build a value too large to compute" in str(info.value)
    assert says in str(info.value)
    assert "events.yml" in str(info.value)


def test_an_exploding_view_file_is_refused_at_load(tmp_path: Path) -> None:
    _model(tmp_path)
    (tmp_path / "events.sql").write_text(
        "SELECT 1 AS event_id, DATE '2026-01-01' AS happened_on, "
        "printf('%999999999s', 'x') AS kind",
        encoding="utf-8",
    )
    with pytest.raises(SemanticLayerError, match=r"view `events`.*PRINTF\('%999999999s'"):
        load_model(tmp_path)


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT length(repeat('a', 2000000000)) AS n FROM orders",
        "SELECT list_transform(range(1000), y -> repeat('a', 1000)) AS l FROM orders",
        "SELECT replace(repeat(status, 200), 's', repeat('t', 200)) AS s FROM orders",
        "SELECT bar(amount, 0, 1, 1000000) AS b FROM orders",
        "SELECT list_resize([1], 1e9) AS l FROM orders",
        "SELECT generate_series(DATE '0001-01-01', DATE '9999-12-31', INTERVAL 1 SECOND) AS s",
    ],
)
def test_the_guard_refuses_an_exploding_query_before_it_runs(sql: str) -> None:
    with pytest.raises(GuardError, match=r"refused: .* builds up to"):
        check_sql(sql, {"orders"})


def test_the_guard_lets_bounded_building_run() -> None:
    sql = (
        "SELECT lpad(CAST(month AS VARCHAR), 2, '0') AS m, repeat('*', least(stars, 100)) AS s, "
        "bar(amount, 0, 100) AS b, CASE WHEN a THEN 'x' ELSE 'y' END AS c FROM orders"
    )
    assert check_sql(sql, {"orders"}) == sql
    # the engine's periods of a cumulative metric: days between the data's first and last
    spine = (
        "SELECT CAST(p AS DATE) AS period FROM (SELECT MIN(d) AS lo, MAX(d) AS hi FROM orders) "
        "AS r CROSS JOIN UNNEST(CAST(GENERATE_SERIES(r.lo, r.hi, INTERVAL '1' DAY) AS DATE[])) "
        "AS s(p)"
    )
    assert check_sql(spine, {"orders"}) == spine


def test_the_bottom_rank_count_runs_through_the_guard() -> None:
    """The check that a bottom rank leaves nothing out ran the model's listing unguarded."""
    con = duckdb.connect()
    con.execute("CREATE TABLE orders AS SELECT 'a' AS status")
    try:
        assert _count(con, "SELECT status FROM orders", ["status"], {"orders"}) == 1
        with pytest.raises(GuardError, match="builds up to"):
            _count(con, "SELECT repeat(status, 2000000000) AS g FROM orders", ["g"], {"orders"})
    finally:
        con.close()
