"""``make eval`` lines of the sixth independent bank-statement set (session 15, reconblind15).

Why a sixth set: the first five were written by authors who knew which exports the readers had
been taught. None fed a 招商银行 企业银行 download (交易日/起息日, 借方金额/贷方金额, 收(付)方名称,
用途, 冲帐标志, 期初/期末余额 rows with a date and a balance), a 建设银行 单位账户交易明细 with
``借方发生额（支取）`` headers, ``yyyymmdd hh:mm:ss`` times, a per-line 币种 of a multi-currency
account and 账户明细编号-交易流水号 as its serial, a Sparkasse CSV-CAMT with a pending
("Umsatz vorgemerkt") line, or a Wise statement; nor a payer name in half-width brackets, a
one-character typo in a payer's name, three-decimal amounts (``1,280.000`` beside
``2,365.405``), a fee booked a day after its payment, a refund paid in two parts, or two
downloads of one account whose ranges overlap. Set in ``tests/eval/recon_independent6/``, truth
written and pinned before the engine first ran on it; scored exactly as the first set
(``lab.evals.recon_independent``). Prints ``recon-independent6[dev|test]: …``.
"""

from __future__ import annotations

from pathlib import Path

from lab.evals.recon_independent import HALVES, line, main, score_half

SET_DIR = Path(__file__).resolve().parents[2] / "tests" / "eval" / "recon_independent6"
LABEL = "recon-independent6"
KEY = "recon_independent6"  # its pin in tests/eval/frozen.yaml


def run(db: str | Path) -> list[str]:
    """Both halves' lines (``db`` is not used: each case brings its own warehouse)."""
    return [line(h, [v for _, _, v in score_half(h, SET_DIR, KEY)], LABEL) for h in HALVES]


if __name__ == "__main__":
    raise SystemExit(main(set_dir=SET_DIR, label=LABEL, key=KEY))
