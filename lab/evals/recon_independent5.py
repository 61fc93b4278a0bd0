"""``make eval`` lines of the fifth independent bank-statement set (session 14, reconblind14).

Why a fifth set: the first four were written knowing which exports the readers had been taught;
none fed what a Chinese merchant also downloads from its payment platform's *merchant* side (a
WeChat Pay 资金账单: backtick-prefixed values, 收支类型 收入/支出, one 收支金额 column, 业务凭证号
naming the order, a totals block), a UK bank's CSV (Nationwide in cp1252 with ``£`` amounts and
``dd Mon yyyy`` dates; Monzo Business with a Currency column), or a 对公 export with both 摘要 and
用途, a UnionPay settlement lump, and the threshold traps written *at* the thresholds (exactly
0.5 % short, exactly 10 minutes apart) and just past them. Set in
``tests/eval/recon_independent5/``, truth written before the engine first ran on it; scored
exactly as the first set (``lab.evals.recon_independent``). Prints
``recon-independent5[dev|test]: …``.
"""

from __future__ import annotations

from pathlib import Path

from lab.evals.recon_independent import HALVES, line, main, score_half

SET_DIR = Path(__file__).resolve().parents[2] / "tests" / "eval" / "recon_independent5"
LABEL = "recon-independent5"
KEY = "recon_independent5"  # its pin in tests/eval/frozen.yaml


def run(db: str | Path) -> list[str]:
    """Both halves' lines (``db`` is not used: each case brings its own warehouse)."""
    return [line(h, [v for _, _, v in score_half(h, SET_DIR, KEY)], LABEL) for h in HALVES]


if __name__ == "__main__":
    raise SystemExit(main(set_dir=SET_DIR, label=LABEL, key=KEY))
