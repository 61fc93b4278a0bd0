"""Wrong-answer hunt, session 7: probes on roles and paths, negation, thresholds that look like
years, running totals, NULL keys in rankings and context-free fragments.

The questions and their gold SQL are in ``tests/probe_data_roles.py`` (written before the
engine was run on them); the scoring is the held-out runner's, through the shared loop of
:mod:`lab.evals.heldout.probes`. A probe without gold must be refused; one with gold is right
or refused, never wrong.
"""

from __future__ import annotations

import pytest

from lab.evals.heldout.probes import Probe, ProbeSessions
from tests.probe_data_roles import SETS
from tests.probe_params import (
    assert_many_and_half_chinese,
    assert_most_answered,
    assert_right_or_refused,
    probe_params,
)

#: probes still answered wrong, each with why (strict: the test fails once one is fixed).
#: "flights with air time under 1 hour" (52,433 flights listed and cut at the row limit) is
#: refused since session 13 with "how many …" offered (``nl2sql.cut_lists``)
KNOWN_WRONG: dict[str, str] = {}


@pytest.mark.parametrize(("name", "item"), probe_params(SETS, KNOWN_WRONG))
def test_role_probe_is_right_or_refused(
    probe_sessions: ProbeSessions, name: str, item: Probe
) -> None:
    assert_right_or_refused(probe_sessions, name, item)


def test_role_probes_are_many_and_half_chinese() -> None:
    assert_many_and_half_chinese(SETS, 150)


#: the answerable probes answered right after the session-7 fixes less about one in ten:
#: refusing everything must fail, a new honest refusal or two may not
#: (at the end of session 7: flights 25, mf_simple 6, tpcds 14, nosyn 17)
RIGHT_AT_LEAST = {"flights": 22, "mf_simple": 5, "tpcds": 12, "nosyn": 15}


@pytest.mark.parametrize("name", sorted(SETS))
def test_most_answerable_role_probes_are_answered(probe_sessions: ProbeSessions, name: str) -> None:
    assert_most_answered(probe_sessions, name, SETS[name], RIGHT_AT_LEAST[name], KNOWN_WRONG)
