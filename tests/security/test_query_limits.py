"""Red team, session 10: every query connection has least-privilege memory and thread limits.

Before: connections used DuckDB's defaults (80 % of RAM, every core, spilling up to 90 % of
the free disk), so a hostile model view (``string_agg(repeat('x', 1000), '')`` over many rows)
could take most of the server's memory; a question over it answered after growing the process
by hundreds of MB. Now the limits of :mod:`connectors.query_limits` apply to every sandboxed
connection and a query that needs more is refused with what to do.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from connectors.errors import WarehouseError
from connectors.query_limits import MEMORY_ENV, TEMP_ENV, THREADS_ENV
from connectors.warehouse import connect
from nl2sql.errors import GuardError
from nl2sql.guard import run_guarded

#: a view needing about 300 MB for one aggregated string: far past the 64 MB the tests allow
HOG_VIEW = (
    "CREATE VIEW events AS SELECT i AS event_id, DATE '2026-06-01' AS happened_on, "
    "repeat('x', 1000) AS payload FROM range(300000) t(i)"
)
MODEL = """
semantic_models:
  - name: events
    model: ref('events_blob')
    defaults: {agg_time_dimension: happened_on}
    entities:
      - {name: event, type: primary, expr: event_id}
    dimensions:
      - {name: happened_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: blob_chars, agg: sum, expr: length(blob)}
metrics:
  - {name: blob_chars, label: Blob characters, type: simple, type_params: {measure: blob_chars}}
"""


@pytest.fixture(scope="module")
def hog_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse whose model view aggregates a 300 MB string (its owner is hostile)."""
    path = tmp_path_factory.mktemp("hog") / "hog.duckdb"
    con = duckdb.connect(str(path))
    con.execute(HOG_VIEW)
    con.execute(
        "CREATE VIEW events_blob AS SELECT 1 AS event_id, DATE '2026-06-01' AS happened_on, "
        "(SELECT string_agg(payload, '') FROM events) AS blob"
    )
    con.close()
    return path


@pytest.fixture()
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MEMORY_ENV, "64MB")
    monkeypatch.setenv(THREADS_ENV, "1")
    monkeypatch.setenv(TEMP_ENV, "100MB")


def test_a_query_connection_carries_the_limits(hog_db: Path, small_limits: None) -> None:
    con = connect(hog_db, read_only=True)
    try:
        memory, threads, temp = con.execute(
            "SELECT current_setting('memory_limit'), current_setting('threads'), "
            "current_setting('max_temp_directory_size')"
        ).fetchone()  # type: ignore[misc]
        assert (memory, threads, temp) == ("61.0 MiB", 1, "95.3 MiB")
        with pytest.raises(duckdb.Error, match="lock"):  # the sandbox is still locked
            con.execute("SET memory_limit = '20GB'")
    finally:
        con.close()


def test_a_hostile_view_is_stopped_with_what_to_do(hog_db: Path, small_limits: None) -> None:
    con = connect(hog_db, read_only=True)
    try:
        with pytest.raises(GuardError) as info:
            run_guarded(con, "SELECT length(blob) AS n FROM events_blob", {"events_blob"})
        assert "needs more memory than this server gives its queries (memory_limit 64MB)" in str(
            info.value
        )
        assert MEMORY_ENV in str(info.value)
        assert con.execute("SELECT 41 + 1").fetchone() == (42,)  # the connection lives on
    finally:
        con.close()


def test_a_question_over_the_hostile_view_is_refused(
    hog_db: Path, small_limits: None, tmp_path: Path
) -> None:
    from nl2sql import ask

    (tmp_path / "model.yml").write_text(MODEL, encoding="utf-8")
    a = ask(
        "blob characters", model=tmp_path, db=str(hog_db), today=dt.date(2026, 7, 1), chart=False
    )
    assert not a.ok
    assert "needs more memory" in a.error and "memory_limit 64MB" in a.error


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        (MEMORY_ENV, "lots", "is not a size"),
        (THREADS_ENV, "-2", "is not a number of threads"),
        (TEMP_ENV, "1; SET enable_external_access=true", "is not a size"),
    ],
)
def test_a_bad_setting_is_refused_naming_it(
    hog_db: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str, says: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(WarehouseError, match=f"{name}=.*{says}"):
        connect(hog_db, read_only=True)
