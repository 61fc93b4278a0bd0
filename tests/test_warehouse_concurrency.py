"""Writers while others read or write: the second one waits and says for whom; readers sandboxed.

Each scenario runs a real second process (DuckDB's locks are per process), started with
``subprocess`` and synchronised through marker files, so the tests prove what users see.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from connectors.errors import WarehouseError
from connectors.warehouse import (
    connect,
    connection_version,
    ensure_schema,
    read_connection,
    warehouse_version,
    write_connection,
)

ROOT = Path(__file__).resolve().parents[1]
HEADER_CSV = "交易日期,交易时间,收入金额,支出金额,对方户名,附言,交易流水号\n"

HOLD_WRITE = """
import sys, time
from pathlib import Path
from connectors.warehouse import write_connection
db, ready, release = sys.argv[1:4]
with write_connection(db, purpose="test holder") as con:
    con.execute("CREATE TABLE IF NOT EXISTS t (i INTEGER)")
    con.execute("INSERT INTO t VALUES (1)")
    Path(ready).touch()
    while not Path(release).exists():
        time.sleep(0.02)
"""

HOLD_READ = """
import sys, time, duckdb
from pathlib import Path
db, ready, release = sys.argv[1:4]
con = duckdb.connect(db, read_only=True)  # a plain long-lived reader, like an old server
Path(ready).touch()
while not Path(release).exists():
    time.sleep(0.02)
