"""The held-out reconciliation set (``tests/eval/recon_heldout``): frozen truth, every flow right.

The truth was decided from the rules before the engine ran on it (``lab.evals.recon_heldout``);
these tests pin that the truth is the frozen one, that the engine meets it through the real
``bank-csv`` ingest, and that the scoring does fail when a flow closes where it must not.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lab.evals import recon_heldout as rh


@pytest.fixture(scope="module")
def truth():
    return rh.check_frozen()


@pytest.fixture(scope="module")
def outcomes(truth, tmp_path_factory):
    return rh.run_engine(rh.SET_DIR, truth["period"], tmp_path_factory.mktemp("recon_heldout"))


def test_every_flow_meets_the_truth_decided_beforehand(truth, outcomes):
    verdicts = rh.score(truth, outcomes)
    reasons = {o.ref: o.reason for o in outcomes}
    assert {r: v for r, v in verdicts.items() if v != "right"} == {}, reasons
    assert rh.line(verdicts) == (
        "recon-heldout: flows=20 right=20 wrong_green=0 missed_green=0 other_colour=0"
    )


def test_the_statement_went_through_strict_ingest(outcomes):
    by_ref = {o.ref: o for o in outcomes}
    assert by_ref["R03"].orders == ("O3", "O4")  # "4,155.00" read as 4155.00
    assert by_ref["R18"].colour is None  # a supplier payment is no order flow
    assert "third-party payment" in by_ref["R11"].reason


def test_scoring_fails_on_a_wrong_close_and_on_a_missed_one(truth):
    right = [
        rh.FlowOutcome(
            ref,
            w["colour"] if w["colour"] in ("green", "yellow", "red") else "red",
            tuple(w.get("orders", ())),
            "",
        )
        for ref, w in truth["flows"].items()
        if w["colour"] != "absent"
    ]
    assert set(rh.score(truth, right).values()) == {"right"}
    tie_picked = [
        o if o.ref != "R09" else rh.FlowOutcome("R09", "green", ("O11",), "") for o in right
    ]
    assert rh.score(truth, tie_picked)["R09"] == "wrong_green"
    other_orders = [
        o if o.ref != "R03" else rh.FlowOutcome("R03", "green", ("O3",), "") for o in right
    ]
    assert rh.score(truth, other_orders)["R03"] == "wrong_green"
    missed = [o if o.ref != "R05" else rh.FlowOutcome("R05", "red", (), "") for o in right]
    assert rh.line(rh.score(truth, missed)).endswith("wrong_green=0 missed_green=1 other_colour=0")


def test_an_edited_truth_is_detected(tmp_path: Path):
    shutil.copytree(rh.SET_DIR, tmp_path / "recon_heldout")
    shutil.copyfile(rh.FROZEN, tmp_path / "frozen.yaml")
    rh.check_frozen(tmp_path / "recon_heldout", tmp_path / "frozen.yaml")
    path = tmp_path / "recon_heldout" / "truth.yaml"
    path.write_text(path.read_text().replace("R09: {colour: red}", "R09: {colour: not_green}"))
    with pytest.raises(rh.FrozenTruthError, match="edited after it was frozen"):
        rh.check_frozen(tmp_path / "recon_heldout", tmp_path / "frozen.yaml")
