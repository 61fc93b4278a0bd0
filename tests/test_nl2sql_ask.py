"""ask() end to end on the demo warehouse: answers, charts, guard, CLI contract, LLM engine, fuzz."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nl2sql import ask
from nl2sql.errors import GuardError, LLMConfigError
from nl2sql.guard import check_sql

TODAY = "2026-11-20"


def test_seed_question_answers_with_interpretation(demo_con) -> None:
    a = ask("找出最近30天退货率>15%且复购率<5%的SKU", con=demo_con, today=TODAY, engine="rules")
    assert a.ok, a.error
    assert a.query.having[0].metric == "return_rate" and a.query.having[0].value == 0.15
    assert "退货率 > 15%" in a.interpretation and "复购率 < 5%" in a.interpretation
    assert "最近30天" in a.interpretation
    assert set(a.timings) >= {"parse_ms", "compile_ms", "execute_ms", "total_ms"}
    if len(a.df):
        assert (a.df["return_rate"] > 0.15).all()


def test_group_by_answer_matches_direct_sql_and_has_sorted_bar(demo_con) -> None:
    a = ask("各渠道GMV", con=demo_con, today=TODAY, engine="rules")
    gold = dict(
        demo_con.execute("SELECT channel, SUM(goods_amount) FROM orders GROUP BY 1").fetchall()
    )
    got = dict(zip(a.df.iloc[:, 0], a.df.iloc[:, 1], strict=True))
    assert got.keys() == gold.keys()
    assert all(abs(float(gold[k]) - got[k]) < 0.01 for k in gold)
    spec = a.chart.to_dict()
    assert spec["mark"]["type"] == "bar" and spec["encoding"]["y"]["sort"] == "-x"
    assert spec["title"] == a.interpretation


def test_chart_shapes(demo_con) -> None:
    line = ask("按月统计GMV", con=demo_con, today=TODAY).chart.to_dict()
    # today=2026-11-20: November is partial, a dashed segment (line) and lighter points
    assert [layer["mark"]["type"] for layer in line["layer"]] == ["line", "point"]
    assert line["title"]["subtitle"].startswith("2026-11 为不完整周期")
    assert line["layer"][0]["encoding"]["x"]["type"] == "temporal"
    done = ask("按月统计GMV", con=demo_con, today="2026-12-01").chart.to_dict()
    assert done["mark"]["type"] == "line"  # November over (and this month has no rows yet)
    big = ask("GMV last month", con=demo_con, today=TODAY).chart.to_dict()
    assert big["mark"]["type"] == "text"
    scatter = ask("GMV and orders by channel", con=demo_con, today=TODAY).chart.to_dict()
    assert [layer["mark"]["type"] for layer in scatter["layer"]] == ["circle", "text"]
    assert scatter["layer"][1]["encoding"]["text"]["field"] == "order__channel"  # points named
    assert done["encoding"]["x"]["axis"]["format"] == "%Y-%m"  # month axis shows the year


def test_to_json_contract_and_refusal(demo_con) -> None:
    a = ask("GMV by month", con=demo_con, today=TODAY)
    doc = json.loads(a.to_json_str())
    assert set(doc) == {"sql", "columns", "rows", "interpretation", "chart"}
    assert isinstance(doc["rows"][0][0], str) and doc["rows"][0][0][:2] == "20"  # ISO date
    r = ask("按颜色统计GMV", con=demo_con, today=TODAY)
    assert r.refused and set(r.to_json()) == {"error", "reason", "suggestions"} and r.suggestions
    assert "颜色" in r.error
    assert "Cannot answer" in r._repr_html_()
    assert "<table" in a._repr_mimebundle_()["text/html"]


def test_cli_json_and_exit_code(demo_db, tmp_path) -> None:
    from lab.cli import cli

    runner = CliRunner()
    out = runner.invoke(
        cli,
        [
            "ask",
            "各渠道GMV",
            "--db",
            str(demo_db),
            "--today",
            TODAY,
            "--json",
            "--chart",
            str(tmp_path / "c.svg"),
        ],
    )
    assert out.exit_code == 0, out.output
    doc = json.loads(out.output)
    assert doc["columns"] == ["order__channel", "gmv"] and doc["chart"]["mark"]["type"] == "bar"
    assert "<svg" in (tmp_path / "c.svg").read_text(encoding="utf-8")
    bad = runner.invoke(cli, ["ask", "天气怎么样", "--db", str(demo_db), "--json"])
    assert bad.exit_code == 2 and set(json.loads(bad.output)) == {"error", "reason", "suggestions"}
    text = runner.invoke(cli, ["ask", "GMV by channel", "--db", str(demo_db), "--engine", "rules"])
    assert text.exit_code == 0 and "jd" in text.output and "GMV" in text.output


@pytest.mark.parametrize(
    "sql",
    [
        "DROP TABLE orders",
        "SELECT 1; SELECT 2",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM secrets",
        "COPY orders TO 'x.csv'",
        "ATTACH 'x.db'",
        "SELECT * FROM other.main.orders",
        "INSERT INTO orders SELECT * FROM orders",
    ],
)
def test_guard_refuses(sql: str) -> None:
    with pytest.raises(GuardError):
        check_sql(sql, {"orders"})


def test_guard_row_cap(demo_con) -> None:
    a = ask("top 10 customers by GMV", con=demo_con, today=TODAY, max_rows=3)
    assert a.ok and len(a.df) == 3 and a.truncated
    # the line every front end shows says the list is cut (read as complete, it was wrong)
    assert a.interpretation.endswith("first 3 rows only: more rows matched (the row limit)")
    zh = ask("GMV最高的前10个客户", con=demo_con, today=TODAY, max_rows=3)
    assert (
        zh.ok
        and zh.truncated
        and zh.interpretation.endswith("仅显示前3行：还有更多行未显示（行数上限）")
    )
    whole = ask("top 3 customers by GMV", con=demo_con, today=TODAY, max_rows=3)
    assert whole.ok and not whole.truncated and "row limit" not in whole.interpretation


# ---- LLM engine ----------------------------------------------------------------------------
def test_llm_missing_key_is_named_before_any_call(demo_con, monkeypatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(LLMConfigError, match="OPENAI_API_KEY"):
        ask("GMV", con=demo_con, engine="llm")
    # auto without a key: the rules refusal, no call
    got = ask("天气怎么样", con=demo_con, engine="auto")
    assert got.refused and got.engine == "rules" and "天气" in got.error


def test_llm_with_fake_chat_model_and_fallback(demo_con) -> None:
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    good = FakeListChatModel(
        responses=[
            json.dumps(
                {
                    "metrics": ["gmv"],
                    "group_by": ["order__channel"],
                    "limit": 2,
                    "order_by": [{"name": "gmv", "descending": True}],
                }
            )
        ]
    )
    a = ask("which two channels sell the most?", con=demo_con, engine="llm", chat_model=good)
    assert a.ok and a.engine == "llm" and len(a.df) == 2
    bad = FakeListChatModel(responses=['{"metrics": ["profit"]}'])
    b = ask("GMV by channel", con=demo_con, engine="llm", chat_model=bad)
    assert b.ok and b.engine == "rules" and any("LLM engine failed" in n for n in b.notes)


class _FakeOpenAI(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        tool = body["tools"][0]["function"]["name"]
        args = json.dumps({"metrics": ["order_count"], "group_by": ["customer__tier"]})
        payload = {
            "id": "x",
            "object": "chat.completion",
            "created": 0,
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "tool_calls",
                    "message": {
                        "role": "assistant",
                        "content": None,
                        "tool_calls": [
                            {
                                "id": "call_1",
                                "type": "function",
                                "function": {"name": tool, "arguments": args},
                            }
                        ],
                    },
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


def test_llm_engine_through_openai_client_against_local_server(demo_con, monkeypatch) -> None:
    server = HTTPServer(("127.0.0.1", 0), _FakeOpenAI)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        monkeypatch.setenv("OPENAI_API_KEY", "test-key")
        monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{server.server_port}/v1")
        monkeypatch.setenv("ORDERLENS_LLM_MODEL", "local-model")
        a = ask("每个会员层次下了多少订单", con=demo_con, engine="llm")
        assert a.ok and a.engine == "llm", a.error
        assert a.query.group_by == ["customer__tier"] and len(a.df) == 4
    finally:
        server.shutdown()


# ---- fuzz ---------------------------------------------------------------------------------
INJECTIONS = st.sampled_from(
    [
        "'; DROP TABLE orders; --",
        'GMV"; DELETE FROM orders',
        "1=1 OR",
        "UNION SELECT * FROM customers",
        "{{ Dimension('x') }}",
        "\x00",
        "GMV by channel" * 40,
        "ＧＭＶ" * 300,
    ]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.text(max_size=200),
        INJECTIONS,
        st.builds(lambda a, b: a + b, INJECTIONS, st.text(max_size=30)),
    )
)
def test_fuzz_never_crashes_and_only_guarded_selects_run(demo_con, text: str) -> None:
    a = ask(text, con=demo_con, today=TODAY, engine="rules", chart=False)
    # exactly one outcome, each complete: a refusal names why, an answer has its SQL and
    # reading, a failure to run is not presented as an answer
    if a.refused:
        assert a.error and not a.ok and a.df is None
    elif a.error is None:
        assert a.ok and a.sql and a.interpretation
    else:
        assert not a.ok and a.df is None
    if a.sql is not None:
        check_sql(
            a.sql,
            {
                "orders",
                "order_lines",
                "customers",
                "skus",
                "returns",
                "shipments",
                "tracking_events",
                "status_snapshots",
                "order_id_map",
                "payment_bills",
                "bank_transactions",
                "service_interactions",
                "freight_index",
                "warehouse_stock",
                "customs_calendar",
                "bank_truth",
            },
        )


# ---- "where is order X?": the status trace card -------------------------------------------
def _jd_order(demo_con) -> tuple[str, str, str]:
    """The demo's JD20260210001 (seed 42): (global id, ERP number, a tracking number)."""
    (row,) = demo_con.execute(
        "SELECT o.order_id, o.erp_order_no, s.tracking_no FROM orders o "
        "JOIN shipments s USING (order_id) WHERE o.channel_order_no = 'JD20260210001'"
    ).fetchall()
    return row


