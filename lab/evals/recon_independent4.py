"""``make eval`` lines of the fourth independent bank-statement set (session 13).

Why a fourth set: the first three were written as Chinese and European *banks* export MT940,
camt.053 and 网银 CSV; none fed the reader what finance also downloads — a payment platform's
account ledger (Alipay 账务明细: ``#`` lines, 收入金额（+元）/支出金额（-元）, 商户订单号), a US
bank's CSV (English header, Debit/Credit or Withdrawals/Deposits columns, ``(25.00)`` and
``4,210.00-``, month-first dates), a German or Dutch semicolon export (``1.234,56``,
``dd.mm.yyyy``, ``Bedrag (EUR)``) — and none put traps on *both* sides of every threshold the rules
use (0.5 % short, one cent over, one typo vs two, the 90-day and 3-day amount window, the
10-minute duplicate window), a return that the bank itself reverses (MT940 ``RC`` then ``RD``),
Excel's ``1.23E+03`` or the same file ingested twice. Set in ``tests/eval/recon_independent4/``,
truth written before the engine first ran on it; scored exactly as the first set
(``lab.evals.recon_independent``). Prints ``recon-independent4[dev|test]: …``.
"""

from __future__ import annotations

from pathlib import Path

from lab.evals.recon_independent import HALVES, line, main, score_half

SET_DIR = Path(__file__).resolve().parents[2] / "tests" / "eval" / "recon_independent4"
LABEL = "recon-independent4"
KEY = "recon_independent4"  # its pin in tests/eval/frozen.yaml


def run(db: str | Path) -> list[str]:
    """Both halves' lines (``db`` is not used: each case brings its own warehouse)."""
    return [line(h, [v for _, _, v in score_half(h, SET_DIR, KEY)], LABEL) for h in HALVES]


if __name__ == "__main__":
    raise SystemExit(main(set_dir=SET_DIR, label=LABEL, key=KEY))
