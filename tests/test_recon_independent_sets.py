"""What every hand-written bank-statement set from the third on must hold (sets 3 … 21 of
``lab.evals.recon_independent``), one parametrized test each.

Why one module: the pin and disjointness checks were the same code copied into each set's test
module; a new set is now one more parameter. What is asserted, per set: the frozen test half
cannot change unnoticed and its pin is its own (no other set's pin); its two halves share no
order number, customer name or file; and it shares no order number or file with any earlier
set, and no customer name beyond the common personal names listed (each case builds its own
warehouse, so a shared name cannot carry over). The rule-specific cases of each set stay in
``tests/test_recon_independent{3,4,5}.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from lab.evals import recon_independent as ri
from lab.evals.recon_heldout import FROZEN, FrozenTruthError

SETS: list[tuple[Path, str]] = [(s.set_dir, s.key) for s in ri.SETS]
RI = {n: ri.independent_set(n) for n in range(3, 22)}  # sets 3 … 21, by number
# (iset, personal names it shares with the earlier sets, whether its halves' file names differ:
# set 4 names each half's files alike, a_alipay_账务明细.csv in both)
CHECKED = [
    pytest.param(RI[3], {"李娜"}, True, id="set3"),
    pytest.param(RI[4], {"王芳", "陈静"}, False, id="set4"),
    pytest.param(RI[5], set(), True, id="set5"),
    pytest.param(RI[6], set(), True, id="set6"),
    pytest.param(RI[7], set(), True, id="set7"),
    pytest.param(RI[8], set(), True, id="set8"),
    pytest.param(RI[9], set(), True, id="set9"),
    # set 10 shares one company name with set 8 (each case builds its own warehouse, so the
    # name carries nothing over); listed here, so any other shared name still fails the test
    pytest.param(RI[10], {"KESTREL OPTICS PTE LTD"}, True, id="set10"),
    pytest.param(RI[11], set(), True, id="set11"),
    pytest.param(RI[12], set(), True, id="set12"),
    pytest.param(RI[13], set(), True, id="set13"),
    pytest.param(RI[14], set(), True, id="set14"),
    pytest.param(RI[15], set(), True, id="set15"),
    pytest.param(RI[16], set(), True, id="set16"),
    pytest.param(RI[17], set(), True, id="set17"),
    # set 18 shares one company name with set 5 (written blind in session 14; each case builds
    # its own warehouse, so the name carries nothing over); listed, so any other still fails
    pytest.param(RI[18], {"东莞长安五金模具有限公司"}, True, id="set18"),
    pytest.param(RI[19], set(), True, id="set19"),
    pytest.param(RI[20], set(), True, id="set20"),
    pytest.param(RI[21], set(), True, id="set21"),
]


@pytest.mark.parametrize(("iset", "_shared", "_own"), CHECKED)
def test_the_test_half_is_pinned_on_its_own_and_an_edit_is_refused(
    iset: ri.IndependentSet, _shared: set[str], _own: bool, tmp_path: Path
):
    assert ri.load_truth("test", iset.set_dir, key=iset.key)["half"] == "test"
    pins = yaml.safe_load(FROZEN.read_text())["reconciliation"]
    assert pins[iset.key]["test_sha256"] == ri.half_sha256(iset.set_dir / "test")
    others = [key for _, key in SETS if key != iset.key]
    assert pins[iset.key] not in [pins[k] for k in others]
    copy = tmp_path / "set"
    shutil.copytree(iset.set_dir, copy)
    truth = copy / "test" / "truth.yaml"
    truth.write_text(truth.read_text().replace("not_green", "green", 1))
    with pytest.raises(FrozenTruthError, match="changed after it was frozen"):
        ri.load_truth("test", copy, FROZEN, iset.key)


def _doc(d: Path) -> dict:
    doc: dict = yaml.safe_load((d / "warehouse.yaml").read_text())
    return doc


def _numbers(d: Path) -> set[str]:
    return {o[1] for o in _doc(d)["orders"]} | {o[2] for o in _doc(d)["orders"]}


def _names(d: Path) -> set[str]:
    return {c[1] for c in _doc(d)["customers"]}


def _files(d: Path) -> set[str]:
    return {p.name for p in d.iterdir()} - {"truth.yaml", "warehouse.yaml"}


@pytest.mark.parametrize(("iset", "shared_names", "own_files"), CHECKED)
def test_a_set_shares_no_order_number_customer_or_file_with_its_other_half_or_earlier_sets(
    iset: ri.IndependentSet, shared_names: set[str], own_files: bool
):
    mine = {h: iset.set_dir / h for h in ri.HALVES}
    earlier = [s for s, _ in SETS[: [k for _, k in SETS].index(iset.key)]]
    theirs = [s / h for s in earlier for h in ri.HALVES]
    assert _numbers(mine["dev"]).isdisjoint(_numbers(mine["test"]))
    assert _names(mine["dev"]).isdisjoint(_names(mine["test"]))
    assert _files(mine["dev"]).isdisjoint(_files(mine["test"])) or not own_files
    shared: set[str] = set()
    for a in mine.values():
        for b in theirs:
            assert _numbers(a).isdisjoint(_numbers(b)) and _files(a).isdisjoint(_files(b))
            shared |= _names(a) & _names(b)
    assert shared == shared_names