@pytest.mark.parametrize(
    ("question", "interpretation"),
    [
        ("where is order JD20260210001?", "Status trace of order JD20260210001 ({})"),
        ("订单JD20260210001到哪了", "订单 JD20260210001 的状态轨迹（{}）"),
    ],
)
def test_order_question_answers_with_the_trace_card(demo_con, question, interpretation) -> None:
    from lab.trace import timeline_for, trace_card

    order_id, _, _ = _jd_order(demo_con)
    a = ask(question, con=demo_con, today=TODAY)
    assert a.ok and a.engine == "trace", a.error
    assert a.interpretation == interpretation.format(order_id)
    expected = trace_card(demo_con, "JD20260210001")
    assert a.card == expected and a.card["order_id"] == order_id
    # the rows are the timeline (one per stage and system), fetched by the guarded SELECT
    timeline = timeline_for(demo_con, [order_id])
    assert len(a.df) == len(timeline) > 0
    assert list(a.df["system"]) == list(timeline["system"])
    check_sql(a.sql, {"status_snapshots"})
    assert f"'{order_id}'" in a.sql and "JD20260210001" not in a.sql
    doc = json.loads(a.to_json_str())
    assert set(doc) == {"sql", "columns", "rows", "interpretation", "chart", "card"}
    assert doc["chart"] is None and doc["card"]["current_stage"] == expected["current_stage"]
    headline = expected["headline_zh" if "订单" in question else "headline_en"]
    assert headline in str(a) and "ol-card" in a._repr_html_()


