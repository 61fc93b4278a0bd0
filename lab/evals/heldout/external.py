"""Score the engine on public dbt projects used as their owners wrote them (``tests/eval/external``).

Why a runner of its own: a fresh project's questions, gold SQL and data generator are ours and
live in the repo (``tests/eval/external/<slug>/``), but the project itself is someone else's
code and is never committed; it is fetched and unpacked outside the repo (``--source``). Before
session 25 each helper scored with a private script kept outside the repo, and a wiped machine
lost every set. One set directory holds::

    project.yaml   source (github:owner/name), commit, project_path, licence, today, notes
    gen.py         def build(con) -> None: the seeded warehouse the semantic models read
    dev.yaml       questions (runner.load_set's format); per-question lines may be read
    final.yaml     frozen: scored only after its hash matches frozen.yaml (final_sha256)

The model is loaded exactly as ``--semantic-model <project dir>`` loads it (``dbt_project.yml``,
``ref()`` to the relations dbt builds), and the warehouse is built by the set's own ``gen.py``
into a cache keyed by gen.py's hash, renamed into place only when complete.

Run ``python -m lab.evals.heldout.external --all`` (see ``--help``); docs/measuring.md has the
steps to re-create the sources after a wipe.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import yaml

from connectors.warehouse import connect
from lab.evals.heldout.data import EVAL_DIR, _cached
from lab.evals.heldout.external_report import (
    compare_runs,
    outcome_records,
    print_outcomes,
    result_line,
    total_lines,
)
from lab.evals.heldout.runner import EvalSetError, Score, file_sha256, load_set, score_questions
from semantic_layer import SemanticLayerError, load_model

EXTERNAL_DIR = EVAL_DIR / "external"
HALVES = ("dev", "final")
SOURCES_ENV = "ORDERLENS_EXTERNAL_SOURCES"
DEFAULT_SOURCES = Path("/work/local/sources")
PROJECT_KEYS = ("source", "commit", "project_path", "today")


@dataclass(frozen=True)
class ExternalSet:
    """One set directory and what its ``project.yaml`` says about the fetched project."""

    slug: str
    path: Path
    source: str
    commit: str
    project_path: str
    today: str
    #: first 12 hex digits of gen.py's SHA-256 when the set was read: new code, new data
    gen_hash: str


def _flat_project(meta: dict[str, Any]) -> dict[str, Any]:
    """``project.yaml`` with the ``source:`` block spelling flattened to the documented keys.

    Why: sets written before the runner existed nest the source (``source: {github: owner/name,
    commit: …, dbt_project_path: …}``); both spellings name the same three facts.

    >>> _flat_project({"source": {"github": "a/b", "commit": "c1", "dbt_project_path": "."}})
    {'source': 'github:a/b', 'commit': 'c1', 'project_path': '.'}
    """
    flat = dict(meta)
    block = flat.get("source")
    if isinstance(block, dict):
        repo = block.get("github") or block.get("repo")
        flat["source"] = f"github:{repo}" if repo else None
        inner = {
            "commit": block.get("commit"),
            "project_path": block.get("project_path", block.get("dbt_project_path")),
        }
        for key, value in inner.items():
            if flat.get(key) in (None, ""):
                flat[key] = value
    if flat.get("project_path") in (None, "") and "dbt_project_path" in flat:
        flat["project_path"] = flat.pop("dbt_project_path")
    return flat


def load_external_set(path: Path) -> ExternalSet:
    """Read ``project.yaml``; a missing key or file is an :class:`EvalSetError` naming it."""
    path = Path(path)
    for name in ("project.yaml", "gen.py", "dev.yaml", "final.yaml", "frozen.yaml"):
        if not (path / name).is_file():
            raise EvalSetError(f"{path}: no {name} (an external set needs all five files)")
    meta = _flat_project(yaml.safe_load((path / "project.yaml").read_text()) or {})
    missing = [key for key in PROJECT_KEYS if meta.get(key) in (None, "")]
    if missing:
        raise EvalSetError(f"{path}/project.yaml: missing {', '.join(missing)}")
    return ExternalSet(
        slug=path.name,
        path=path,
        source=str(meta["source"]),
        commit=str(meta["commit"]),
        project_path=str(meta["project_path"]),
        today=str(meta["today"]),
        gen_hash=hashlib.sha256((path / "gen.py").read_bytes()).hexdigest()[:12],
    )


def check_final_frozen(ext: ExternalSet) -> None:
    """Raise unless final.yaml still has the SHA-256 recorded in frozen.yaml before the first run.

    Why: a final half edited after the engine saw it measures nothing; it is restored, never
    re-pinned.
    """
    frozen = yaml.safe_load((ext.path / "frozen.yaml").read_text()) or {}
    expected = str(frozen.get("final_sha256") or "")
    if not expected:
        raise EvalSetError(f"{ext.path}/frozen.yaml: no final_sha256")
    actual = file_sha256(ext.path / "final.yaml")
    if actual != expected:
        raise EvalSetError(
            f"{ext.slug}/final.yaml was edited after it was frozen (sha256 {actual[:12]}…, "
            f"frozen {expected[:12]}…). Fix: restore it with git; a frozen half is never tuned."
        )


def source_dir(ext: ExternalSet, root: Path | None = None) -> Path:
    """The unpacked project: ``root/<slug>`` (``$ORDERLENS_EXTERNAL_SOURCES`` or the default)."""
    base = root or Path(os.environ.get(SOURCES_ENV) or DEFAULT_SOURCES)
    return base / ext.slug


def model_path(ext: ExternalSet, source: Path) -> Path:
    """The dbt project directory inside the unpacked source, or an error saying how to get it."""
    project = (source / ext.project_path).resolve()
    if not project.is_dir():
        owner_name = ext.source.removeprefix("github:")
        raise EvalSetError(
            f"{ext.slug}: no project at {project}. Fix: fetch github:{owner_name}, then "
            f"mkdir -p {source} && git --git-dir=<mirror>/repo archive {ext.commit} "
            f"| tar -x -C {source}"
        )
    return project


def _import_gen(ext: ExternalSet) -> Any:
    spec = importlib.util.spec_from_file_location(f"ext_gen_{ext.slug}", ext.path / "gen.py")
    if spec is None or spec.loader is None:
        raise EvalSetError(f"{ext.path}/gen.py cannot be imported")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not callable(getattr(module, "build", None)):
        raise EvalSetError(f"{ext.path}/gen.py has no build(con)")
    return module


def _row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows of every table, schema-qualified (dbt custom schemas put relations outside main)."""
    tables = con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() ORDER BY 1, 2"
    ).fetchall()
    counts = {}
    for schema, table in tables:
        row = con.execute(f'SELECT COUNT(*) FROM "{schema}"."{table}"').fetchone()
        counts[f"{schema}.{table}"] = int(row[0]) if row else 0
    return counts


