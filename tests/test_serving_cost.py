"""What keeps an answer cheap on a busy server, and what must never change with it (issue 15).

The compiled-plan cache (``nl2sql.plans.Plan``), the server's page presentation memo, the query
watchdog and the warehouse kept open between questions. Each test checks the correctness side:
a plan or presentation is reused only under the exact key it was made for (model, warehouse
version, ``today``, context), the data is read on every question, a query past its time is
still stopped and a writer still gets in. Nothing here is timed.
"""

from __future__ import annotations

import datetime as dt
import importlib
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from connectors.warehouse import connect, warehouse_version
from lab.server import open_warehouse as open_warehouse_module
from lab.server import service as service_module
from lab.server.history import QuestionHistory
from lab.server.service import AskService, ServiceSettings
from nl2sql import ask, plans
from nl2sql.errors import GuardError
from nl2sql.guard import run_guarded
from semantic_layer.loader import BUILTIN_MODEL_DIR

#: the module, not the function ``nl2sql.ask`` that shadows it on the package
ask_module = importlib.import_module("nl2sql.ask")
TODAY = "2026-11-20"
ROOT = Path(__file__).resolve().parents[1]


def _copy_db(demo_db: Path, to: Path) -> Path:
    shutil.copy(demo_db, to)
    return to


