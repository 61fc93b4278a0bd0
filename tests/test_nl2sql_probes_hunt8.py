"""Wrong-answer hunt, session 8: average daily totals, running totals "now", a state through
several roles, NULL-heavy top-N groups, percent thresholds on rates, inclusive spans.

The questions and their gold SQL are in ``tests/probe_data_hunt8.py`` (written before the
engine was run on them); the scoring is the held-out runner's, through the shared loop of
:mod:`lab.evals.heldout.probes`. A probe without gold must be refused; one with gold is right
or refused, never wrong.
"""

from __future__ import annotations

import pytest

from lab.evals.heldout.probes import Probe, ProbeSessions
from tests.probe_data_hunt8 import SETS
from tests.probe_params import (
    assert_many_and_half_chinese,
    assert_most_answered,
    assert_right_or_refused,
    probe_params,
)

#: probes still answered wrong, each with why (strict: the test fails once one is fixed)
KNOWN_WRONG: dict[str, str] = {}


@pytest.mark.parametrize(("name", "item"), probe_params(SETS, KNOWN_WRONG))
def test_hunt8_probe_is_right_or_refused(
    probe_sessions: ProbeSessions, name: str, item: Probe
) -> None:
    assert_right_or_refused(probe_sessions, name, item)


def test_hunt8_probes_are_many_and_half_chinese() -> None:
    assert_many_and_half_chinese(SETS, 120)


#: the answerable probes answered right at the end of session 8, less about one in ten:
#: refusing everything must fail, a new honest refusal or two may not
#: (tpcds 11 since session 26: "preferred customers' share of sales" names no role of the
#: bill-to / ship-to customer and is asked, no longer answered by the first role listed)
RIGHT_AT_LEAST = {"flights": 9, "mf_simple": 2, "tpcds": 11, "mf_tutorial": 21}


@pytest.mark.parametrize("name", sorted(SETS))
def test_most_answerable_hunt8_probes_are_answered(
    probe_sessions: ProbeSessions, name: str
) -> None:
    assert_most_answered(probe_sessions, name, SETS[name], RIGHT_AT_LEAST[name], KNOWN_WRONG)
