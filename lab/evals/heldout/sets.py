"""The held-out sets and the synonym-stripped run, as ``make eval`` lines and a dev report.

Why the test half is only ever printed as one line: engine authors tune on the dev half; a
test half whose questions or failures they can read stops being held out. Its file is pinned by
SHA-256 in ``tests/eval/frozen.yaml`` and checked before every scoring run.

Run ``python -m lab.evals.heldout --set flights`` for the per-question outcomes of a dev half,
``--nosyn-db FILE`` for those of the synonym-stripped run (``--nosyn-db`` alone: over the
evaluation's own demo warehouse, built once into the cache as ``lab.evaluate`` builds it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import yaml

from connectors.warehouse import connect
from lab.evals.heldout.data import EVAL_DIR, WAREHOUSES, EvalWarehouse, demo_warehouse
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
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
        # libyaml's loader when present: the two files hold 441 questions (1.2 s pure-Python)
        doc = yaml.load((EVAL_DIR / file_name).read_text(), Loader=_SAFE_LOADER)
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


class WarehouseDateError(ValueError):
    """The warehouse's data ends on another day than the questions are asked on."""


def warehouse_end_date(con: Any) -> dt.date | None:
    """The last day of a demo warehouse's history, or None when it is not a demo warehouse.

    Why ``freight_index``: the demo generator writes one price per lane and day over the 730
    days ending at its ``end_date`` (``connectors.demo.freight``), so its last day *is* the end
    date, whatever the seed or the number of orders; the last order may fall earlier.
    """
    try:
        row = con.execute("SELECT max(index_date) FROM freight_index").fetchone()
    except duckdb.Error:  # no such table (or column): not a demo warehouse
        return None
    last = row[0] if row else None
    if isinstance(last, dt.datetime):
        return last.date()
    return last if isinstance(last, dt.date) else None


def check_end_date(con: Any, db: str | Path, today: str) -> None:
    """Refuse a warehouse whose data does not end on the sets' ``today``.

    Why (session 28): the tuned sets ask as of ``today`` (2026-11-20); a warehouse from
    ``orderlens demo`` ends on the day it was built, so "GMV so far this month" was scored on a
    month with no data in it and counted wrong, an error of the harness, not of the engine.
    """
    end = warehouse_end_date(con)
    if end is None or end.isoformat() == today:
        return
    raise WarehouseDateError(
        f"the warehouse {db} ends on {end.isoformat()}, but the sets ask as of {today} (their "
        "`today`): questions about this month or the last days would be scored on other days "
        f"than their gold. Build one that ends on {today}: `orderlens demo --db FILE "
        f"--end-date {today}`, or run `python -m lab.evals.heldout --nosyn-db` without a file "
        "(the evaluation's own warehouse, as lab.evaluate builds it)."
    )


def score_without_synonyms(db: str | Path | None = None) -> Score:
    """The existing sets on the built-in model with every synonym stripped (``nl-eval-nosyn``).

    ``db`` None: the evaluation's demo warehouse (:func:`demo_warehouse`, cached). A warehouse
    that ends on another day than the sets' ``today`` is refused (:func:`check_end_date`).
    """

    questions, today = _existing_questions()
    source = demo_warehouse().db if db is None else Path(db)
    with tempfile.TemporaryDirectory(prefix="orderlens-nosyn-") as tmp:
        # A copy: a connection the engine keeps alive must not lock the caller's warehouse.
        copy = shutil.copyfile(source, Path(tmp) / "warehouse.duckdb")
        con = connect(copy, read_only=True)
        try:
            check_end_date(con, source, today)
            model_dir = Path(tmp) / "model"
            write_model_without_synonyms(Path(BUILTIN_MODEL_DIR), model_dir)
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
        nargs="?",
        const="",
        help="instead: the tuned sets on the synonym-stripped built-in model over this demo "
        "warehouse (one whose data ends on the sets' today, 2026-11-20: `orderlens demo "
        "--end-date 2026-11-20`); without FILE, over the evaluation's own (built once, cached)",
    )
    args = parser.parse_args(argv)
    if args.nosyn_db is not None:
        try:
            score = score_without_synonyms(args.nosyn_db or None)
        except WarehouseDateError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
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
