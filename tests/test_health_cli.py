"""``orderlens health`` and ``orderlens trace`` on the demo warehouse (click's test runner)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from lab.cli import cli


def test_health_json_and_csv(demo_db, demo_con, tmp_path):
    csv = tmp_path / "f.csv"
    result = CliRunner().invoke(
        cli,
        ["health", "--db", str(demo_db), "--as-of", "2026-11-21", "--json", "--csv", str(csv),
         "--threshold", "status_disagreement.minutes=15"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["as_of"].startswith("2026-11-21")
    counts = {r["check"]: r["findings"] for r in data["summary"]}
    labelled = dict(
        demo_con.execute("SELECT anomaly_type, count(*) FROM anomaly_labels GROUP BY 1").fetchall()
    )
    assert counts["shipped_not_picked_up"] == labelled["shipped_not_picked_up"] == 3
    assert counts["status_disagreement"] == labelled["status_disagreement"] == 36
    assert len(data["findings"]) == sum(counts.values())
    assert csv.read_text(encoding="utf-8").startswith("check,severity,entity,entity_id,order_id")


def test_health_text_and_bad_threshold(demo_db):
    ok = CliRunner().invoke(
        cli, ["health", "--db", str(demo_db), "--check", "refund_without_return"]
    )
    assert ok.exit_code == 0, ok.output
    assert "[HIGH] refund_without_return: 3" in ok.output and "->" in ok.output
    bad = CliRunner().invoke(cli, ["health", "--db", str(demo_db), "--threshold", "nope.x=1"])
    assert bad.exit_code != 0 and "unknown check 'nope'" in bad.output


def test_trace_cli(demo_db, demo_con, tmp_path):
    jd = demo_con.execute(
        "SELECT channel_order_no FROM orders WHERE channel = 'jd' AND order_status = 'completed' "
        "ORDER BY order_id LIMIT 1"
    ).fetchall()[0][0]
    html = tmp_path / "t.html"
    result = CliRunner().invoke(
        cli, ["trace", jd, "--db", str(demo_db), "--sample", "3", "--html", str(html)]
    )
    assert result.exit_code == 0, result.output
    assert f"Order {jd} is delivered" in result.output
    assert "签收" in result.output and html.exists()
    as_json = CliRunner().invoke(cli, ["trace", jd, "--db", str(demo_db), "--json"])
    assert json.loads(as_json.output)[0]["channel_order_no"] == jd
    missing = CliRunner().invoke(cli, ["trace", "JD20990101001", "--db", str(demo_db)])
    assert missing.exit_code == 1 and "no system knows this id" in missing.output


def test_trace_cli_lists_the_orders_health_findings(demo_db, demo_con):
    from lab.health import run_checks

    row = run_checks(demo_con, checks=["courier_failure_not_rolled_back"]).iloc[0]
    res = CliRunner().invoke(cli, ["trace", row["channel_order_no"], "--db", str(demo_db)])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].startswith("⚠ Courier failure not rolled back to awaiting shipment: ")
    assert f"  FINDING critical courier_failure_not_rolled_back: {row['summary']}" in lines
