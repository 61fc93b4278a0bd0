"""The fifth independent bank-statement evaluation (``lab.evals.recon_independent5``).

What is asserted: the frozen test half cannot change unnoticed and its pin is its own; the five
sets' halves share no order number, customer name or file; and the "downloaded again under
another name" files really are the same bytes (so those cases test the ingest's content hash,
not a second statement).
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
from lab.evals import recon_independent5 as ri5
from lab.evals.recon_heldout import FROZEN, FrozenTruthError


def test_the_test_half_is_pinned_on_its_own_and_an_edit_is_refused(tmp_path):
    assert ri.load_truth("test", ri5.SET_DIR, key=ri5.KEY)["half"] == "test"
    pins = yaml.safe_load(FROZEN.read_text())["reconciliation"]
    assert pins[ri5.KEY]["test_sha256"] == ri.half_sha256(ri5.SET_DIR / "test")
    others = [f"recon_independent{n}" for n in ("", "2", "3", "4")]
    assert pins[ri5.KEY] not in [pins[k] for k in others]
    copy = tmp_path / "set"
    shutil.copytree(ri5.SET_DIR, copy)
    truth = copy / "test" / "truth.yaml"
    truth.write_text(truth.read_text().replace("not_green", "green", 1))
    with pytest.raises(FrozenTruthError, match="changed after it was frozen"):
        ri.load_truth("test", copy, FROZEN, ri5.KEY)


def test_the_fifth_set_shares_no_order_number_customer_or_file_with_the_others():
    mine = {h: ri5.SET_DIR / h for h in ri.HALVES}
    sets = (ri.SET_DIR, ri2.SET_DIR, ri3.SET_DIR, ri4.SET_DIR)
    theirs = [s / h for s in sets for h in ri.HALVES]

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
    assert files(mine["dev"]).isdisjoint(files(mine["test"]))
    for a in mine.values():
        for b in theirs:
            assert numbers(a).isdisjoint(numbers(b)) and files(a).isdisjoint(files(b))
            assert names(a).isdisjoint(names(b))


@pytest.mark.parametrize("half", ri.HALVES)
def test_the_renamed_download_is_the_same_export(half):
    truth = ri.load_truth(half, ri5.SET_DIR, key=ri5.KEY)
    case = next(c for c in truth["cases"] if c["name"].startswith("f2 "))
    first, again = (ri5.SET_DIR / half / f for f in case["files"])
    assert first.name != again.name
    assert first.read_bytes() == again.read_bytes()