def _drop_orders(db: Path, channel: str) -> None:
    """Delete one channel's orders (a new warehouse version with different answers).

    In another process, as ingest or reconcile would: a server in this process holds the file
    open read-only between questions, and DuckDB refuses a second configuration of one file
    within a process (a writer elsewhere queues and the server lets it in).
    """
    code = (
        "import sys\n"
        "from connectors.warehouse import write_connection\n"
        "with write_connection(sys.argv[1], purpose='test') as con:\n"
        "    con.execute('DELETE FROM orders WHERE channel = ?', [sys.argv[2]])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(db), channel],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def _channel_gmv(db: Path) -> dict[str, float]:
    """GMV per channel straight from the warehouse, the way the model defines it."""
    con = connect(db, read_only=True)
    try:
        got = con.execute(
            "SELECT channel, SUM(goods_amount) FROM orders GROUP BY 1 ORDER BY 1"
        ).fetchall()
    finally:
        con.close()
    return {c: round(float(v), 2) for c, v in got}


def _as_dict(answer) -> dict[str, float]:
    cols = answer.columns
    i, j = cols.index("order__channel"), cols.index("gmv")
    return {r[i]: round(float(r[j]), 2) for r in answer.rows()}


def test_a_repeated_question_reuses_its_plan_and_still_reads_the_data(demo_db) -> None:
    plans.clear_plans()
    first = ask("GMV by channel", db=demo_db, today=TODAY, chart=False)
    again = ask("GMV by channel", db=demo_db, today=TODAY, chart=False)
    assert first.timings["parse_ms"] > 0 and again.timings["parse_ms"] == 0.0  # the kept plan
    assert again.sql == first.sql and again.interpretation == first.interpretation
    assert "execute_ms" in again.timings  # the query ran again
    assert _as_dict(again) == _as_dict(first) == _channel_gmv(demo_db)


def test_a_plan_is_never_served_for_another_warehouse(tmp_path, demo_db) -> None:
    """Two warehouses (one without its Tmall orders) in one process: each answers its own."""
    plans.clear_plans()
    whole = _copy_db(demo_db, tmp_path / "whole.duckdb")
    cut = _copy_db(demo_db, tmp_path / "cut.duckdb")
    _drop_orders(cut, "tmall")
    a = ask("GMV by channel", db=whole, today=TODAY, chart=False)
    b = ask("GMV by channel", db=cut, today=TODAY, chart=False)
    assert b.timings["parse_ms"] > 0  # planned anew: the warehouse is part of the key
    assert _as_dict(a) == _channel_gmv(whole) and "tmall" in _as_dict(a)
    assert _as_dict(b) == _channel_gmv(cut) and "tmall" not in _as_dict(b)


def test_a_new_warehouse_version_today_or_model_plans_anew(tmp_path, demo_db) -> None:
    plans.clear_plans()
    db = _copy_db(demo_db, tmp_path / "w.duckdb")
    model = ask_module.get_model(None)
    catalog = ask_module.catalog_for(None, db)
    today = dt.date.fromisoformat(TODAY)
    key = plans.plan_key("GMV last month", model, warehouse_version(db), today, "auto", None)
    assert key is not None
    ask("GMV last month", db=db, today=TODAY, chart=False)
    assert plans.cached_plan(key, model, catalog) is not None
    # another day: "last month" is another month, so another key and another SQL
    later = ask("GMV last month", db=db, today="2026-12-20", chart=False)
    assert later.timings["parse_ms"] > 0 and later.sql is not None and "2026-11-01" in later.sql
    # a new warehouse version: the old key is not the one asked for any more
    _drop_orders(db, "tmall")
    new_key = plans.plan_key("GMV last month", model, warehouse_version(db), today, "rules", None)
    assert new_key != key
    # another model object (an edited model is reloaded as one) never matches the entry
    other = ask_module.get_model(_model_copy(tmp_path))
    assert plans.cached_plan(key, other, catalog) is None
    # the LLM engine and follow-up contexts that are objects are never kept
    assert plans.plan_key("q", model, "v", today, "llm", None) is None
    assert plans.plan_key("q", model, "v", today, "rules", object()) is None
    assert plans.plan_key("q", model, "", today, "rules", None) is None


def _model_copy(tmp_path: Path) -> Path:
    model = tmp_path / "model"
    shutil.copytree(BUILTIN_MODEL_DIR, model)
    return model


def test_an_edited_model_is_planned_with_its_new_definition(tmp_path, demo_db) -> None:
    plans.clear_plans()
    model = _model_copy(tmp_path)
    first = ask("GMV by channel", model=model, db=demo_db, today=TODAY, chart=False)
    sales = model / "sales.yml"
    text = sales.read_text(encoding="utf-8")
    sales.write_text(text.replace("expr: goods_amount", "expr: paid_amount", 1), "utf-8")
    edited = ask("GMV by channel", model=model, db=demo_db, today=TODAY, chart=False)
    assert first.sql is not None and edited.sql is not None
    assert "goods_amount" in first.sql and "paid_amount" in edited.sql
    assert edited.timings["parse_ms"] > 0


def _service(db: Path, answer_cache_size: int = 0) -> AskService:
    settings = ServiceSettings(db=str(db), engine="rules", today=TODAY, chart_svg=False)
    return AskService(settings, QuestionHistory(None), answer_cache_size=answer_cache_size)


def test_the_page_chart_follows_the_rows_not_the_question(tmp_path, demo_db) -> None:
    """The presentation memo is keyed by the answer's content: new rows, a new chart."""
    db = _copy_db(demo_db, tmp_path / "w.duckdb")
    service = _service(db)
    try:
        status, first = service.ask("GMV by channel")
        assert status == 200 and first["chart"] is not None
        status, again = service.ask("GMV by channel")
        assert again["cached"] is False  # the answer cache is off: asked again...
        assert again["chart"] == first["chart"]  # ...and drawn the same from the same rows
        _drop_orders(db, "tmall")
        status, after = service.ask("GMV by channel")
        assert status == 200 and after["cached"] is False
        assert len(_chart_rows(after["chart"])) == len(_chart_rows(first["chart"])) - 1
        assert [m["name"] for m in after["column_meta"]] == after["columns"]
    finally:
        service.close()


def _chart_rows(spec: dict) -> list:
    """The data rows a Vega-Lite spec draws (inline ``data.values``)."""
    return spec["data"]["values"]


def _slow_table() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    con.execute("CREATE TABLE t AS SELECT range AS i FROM range(5000)")
    return con


def test_a_query_past_its_time_is_stopped_and_an_ended_one_never_is() -> None:
    con = _slow_table()
    try:
        with pytest.raises(GuardError, match=r"ran longer than 0\.3 s"):
            run_guarded(con, "SELECT COUNT(*) FROM t a, t b, t c", {"t"}, timeout_s=0.3)
        # a query that ended before its deadline: the deadline passing later is harmless
        assert (
            run_guarded(con, "SELECT COUNT(*) FROM t", {"t"}, timeout_s=0.2).df.iloc[0, 0] == 5000
        )
        time.sleep(0.4)
        got = run_guarded(con, "SELECT SUM(a.i) FROM t a, t b WHERE b.i < 400", {"t"})
        assert int(got.df.iloc[0, 0]) == 400 * sum(range(5000))
    finally:
        con.close()


def test_queries_on_many_threads_each_keep_their_own_deadline() -> None:
    """Five slow queries with short limits and five quick ones with long limits, at once."""
    results: dict[str, str] = {}

    def run(name: str, sql: str, timeout_s: float) -> None:
        con = _slow_table()
        try:
            run_guarded(con, sql, {"t"}, timeout_s=timeout_s)
            results[name] = "ok"
        except GuardError:
            results[name] = "stopped"
        finally:
            con.close()

    threads = [
        threading.Thread(target=run, args=(f"slow{i}", "SELECT COUNT(*) FROM t a, t b, t c", 0.3))
        for i in range(5)
    ] + [
        threading.Thread(target=run, args=(f"quick{i}", "SELECT COUNT(*) FROM t", 30.0))
        for i in range(5)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert results == {**{f"slow{i}": "stopped" for i in range(5)},
                       **{f"quick{i}": "ok" for i in range(5)}}  # fmt: skip


def test_the_idle_server_keeps_the_warehouse_open_yet_a_writer_gets_in(tmp_path, demo_db):
    """Kept open between questions (no file open per answer), closed for a queued writer."""
    db = _copy_db(demo_db, tmp_path / "w.duckdb")
    service = _service(db)
    try:
        assert service.ask("订单数")[0] == 200
        assert service.warehouse._anchor is not None  # still open after the question ended
        _drop_orders(db, "tmall")  # a writer in another process: it queues and gets in
        status, body = service.ask("各渠道的GMV")
        assert status == 200 and "tmall" not in {row[0] for row in body["rows"]}
    finally:
        service.close()


def test_an_idle_warehouse_is_closed_after_the_linger(tmp_path, demo_db, monkeypatch) -> None:
    monkeypatch.setattr(open_warehouse_module, "ANCHOR_LINGER_S", 0.2)
    db = _copy_db(demo_db, tmp_path / "w.duckdb")
    service = _service(db)
    try:
        assert service.ask("订单数")[0] == 200
        deadline = time.monotonic() + 30
        while service.warehouse._anchor is not None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert service.warehouse._anchor is None
        # nothing holds the file: a plain read-write open in this process succeeds at once
        duckdb.connect(str(db)).close()
        assert service.ask("订单数")[0] == 200  # and the next question opens it again
    finally:
        service.close()


def test_questions_run_on_cursors_of_the_open_warehouse(tmp_path, demo_db, monkeypatch) -> None:
    """After the first question no answer opens the file again (a cursor per question)."""
    db = _copy_db(demo_db, tmp_path / "w.duckdb")
    service = _service(db)
    try:
        assert service.ask("订单数")[0] == 200
        opened: list[object] = []
        real_connect = ask_module.connect

        def counting_connect(*a: Any, **k: Any) -> Any:
            opened.append(a)
            return real_connect(*a, **k)

        for module in (ask_module, service_module, open_warehouse_module):
            monkeypatch.setattr(module, "connect", counting_connect)
        for question in ("GMV by channel", "各渠道的订单数", "订单数"):
            status, body = service.ask(question)
            assert status == 200 and body["rows"]
        assert opened == []
        # the version the answer says it read is the file's own (the plan cache's key)
        assert (
            service.warehouse._anchor is not None
            and service.warehouse._anchor.stamp == warehouse_version(db)
        )
    finally:
        service.close()


def test_a_replaced_file_is_read_once_the_questions_on_the_old_one_end(tmp_path, demo_db) -> None:
    """A rebuilt warehouse swapped in while a question still reads the old file: that question
    finishes on its cursor (closing the old connection would close it), and the next question
    waits for it, then opens and answers from the new file (never the deleted one)."""
    db = _copy_db(demo_db, tmp_path / "w.duckdb")
    service = _service(db)
    try:
        status, body = service.ask("订单数")
        before = body["rows"][0][-1]
        smaller = _copy_db(demo_db, tmp_path / "w.duckdb.building")
        with duckdb.connect(str(smaller)) as con:
            con.execute(
                "DELETE FROM orders WHERE order_id IN (SELECT order_id FROM orders LIMIT 500)"
            )
        waiting = threading.Event()
        real_wait = service.warehouse._quiet.wait_for

        def wait_for(predicate, timeout=None):  # the next question reached the retired file
            waiting.set()
            return real_wait(predicate, timeout)

        service.warehouse._quiet.wait_for = wait_for  # type: ignore[method-assign]
        got: list[tuple[int, dict]] = []
        with service.gate.read(), service.warehouse.reader(warehouse_version(db)) as (old, _):
            shutil.move(smaller, db)  # what `orderlens demo` does at its end (os.replace)
            asker = threading.Thread(target=lambda: got.append(service.ask("订单数")))
            asker.start()
            assert waiting.wait(30)
            # the question on the old file still reads it: its cursor was not closed
            assert old.execute("SELECT count(*) FROM orders").fetchone()[0] == before
        asker.join(60)
        status, body = got[0]
        assert status == 200 and body["rows"][0][-1] == before - 500
        assert service.warehouse._retired == []
    finally:
        service.close()
