"""The semantic layer's test queries on Spark (local[1]) over Parquet equal DuckDB's results.

One Spark session for the module (JVM start-up is the slow part); the demo warehouse is exported
to Parquet once. Spark SQL comes from ``compile_query(..., dialect="spark")`` — the sqlglot
transpilation the ``--engine spark`` option uses.
"""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

import pytest
import yaml

from connectors.engines import EngineError, run_sql
from connectors.engines.spark import referenced_tables, to_spark_sql
from connectors.export import export_parquet
from connectors.warehouse import connect
from tests.semantic_helpers import assert_same, df_rows

pytestmark = pytest.mark.slow

if shutil.which("java") is None:  # pragma: no cover - Java 17 is part of the dev machine
    pytest.skip("Spark needs a Java runtime (java not on PATH)", allow_module_level=True)
pytest.importorskip("pyspark")

CASES = yaml.safe_load(
    (Path(__file__).parent / "fixtures/semantic/demo_cases.yml").read_text(encoding="utf-8")
)["cases"]
MASTER = "local[1]"
# Every second case keeps the test near a minute on a 2-core machine (JVM start-up included);
# `ORDERLENS_SPARK_ALL_CASES=1` runs all of them (all 64 passed when this was written).
STEP = 1 if os.environ.get("ORDERLENS_SPARK_ALL_CASES") else 2


@pytest.fixture(scope="module", autouse=True)
def spark_session():
    """One session for the module, tuned for tiny data: adaptive execution and whole-stage
    code generation cost more than they save on a 3,000-order warehouse (halves query time)."""
    from connectors.engines.spark import get_session

    spark = get_session(MASTER)
    spark.conf.set("spark.sql.adaptive.enabled", "false")
    spark.conf.set("spark.sql.codegen.wholeStage", "false")
    return spark


