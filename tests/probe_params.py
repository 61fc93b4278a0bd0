"""The pytest parameters of a probe set: one per question, a known wrong one as a strict xfail
(shared by the probe files ``tests/test_nl2sql_probes_*.py``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest


def probe_params(sets: Mapping[str, Sequence[Any]], known_wrong: Mapping[str, str]) -> list[Any]:
    """``(set name, probe)`` for every probe of ``sets``, each named "set:question"; a probe in
    ``known_wrong`` fails the run once it is fixed (strict xfail), so the list stays true."""
    return [
        pytest.param(
            name,
            item,
            id=f"{name}:{item.text}",
            marks=[pytest.mark.xfail(strict=True, reason=known_wrong[item.text])]
            if item.text in known_wrong
            else [],
        )
        for name, items in sets.items()
        for item in items
    ]
