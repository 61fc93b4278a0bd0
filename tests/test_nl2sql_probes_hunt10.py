"""Wrong-answer hunt, session 10: nearby wordings that must not take the newest rules.

The questions and their gold SQL are in ``tests/probe_data_hunt10.py`` and
``tests/probe_data_hunt10_saas.py`` (written before the
engine was run on them) over three tiny models of different domains, a fitness studio, a
freight fleet and a SaaS vendor; the scoring is the held-out runner's
(:func:`lab.evals.heldout.runner.score_question`). A probe without gold must be refused; one
with gold is right or refused, never wrong.

The class the lead decided (``nl2sql.rules.count_or_amount``): a number written after a
counted noun with no count word ("members with bookings over 20") is a count *or* each row's
amount when those rows keep an amount of money; refused with both readings offered.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.probe_data_hunt10 import (
    FLEET,
    FLEET_DATA,
    FLEET_PROBES,
    GYM,
    GYM_DATA,
    GYM_PROBES,
)
from tests.probe_data_hunt10_rows import FLEET_ROW_PROBES, GYM_ROW_PROBES, SAAS_ROW_PROBES
from tests.probe_data_hunt10_saas import SAAS, SAAS_DATA, SAAS_PROBES
from tests.probe_params import gold_probe_failure, gold_probe_params, load_probe_models

pytestmark = pytest.mark.usefixtures("own_cache")

TODAY = dt.date(2026, 3, 1)

#: probes still answered wrong, each with why (strict: the test fails once one is fixed)
KNOWN_WRONG: dict[str, str] = {}

SETS = {
    "gym": (GYM, GYM_DATA, GYM_PROBES + GYM_ROW_PROBES),
    "fleet": (FLEET, FLEET_DATA, FLEET_PROBES + FLEET_ROW_PROBES),
    "saas": (SAAS, SAAS_DATA, SAAS_PROBES + SAAS_ROW_PROBES),
}


@pytest.fixture(scope="module")
def models(yaml_shop: Any) -> dict[str, tuple[Any, Any, Any]]:
    """Each set's loaded model, its warehouse connection and the shop holding both."""
    return load_probe_models(yaml_shop, "hunt10", SETS, TODAY)


@pytest.mark.parametrize(("name", "text", "gold"), gold_probe_params(SETS, KNOWN_WRONG))
def test_hunt10_probe_is_right_or_refused(models, name: str, text: str, gold) -> None:
    why = gold_probe_failure(*models[name], text, gold, TODAY)
    assert why is None, why


def test_hunt10_probes_are_many_and_partly_chinese() -> None:
    texts = [text for _, _, probes in SETS.values() for text, _ in probes]
    chinese = sum(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in texts)
    assert len(texts) >= 80
    assert 0.15 <= chinese / len(texts) <= 0.5
