"""The lines, JSON records and before/after diffs of the external-project runner.

Why the final half is kept apart here: engine authors tune on dev halves; a final half whose
questions or per-question failures they can read stops being held out. So a final half prints
only its aggregate line, its JSON records hold ids and verdicts (no text, no detail) and a
before/after diff names its moved questions by id only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lab.evals.heldout.runner import Outcome, Score

LANGS = ("zh", "en")


def _half(label: str) -> str:
    return label.rsplit("-", 1)[-1]


def _counts(outcomes: list[Outcome], label: str) -> str:
    n = len(outcomes)
    right = sum(o.verdict == "correct" for o in outcomes)
    refused = sum(o.verdict == "refused" for o in outcomes)
    wrong = sum(o.verdict == "wrong" for o in outcomes)
    langs = ", ".join(
        f"{lang} {sum(o.verdict == 'correct' for o in part)}/{len(part)}"
        for lang in LANGS
        if (part := [o for o in outcomes if o.question.lang == lang])
    )
    return f"{label}: {right} right / {refused} refused / {wrong} wrong of {n} ({langs})"


def result_line(score: Score) -> str:
    """``ext-<slug>-<half>: R right / F refused / W wrong of N (zh r/n, en r/n)``.

    >>> from lab.evals.heldout.runner import Question
    >>> q = [Question("a", "?", "zh", ("x",)), Question("b", "?", "en", refuse=True)]
    >>> s = Score("ext-cafe-dev", [Outcome(q[0], "refused"), Outcome(q[1], "correct")])
    >>> result_line(s)
    'ext-cafe-dev: 1 right / 1 refused / 0 wrong of 2 (zh 0/1, en 1/1)'
    """
    return _counts(score.outcomes, score.label)


def total_lines(scores: Iterable[Score]) -> list[str]:
    """One ``ext-total-<half>`` line per half scored, over every set."""
    by_half: dict[str, list[Outcome]] = {}
    sets: dict[str, int] = {}
    for score in scores:
        half = _half(score.label)
        by_half.setdefault(half, []).extend(score.outcomes)
        sets[half] = sets.get(half, 0) + 1
    return [
        f"{_counts(outcomes, f'ext-total-{half}')} over {sets[half]} sets"
        for half, outcomes in by_half.items()
    ]


def print_outcomes(score: Score, only: str) -> None:
    """Per-question lines of a dev half (``only``: a verdict or ``all``)."""
    if _half(score.label) != "dev":
        return
    for o in score.outcomes:
        if only in ("all", o.verdict):
            print(f"{o.question.id} {o.question.lang} {o.verdict:8} {o.question.text}")
            print(f"    {o.detail}")


def outcome_records(scores: Iterable[Score]) -> dict[str, Any]:
    """Every outcome by set label: id, language, verdict; text and detail for dev halves only."""
    records: dict[str, list[dict[str, str]]] = {}
    for score in scores:
        dev = _half(score.label) == "dev"
        rows = records.setdefault(score.label, [])
        for o in score.outcomes:
            row = {"id": o.question.id, "lang": o.question.lang, "verdict": o.verdict}
            if dev:
                row |= {"question": o.question.text, "detail": o.detail}
            rows.append(row)
    return {"sets": records}


def compare_runs(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The questions whose verdict moved between two ``--json`` files, then a count line.

    >>> a = {"sets": {"ext-x-final": [{"id": "f1", "lang": "zh", "verdict": "refused"}]}}
    >>> b = {"sets": {"ext-x-final": [{"id": "f1", "lang": "zh", "verdict": "correct"}]}}
    >>> compare_runs(a, b)
    ['ext-x-final f1 zh: refused -> correct', 'moved: 1 (0 to wrong)']
    """
    lines, notes = [], []
    to_wrong = 0
    old_sets, new_sets = before.get("sets", {}), after.get("sets", {})
    for label in sorted(set(old_sets) ^ set(new_sets)):  # a set scored on one side only
        side, rows = ("A", old_sets[label]) if label in old_sets else ("B", new_sets[label])
        notes.append(f"{label}: only in {side} ({len(rows)} questions, not compared)")
    for label in sorted(set(old_sets) & set(new_sets)):
        old = {r["id"]: r for r in old_sets.get(label, [])}
        new = {r["id"]: r for r in new_sets.get(label, [])}
        for qid in sorted(set(old) | set(new)):
            was = old.get(qid, {}).get("verdict", "absent")
            now = new.get(qid, {}).get("verdict", "absent")
            if was == now:
                continue
            to_wrong += now == "wrong"
            row = new.get(qid) or old[qid]
            text = f"  {row['question']}" if _half(label) == "dev" and "question" in row else ""
            lines.append(f"{label} {qid} {row['lang']}: {was} -> {now}{text}")
    return [*notes, *lines, f"moved: {len(lines)} ({to_wrong} to wrong)"]