@pytest.fixture(scope="module")
def parquet_dir(demo_db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("parquet")
    con = connect(demo_db, read_only=True, sandbox=False)  # COPY writes the Parquet files
    try:
        counts = export_parquet(con, out)
    finally:
        con.close()
    assert counts["orders"] == 3000
    return out


@pytest.fixture(scope="module")
def model():
    from semantic_layer import load_model

    return load_model()


def test_export_parquet_roundtrip(parquet_dir, demo_con):
    got = run_sql(
        "select count(*) as n, sum(paid_amount) as s from orders", parquet_dir=parquet_dir
    )
    want = demo_con.execute("select count(*), sum(paid_amount) from orders").fetchone()
    assert (int(got["n"][0]), float(got["s"][0])) == (want[0], float(want[1]))


def test_semantic_cases_equal_duckdb(parquet_dir, model, demo_con):
    from semantic_layer import SemanticQuery, compile_query, query

    warnings.filterwarnings("ignore", category=FutureWarning)  # pyspark and pandas 3
    checked = 0
    for case in CASES[::STEP]:
        q = SemanticQuery(**case["query"])
        want = query(q, model=model, con=demo_con).df
        spark_sql = compile_query(model, q, dialect="spark").sql
        got = run_sql(
            spark_sql, engine="spark", parquet_dir=parquet_dir, spark_master=MASTER, dialect="spark"
        )
        assert list(got.columns) == list(want.columns), case["id"]
        assert_same(df_rows(got), df_rows(want), ordered=bool(q.order_by)), case["id"]
        checked += 1
    assert checked == len(CASES[::STEP]) >= 25


def test_duckdb_sql_is_transpiled(parquet_dir, demo_con):
    sql = (
        "select strftime(created_at, '%Y-%m') as month, count(*) as n from orders "
        "where channel = 'jd' group by 1 order by 1"
    )
    assert "DATE_FORMAT" in to_spark_sql(sql)
    got = run_sql(sql, engine="spark", parquet_dir=parquet_dir, spark_master=MASTER)
    assert_same(df_rows(got), demo_con.execute(sql).fetchall(), ordered=True)


def test_missing_table_and_engine_errors(tmp_path, parquet_dir):
    assert referenced_tables("with x as (select 1) select * from x join orders on true") == [
        "orders"
    ]
    with pytest.raises(EngineError, match="orderlens export parquet"):
        run_sql("select * from orders", engine="spark", parquet_dir=tmp_path, spark_master=MASTER)
    with pytest.raises(EngineError, match="unknown engine"):
        run_sql("select 1", engine="presto")


# ---- `orderlens query --engine spark` and `orderlens ask --engine spark` ----------------------
def _cli_json(args: list[str]) -> dict:
    import json

    from click.testing import CliRunner

    from lab.cli import cli

    out = CliRunner().invoke(cli, args)
    assert out.exit_code == 0, out.output
    return json.loads(out.output)


def test_query_cli_on_spark_equals_duckdb(parquet_dir, demo_db, model):
    from semantic_layer import SemanticQuery, compile_query

    common = [
        "query",
        "--metrics",
        "gmv,order_count",
        "--group-by",
        "order__channel",
        "--start",
        "2026-01-01",
        "--db",
        str(demo_db),
        "--json",
    ]
    duck = _cli_json(common)
    spark = _cli_json(
        [*common, "--engine", "spark", "--spark-master", MASTER, "--parquet-dir", str(parquet_dir)]
    )
    q = SemanticQuery(
        metrics=["gmv", "order_count"],
        group_by=["order__channel"],
        time_range={"start": "2026-01-01"},
    )
    assert spark["sql"] == compile_query(model, q, dialect="spark").sql != duck["sql"]
    assert spark["columns"] == duck["columns"] == ["order__channel", "gmv", "order_count"]
    assert spark["interpretation"] == duck["interpretation"]
    assert len(duck["rows"]) == 5
    assert_same([tuple(r) for r in spark["rows"]], [tuple(r) for r in duck["rows"]], ordered=False)


def test_ask_cli_on_spark_equals_duckdb(parquet_dir, demo_db, model):
    question = "最近90天各渠道的GMV和订单数"
    common = ["ask", question, "--db", str(demo_db), "--today", "2026-11-20", "--json"]
    duck = _cli_json(common)
    spark = _cli_json(
        [*common, "--engine", "spark", "--spark-master", MASTER, "--parquet-dir", str(parquet_dir)]
    )
    explicit = _cli_json(
        [
            *common,
            "--engine",
            "rules",
            "--sql-engine",
            "spark",
            "--spark-master",
            MASTER,
            "--parquet-dir",
            str(parquet_dir),
        ]
    )
    from nl2sql import ask
    from semantic_layer import compile_query

    understood = ask(question, db=demo_db, today="2026-11-20", chart=False).query
    assert spark["sql"] == explicit["sql"] == compile_query(model, understood, "spark").sql
    assert spark["columns"] == duck["columns"] and spark["interpretation"] == duck["interpretation"]
    assert len(duck["rows"]) == 5
    assert_same([tuple(r) for r in spark["rows"]], [tuple(r) for r in duck["rows"]], ordered=False)
    assert_same(
        [tuple(r) for r in explicit["rows"]], [tuple(r) for r in duck["rows"]], ordered=False
    )


def test_ask_server_runs_its_sql_on_spark(parquet_dir, demo_db, model, monkeypatch):
    """The Ask server's service on a shared engine: same answers as on the DuckDB file."""
    from lab.server.history import QuestionHistory
    from lab.server.service import AskService, ServiceSettings

    def service(**engine) -> AskService:
        settings = ServiceSettings(
            db=str(demo_db), engine="rules", today="2026-11-20", chart_svg=False, **engine
        )
        return AskService(settings, QuestionHistory(None), answer_cache_size=0)

    import connectors.engines as engines

    ran_on_spark: list[str] = []

    def counting_run_spark(sql: str, **kwargs):
        ran_on_spark.append(sql)
        return real_run_spark(sql, **kwargs)

    real_run_spark = engines.run_spark
    monkeypatch.setattr(engines, "run_spark", counting_run_spark)
    question = "最近90天各渠道的GMV"
    # closed at once: a service keeps the shared warehouse open for ANCHOR_LINGER_S after its
    # last question, past this test, where a writer or a no-handle check would meet it
    duck_service = service()
    try:
        duck_status, duck = duck_service.ask(question)
    finally:
        duck_service.close()
    assert ran_on_spark == []
    spark_service = service(sql_engine="spark", spark_master=MASTER, parquet_dir=str(parquet_dir))
    try:
        spark_status, spark = spark_service.ask(question)
    finally:
        spark_service.close()
    assert (duck_status, spark_status) == (200, 200)
    from nl2sql import ask
    from semantic_layer import compile_query

    understood = ask(question, db=demo_db, today="2026-11-20", chart=False).query
    assert spark["sql"] == compile_query(model, understood, "spark").sql
    assert ran_on_spark == [spark["sql"]]  # the server's SQL ran on Spark
    assert len(duck["rows"]) == 5
    assert_same([tuple(r) for r in spark["rows"]], [tuple(r) for r in duck["rows"]], ordered=False)
