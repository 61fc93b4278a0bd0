"""``orderlens metrics | dimensions | query | validate`` through click's CliRunner."""

from __future__ import annotations

import json
import shutil

import sqlglot
from click.testing import CliRunner

from lab.cli import cli
from semantic_layer import BUILTIN_MODEL_DIR


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_metrics_lists_the_catalog():
    res = run("metrics")
    assert res.exit_code == 0
    assert "return_rate" in res.output and "退货率" in res.output
    data = json.loads(run("metrics", "--json").output)
    gmv = next(m for m in data if m["name"] == "gmv")
    assert gmv["label"] == "GMV" and gmv["format"] == "currency"


def test_dimensions_with_values(demo_db):
    res = run("dimensions", "--db", str(demo_db), "--metric", "return_rate")
    assert res.exit_code == 0
    assert "sku__category" in res.output and "order__channel" in res.output
    data = json.loads(run("dimensions", "--db", str(demo_db), "--json").output)
    channel = next(d for d in data if d["name"] == "order__channel")
    assert set(channel["values"]) == {"taobao", "tmall", "jd", "miniprogram", "pos"}
    b2b = next(d for d in data if d["name"] == "customer__is_b2b")
    assert b2b["values"] == ["false", "true"]


def test_query_json_contract(demo_db, demo_con):
    res = run(
        "query",
        "--metrics",
        "gmv,order_count",
        "--group-by",
        "order__channel",
        "--db",
        str(demo_db),
        "--json",
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert set(out) == {"sql", "columns", "rows", "interpretation", "chart"}
    assert out["columns"] == ["order__channel", "gmv", "order_count"]
    assert out["interpretation"] == "GMV and orders by sales channel"
    assert out["chart"] is None
    want = dict(demo_con.execute("select channel, count(*) from orders group by 1").fetchall())
    assert {r[0]: r[2] for r in out["rows"]} == want


def test_query_where_time_range_order_limit(demo_db, demo_con):
    res = run(
        "query",
        "--metrics",
        "gmv",
        "--group-by",
        "metric_time__month",
        "--where",
        "{{ Dimension('order__channel') }} = 'jd'",
        "--start",
        "2026-01-01",
        "--end",
        "2026-07-01",
        "--order-by",
        "-gmv",
        "--limit",
        "2",
        "--db",
        str(demo_db),
        "--json",
    )
    out = json.loads(res.output)
    want = demo_con.execute(
        "select cast(date_trunc('month', created_at) as date)::varchar, sum(goods_amount) from orders "
        "where channel = 'jd' and created_at >= date '2026-01-01' and created_at < date '2026-07-01' "
        "group by 1 order by 2 desc limit 2"
    ).fetchall()
    assert [(r[0], round(r[1], 2)) for r in out["rows"]] == [
        (m, round(float(v), 2)) for m, v in want
    ]
    assert "sales channel = 'jd'" in out["interpretation"] and "top 2" in out["interpretation"]


def test_query_sql_only_spark():
    res = run(
        "query",
        "--metrics",
        "return_rate,returned_units",
        "--group-by",
        "sku__category",
        "--dialect",
        "spark",
        "--sql-only",
    )
    assert res.exit_code == 0
    sqlglot.parse_one(res.output, read="spark")
    assert "agg_returns" in res.output and "agg_order_lines" in res.output


def test_query_unknown_metric_is_a_clear_error(demo_db):
    res = CliRunner().invoke(cli, ["query", "--metrics", "gmvv", "--db", str(demo_db)])
    assert res.exit_code != 0 and "did you mean gmv" in res.output
    res = CliRunner().invoke(cli, ["query", "--metrics", "gmvv", "--db", str(demo_db), "--json"])
    assert res.exit_code == 2 and "error" in json.loads(res.output)


def test_validate_ok_and_broken(demo_db, tmp_path):
    res = run("validate", "--db", str(demo_db))
    assert (
        res.exit_code == 0
        and res.output.startswith("OK: ")
        and "against the warehouse" in res.output
    )
    broken = tmp_path / "m"
    shutil.copytree(BUILTIN_MODEL_DIR, broken)
    p = broken / "returns.yml"
    p.write_text(p.read_text().replace("expr: refund_amount\n", "expr: refund_amt\n", 1))
    res = CliRunner().invoke(cli, ["validate", str(broken), "--db", str(demo_db)])
    assert res.exit_code == 1
    assert (
        "returns.yml" in res.output
        and "refund_amt" in res.output
        and "did you mean `refund_amount`" in res.output
    )


def test_semantic_model_option(tmp_path):
    from pathlib import Path

    tpch = Path(__file__).parent / "fixtures" / "semantic" / "tpch_newer"
    res = run("metrics", "--semantic-model", str(tpch))
    assert res.exit_code == 0 and "revenue_per_order" in res.output and "gmv" not in res.output
    res = run(
        "query",
        "--metrics",
        "revenue",
        "--group-by",
        "region__region_name",
        "--semantic-model",
        str(tpch),
        "--sql-only",
        "--dialect",
        "snowflake",
    )
    assert res.exit_code == 0 and res.output.count("LEFT JOIN") == 4
