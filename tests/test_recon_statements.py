"""The generated bank-statement trap evaluation (``lab.evals.recon_statements``).

What is asserted is that the measurement is sound: the frozen test split cannot change
unnoticed, the scorer counts a wrong close / a wrong amount as such, the dev split is right on
the current readers and matcher, and the line drops when a rule it covers is switched off.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import mt940
import pytest
import yaml

from lab.evals import recon_statements as rs
from lab.evals.recon_heldout import FROZEN, FrozenTruthError


@pytest.fixture(scope="module")
def dev() -> rs.TrapSet:
    return rs.generate(rs.SPLITS["dev"])


def _case(trap: rs.TrapSet, name: str) -> rs.StatementCase:
    return next(c for c in trap.cases if c.name == name)


def test_the_test_split_is_the_frozen_one_and_an_edit_is_refused(tmp_path):
    test = rs.generate(rs.SPLITS["test"])
    rs.check_frozen(test)
    shutil.copyfile(FROZEN, tmp_path / "frozen.yaml")
    doc = yaml.safe_load((tmp_path / "frozen.yaml").read_text())
    doc["reconciliation"]["recon_statements"]["test_sha256"] = "0" * 64
    (tmp_path / "frozen.yaml").write_text(yaml.safe_dump(doc))
    with pytest.raises(FrozenTruthError, match="give a new test split a new seed"):
        rs.check_frozen(test, tmp_path / "frozen.yaml")


def test_the_splits_differ_in_every_name_number_and_amount(dev):
    test = rs.generate(rs.SPLITS["test"])
    assert dev.period != test.period
    for i in (1, 5):  # order number, total
        assert {o[i] for o in dev.warehouse["orders"]}.isdisjoint(
            o[i] for o in test.warehouse["orders"]
        )
    assert {c[1] for c in dev.warehouse["customers"]} != {c[1] for c in test.warehouse["customers"]}


def test_scorer_counts_wrong_closes_wrong_amounts_and_lost_identical_lines():
    want = rs.Expect("green", Decimal("10.00"), ("O2",))
    assert rs._verdicts("R1", want, [("R1", Decimal("10.00"), "green", ["O2"])]) == ["right"]
    assert rs._verdicts("R1", want, [("R1", Decimal("10.00"), "green", ["O3"])]) == ["wrong_green"]
    assert rs._verdicts("R1", want, [("R1", Decimal("-10.00"), "red", [])]) == ["wrong_amount"]
    assert rs._verdicts("R1", want, [("R1", Decimal("10.00"), "red", [])]) == ["missed_green"]
    held = rs.Expect("not_green", Decimal("5.00"))
    assert rs._verdicts("R2", held, [("R2", Decimal("5.00"), "green", ["O1"])]) == ["wrong_green"]
    reject = rs.Expect("reject", Decimal("-5.00"))
    assert rs._verdicts("R3", reject, [("R3", Decimal("5.00"), None, None)]) == ["wrong_amount"]
    batch = [("R4", Decimal("4.00"), "green", ["O1"]), ("R4", Decimal("6.00"), "green", ["O2"])]
    assert rs._verdicts("R4", rs.Expect("green", Decimal("10.00"), ("O1", "O2")), batch) == [
        "right"
    ]
    half = [batch[0], ("R4", Decimal("6.00"), "red", [])]
    assert rs._verdicts("R4", rs.Expect("green", Decimal("10.00"), ("O1", "O2")), half) == [
        "missed_green"
    ]
    twice = rs.Expect("not_green", Decimal("7.00"), count=2)
    one = [(None, Decimal("7.00"), "red", [])]
    assert rs._verdicts("amount:7.00", twice, one) == ["missing", "missing"]


def test_dev_split_is_right_on_every_line():
    assert rs.score("dev") == (
        "recon-statements[dev]: lines=21 right=21 wrong_green=0 wrong_amount=0 "
        "missed_green=0 other=0 refusals=2/2"
    )


def test_the_line_drops_when_reversals_are_not_held(dev, tmp_path, reversals_off):
    """Switched off, the payments the bank reversed close their orders green again."""
    reversals_off()  # neither the mark nor the English-return wording holds the reversal
    got = rs.run_case(_case(dev, "statements.sta"), dev, tmp_path / "a")
    got += rs.run_case(_case(dev, "camt_v08.xml"), dev, tmp_path / "b")
    # the camt file's own entry text says "reversal", which the English-return wording holds
    # since session 26: only the MT940 payment still closes green with the mark switched off
    assert got.count("wrong_green") >= 1


def test_the_line_drops_when_mt940_reversals_are_signed_as_credits(dev, tmp_path, monkeypatch):
    """The mt-940 package's default signs RC as money in: the file no longer balances."""
    monkeypatch.setattr("connectors.sources.mt940._OPTIONS", mt940.Options())
    got = rs.run_case(_case(dev, "statements.sta"), dev, tmp_path / "a")
    assert got == ["missing"] * 6


def test_every_generated_file_is_what_its_format_says(dev, tmp_path: Path):
    """The GBK export really is GBK, the camt documents name their version, MT940 balances."""
    gbk = _case(dev, "jiedai.csv").data
    assert gbk.decode("gbk").startswith("账号：")
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    assert b"camt.053.001.08" in _case(dev, "camt_v08.xml").data
    assert b"camt.053.001.02" in _case(dev, "camt_v02_no_closing.xml").data
    text = _case(dev, "statements.sta").data.decode()
    assert text.count(":20:") == 3 and ":62M:" in text and ":60M:" in text


def test_the_reversal_switch_reaches_every_reader_of_the_mark():
    """A reader that imports the mark under its own name and is not in the switch's list would
    keep writing it, and the switched-off tests would measure the rule half on."""
    import importlib
    import pkgutil

    import connectors.sources as sources
    from connectors.sources._bank import REVERSAL_MARK
    from tests.conftest import REVERSAL_MARK_READERS

    holding = {
        m.name
        for m in pkgutil.iter_modules(sources.__path__)
        if getattr(importlib.import_module(f"connectors.sources.{m.name}"), "REVERSAL_MARK", None)
        == REVERSAL_MARK
    }
    assert holding == set(REVERSAL_MARK_READERS)
