"""The third independent bank-statement evaluation (set 3 of ``lab.evals.recon_independent``).

What is asserted (the pin and the disjointness from the other sets are checked for every set in
``tests/test_recon_independent_sets.py``): dev cases drop when a rule they cover is wrong — money above what an order is due let through by the
tolerance, a return without a payer's name or a chargeback not held (wrong greens), and the
chain not checked across files (the expected ingest note missing).
"""

from __future__ import annotations

from pathlib import Path

from lab.evals import recon_independent as ri

ri3 = ri.independent_set(3)


def _case(name: str) -> dict:
    truth = ri.load_truth("dev", ri3.set_dir)
    return next(c for c in truth["cases"] if c["name"].startswith(name))


def _verdicts(case: dict, work: Path) -> dict[str, str]:
    notes: list[str] = []
    rows, _ = ri.run_case(case, ri3.set_dir / "dev", "2027-03", work, notes)
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
