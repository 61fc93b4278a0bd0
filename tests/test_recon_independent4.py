"""The fourth independent bank-statement evaluation (set 4 of ``lab.evals.recon_independent``).

What is asserted (the pin and the disjointness from the other sets are checked for every set in
``tests/test_recon_independent_sets.py``): dev cases drop when a rule they
cover is wrong (a return the bank reversed).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from lab.evals import recon_independent as ri

ri4 = ri.independent_set(4)


def _case(name: str) -> dict:
    truth = ri.load_truth("dev", ri4.set_dir)
    return next(c for c in truth["cases"] if c["name"].startswith(name))


def _verdicts(case: dict, work: Path) -> dict[str, str]:
    rows, _ = ri.run_case(case, ri4.set_dir / "dev", "2027-05", work)
    return {w.get("ref", w["amount"]): ri.verdict(w, rows) for w in case["lines"]}


def test_a_return_the_bank_reversed_lets_the_payment_stand_only_with_evidence(tmp_path):
    """MT940 ``C`` then ``RC`` (returned) then ``RD`` naming the return: the money is back, so
    the payment pays its order (it was held red as reversed). The same ``RD`` with neither a
    reference of the return nor its payer cancels nothing: the payment stays held."""
    case = _case("e1 ")
    assert _verdicts(case, tmp_path / "named") == dict.fromkeys(
        ("CMB27051001", "CMB27051201", "CMB27051401", "CMB27051501", "CMB27051502"), "right"
    )
    half = tmp_path / "half"
    shutil.copytree(ri4.set_dir / "dev", half)
    sta = half / "e_cmb_swift.sta"
    text = sta.read_text(encoding="ascii")
    memo = "REVERSAL OF RETURN CMB27051201 KESTREL AUDIO GMBH QX2705081175"
    assert memo in text
    sta.write_text(text.replace(memo, "REVERSAL"), encoding="ascii", newline="")
    rows, _ = ri.run_case(case, half, "2027-05", tmp_path / "bare")
    payment = next(r for r in rows if r.ref == "CMB27051001")
    assert payment.colour == "red" and payment.reason.startswith("reversed by the bank")
