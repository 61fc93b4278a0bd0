"""Red team, session 17: a health-check threshold is a whole number of at least 0, or refused.

Before: ``CHECKS[...].parameters`` cast each override with ``int(value)``. From a thresholds
file or the order_health notebook's ``-p thresholds`` (YAML), ``15.9`` became 15 minutes and
``true`` 1 without a word, ``-100`` flagged every order whose systems disagree at all, and
``.inf`` escaped as an OverflowError traceback. A number that reads two ways is refused, never
guessed (README, strict parsing).
"""

from __future__ import annotations

import pytest

from lab.health.checks import CHECKS
from lab.health.errors import HealthError
from lab.health.thresholds import normalize_thresholds


@pytest.mark.parametrize(
    "value", [15.9, True, False, -100, "-5", float("inf"), float("nan"), "1e3", "15.5", "", None]
)
def test_a_threshold_that_is_no_whole_number_of_at_least_zero_is_refused(value) -> None:
    with pytest.raises(HealthError, match=r"status_disagreement\.minutes"):
        normalize_thresholds({"status_disagreement": {"minutes": value}})


@pytest.mark.parametrize(
    ("value", "read"), [(20, 20), ("20", 20), (" 20 ", 20), (0, 0), (30.0, 30)]
)
def test_whole_numbers_are_read(value, read) -> None:
    assert CHECKS["status_disagreement"].parameters({"minutes": value}) == {"minutes": read}
