"""What every hand-written bank-statement set from the third on must hold
(``lab.evals.recon_independent3`` … ``recon_independent7``), one parametrized test each.

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
from types import ModuleType

import pytest
import yaml

from lab.evals import recon_independent as ri
from lab.evals import recon_independent2 as ri2
from lab.evals import recon_independent3 as ri3
from lab.evals import recon_independent4 as ri4
from lab.evals import recon_independent5 as ri5
from lab.evals import recon_independent6 as ri6
from lab.evals import recon_independent7 as ri7
from lab.evals.recon_heldout import FROZEN, FrozenTruthError

SETS: list[tuple[Path, str]] = [
    (ri.SET_DIR, "recon_independent"),
    (ri2.SET_DIR, "recon_independent2"),
    (ri3.SET_DIR, ri3.KEY),
    (ri4.SET_DIR, ri4.KEY),
    (ri5.SET_DIR, ri5.KEY),
    (ri6.SET_DIR, ri6.KEY),
    (ri7.SET_DIR, ri7.KEY),
]
# (module, personal names it shares with the earlier sets, whether its halves' file names differ:
# set 4 names each half's files alike, a_alipay_账务明细.csv in both)
CHECKED = [
    pytest.param(ri3, {"李娜"}, True, id="set3"),
    pytest.param(ri4, {"王芳", "陈静"}, False, id="set4"),
    pytest.param(ri5, set(), True, id="set5"),
    pytest.param(ri6, set(), True, id="set6"),
    pytest.param(ri7, set(), True, id="set7"),
]


@pytest.mark.parametrize(("module", "_shared", "_own"), CHECKED)
def test_the_test_half_is_pinned_on_its_own_and_an_edit_is_refused(
    module: ModuleType, _shared: set[str], _own: bool, tmp_path: Path
):
    assert ri.load_truth("test", module.SET_DIR, key=module.KEY)["half"] == "test"
    pins = yaml.safe_load(FROZEN.read_text())["reconciliation"]
    assert pins[module.KEY]["test_sha256"] == ri.half_sha256(module.SET_DIR / "test")
    others = [key for _, key in SETS if key != module.KEY]
    assert pins[module.KEY] not in [pins[k] for k in others]
    copy = tmp_path / "set"
    shutil.copytree(module.SET_DIR, copy)
    truth = copy / "test" / "truth.yaml"
    truth.write_text(truth.read_text().replace("not_green", "green", 1))
    with pytest.raises(FrozenTruthError, match="changed after it was frozen"):
        ri.load_truth("test", copy, FROZEN, module.KEY)


def _doc(d: Path) -> dict:
    doc: dict = yaml.safe_load((d / "warehouse.yaml").read_text())
    return doc


def _numbers(d: Path) -> set[str]:
    return {o[1] for o in _doc(d)["orders"]} | {o[2] for o in _doc(d)["orders"]}


def _names(d: Path) -> set[str]:
    return {c[1] for c in _doc(d)["customers"]}


def _files(d: Path) -> set[str]:
    return {p.name for p in d.iterdir()} - {"truth.yaml", "warehouse.yaml"}


@pytest.mark.parametrize(("module", "shared_names", "own_files"), CHECKED)
def test_a_set_shares_no_order_number_customer_or_file_with_its_other_half_or_earlier_sets(
    module: ModuleType, shared_names: set[str], own_files: bool
):
    mine = {h: module.SET_DIR / h for h in ri.HALVES}
    earlier = [s for s, _ in SETS[: [k for _, k in SETS].index(module.KEY)]]
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