def warehouse(ext: ExternalSet) -> Path:
    """The set's DuckDB file, built by its gen.py once per gen.py version (cached)."""

    def build(out: Path) -> None:
        gen = _import_gen(ext)
        con = duckdb.connect(str(out / "warehouse.duckdb"))
        try:
            gen.build(con)
            counts = _row_counts(con)
        finally:
            con.close()
        if not counts:
            raise EvalSetError(f"{ext.path}/gen.py built no tables")
        (out / "built.json").write_text(json.dumps(counts, indent=1, sort_keys=True))

    return _cached(f"ext-{ext.slug}", f"gen{ext.gen_hash}-v1", build) / "warehouse.duckdb"


def score_set(ext: ExternalSet, halves: tuple[str, ...], source: Path | None = None) -> list[Score]:
    """Score the requested halves of one set (the final half only if its hash still matches)."""
    if "final" in halves:
        check_final_frozen(ext)
    project = model_path(ext, source or source_dir(ext))
    db = warehouse(ext)
    con = connect(db, read_only=True)
    try:
        try:
            model: Any = load_model(project, con=con)
        except SemanticLayerError as exc:  # each question then fails as a user's would
            model = project
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            print(
                f"ext-{ext.slug}: the model does not load ({first}); every answerable "
                "question counts as wrong (an engine error), as in the held-out runner",
                file=sys.stderr,
                flush=True,
            )
        scores = []
        for half in halves:
            part = load_set(ext.path / f"{half}.yaml")
            label = f"ext-{ext.slug}-{half}"
            key = f"ext:{ext.slug}:{ext.gen_hash}"
            scores.append(
                score_questions(label, part.questions, model, con, part.today, db_key=key)
            )
        return scores
    finally:
        con.close()


def all_sets(root: Path = EXTERNAL_DIR) -> list[Path]:
    """Every set directory under ``root`` (one holding a project.yaml), sorted by slug."""
    return sorted(p.parent for p in root.glob("*/project.yaml"))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m lab.evals.heldout.external",
        description="Score external dbt-project sets (tests/eval/external/<slug>/).",
    )
    parser.add_argument("--set", action="append", dest="sets", type=Path, metavar="DIR")
    parser.add_argument("--all", action="store_true", help="every set under tests/eval/external")
    parser.add_argument("--half", choices=(*HALVES, "both"), default="dev")
    parser.add_argument(
        "--source",
        type=Path,
        metavar="DIR",
        help=f"the unpacked project (one --set only; default ${SOURCES_ENV}/<slug>, "
        f"else {DEFAULT_SOURCES}/<slug>)",
    )
    parser.add_argument(
        "--only",
        choices=("correct", "refused", "wrong", "all"),
        help="per-question lines of the dev half (never printed for the final half)",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="write every outcome here")
    parser.add_argument(
        "--compare",
        nargs=2,
        type=Path,
        metavar=("A", "B"),
        help="instead: the questions whose outcome moved between two --json files",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """The CLI: one line per set and half, then a total line per half (exit 2 if a set was not
    scored: a missing source or a final edited after it was frozen)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.compare:
        missing = [str(p) for p in args.compare if not p.is_file()]
        if missing:
            parser.error(f"--compare: no such file {', '.join(missing)}")
        before, after = (json.loads(p.read_text()) for p in args.compare)
        for line in compare_runs(before, after):
            print(line)
        return 0
    paths = all_sets() if args.all else (args.sets or [])
    if not paths:
        parser.error("give --set DIR (repeatable) or --all")
    if args.source and len(paths) != 1:
        parser.error("--source names one project: give exactly one --set")
    halves = HALVES if args.half == "both" else (args.half,)
    if args.only and halves == ("final",):
        print("--only: the final half prints only its aggregate line", file=sys.stderr)
    scores: list[Score] = []
    failed = 0
    for path in paths:  # a set that cannot be scored is named, and the others still run
        try:
            ext = load_external_set(path)
            for score in score_set(ext, halves, args.source):
                if args.only:
                    print_outcomes(score, args.only)
                print(f"{result_line(score)} ({score.seconds:.1f}s)", flush=True)
                scores.append(score)
        except EvalSetError as exc:
            failed += 1
            print(f"ext-{Path(path).name}: NOT SCORED: {exc}", file=sys.stderr, flush=True)
    for line in total_lines(scores):
        print(line)
    if failed:
        print(f"ext: {failed} set(s) not scored; the totals leave them out", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(outcome_records(scores), indent=1, ensure_ascii=False))
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