def test_any_system_id_finds_the_order_and_unknown_ids_are_refused_by_name(demo_con) -> None:
    order_id, erp_no, tracking_no = _jd_order(demo_con)
    for question in (f"{erp_no} 什么状态", f"where is {tracking_no}", f"{order_id}到哪了"):
        a = ask(question, con=demo_con, today=TODAY)
        assert a.ok and a.card["order_id"] == order_id, (question, a.error)
    for question in ("where is order JD29990210001?", "订单JD29990210001到哪了"):
        r = ask(question, con=demo_con, today=TODAY)
        assert r.refused and "no system knows order JD29990210001" in r.error
        assert set(r.to_json()) == {"error", "reason", "suggestions"}


def test_dates_amounts_and_unknown_warehouses_never_trigger_the_card(demo_con, tmp_path) -> None:
    import duckdb

    for question in ("GMV from 20260101 to 20260131", "orders with GMV above 1000000", "各渠道GMV"):
        a = ask(question, con=demo_con, today=TODAY)
        assert a.card is None and a.engine != "trace", question
    # a warehouse without the trace tables: order-shaped tokens are left to the engine
    con = duckdb.connect(str(tmp_path / "other.duckdb"))
    con.execute("CREATE TABLE orders (order_id VARCHAR)")
    from lab.trace.answerer import lookup_orders

    assert lookup_orders("where is order JD20260210001?", con) is None
    con.close()


