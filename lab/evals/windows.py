"""``make eval`` line for shipping windows: the backtest of the policy against shipping at once.

Why the backtest is the evaluation: the policy's promise is money saved without missing more
promised dates; replaying history with only the data known each day measures exactly that.
"""

from __future__ import annotations

from pathlib import Path

from connectors.warehouse import connect
from lab.shipping.backtest import run_backtest


def run(db: str | Path) -> list[str]:
    """``["windows-eval: saving=P% ontime_policy=P% ontime_baseline=P% realised_vs_expected=P%"]``.

    ``realised_vs_expected`` is the calibration of the promise: on the shipments the policy
    delayed, the saving realised at the actual index over the (risk-adjusted) saving promised.
    """

    con = connect(db, read_only=True)
    try:
        return [run_backtest(con).line()]
    finally:
        con.close()
