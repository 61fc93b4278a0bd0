"""Execution accuracy of the question engine against hand-written gold SQL.

Why execution accuracy: two different SQL texts can be equally right; what matters is that the
answer's rows equal the gold query's rows on the same warehouse. Rows are compared as sorted
lists of values (column names and order ignored, floats rounded to 6 significant digits,
midnight timestamps as dates), so gold SQL stays independent of the compiler's column names.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from nl2sql.ask import ask

EVAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "eval"
#: The question sets of the built-in model: the engine's own set and one written afterwards
#: from fresh phrasings (``make_fresh_eval.py``), scored together.
EVAL_FILES = ("orders_eval.yaml", "fresh_eval.yaml")


def _norm(value: Any) -> str:
    if value is None:
        return "∅"
    if isinstance(value, bool):
        return f"b:{value}"
    if isinstance(value, int | float | decimal.Decimal) or hasattr(value, "item"):
        v = float(value.item() if hasattr(value, "item") else value)
        if math.isnan(v):
            return "∅"
        return f"n:{float(f'{v:.6g}'):g}"
    if isinstance(value, dt.datetime):
        return f"d:{value.date()}" if value.time() == dt.time(0) else f"t:{value.isoformat()}"
    if isinstance(value, dt.date):
        return f"d:{value}"
    try:
        if isinstance(value, pd.Timestamp):
            return _norm(value.to_pydatetime())
    except ImportError:  # pragma: no cover
        pass
    return f"s:{value}"


def normalize_rows(rows: list[tuple]) -> list[tuple[str, ...]]:
    """Rows as sorted tuples of normalized values, sorted (order- and name-independent)."""
    return sorted(tuple(sorted(_norm(v) for v in row)) for row in rows)


@dataclass
class CaseResult:
    """One question's outcome."""

    question: str
    status: str  # correct | wrong | refused | error | refused_ok | answered_must_refuse
    detail: str = ""


@dataclass
class EvalReport:
    """Totals of one question set."""

    results: list[CaseResult] = field(default_factory=list)
    #: items not scored: exported feedback marked ``review: true`` (no gold yet)
    skipped_review: int = 0

    def count(self, status: str) -> int:
        """How many results have ``status``."""
        return sum(1 for r in self.results if r.status == status)

    @property
    def answerable(self) -> int:
        return sum(1 for r in self.results if r.status in ("correct", "wrong", "refused", "error"))

    @property
    def must_refuse(self) -> int:
        return sum(1 for r in self.results if r.status in ("refused_ok", "answered_must_refuse"))

    @property
    def accuracy(self) -> float:
        return self.count("correct") / self.answerable if self.answerable else 0.0

    def line(self, prefix: str = "nl-eval") -> str:
        """``nl-eval: accuracy=P% correct=N/M refused=R/T wrong=W``."""
        return (
            f"{prefix}: accuracy={self.accuracy * 100:.1f}% correct={self.count('correct')}/"
            f"{self.answerable} refused={self.count('refused_ok')}/{self.must_refuse} "
            f"wrong={self.count('wrong')}"
        ) + (f" ({review_note(self.skipped_review)})" if self.skipped_review else "")


def load_cases(path: Path) -> dict[str, Any]:
    """A question-set YAML file: ``today``, ``model`` and ``questions``."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def review_note(count: int) -> str:
    """The line saying how many items were left out for review (``orderlens feedback export``
    writes thumbs-down answers as ``review: true`` items with no gold)."""
    noun = "item needs" if count == 1 else "items need"
    return (
        f"{count} {noun} review: skipped (write gold_sql or refuse: true and drop `review` "
        "to score them)"
    )


def scored_cases(doc: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """``(items to score, how many need review)`` of a question-set document.

    Why skip rather than fail: a file from ``orderlens feedback export`` holds thumbs-down
    answers as ``review: true`` items without ``gold_sql`` until a person writes it; the
    confirmed items of the same file are scoreable now. An item with neither ``gold_sql`` nor
    ``refuse`` and no ``review`` mark is an error in the file, named with its position.
    """
    cases, review = [], 0
    for i, case in enumerate(doc.get("questions") or []):
        if case.get("review"):
            review += 1
            continue
        if not case.get("gold_sql") and not case.get("refuse"):
            raise ValueError(
                f"question {i + 1} ({case.get('question')!r}) has neither gold_sql nor "
                "refuse: true; write one, or mark it review: true to skip it"
            )
        cases.append(case)
    return cases, review


def _ask_case(case: dict[str, Any], today: Any, con: Any, model: Any) -> Any:
    """Ask an item's question; a follow-up (``followup_of``: the questions asked before it in
    one conversation, as the export writes them) is asked after them, with their context."""
    context = None
    for earlier in case.get("followup_of") or []:
        before = ask(
            earlier,
            model=model,
            con=con,
            engine="rules",
            today=today,
            chart=False,
            context=context,
        )
        context = before.followup_context()
    return ask(
        case["question"],
        model=model,
        con=con,
        engine="rules",
        today=today,
        chart=False,
        max_rows=100_000,
        context=context,
    )


def evaluate(path: Path, con, model: Any = None) -> EvalReport:
    """Run every question of ``path`` with the rules engine on ``con`` and score it.

    Items marked ``review: true`` are counted in :attr:`EvalReport.skipped_review`, not asked;
    an item's own ``today`` (exported feedback keeps the day each answer was given) wins over
    the file's.
    """
    doc = load_cases(path)
    cases, review = scored_cases(doc)
    report = EvalReport(skipped_review=review)
    for case in cases:
        q = case["question"]
        answer = _ask_case(case, case.get("today") or doc.get("today"), con, model)
        if case.get("refuse"):
            status = "refused_ok" if not answer.ok else "answered_must_refuse"
            report.results.append(CaseResult(q, status, answer.interpretation))
            continue
        if not answer.ok:
            status = "refused" if answer.refused else "error"
            report.results.append(CaseResult(q, status, answer.error or ""))
            continue
        gold = con.execute(case["gold_sql"]).fetchall()
        assert answer.df is not None  # answer.ok: answered, so there is a result table
        got = list(answer.df.itertuples(index=False, name=None))
        if normalize_rows(gold) == normalize_rows(got):
            report.results.append(CaseResult(q, "correct"))
        else:
            report.results.append(
                CaseResult(
                    q,
                    "wrong",
                    f"{answer.interpretation} | gold {normalize_rows(gold)[:3]} "
                    f"got {normalize_rows(got)[:3]} ({len(gold)} vs {len(got)} rows)",
                )
            )
    return report


def evaluate_all(con, model: Any = None, files: tuple[str, ...] = EVAL_FILES) -> EvalReport:
    """Every question set of ``files`` (in :data:`EVAL_DIR`) as one report."""
    report = EvalReport()
    for name in files:
        part = evaluate(EVAL_DIR / name, con, model=model)
        report.results.extend(part.results)
        report.skipped_review += part.skipped_review
    return report
