"""The reconciliation eval can fail: with a rule switched off it reports wrong closes.

Why: an evaluation that scores 100 % whatever the engine does proves nothing. The eval's rule
traps (``lab.evals.reconciliation.inject_rule_traps``) are checked here twice on a copy of
the session's demo warehouse: with the engine as shipped (0 wrong closes) and with the
"already paid" ceiling switched off (orders paid twice close green, and the eval says so).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from connectors.warehouse import connect
from lab.evals.reconciliation import inject_rule_traps, wrong_closes
from lab.reconciliation import matching
from lab.reconciliation.engine import reconcile_all


def _no_ceiling(ctx: matching.StepContext) -> None:
    """19_paid_ceiling switched off: nothing is ever "already paid"."""
    ctx.con.execute(
        "create or replace temp table _r_ceiling (flow_id varchar, order_id varchar,"
        " amt decimal(14, 2), before decimal(14, 2), due decimal(14, 2), before_flows varchar)"
    )


def _closes(demo_db: Path, tmp_path: Path) -> tuple[int, dict]:
    copy = tmp_path / "eval.duckdb"
    shutil.copyfile(demo_db, copy)
    con = connect(copy)
    try:
        n = inject_rule_traps(con)
        reconcile_all(con)
        return n, wrong_closes(con)
    finally:
        con.close()


def test_rule_traps_never_close_green(demo_db, tmp_path):
    n, closes = _closes(demo_db, tmp_path)
    assert n >= 20
    assert closes == {"traps_green": 0, "wrong_green": 0, "kinds": ""}


def test_eval_reports_wrong_closes_when_the_already_paid_check_is_off(
    demo_db, tmp_path, monkeypatch: pytest.MonkeyPatch
):
    steps = tuple(
        matching.Step(s.name, _no_ceiling) if s.name == "19_paid_ceiling" else s
        for s in matching.STEPS
    )
    monkeypatch.setattr(matching, "STEPS", steps)
    _, closes = _closes(demo_db, tmp_path)
    assert closes["traps_green"] > 0
    assert "paid_again_after_transfer" in closes["kinds"]
