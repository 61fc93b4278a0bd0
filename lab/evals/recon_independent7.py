"""``make eval`` lines of the seventh independent bank-statement set (session 16, reconblind16).

Why a seventh set: the first six were written by authors who knew which exports the readers had
been taught. None fed a 中国光大银行 对公账户交易明细 (借方发生额（支出）/贷方发生额（收入）
headers with bracketed notes, 用途 and 附言), a 中国邮政储蓄银行 XLSX with a 序号 column and
amounts as numbers, a reversal booked in red ink (a negative amount in the credit column), a
Revolut Business CSV (State PENDING/DECLINED/REVERTED, pockets in two currencies), a Bank of
America CSV with its summary block, or a card acquirer's POS settlement (拉卡拉, 银联商务) fed as a
bank statement; nor an order number abbreviated after a slash or comma (``…0621/22``) or the
threshold traps written exactly at the edges of the 90-day and 3-day windows. Set in
``tests/eval/recon_independent7/``, truth written and pinned before the engine first ran on it;
scored exactly as the first set (``lab.evals.recon_independent``). Prints
``recon-independent7[dev|test]: …``.
"""

from __future__ import annotations

from pathlib import Path

from lab.evals.recon_independent import HALVES, line, main, score_half

SET_DIR = Path(__file__).resolve().parents[2] / "tests" / "eval" / "recon_independent7"
LABEL = "recon-independent7"
KEY = "recon_independent7"  # its pin in tests/eval/frozen.yaml


def run(db: str | Path) -> list[str]:
    """Both halves' lines (``db`` is not used: each case brings its own warehouse)."""
    return [line(h, [v for _, _, v in score_half(h, SET_DIR, KEY)], LABEL) for h in HALVES]


if __name__ == "__main__":
    raise SystemExit(main(set_dir=SET_DIR, label=LABEL, key=KEY))
