"""Probe questions on the held-out warehouses: right or refused, never wrong.

Why a module and not test code only: the probe files (``tests/test_nl2sql_probes*.py``) are
plain data, and the same machinery opens the warehouses, scores a probe with the held-out
runner's :func:`~lab.evals.heldout.runner.score_question` and tallies right / refused / wrong
per set, so a "before and after" count is the same code the tests assert with.

A probe is a question with its gold SQL (one per equally right reading) or none: then the
question is ambiguous or unanswerable on that model and only a refusal is right.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from lab.evals.heldout.runner import Outcome, Question, score_question

#: the day each set's questions are asked on (relative dates resolve against it)
PROBE_TODAY = {
    "tpcds": "2002-12-31",
    "flights": "2013-12-31",
    "mf_tutorial": "2022-04-05",
    "mf_simple": "2025-01-15",
    "nosyn": "2026-11-20",
}


@dataclass(frozen=True)
class Probe:
    """A question and its gold SQL (one or several equally right readings; none: refuse)."""

    text: str
    gold: tuple[str, ...] = ()
    ordered: bool = False


def probe(text: str, *gold: str, ordered: bool = False) -> Probe:
    """Shorthand for the probe tables: ``probe("question", "SELECT …")``."""
    return Probe(text, tuple(gold), ordered)


def is_chinese(text: str) -> bool:
    """True when the text holds a CJK ideograph (the probe's language for the tallies)."""
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


class ProbeSessions:
    """Each set's (model, connection), opened on first use and closed together.

    ``nosyn`` is the built-in model with every synonym stripped, over the demo warehouse the
    ``orders_wording`` set uses: names and descriptions only, as on an unseen model.
    """

    def __init__(self) -> None:
        self._opened: dict[str, tuple[Any, Any]] = {}
        self._tmp = tempfile.TemporaryDirectory(prefix="orderlens-probes-")

    def open(self, name: str) -> tuple[Any, Any]:
        """The set's model and read-only sandboxed connection (raises EvalDataError)."""
        if name in self._opened:
            return self._opened[name]
        from connectors.warehouse import connect
        from lab.evals.heldout.data import WAREHOUSES
        from lab.evals.heldout.sets import write_model_without_synonyms
        from semantic_layer import BUILTIN_MODEL_DIR, load_model

        wh = WAREHOUSES["orders_wording" if name == "nosyn" else name]()
        if name == "nosyn":
            model_dir = Path(self._tmp.name) / "nosyn-model"
            write_model_without_synonyms(Path(BUILTIN_MODEL_DIR), model_dir)
            wh = replace(wh, model_dir=model_dir)
        con = connect(wh.db, read_only=True)
        self._opened[name] = (load_model(wh.model_dir, con=con), con)
        return self._opened[name]

    def close(self) -> None:
        """Close every connection and remove the stripped model."""
        for _, con in self._opened.values():
            con.close()
        self._opened.clear()
        self._tmp.cleanup()


def score_probe(sessions: ProbeSessions, name: str, item: Probe) -> Outcome:
    """Ask the probe on its set and judge it like a held-out question."""
    model, con = sessions.open(name)
    question = Question(
        id=item.text,
        text=item.text,
        lang="zh" if is_chinese(item.text) else "en",
        gold_sql=item.gold,
        refuse=not item.gold,
        ordered=item.ordered,
    )
    return score_question(question, model, con, PROBE_TODAY[name])


def failure(item: Probe, outcome: Outcome) -> str | None:
    """Why ``outcome`` fails the probe bar, or None: a wrong answer never passes, and a probe
    without gold (ambiguous or unanswerable) passes only when refused."""
    if outcome.verdict == "wrong":
        return outcome.detail or "answered wrong"
    if not item.gold and outcome.verdict != "correct":
        return f"must be refused: {outcome.detail}"
    return None


def right_and_failures(
    sessions: ProbeSessions, name: str, probes: Iterable[Probe], skip: Iterable[str] = ()
) -> tuple[int, list[str]]:
    """How many answerable probes of set ``name`` are answered right, and every failure.

    Why: "right or refused" alone is met by refusing everything; the tests also hold each set
    to a floor of right answers. ``skip``: texts of probes known to fail (the tests' strict
    xfails), left out of both counts.
    """
    right, failures = 0, []
    skipped = set(skip)
    for item in probes:
        if not item.gold or item.text in skipped:
            continue
        outcome = score_probe(sessions, name, item)
        right += outcome.verdict == "correct"
        why = failure(item, outcome)
        if why is not None:
            failures.append(f"{name}: {item.text}: {why}")
    return right, failures


def tally(
    sessions: ProbeSessions, sets: dict[str, list[Probe]], only: Iterable[str] | None = None
) -> tuple[Counter[tuple[str, str]], list[tuple[str, Outcome]]]:
    """Verdict counts per (set, verdict) and every outcome, for a before/after report."""
    counts: Counter[tuple[str, str]] = Counter()
    outcomes: list[tuple[str, Outcome]] = []
    wanted = set(only) if only is not None else set(sets)
    for name, probes in sets.items():
        if name not in wanted:
            continue
        for item in probes:
            outcome = score_probe(sessions, name, item)
            counts[(name, outcome.verdict)] += 1
            outcomes.append((name, outcome))
    return counts, outcomes


def probe_cases(sets: dict[str, list[Probe]]) -> list[tuple[str, Probe]]:
    """(model name, probe) pairs of sets keyed by model, for ``pytest.mark.parametrize``."""
    return [(name, item) for name, items in sets.items() for item in items]


def probe_ids(sets: dict[str, list[Probe]]) -> list[str]:
    """Test ids naming the model and the question, in :func:`probe_cases` order."""
    return [f"{name}:{item.text}" for name, item in probe_cases(sets)]
