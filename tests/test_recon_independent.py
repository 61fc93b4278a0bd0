"""The independent bank-statement evaluation (``lab.evals.recon_independent``).

What is asserted: the frozen test half cannot change unnoticed, the scorer counts a wrong close,
a wrong amount, a repeated line and a loaded totals row as such, and the dev line drops when a
rule it covers is switched off (IBANs read as order references; bank reversals not held).
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from lab.evals import recon_independent as ri
from lab.evals.recon_heldout import FROZEN, FrozenTruthError


def _row(ref, amount, colour, orders=(), reason=""):
    return ri.Row(ref, Decimal(amount), colour, tuple(orders), reason)


def test_the_test_half_is_the_frozen_one_and_an_edit_is_refused(tmp_path):
    assert ri.load_truth("test")["half"] == "test"
    copy = tmp_path / "set"
    shutil.copytree(ri.SET_DIR, copy)
    truth = copy / "test" / "truth.yaml"
    truth.write_text(truth.read_text().replace("not_green", "green", 1))
    with pytest.raises(FrozenTruthError, match="changed after it was frozen"):
        ri.load_truth("test", copy, FROZEN)


def test_the_halves_share_no_order_number_customer_or_file():
    docs = {h: yaml.safe_load((ri.SET_DIR / h / "warehouse.yaml").read_text()) for h in ri.HALVES}
    dev, test = docs["dev"], docs["test"]
    assert {o[1] for o in dev["orders"]}.isdisjoint(o[1] for o in test["orders"])
    assert {c[1] for c in dev["customers"]}.isdisjoint(c[1] for c in test["customers"])
    names = {h: {p.name for p in (ri.SET_DIR / h).iterdir()} - {"truth.yaml", "warehouse.yaml"}
             for h in ri.HALVES}  # fmt: skip
    assert names["dev"].isdisjoint(names["test"])


def test_scorer_counts_wrong_closes_wrong_amounts_repeats_and_totals_rows():
    green = {"ref": "R1", "amount": "10.00", "expect": "green", "orders": ["O2"]}
    assert ri.verdict(green, [_row("R1", "10.00", "green", ["O2"])]) == "right"
    assert ri.verdict(green, [_row("R1", "10.00", "green", ["O3"])]) == "wrong_green"
    assert ri.verdict(green, [_row("R1", "-10.00", "red")]) == "wrong_amount"
    assert ri.verdict(green, [_row("R1", "10.00", "red")]) == "missed_green"
    assert ri.verdict(green, []) == "missing"
    # a batch split into one line per payer is judged as the entry: amounts summed
    batch = {"ref": "B1", "amount": "30.00", "expect": "green", "orders": ["O1", "O2"]}
    split = [_row("B1", "10.00", "green", ["O1"]), _row("B1", "20.00", "green", ["O2"])]
    assert ri.verdict(batch, split) == "right"
    assert ri.verdict(batch, [split[0], _row("B1", "20.00", "red")]) == "missed_green"
    # one line loaded twice from overlapping exports: more money than the bank moved
    twice = {"ref": "O1", "amount": "10.00", "expect": "green", "orders": ["O2"]}
    assert ri.verdict(twice, [_row("O1", "10.00", "green", ["O2"])] * 2) == "wrong_amount"
    held = {"ref": "R2", "amount": "5.00", "expect": "not_green"}
    assert ri.verdict(held, [_row("R2", "5.00", "green", ["O1"])]) == "wrong_green"
    assert ri.verdict(held, [_row("R2", "5.00", None)]) == "other"
    once = {"ref": "R3", "amount": "6.00", "expect": "once", "orders": ["O4"]}
    assert ri.verdict(once, [_row("R3", "6.00", "red"), _row("R3", "6.00", "red")]) == "right"
    assert ri.verdict(once, [_row("R3", "6.00", "green", ["O4"]), _row("R3", "6.00", None)]) == (
        "right"
    )
    assert ri.verdict(once, [_row("R3", "6.00", "green", ["O4"])] * 2) == "wrong_green"
    totals = {"amount": "99.00", "expect": "not_loaded"}
    assert ri.verdict(totals, [_row("R9", "99.00", "green", ["O9"])]) == "right"  # a real line
    assert ri.verdict(totals, [_row(None, "99.00", "red")]) == "wrong_amount"


def _dev_case(name: str) -> dict:
    truth = ri.load_truth("dev")
    return next(c for c in truth["cases"] if c["name"].startswith(name))


def _verdicts(case: dict, work: Path) -> list[str]:
    rows, _ = ri.run_case(case, ri.SET_DIR / "dev", "2026-12", work)
    return [ri.verdict(want, rows) for want in case["lines"]]


def test_the_dev_mt940_case_is_right_and_drops_when_a_rule_is_switched_off(
    tmp_path, monkeypatch, reversals_off
):
    case = _dev_case("d2 ")
    assert _verdicts(case, tmp_path / "ok") == ["right"] * len(case["lines"])
    # IBANs in the :86: read as order references: the two-order transfer is held red
    monkeypatch.setattr("lab.reconciliation.memo.mask_ibans", lambda memo, _: memo)
    monkeypatch.setattr("connectors.sources.mt940._ACCOUNT_SUB", re.compile("^$"))
    assert "missed_green" in _verdicts(case, tmp_path / "iban")
    monkeypatch.undo()
    # reversals not held: the payment the bank sent back (ABN0004) closes its order green
    reversals_off()  # neither the mark nor the English-return wording holds the reversal
    got = _verdicts(case, tmp_path / "rc")
    assert got[[w["ref"] for w in case["lines"]].index("ABN0004")] == "wrong_green"