def test_cli_prints_the_card_for_an_order_question(demo_db) -> None:
    from lab.cli import cli

    runner = CliRunner()
    out = runner.invoke(
        cli,
        ["ask", "where is order JD20260210001?", "--db", str(demo_db), "--today", TODAY, "--json"],
    )
    assert out.exit_code == 0, out.output
    doc = json.loads(out.output)
    assert doc["card"]["channel_order_no"] == "JD20260210001"
    assert doc["columns"][:3] == ["stage", "stage_zh", "system"] and doc["rows"]
    bad = runner.invoke(
        cli, ["ask", "where is order JD29990210001?", "--db", str(demo_db), "--json"]
    )
    assert bad.exit_code == 2 and "no system knows order" in json.loads(bad.output)["error"]


def test_catalog_for_is_the_catalog_ask_uses(demo_db, monkeypatch) -> None:
    import semantic_layer
    from nl2sql import catalog_for

    catalog = catalog_for(None, demo_db)
    assert "jd" in catalog.dimension("order__channel").values
    built: list[int] = []
    monkeypatch.setattr(semantic_layer, "build_catalog", lambda *a, **k: built.append(1))
    assert ask("各渠道GMV", db=str(demo_db), today=TODAY).ok
    assert built == [] and catalog_for(None, str(demo_db)) is catalog  # shared, not rebuilt


def test_sql_engine_options_are_checked_before_anything_runs(demo_db, demo_con) -> None:
    from lab.cli import cli
    from nl2sql import NL2SQLError

    runner = CliRunner()
    out = runner.invoke(
        cli, ["ask", "GMV", "--db", str(demo_db), "--engine", "spark", "--sql-engine", "duckdb"]
    )
    assert out.exit_code == 2 and "drop --sql-engine duckdb" in out.output
    out = runner.invoke(
        cli,
        [
            "query",
            "--metrics",
            "gmv",
            "--db",
            str(demo_db),
            "--engine",
            "spark",
            "--dialect",
            "postgres",
        ],
    )
    assert out.exit_code == 2 and "drop --dialect postgres" in out.output
    with pytest.raises(NL2SQLError, match="choose one of duckdb, spark"):
        ask("GMV", con=demo_con, sql_engine="presto")
    with pytest.raises(NL2SQLError, match=r"needs db= .* or parquet_dir="):
        ask("GMV", con=demo_con, sql_engine="spark")


def test_cli_chart_name_checked_before_work_and_missing_chart_explained(
    demo_db, tmp_path, monkeypatch
) -> None:
    import nl2sql
    from lab.cli import cli

    runner = CliRunner()
    asked: list[str] = []
    monkeypatch.setattr(nl2sql, "ask", lambda q, **kw: asked.append(q))
    pdf = runner.invoke(cli, ["ask", "GMV by channel", "--db", str(demo_db), "--chart", "x.pdf"])
    assert pdf.exit_code == 1 and asked == []  # not the refusal status 2, and nothing was run
    assert "cannot write a .pdf file" in pdf.output and ".png, .svg or .html" in pdf.output
    monkeypatch.undo()
    svg = tmp_path / "card.svg"
    order = runner.invoke(
        cli,
        ["ask", "where is order JD20260210001?", "--db", str(demo_db), "--today", TODAY,
         "--chart", str(svg)],
    )  # fmt: skip
    assert order.exit_code == 0 and not svg.exists()
    assert f"nothing written to {svg}: an order question is answered with its status" in (
        order.output
    )


def test_cli_text_answer_builds_no_chart(demo_db, monkeypatch) -> None:
    """Without --json or --chart no chart is built (the cold-start budget has no room for it)."""
    import nl2sql.charts
    from lab.cli import cli

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("a chart was built for a text answer")

    monkeypatch.setattr(nl2sql.charts, "choose_chart", boom)
    out = CliRunner().invoke(cli, ["ask", "GMV by channel", "--db", str(demo_db)])
    assert out.exit_code == 0 and "no chart" not in out.output and "jd" in out.output
