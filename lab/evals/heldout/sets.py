"""The held-out sets and the synonym-stripped run, as ``make eval`` lines and a dev report.

Why the test half is only ever printed as one line: engine authors tune on the dev half; a
test half whose questions or failures they can read stops being held out. Its file is pinned by
SHA-256 in ``tests/eval/frozen.yaml`` and checked before every scoring run.

Run ``python -m lab.evals.heldout --set flights`` for the per-question outcomes of a dev half,
``--nosyn-db FILE`` for those of the synonym-stripped run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from connectors.warehouse import connect
from lab.evals.heldout.data import EVAL_DIR, WAREHOUSES, EvalWarehouse
from lab.evals.heldout.runner import (
    Question,
    Score,
    check_frozen,
    load_set,
    score_questions,
)
from semantic_layer import BUILTIN_MODEL_DIR, SemanticLayerError, load_model

# other data, English-only models (mf_simple: a real public model over synthetic data)
SET_NAMES = ("flights", "tpcds", "mf_tutorial", "mf_simple")
WORDING_SETS = ("orders_wording",)  # the built-in model, asked in words it was not tuned on
ALL_SETS = SET_NAMES + WORDING_SETS
HALVES = ("dev", "test")
EXISTING_SETS = ("orders_eval.yaml", "fresh_eval.yaml")
SYNONYM_KEYS = frozenset({"synonyms", "value_synonyms"})


@contextmanager
def _warehouse_session(warehouse: EvalWarehouse) -> Iterator[tuple[Any, Any]]:
    """A sandboxed read-only connection to the set's warehouse and its model (if it loads).

    Sandboxed like every query path (``connectors.warehouse.connect``): the engine's SQL and
    the gold SQL run with DuckDB's external access off, as they would for a user.
    """

    con = connect(warehouse.db, read_only=True)
    try:
        try:
            model: Any = load_model(warehouse.model_dir, con=con)
        except SemanticLayerError:  # the engine reports it per question, as a user would see
            model = warehouse.model_dir
        yield model, con
    finally:
        con.close()


def score_heldout(name: str, halves: tuple[str, ...] = HALVES) -> list[Score]:
    """Build (or reuse) the set's warehouse and score the requested halves."""
    if "test" in halves:
        check_frozen(EVAL_DIR, name)
    warehouse = WAREHOUSES[name]()
    scores = []
    with _warehouse_session(warehouse) as (model, con):
        for half in halves:
            part = load_set(EVAL_DIR / name / f"{half}.yaml")
            label = f"nl-eval-{name}-{half}"
            scores.append(score_questions(label, part.questions, model, con, part.today))
    return scores


def strip_synonyms(node: Any) -> Any:
    """A copy of parsed model YAML without ``synonyms`` / ``value_synonyms`` in any ``meta``."""
    if isinstance(node, dict):
        return {
            key: (
                {k: strip_synonyms(v) for k, v in value.items() if k not in SYNONYM_KEYS}
                if key == "meta" and isinstance(value, dict)
                else strip_synonyms(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [strip_synonyms(item) for item in node]
    return node


def write_model_without_synonyms(source: Path, target: Path) -> int:
    """Copy a model directory to ``target`` with every synonym removed; return files written."""
    written = 0
    for path in sorted(source.rglob("*")):
        dest = target / path.relative_to(source)
        if path.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
        elif path.suffix in {".yml", ".yaml"}:
            dest.parent.mkdir(parents=True, exist_ok=True)
            doc = strip_synonyms(yaml.safe_load(path.read_text()))
            dest.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
            written += 1
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)
    return written


def _existing_questions() -> tuple[list[Question], str]:
    questions: list[Question] = []
    today = ""
    for file_name in EXISTING_SETS:
        doc = yaml.safe_load((EVAL_DIR / file_name).read_text())
        today = str(doc["today"])
        for i, raw in enumerate(doc["questions"]):
            questions.append(
                Question(
                    id=f"{file_name}:{i + 1}",
                    text=raw["question"],
                    lang="zh"
                    if any("\u4e00" <= ch <= "\u9fff" for ch in raw["question"])
                    else "en",
                    gold_sql=(raw["gold_sql"],) if raw.get("gold_sql") else (),
                    refuse=bool(raw.get("refuse", False)),
                )
            )
    return questions, today


def score_without_synonyms(db: str | Path) -> Score:
    """The existing sets on the built-in model with every synonym stripped (``nl-eval-nosyn``)."""

    questions, today = _existing_questions()
    with tempfile.TemporaryDirectory(prefix="orderlens-nosyn-") as tmp:
        model_dir = Path(tmp) / "model"
        write_model_without_synonyms(Path(BUILTIN_MODEL_DIR), model_dir)
        # A copy: a connection the engine keeps alive must not lock the caller's warehouse.
        copy = shutil.copyfile(db, Path(tmp) / "warehouse.duckdb")
        con = connect(copy, read_only=True)
        try:
            model = load_model(model_dir, con=con)
            return score_questions("nl-eval-nosyn", questions, model, con, today)
        finally:
            con.close()


def _print_outcomes(score: Score, only: str | None) -> None:
    for o in score.outcomes:
        if only in (None, o.verdict):
            print(f"{o.question.id} {o.verdict:8} {o.question.text}\n    {o.detail}")


def main(argv: list[str] | None = None) -> int:
    """Print a dev half's per-question outcomes (test halves only as their summary line)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", choices=ALL_SETS, action="append", dest="sets")
    parser.add_argument("--half", choices=HALVES, default="dev")
    parser.add_argument("--only", choices=("correct", "refused", "wrong"), help="filter outcomes")
    parser.add_argument(
        "--nosyn-db",
        metavar="FILE",
        help="instead: the tuned sets on the synonym-stripped built-in model over this demo "
        "warehouse (e.g. one built by `orderlens demo`)",
    )
    args = parser.parse_args(argv)
    if args.nosyn_db:
        score = score_without_synonyms(args.nosyn_db)
        _print_outcomes(score, args.only)
        print(f"{score.line()} ({score.seconds:.1f}s)", flush=True)
        return 0
    for name in args.sets or ALL_SETS:
        (score,) = score_heldout(name, (args.half,))
        if args.half == "dev":
            _print_outcomes(score, args.only)
        print(f"{score.line()} ({score.seconds:.1f}s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
