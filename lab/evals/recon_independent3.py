"""``make eval`` lines of the third independent bank-statement set (session 11).

Why a third set: the first two share their authors' blind spots, and both halves of each mirror
one another. This one (``tests/eval/recon_independent3/``) brings export habits and traps neither
had: a bank XLSX with merged header rows, 借/贷 words with ``￥`` and full-width digits, three date
forms in one file and a day/month that nothing resolves, amounts in 万元, camt.054 beside the
camt.053 of the same entries, an MT942 interim report, BAI2 fed to the readers, one statement
exported in two encodings, another currency, a payment split over two days, cents vs a fee on
both sides of the tolerance, one payment for two customers' orders, a merchant refund, a
chargeback, a pinyin payer, a chain gap between two files and partial returns whose payer the
bank does not name. Scored exactly as the first set (``lab.evals.recon_independent``; a case may
expect an ingest ``note``). Prints ``recon-independent3[dev|test]: …``.
"""

from __future__ import annotations

from pathlib import Path

from lab.evals.recon_independent import HALVES, line, main, score_half

SET_DIR = Path(__file__).resolve().parents[2] / "tests" / "eval" / "recon_independent3"
LABEL = "recon-independent3"
KEY = "recon_independent3"  # its pin in tests/eval/frozen.yaml


def run(db: str | Path) -> list[str]:
    """Both halves' lines (``db`` is not used: each case brings its own warehouse)."""
    return [line(h, [v for _, _, v in score_half(h, SET_DIR, KEY)], LABEL) for h in HALVES]


if __name__ == "__main__":
    raise SystemExit(main(set_dir=SET_DIR, label=LABEL, key=KEY))
