"""Backtest: the policy saves money without costing on-time rate (toy and demo warehouses)."""

from __future__ import annotations

import re

from click.testing import CliRunner

from connectors.warehouse import connect
from lab.shipping.backtest import run_backtest
from lab.shipping.recommend import WindowParams


def test_toy_backtest_saves_and_keeps_promises(toy_history_db, toy_backtest):
    res = toy_backtest
    s = res.summary
    assert s["shipments"] == 480 and s["delayed"] > 100
    assert s["saving_pct"] > 3  # Wednesdays are 10% cheaper than the week's mean in the toy
    assert s["ontime_policy_pct"] >= s["ontime_baseline_pct"] - 0.5
    rows = res.rows
    assert (rows["recommended_ship_date"] >= rows["ready_date"]).all()
    assert (rows["policy_cost"][rows["delay_days"] == 0] == rows["baseline_cost"][
        rows["delay_days"] == 0]).all()  # fmt: skip
    assert abs(res.by_lane["baseline_cost"].sum() - s["baseline_cost"]) < 0.01
    # a reckless policy (any risk accepted) loses on-time rate: the guard is what protects it
    con = connect(toy_history_db, read_only=True)
    try:
        loose = run_backtest(con, WindowParams(on_time_target=0.5, max_extra_risk=1.0)).summary
    finally:
        con.close()
    assert loose["ontime_policy_pct"] < s["ontime_policy_pct"]


def test_eval_line_and_cli(toy_history_db):
    from lab.cli import cli
    from lab.evals.windows import run

    (line,) = run(toy_history_db)
    assert re.fullmatch(
        r"windows-eval: saving=\d+\.\d\d% ontime_policy=\d+\.\d\d% ontime_baseline=\d+\.\d\d% "
        r"realised_vs_expected=-?\d+\.\d%",
        line,
    )
    res = CliRunner().invoke(cli, ["windows", "backtest", "--db", str(toy_history_db)])
    assert res.exit_code == 0 and res.output.startswith(line)


def test_demo_backtest_saves_money_without_losing_on_time(demo_backtest):
    s = demo_backtest.summary
    assert s["shipments"] > 100
    assert s["saving_pct"] > 0
    assert s["ontime_policy_pct"] >= s["ontime_baseline_pct"] - 0.5