con.close()
"""


def _start(script: str, db: Path, tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    ready, release = tmp_path / "ready", tmp_path / "release"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(db), str(ready), str(release)], env=env, cwd=ROOT
    )
    deadline = time.monotonic() + 30
    while not ready.exists():
        assert proc.poll() is None, "the holder process died"
        assert time.monotonic() < deadline, "the holder process never got the warehouse"
        time.sleep(0.02)
    return proc, release


def _release_later(release: Path, seconds: float) -> None:
    import threading

    threading.Timer(seconds, release.touch).start()


def test_second_writer_waits_for_the_first_and_names_it(tmp_path):
    db = tmp_path / "w.duckdb"
    proc, release = _start(HOLD_WRITE, db, tmp_path)
    notices: list[str] = []
    _release_later(release, 0.6)
    started = time.monotonic()
    with write_connection(db, purpose="second", timeout=20, notice=notices.append) as con:
        waited = time.monotonic() - started
        con.execute("INSERT INTO t VALUES (2)")
    assert proc.wait(timeout=20) == 0
    assert waited >= 0.5
    assert len(notices) == 1
    assert "held by test holder (PID" in notices[0]
    with read_connection(db) as con:
        assert con.execute("SELECT list(i ORDER BY i) FROM t").fetchone()[0] == [1, 2]


def test_writer_gives_up_after_the_timeout_with_a_clear_message(tmp_path):
    db = tmp_path / "w.duckdb"
    proc, release = _start(HOLD_WRITE, db, tmp_path)
    try:
        expected = pytest.raises(WarehouseError, match=r"still being written by test holder.*retry")
        with expected, write_connection(db, timeout=0.3, notice=lambda _m: None):
            pass
    finally:
        release.touch()
        proc.wait(timeout=20)


def test_writer_waits_for_a_reader_that_does_not_know_the_protocol(tmp_path):
    db = tmp_path / "w.duckdb"
    with write_connection(db) as con:
        ensure_schema(con, ["skus"])
    proc, release = _start(HOLD_READ, db, tmp_path)
    notices: list[str] = []
    _release_later(release, 0.5)
    with write_connection(db, timeout=20, notice=notices.append) as con:
        con.execute("INSERT INTO skus VALUES ('SKU-1', 'x', 'c', 'b', 1, 2, 0.5)")
    assert proc.wait(timeout=20) == 0
    assert len(notices) == 1 and "(PID" in notices[0]
    assert "Could not set lock" not in notices[0]  # DuckDB's raw message never reaches users


def test_reader_waits_for_a_writer_instead_of_failing(tmp_path):
    db = tmp_path / "w.duckdb"
    proc, release = _start(HOLD_WRITE, db, tmp_path)
    notices: list[str] = []
    _release_later(release, 0.5)
    with read_connection(db, timeout=20, notice=notices.append) as con:
        assert con.execute("SELECT count(*) FROM t").fetchone()[0] == 1
    assert proc.wait(timeout=20) == 0
    assert len(notices) == 1 and "test holder" in notices[0]


def test_read_only_connections_are_sandboxed(tmp_path):
    db = tmp_path / "w.duckdb"
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0\n", encoding="utf-8")
    with write_connection(db) as con:  # a custom model's view over a file on the server
        con.execute(f"CREATE VIEW leak AS SELECT content FROM read_text('{secret}')")
        assert con.execute("SELECT count(*) FROM leak").fetchone()[0] == 1
    con = connect(db, read_only=True)
    try:
        with pytest.raises(duckdb.PermissionException, match="disabled by configuration"):
            con.execute("SELECT * FROM leak").fetchall()
        with pytest.raises(duckdb.Error, match="locked"):
            con.execute("SET enable_external_access = true")
    finally:
        con.close()
    # the unsandboxed reader (Parquet export) is private: it does not unlock the shared one
    plain = connect(db, read_only=True, sandbox=False)
    try:
        assert plain.execute("SELECT content FROM leak").fetchone()[0].startswith("root")
        with read_connection(db) as con, pytest.raises(duckdb.PermissionException):
            con.execute("SELECT * FROM leak").fetchall()
    finally:
        plain.close()


def test_version_changes_with_a_rebuilt_file_and_is_found_from_a_connection(tmp_path):
    db = tmp_path / "w.duckdb"
    with write_connection(db) as con:
        ensure_schema(con, ["skus"])
    first = warehouse_version(db)
    with read_connection(db) as con:
        assert connection_version(con) == first
    rebuilt = tmp_path / "w.duckdb.building"
    with write_connection(rebuilt) as con:
        ensure_schema(con, ["skus"])
    os.replace(rebuilt, db)  # what `orderlens demo` does
    assert warehouse_version(db) not in ("", first)
    assert connection_version(duckdb.connect(":memory:")) == ""


def _tpch_warehouse(path: Path, regions: list[str]) -> Path:
    fixtures = ROOT / "tests" / "fixtures" / "semantic"
    with write_connection(path) as con:
        con.execute((fixtures / "tpch_data.sql").read_text(encoding="utf-8"))
        for key, name in enumerate(regions):
            con.execute("UPDATE region SET r_name = ? WHERE r_regionkey = ?", [name, key])
    return path


def test_catalog_cache_follows_the_warehouse_not_the_connection_id(tmp_path):
    """Two warehouses opened one after the other in one process each get their own values."""
    import importlib

    from nl2sql.ask import ask, catalog_for, get_catalog, get_model

    ask_module = importlib.import_module("nl2sql.ask")  # the package exports a function `ask`

    model = get_model(ROOT / "tests" / "fixtures" / "semantic" / "tpch_legacy")
    first = _tpch_warehouse(tmp_path / "a.duckdb", ["NORTH", "SOUTH", "EAST", "WEST"])
    second = _tpch_warehouse(tmp_path / "b.duckdb", ["MARS", "VENUS", "IO", "TITAN"])

    def regions(catalog) -> set[str]:
        return set(catalog.dimension("region__region_name").values)

    def values_through(db: Path) -> set[str]:
        with read_connection(db) as con:  # closed and freed on return: its id() may be reused
            ask("returned revenue by region", model=model, con=con, chart=False)
            assert ask_module._catalogs.get(model, connection_version(con)) is not None
            return regions(get_catalog(model, con, connection_version(con)))

    assert [values_through(db) for db in (first, second)] == [
        {"NORTH", "SOUTH", "EAST", "WEST"},
        {"MARS", "VENUS", "IO", "TITAN"},
    ]
    # nothing is cached under a connection's id(), which a later connection can reuse
    assert not [k for k in ask_module._catalogs.cached_keys() if str(k[1]).startswith("con:")]
    # a rebuilt file at the same path (what `orderlens demo` does) gets a fresh catalog
    before = regions(catalog_for(model, first))
    os.replace(_tpch_warehouse(tmp_path / "c.duckdb", ["X1", "X2", "X3", "X4"]), first)
    assert before == {"NORTH", "SOUTH", "EAST", "WEST"}
    assert regions(catalog_for(model, first)) == {"X1", "X2", "X3", "X4"}


LEAK_MODEL = """\
semantic_models:
  - name: notes
    model: ref('notes')
    entities:
      - {name: note, type: primary, expr: note_id}
    defaults: {agg_time_dimension: noted_at}
    dimensions:
      - {name: content, type: categorical, expr: content}
      - {name: noted_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: note_count, agg: count, expr: note_id}
