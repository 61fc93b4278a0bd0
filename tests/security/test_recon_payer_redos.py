"""Red team, session 23: a bank statement's payer name built to slow reconciliation down.

Found by timing every compiled pattern of ``lab`` on long adversarial strings: the pattern
that drops a Latin payer's legal form (``… Co., Ltd.``) tried every split of a run of spaces
at every position (quadratic). A statement line whose counterparty is ``A``, 20,000 spaces
and ``B`` passes the payer filter (letters, spaces and punctuation only) and, ingested with
``orderlens ingest bank-csv`` into the demo warehouse, took ``orderlens reconcile --period
2026-11`` from 15 s to 1 min 55 s (26 s of CPU for one line, at load 13); the pattern alone
took 13.5 s on 8,000 spaces. A statement is a file someone else wrote. The legal forms are
now dropped word by word from the end, in linear time, with the same result.
"""

from __future__ import annotations

import re
import time

import pytest

from lab.reconciliation.pinyin_names import payer_letters

#: the pattern as it was, to check that the readings of ordinary names did not change
_BEFORE = re.compile(
    r"(\s+(co|company|corp|corporation|inc|ltd|limited|llc|plc)\b\.?,?)+\s*$", re.IGNORECASE
)


def _before(name: str) -> str | None:
    plain = _BEFORE.sub("", name.strip())
    if not plain.isascii():
        return None
    letters = re.sub(r"[^a-z]", "", plain.lower())
    return letters if len(letters) >= 4 else None


def test_a_long_run_of_spaces_in_a_payer_name_is_read_in_linear_time() -> None:
    started = time.perf_counter()
    assert payer_letters("A" + " " * 20_000 + "B") is None  # two letters: no name
    assert payer_letters("Qing" + " " * 20_000 + "He Co") == "qinghe"
    assert time.perf_counter() - started < 2.0  # before: ~85 s (13.5 s at 8,000 spaces)


@pytest.mark.parametrize(
    "name",
    [
        "Qinghe Dianzi Co., Ltd.",
        "QINGHE DIANZI CO LTD",
        "Ningbo Haishu Mingda Wujin Limited",
        "Acme Trading Company Limited",
        "Shanghai Foo Corp.",
        "Zhang Wei Inc",
        "Co",
        "Company Ltd",
        "Inc Co",
        "Qinghe Co.,",
        "Qinghe Co.,Ltd",
        "Qinghe Co. , Ltd",
        "Qinghe Coltd",
        "Qinghe Colimited",
        "Qinghe LLC.",
        "Qinghe plc",
        "Qinghe Co-Op",
        "Qinghe Cos",
        "  Qinghe   Dianzi   co   ",
        "Qinghe\tDianzi\tLtd",
        "Qinghe Dianzi (Co)",
        "Qinghe & Co",
        "O'Brien Co",
        "Qinghe Ltd Dianzi",
        "青禾电子",
        "Qinghe Ltd.,.",
    ],
)
def test_ordinary_names_read_as_before(name: str) -> None:
    assert payer_letters(name) == _before(name)
