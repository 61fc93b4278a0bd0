"""``make eval`` lines of the second independent bank-statement set (session 10).

Why a second set: the first (``recon_independent``) was written by one author, whose blind spots
its test half shares. This one (``tests/eval/recon_independent2/``) was written by another, with
other banks (Deutsche Bank, Barclays, Standard Chartered, ING MT940; camt.053 .001.04/.06/.10;
BoCom, SPDB, CMBC, CITIC exports) and traps the first did not write: statements that do not
chain, a value date in the month before booking, three decimals in CNY, ``-0.00``, apostrophe
and space thousands separators, 35-character :86: lines cut inside a reference, page breaks that
repeat a line with its serial, totals rows in Chinese, English and German, two orders with one
amount, the amount of the customer's other order, a fee naming a payment of another file, a
partial return, a reversal that keeps the original payer, and a statement of another month.
Scored exactly as the first set (``lab.evals.recon_independent``; a case may declare reader
``options``, e.g. the ``amount_format``). Prints ``recon-independent2[dev|test]: …``.
"""

from __future__ import annotations

from pathlib import Path

from lab.evals.recon_independent import HALVES, line, main, score_half

SET_DIR = Path(__file__).resolve().parents[2] / "tests" / "eval" / "recon_independent2"
LABEL = "recon-independent2"
KEY = "recon_independent2"  # its pin in tests/eval/frozen.yaml


def run(db: str | Path) -> list[str]:
    """Both halves' lines (``db`` is not used: each case brings its own warehouse)."""
    return [line(h, [v for _, _, v in score_half(h, SET_DIR, KEY)], LABEL) for h in HALVES]


if __name__ == "__main__":
    raise SystemExit(main(set_dir=SET_DIR, label=LABEL, key=KEY))
