"""The fourth independent bank-statement evaluation (``lab.evals.recon_independent4``).

What is asserted: the frozen test half cannot change unnoticed and its pin is its own; the four
sets' halves share no order number, customer name or file; and dev cases drop when a rule they
cover is wrong (a return the bank reversed).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from lab.evals import recon_independent as ri
from lab.evals import recon_independent2 as ri2
from lab.evals import recon_independent3 as ri3
from lab.evals import recon_independent4 as ri4
from lab.evals.recon_heldout import FROZEN, FrozenTruthError


def test_the_test_half_is_pinned_on_its_own_and_an_edit_is_refused(tmp_path):
    assert ri.load_truth("test", ri4.SET_DIR, key=ri4.KEY)["half"] == "test"
    pins = yaml.safe_load(FROZEN.read_text())["reconciliation"]
    assert pins[ri4.KEY]["test_sha256"] == ri.half_sha256(ri4.SET_DIR / "test")
    others = ("recon_independent", "recon_independent2", "recon_independent3")
    assert pins[ri4.KEY] not in [pins[k] for k in others]
    copy = tmp_path / "set"
    shutil.copytree(ri4.SET_DIR, copy)
    truth = copy / "test" / "truth.yaml"
    truth.write_text(truth.read_text().replace("not_green", "green", 1))
    with pytest.raises(FrozenTruthError, match="changed after it was frozen"):
        ri.load_truth("test", copy, FROZEN, ri4.KEY)


def test_the_fourth_set_shares_no_order_number_customer_or_file_with_the_others():
    mine = {h: ri4.SET_DIR / h for h in ri.HALVES}
    theirs = [s / h for s in (ri.SET_DIR, ri2.SET_DIR, ri3.SET_DIR) for h in ri.HALVES]

    def doc(d: Path) -> dict:
        return yaml.safe_load((d / "warehouse.yaml").read_text())

    def numbers(d: Path) -> set[str]:
        return {o[1] for o in doc(d)["orders"]} | {o[2] for o in doc(d)["orders"]}

    def names(d: Path) -> set[str]:
        return {c[1] for c in doc(d)["customers"]}

    def files(d: Path) -> set[str]:
        return {p.name for p in d.iterdir()} - {"truth.yaml", "warehouse.yaml"}

    assert numbers(mine["dev"]).isdisjoint(numbers(mine["test"]))
    assert names(mine["dev"]).isdisjoint(names(mine["test"]))
    shared: set[str] = set()
    for a in mine.values():
        for b in theirs:
            assert numbers(a).isdisjoint(numbers(b)) and files(a).isdisjoint(files(b))
            shared |= names(a) & names(b)
    # two common personal names recur (each case builds its own warehouse, so nothing carries
    # over); no company name is shared
    assert shared == {"王芳", "陈静"}


def _case(name: str) -> dict:
    truth = ri.load_truth("dev", ri4.SET_DIR)
    return next(c for c in truth["cases"] if c["name"].startswith(name))


def _verdicts(case: dict, work: Path) -> dict[str, str]:
    rows, _ = ri.run_case(case, ri4.SET_DIR / "dev", "2027-05", work)
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
    shutil.copytree(ri4.SET_DIR / "dev", half)
    sta = half / "e_cmb_swift.sta"
    text = sta.read_text(encoding="ascii")
    memo = "REVERSAL OF RETURN CMB27051201 KESTREL AUDIO GMBH QX2705081175"
    assert memo in text
    sta.write_text(text.replace(memo, "REVERSAL"), encoding="ascii", newline="")
    rows, _ = ri.run_case(case, half, "2027-05", tmp_path / "bare")
    payment = next(r for r in rows if r.ref == "CMB27051001")
    assert payment.colour == "red" and payment.reason.startswith("reversed by the bank")
