"""Wrong-answer hunt, session 7: probes on roles and paths, negation, thresholds that look like
years, running totals, NULL keys in rankings and context-free fragments.

The questions and their gold SQL are in ``tests/probe_data_roles.py`` (written before the
engine was run on them); the scoring is the held-out runner's, through the shared loop of
:mod:`lab.evals.heldout.probes`. A probe without gold must be refused; one with gold is right
or refused, never wrong.
"""

from __future__ import annotations

import pytest

from lab.evals.heldout.probes import (
    Probe,
    ProbeSessions,
    failure,
    is_chinese,
    right_and_failures,
    score_probe,
)
from tests.probe_data_roles import SETS
from tests.probe_params import probe_params

#: probes still answered wrong, each with why (strict: the test fails once one is fixed).
#: "flights with air time under 1 hour" (52,433 flights listed and cut at the row limit) is
#: refused since session 13 with "how many …" offered (``nl2sql.cut_lists``)
KNOWN_WRONG: dict[str, str] = {}


@pytest.mark.parametrize(("name", "item"), probe_params(SETS, KNOWN_WRONG))
def test_role_probe_is_right_or_refused(
    probe_sessions: ProbeSessions, name: str, item: Probe
) -> None:
    why = failure(item, score_probe(probe_sessions, name, item))
    assert why is None, why


def test_role_probes_are_many_and_half_chinese() -> None:
    items = [item for items in SETS.values() for item in items]
    chinese = sum(is_chinese(item.text) for item in items)
    assert len(items) >= 150
    assert 0.4 <= chinese / len(items) <= 0.6


#: the answerable probes answered right after the session-7 fixes less about one in ten:
#: refusing everything must fail, a new honest refusal or two may not
#: (at the end of session 7: flights 25, mf_simple 6, tpcds 14, nosyn 17)
RIGHT_AT_LEAST = {"flights": 22, "mf_simple": 5, "tpcds": 12, "nosyn": 15}


@pytest.mark.parametrize("name", sorted(SETS))
def test_most_answerable_role_probes_are_answered(probe_sessions: ProbeSessions, name: str) -> None:
    right, failures = right_and_failures(probe_sessions, name, SETS[name], skip=KNOWN_WRONG)
    assert not failures, failures
    assert right >= RIGHT_AT_LEAST[name]
