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
        )


def load_cases(path: Path) -> dict[str, Any]:
    """A question-set YAML file: ``today``, ``model`` and ``questions``."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def evaluate(path: Path, con, model: Any = None) -> EvalReport:
    """Run every question of ``path`` with the rules engine on ``con`` and score it."""
    doc = load_cases(path)
    today = doc.get("today")
    report = EvalReport()
    for case in doc["questions"]:
        q = case["question"]
        answer = ask(
            q, model=model, con=con, engine="rules", today=today, chart=False, max_rows=100_000
        )
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
        report.results.extend(evaluate(EVAL_DIR / name, con, model=model).results)
    return report