metrics:
  - {name: notes, type: simple, type_params: {measure: note_count}}
"""


def test_a_model_view_over_a_server_file_is_refused_by_duckdb_itself(tmp_path):
    """The catalog builder and `orderlens query` read through the sandbox, not only the guard."""
    from click.testing import CliRunner

    from lab.cli import cli
    from nl2sql.ask import catalog_for

    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    with write_connection(db) as con:  # what a model author with write access could create
        con.execute(
            "CREATE VIEW notes AS SELECT 1 AS note_id, DATE '2026-01-01' AS noted_at, content "
            f"FROM read_text('{secret}')"
        )
    model_dir = tmp_path / "model"
    model_dir.mkdir()
    (model_dir / "notes.yml").write_text(LEAK_MODEL, encoding="utf-8")
    try:
        catalog = catalog_for(model_dir, db)
    except duckdb.PermissionException:
        catalog = None
    assert "root:x" not in repr(catalog)
    args = ["query", "--metrics", "notes", "--group-by", "note__content", "--db", str(db)]
    out = CliRunner().invoke(cli, [*args, "--semantic-model", str(model_dir), "--json"])
    assert out.exit_code != 0
    assert "root:x" not in out.output
    assert "disabled by configuration" in out.output


def _service(db: Path):
    from lab.server.history import QuestionHistory
    from lab.server.service import AskService, ServiceSettings

    settings = ServiceSettings(db=str(db), engine="rules", today="2026-11-20", chart_svg=False)
    return AskService(settings, QuestionHistory(None), answer_cache_size=64)


def test_ingest_in_another_process_succeeds_while_the_server_answers(tmp_path, demo_db):
    """Issue 15 item 7: finance ingests a statement while business users keep asking."""
    import shutil
    import threading

    db = tmp_path / "w.duckdb"
    shutil.copy(demo_db, db)
    service = _service(db)
    statuses: list[int] = []
    answered = threading.Condition()
    stop = threading.Event()

    def keep_asking() -> None:
        while not stop.is_set():
            try:
                status = service.ask("各渠道的订单数")[0]
            except Exception as exc:  # an asker that died must fail the test, not hang it
                status = -1
                print(f"asker failed: {exc!r}")
            with answered:
                statuses.append(status)
                answered.notify_all()

    def wait_for_answers(n: int) -> bool:
        """Until ``n`` answers were given (under load an answer can take seconds: no sleep
        of a fixed length decides it), at most a minute."""
        with answered:
            return answered.wait_for(lambda: len(statuses) >= n, timeout=60)

    askers = [threading.Thread(target=keep_asking) for _ in range(3)]
    for t in askers:
        t.start()
    statement = tmp_path / "stmt.csv"
    statement.write_text(HEADER_CSV + "2026-11-19,10:00:00,88.00,,某公司,货款,R1\n", "utf-8")
    try:
        assert wait_for_answers(3)  # the server is busy answering before the writer starts
        done = subprocess.run(
            [sys.executable, "-m", "lab.cli", "ingest", "bank-csv", str(statement), "--db",
             str(db), "--rejects", str(tmp_path / "rej"), "--no-progress", "--currency", "CNY"],
            capture_output=True, text=True, cwd=ROOT, timeout=120,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        answered_during = len(statuses)
        kept_answering = wait_for_answers(answered_during + 1)
    finally:
        stop.set()
        for t in askers:
            t.join(timeout=60)
        service.close()
    assert done.returncode == 0, done.stderr
    assert "Could not set lock" not in done.stderr + done.stdout
    assert "bank_transactions +1 new" in done.stdout
    assert set(statuses) == {200} and kept_answering  # kept answering after


def test_server_answers_from_a_rebuilt_file_not_the_deleted_one(tmp_path, demo_db):
    """Issue 15 item 8: `orderlens demo` swaps in a new file; the next answer reads it."""
    import shutil

    db = tmp_path / "w.duckdb"
    shutil.copy(demo_db, db)
    service = _service(db)
    try:
        status, body = service.ask("订单数")
        assert status == 200
        before = body["rows"][0][-1]
        smaller = tmp_path / "w.duckdb.building"
        shutil.copy(demo_db, smaller)
        with write_connection(smaller) as con:
            con.execute(
                "DELETE FROM orders WHERE order_id IN (SELECT order_id FROM orders LIMIT 1000)"
            )
        os.replace(smaller, db)  # what build_demo_warehouse does at its end
        status, body = service.ask("订单数")
    finally:
        service.close()
    assert status == 200 and body["cached"] is False
    assert body["rows"][0][-1] == before - 1000


def test_one_model_cache_reloads_an_edited_model_for_ask_magics_and_server(tmp_path):
    """Issue 16 item 9: ``%ask``, the server and ``ask`` share one model cache, keyed by files."""
    import shutil

    from lab.magics import AskMagics
    from nl2sql.ask import get_model

    model_dir = tmp_path / "tpch"
    shutil.copytree(ROOT / "tests" / "fixtures" / "semantic" / "tpch_legacy", model_dir)
    first = get_model(model_dir)
    assert get_model(model_dir) is first
    from lab.server.history import QuestionHistory
    from lab.server.service import AskService, ServiceSettings

    settings = ServiceSettings(db=str(tmp_path / "unused.duckdb"), semantic_model=str(model_dir))
    service = AskService(settings, QuestionHistory(None))
    try:
        magics = AskMagics(shell=None, semantic_model=str(model_dir))
        assert service.model() is first and magics._model() is first
        yml = model_dir / "tpch.yml"
        text = yml.read_text(encoding="utf-8")
        yml.write_text(text.replace("name: revenue_per_order", "name: revenue_each_order"), "utf-8")
        reloaded = get_model(model_dir)
        assert reloaded is not first
        assert "revenue_each_order" in {m.name for m in reloaded.metrics.values()}
        assert service.model() is reloaded and magics._model() is reloaded
    finally:
        service.close()


def test_sandboxed_open_next_to_a_plain_connection_in_the_same_process(tmp_path):
    """DuckDB refuses a second configuration of an open file; the sandbox still applies."""
    db = tmp_path / "w.duckdb"
    with write_connection(db) as con:
        con.execute("CREATE TABLE t AS SELECT 1 AS i")
    plain = duckdb.connect(str(db), read_only=True)  # e.g. an evaluation harness's own
    try:
        with read_connection(db) as con:
            assert con.execute("SELECT i FROM t").fetchall() == [(1,)]
            with pytest.raises(duckdb.PermissionException):
                con.execute("SELECT * FROM read_text('/etc/hostname')").fetchall()
            assert connection_version(con) == warehouse_version(db)
    finally:
        plain.close()
