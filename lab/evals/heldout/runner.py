"""Score the question engine on a held-out set: ask each question, compare with its gold.

Why these outcomes: a user is served by a right answer and by an honest refusal, and harmed
only by a wrong one. Every question ends in exactly one of

- ``correct``: an answerable question answered with the gold result set, or a must-refuse
  question refused;
- ``refused``: an answerable question refused (a miss, but a safe one);
- ``wrong``: an answer whose result set differs from the gold one, an answered must-refuse
  question, or an engine crash.

so ``correct + refused + wrong`` is the number of questions.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lab.evals.heldout.scoring import describe, same_result

log = logging.getLogger("orderlens.evals")

FROZEN_MANIFEST = "frozen.yaml"


class EvalSetError(ValueError):
    """An evaluation file is malformed or a frozen half was edited; the message says which."""


@dataclass(frozen=True)
class Question:
    """One question of a set: ``gold_sql`` (answerable) or ``refuse`` (must refuse).

    ``gold_sql`` holds one SQL per equally right reading (an airline by code or by name); the
    answer is correct when it matches any of them.
    """

    id: str
    text: str
    lang: str
    gold_sql: tuple[str, ...] = ()
    refuse: bool = False
    ordered: bool = False


@dataclass(frozen=True)
class EvalSet:
    """One half (``dev`` or ``test``) of a held-out set, with the date questions are asked on."""

    name: str
    half: str
    today: str
    questions: tuple[Question, ...]
    #: items left out because they are marked ``review: true`` (exported feedback, no gold yet)
    review_skipped: int = 0


@dataclass
class Outcome:
    """What happened to one question."""

    question: Question
    verdict: str  # correct | refused | wrong
    detail: str = ""


@dataclass
class Score:
    """The outcomes of one set half and the line ``make eval`` prints for it."""

    label: str
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, verdict: str) -> int:
        """Number of questions with this verdict."""
        return sum(o.verdict == verdict for o in self.outcomes)

    def line(self) -> str:
        """``<label>: accuracy=P% correct=C/N refused=R wrong=W zh=C/N en=C/N``.

        The per-language counts show how Chinese questions fare on an English-only model.
        """
        n = len(self.outcomes)
        correct = self.count("correct")
        pct = 100.0 * correct / n if n else 0.0
        langs = " ".join(
            f"{lang}={sum(o.verdict == 'correct' for o in part)}/{len(part)}"
            for lang in ("zh", "en")
            if (part := [o for o in self.outcomes if o.question.lang == lang])
        )
        return (
            f"{self.label}: accuracy={pct:.1f}% correct={correct}/{n} "
            f"refused={self.count('refused')} wrong={self.count('wrong')} {langs}"
        ).rstrip()


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes (the frozen test halves are pinned by it)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_frozen(eval_dir: Path, name: str) -> None:
    """Raise unless ``<name>/test.yaml`` still has the hash recorded when it was frozen."""
    manifest = yaml.safe_load((eval_dir / FROZEN_MANIFEST).read_text()) or {}
    expected = (manifest.get("sets") or {}).get(name, {}).get("test_sha256")
    if not expected:
        raise EvalSetError(f"{FROZEN_MANIFEST}: no test_sha256 for set `{name}`")
    actual = file_sha256(eval_dir / name / "test.yaml")
    if actual != expected:
        raise EvalSetError(
            f"{name}/test.yaml was edited after it was frozen (sha256 {actual[:12]}…, "
            f"frozen {expected[:12]}…). Fix: restore it with git; a frozen half is never tuned."
        )


def load_set(path: Path) -> EvalSet:
    """Read one half of a set; every question needs an id, a language and gold or ``refuse``.

    Items marked ``review: true`` (thumbs-down answers as ``orderlens feedback export`` writes
    them, with no gold until a person writes it) are left out, counted in
    :attr:`EvalSet.review_skipped` and logged ("3 items need review: skipped").
    """
    doc = yaml.safe_load(path.read_text())
    questions = []
    seen: set[str] = set()
    review = 0
    for i, raw in enumerate(doc.get("questions") or []):
        where = f"{path}: question {i + 1}"
        if raw.get("review"):  # a thumbs-down answer from `orderlens feedback export`
            review += 1
            continue
        gold, refuse = raw.get("gold_sql"), bool(raw.get("refuse", False))
        if bool(gold) == refuse:
            raise EvalSetError(f"{where}: give exactly one of gold_sql or refuse: true")
        if raw.get("lang") not in {"en", "zh"}:
            raise EvalSetError(f"{where}: lang must be en or zh")
        if raw["id"] in seen:
            raise EvalSetError(f"{where}: duplicate id {raw['id']}")
        seen.add(raw["id"])
        questions.append(
            Question(
                id=str(raw["id"]),
                text=str(raw["question"]),
                lang=raw["lang"],
                gold_sql=tuple([gold] if isinstance(gold, str) else gold or []),
                refuse=refuse,
                ordered=bool(raw.get("ordered", False)),
            )
        )
    if review:
        from nl2sql.evaluation import review_note  # the one wording, for both loaders

        log.warning("%s: %s", path, review_note(review))
    return EvalSet(str(doc["set"]), str(doc["half"]), str(doc["today"]), tuple(questions), review)


def _ask(
    question: Question, model: Any, con: Any, today: str, *, db_key: str | None = None
) -> tuple[str, Any]:
    """Run the rules engine: ("answer", df) | ("refused", message) | ("error", message)."""
    # lazy: the question engine loads only when a set is scored, not when one is read
    from nl2sql import ExecutionError, NL2SQLError, ask

    try:
        answer = ask(
            question.text,
            model=model,
            con=con,
            engine="rules",
            today=today,
            chart=False,
            db_key=db_key,
        )
    except ExecutionError as exc:  # understood, but the SQL it built does not run
        return "error", f"ExecutionError: {exc}"
    except NL2SQLError as exc:
        return "refused", str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    except Exception as exc:  # a crash is not an honest refusal
        return "error", f"{type(exc).__name__}: {exc}"
    if getattr(answer, "refused", False):  # a refusal may also come back as an Answer
        return "refused", str(getattr(answer, "error", "") or "refused")
    if getattr(answer, "df", None) is None:
        return "error", f"answered without a result table: {answer.interpretation}"
    return "answer", answer


def score_question(
    question: Question, model: Any, con: Any, today: str, *, db_key: str | None = None
) -> Outcome:
    """Ask one question and judge the result against its gold.

    ``db_key`` names the warehouse for the engine's caches (as :func:`nl2sql.ask` takes it). Why:
    an in-memory connection has no file to tell it by, so without a key every question rebuilt
    the catalog, the lexicon and the tokenizer of the model's words (~6 s each under a
    profiler). Pass a key only when the warehouse does not change between the questions that
    share it; the default (None) is what the held-out sets use.
    """
    kind, payload = _ask(question, model, con, today, db_key=db_key)
    if kind == "error":
        return Outcome(question, "wrong", payload)
    if kind == "refused":
        return Outcome(question, "correct" if question.refuse else "refused", payload)
    df = payload.df
    if question.refuse:
        return Outcome(question, "wrong", f"answered a must-refuse question: {describe(df)}")
    golds = [con.execute(sql).fetchdf() for sql in question.gold_sql]
    query = getattr(payload, "query", None)
    metrics = tuple(getattr(query, "metrics", None) or ())
    if any(
        same_result(gold, df, ordered=question.ordered, metric_columns=metrics) for gold in golds
    ):
        return Outcome(question, "correct", payload.interpretation or "")
    return Outcome(
        question,
        "wrong",
        f"{payload.interpretation} | got {describe(df)} | gold {describe(golds[0])}",
    )


def score_questions(
    label: str,
    questions: Iterable[Question],
    model: Any,
    con: Any,
    today: str,
    *,
    db_key: str | None = None,
):
    """Score every question; the connection serves both the engine and the gold SQL
    (``db_key``: as in :func:`score_question`)."""
    started = time.perf_counter()
    score = Score(label)
    for question in questions:
        score.outcomes.append(score_question(question, model, con, today, db_key=db_key))
    score.seconds = time.perf_counter() - started
    return score
