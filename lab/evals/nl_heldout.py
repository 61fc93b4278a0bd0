"""``make eval`` lines of the question engine beyond the tuned sets (``lab.evals.nl``).

- ``nl-eval-<set>-dev: …`` / ``nl-eval-<set>-test: …`` — the held-out sets over real public data
  the engine was not built on (``lab.evals.heldout``): nycflights13, TPC-DS, the sample
  project of dbt-metricflow and MetricFlow's own ``simple_manifest`` (over synthetic data),
  each with its own warehouse and English-only model; and
  ``orders_wording``, the built-in model asked in other words than it was tuned on.
- ``nl-eval-nosyn: …`` — the tuned sets again with every synonym stripped from the built-in
  model: the gap to ``nl-eval`` is how much still hangs on hand-written synonyms.

A set that cannot be built or scored prints ``<label>: ERROR …`` and the others still run.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from lab.evals.heldout.sets import ALL_SETS, score_heldout, score_without_synonyms


def _guarded(label: str, produce: Callable[[], list[str]]) -> list[str]:
    try:
        return produce()
    except Exception as exc:  # one broken set must not hide the others' figures
        return [f"{label}: ERROR {type(exc).__name__}: {exc}"]


def _heldout(name: str) -> list[str]:
    return [score.line() for score in score_heldout(name)]


def _nosyn(db: str | Path) -> list[str]:
    return [score_without_synonyms(db).line()]


def run(db: str | Path) -> list[str]:
    """The held-out sets' lines, then the synonym-stripped run over the warehouse at ``db``."""

    lines: list[str] = []
    for name in ALL_SETS:
        lines += _guarded(f"nl-eval-{name}", partial(_heldout, name))
    return lines + _guarded("nl-eval-nosyn", lambda: _nosyn(db))
