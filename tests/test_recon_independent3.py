"""The third independent bank-statement evaluation (``lab.evals.recon_independent3``).

What is asserted: the frozen test half cannot change unnoticed and its pin is its own; the
three sets' halves share no order number or file (and one common personal name); and dev cases
drop when a rule they cover is wrong — money above what an order is due let through by the
tolerance, a return without a payer's name or a chargeback not held (wrong greens), and the
chain not checked across files (the expected ingest note missing).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from lab.evals import recon_independent as ri
from lab.evals import recon_independent2 as ri2
from lab.evals import recon_independent3 as ri3
from lab.evals.recon_heldout import FROZEN, FrozenTruthError


def test_the_test_half_is_pinned_on_its_own_and_an_edit_is_refused(tmp_path):
    assert ri.load_truth("test", ri3.SET_DIR, key=ri3.KEY)["half"] == "test"
    pins = yaml.safe_load(FROZEN.read_text())["reconciliation"]
    assert pins["recon_independent3"]["test_sha256"] == ri.half_sha256(ri3.SET_DIR / "test")
    assert pins["recon_independent3"] not in (pins["recon_independent"], pins["recon_independent2"])
    copy = tmp_path / "set"
    shutil.copytree(ri3.SET_DIR, copy)
    truth = copy / "test" / "truth.yaml"
    truth.write_text(truth.read_text().replace("not_green", "green", 1))
    with pytest.raises(FrozenTruthError, match="changed after it was frozen"):
        ri.load_truth("test", copy, FROZEN, ri3.KEY)


def test_the_three_sets_halves_share_no_order_number_customer_or_file():
    sets = {(s, h): s / h for s in (ri.SET_DIR, ri2.SET_DIR, ri3.SET_DIR) for h in ri.HALVES}
    docs = {k: yaml.safe_load((d / "warehouse.yaml").read_text()) for k, d in sets.items()}
    numbers = [{o[1] for o in d["orders"]} | {o[2] for o in d["orders"]} for d in docs.values()]
    names = [{c[1] for c in d["customers"]} for d in docs.values()]
    files = [
        {p.name for p in d.iterdir()} - {"truth.yaml", "warehouse.yaml"} for d in sets.values()
    ]
    for group in (numbers, files):
        for i, a in enumerate(group):
            assert all(a.isdisjoint(b) for b in group[i + 1 :])
    # one common personal name is in the first set's dev half and this set's dev half (each
    # case builds its own warehouse, so it cannot carry over); no other name is shared
    shared = [a & b for i, a in enumerate(names) for b in names[i + 1 :] if a & b]
    assert shared == [{"李娜"}]


def _case(name: str) -> dict:
    truth = ri.load_truth("dev", ri3.SET_DIR)
    return next(c for c in truth["cases"] if c["name"].startswith(name))


def _verdicts(case: dict, work: Path) -> dict[str, str]:
    notes: list[str] = []
    rows, _ = ri.run_case(case, ri3.SET_DIR / "dev", "2027-03", work, notes)
    got = {w.get("ref", w["amount"]): ri.verdict(w, rows) for w in case["lines"]}
    got["note"] = "right" if any(case.get("note", "\0") in n for n in notes) else "other"
    return got


def test_money_above_what_is_due_within_the_tolerance_drops_to_a_wrong_green(tmp_path, edit_step):
    case = _case("x2 ")
    ok = _verdicts(case, tmp_path / "ok")
    assert ok["GH20003"] == ok["GH20004"] == ok["GH20006"] == ok["GH20007"] == "right"
    edit_step("19_paid_ceiling", "before + amt > due;", "before + amt > due * 1.005;")
    assert _verdicts(case, tmp_path / "tolerant")["GH20003"] == "wrong_green"


def test_a_return_without_a_payer_and_the_chain_across_files(tmp_path, edit_step, monkeypatch):
    case = _case("x8 ")
    ok = _verdicts(case, tmp_path / "ok")
    assert ok["GHMAR0003"] == ok["note"] == "right"
    edit_step("01_load_flows", "from unnamed where", "from unnamed where false and")
    monkeypatch.setattr(
        "connectors.sources._chain.StatementChain._against_stored_before", lambda self, st: None
    )
    got = _verdicts(case, tmp_path / "wrong")
    assert got["GHMAR0003"] == "wrong_green" and got["note"] == "other"


def test_a_chargeback_not_held_drops_to_a_wrong_green(tmp_path, edit_step):
    case = _case("x7 ")
    assert _verdicts(case, tmp_path / "ok")["GH70007"] == "right"
    edit_step("01_load_flows", "'CHARGE[ -]?BACK|拒付'", "'^$NOTHING'")
    assert _verdicts(case, tmp_path / "wrong")["GH70007"] == "wrong_green"
