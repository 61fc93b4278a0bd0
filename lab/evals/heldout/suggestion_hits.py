"""Do a refusal's suggestions answer the question that was asked? hit@1 / hit@3 against gold.

Why a metric of its own: a refusal is only safe if it helps (issue #12 item 8, "dead-end
refusals ... suggestions often unrelated to the question"). Counting *that* suggestions exist
says nothing; a tester saw "Revenue Running Total; Orders Running Total; Revenue per Customer"
offered for "orders by product category" and for "上个月的毛利是多少" alike. So every
answerable question (one with gold SQL) that the engine refuses has each of its suggestions
asked through the engine, in order, and scored exactly as the held-out runner scores an answer
(:func:`lab.evals.heldout.runner.score_question`: same result set as the gold). Reported:

- ``hit@1`` / ``hit@3``: share of refused answerable questions whose first / any of the first
  three suggestions returns the gold result;
- ``sug_refused``: suggestions the engine refuses when asked — the suggestion module promises
  0 (every candidate is checked before it is offered);
- ``wrong_lang``: suggestions not in the question's language (a Chinese character in an
  English suggestion, none in a Chinese one).

The dev halves (external sets and built-in held-out sets) print per-question lines with
``--only``; the final / test halves print only their aggregate line (they stay held out).
``--json`` writes the dev records and ``--compare A B`` scores two runs on the questions
refused in both, so a change that turns refusals into answers does not move the rate by
shrinking its denominator.

Run ``python -m lab.evals.heldout.suggestion_hits --half dev`` (see ``--help``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lab.evals.heldout.data import EVAL_DIR, WAREHOUSES
from lab.evals.heldout.external import (
    all_sets,
    check_final_frozen,
    load_external_set,
    model_path,
    source_dir,
    warehouse,
)
from lab.evals.heldout.runner import EvalSetError, Question, check_frozen, load_set, score_question
from lab.evals.heldout.sets import SET_NAMES, WORDING_SETS, _warehouse_session

#: how many suggestions are scored per refusal (the engine offers at most three)
TOP = 3


@dataclass(frozen=True)
class Checked:
    """One refused answerable question and what each of its suggestions did when asked:
    ``hit`` (the gold result), ``other`` (an answer, not the gold's), ``refused``, ``error``."""

    set: str
    question: Question
    suggestions: tuple[str, ...]
    verdicts: tuple[str, ...]

    @property
    def wrong_lang(self) -> int:
        """Suggestions not written in the question's language."""
        from nl2sql.rules.items import detect_lang

        return sum(detect_lang(s) != self.question.lang for s in self.suggestions)

    def record(self) -> dict[str, Any]:
        """The JSON form written by ``--json`` (dev halves only)."""
        return {
            "set": self.set,
            "id": self.question.id,
            "lang": self.question.lang,
            "suggestions": list(self.suggestions),
            "verdicts": list(self.verdicts),
        }


def _ask(text: str, model: Any, con: Any, today: str, db_key: str | None) -> Any:
    """The engine's answer object, or None when it raised (no suggestions to score)."""
    from nl2sql import NL2SQLError, ask

    try:
        return ask(
            text, model=model, con=con, engine="rules", today=today, chart=False, db_key=db_key
        )
    except NL2SQLError:
        return None
    except Exception:  # a crash: the held-out runner counts it; here it has no suggestions
        return None


_VERDICT = {"correct": "hit", "wrong": "other", "refused": "refused"}


def check_questions(
    label: str,
    questions: Iterable[Question],
    model: Any,
    con: Any,
    today: str,
    db_key: str | None = None,
) -> list[Checked]:
    """Every answerable question the engine refuses, with its suggestions scored against its
    gold (a suggestion that crashes the engine counts as ``other`` via the runner's ``wrong``)."""
    out = []
    for q in questions:
        if q.refuse:
            continue
        answer = _ask(q.text, model, con, today, db_key)
        if answer is not None and not getattr(answer, "refused", False):
            continue  # answered (right or wrong): the held-out runner scores it
        suggestions = tuple(getattr(answer, "suggestions", None) or ())[:TOP]
        verdicts = []
        for i, text in enumerate(suggestions):
            asked = Question(f"{q.id}~{i + 1}", text, q.lang, q.gold_sql, False, q.ordered)
            got = score_question(asked, model, con, today, db_key=db_key)
            verdicts.append(_VERDICT[got.verdict])
        out.append(Checked(label, q, suggestions, tuple(verdicts)))
    return out


def summary(label: str, checked: list[Checked], lang: str | None = None) -> str:
    """``label: refused=N hit@1=P% (a) hit@3=P% (b) none=K sug=S sug_refused=R wrong_lang=L``."""
    part = [c for c in checked if lang in (None, c.question.lang)]
    n = len(part)
    hit1 = sum(bool(c.verdicts) and c.verdicts[0] == "hit" for c in part)
    hit3 = sum("hit" in c.verdicts for c in part)
    sug = sum(len(c.suggestions) for c in part)
    refused = sum(v == "refused" for c in part for v in c.verdicts)
    none = sum(not c.suggestions for c in part)

    def pct(k: int) -> str:
        return f"{100.0 * k / n:.1f}%" if n else "-"

    return (
        f"{label}: refused={n} hit@1={pct(hit1)} ({hit1}) hit@3={pct(hit3)} ({hit3}) "
        f"none={none} sug={sug} sug_refused={refused} "
        f"wrong_lang={sum(c.wrong_lang for c in part)}"
    )


def _external(half: str, want: str = "") -> Iterator[tuple[str, list[Checked]]]:
    from connectors.warehouse import connect
    from semantic_layer import SemanticLayerError, load_model

    for path in all_sets():
        if want not in path.name:
            continue
        ext = load_external_set(path)
        if half == "final":
            check_final_frozen(ext)
        try:
            project = model_path(ext, source_dir(ext))
        except EvalSetError as exc:
            print(f"ext-{ext.slug}: NOT SCORED: {exc}", file=sys.stderr, flush=True)
            continue
        con = connect(warehouse(ext), read_only=True)
        try:
            try:
                model: Any = load_model(project, con=con)
            except SemanticLayerError:
                model = project
            part = load_set(ext.path / f"{half}.yaml")
            label = f"ext-{ext.slug}-{half}"
            key = f"ext:{ext.slug}:{ext.gen_hash}"
            yield label, check_questions(label, part.questions, model, con, part.today, key)
        finally:
            con.close()


def _builtin(half: str, want: str = "") -> Iterator[tuple[str, list[Checked]]]:
    for name in SET_NAMES + WORDING_SETS:
        if want not in name:
            continue
        if half == "test":
            check_frozen(EVAL_DIR, name)
        with _warehouse_session(WAREHOUSES[name]()) as (model, con):
            part = load_set(EVAL_DIR / name / f"{half}.yaml")
            label = f"nl-eval-{name}-{half}"
            yield label, check_questions(label, part.questions, model, con, part.today)


def _print_checked(checked: list[Checked]) -> None:
    for c in checked:
        print(f"{c.question.id} [{c.question.lang}] {c.question.text}")
        for s, v in zip(c.suggestions, c.verdicts, strict=True):
            print(f"    {v:7} {s}")
        if not c.suggestions:
            print("    (no suggestions)")


def compare(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[str]:
    """hit@1 / hit@3 of two ``--json`` runs on the questions refused in both, per language."""
    key = lambda r: (r["set"], r["id"])  # noqa: E731
    a = {key(r): r for r in before}
    b = {key(r): r for r in after}
    common = [k for k in a if k in b]
    lines = [f"questions refused in both: {len(common)} (before {len(a)}, after {len(b)})"]
    for lang in ("zh", "en", None):
        ks = [k for k in common if lang in (None, a[k]["lang"])]
        for name, run in (("before", a), ("after", b)):
            h1 = sum(run[k]["verdicts"][:1] == ["hit"] for k in ks)
            h3 = sum("hit" in run[k]["verdicts"] for k in ks)
            lines.append(f"{lang or 'all'} {name}: n={len(ks)} hit@1={h1} hit@3={h3}")
    moved = [k for k in common if a[k]["verdicts"][:1] != b[k]["verdicts"][:1]]
    lines += [f"  moved hit@1: {k[0]} {k[1]}" for k in moved]
    return lines


def main(argv: list[str] | None = None) -> int:
    """The CLI: one aggregate line per set, then totals (all, zh, en)."""
    parser = argparse.ArgumentParser(prog="python -m lab.evals.heldout.suggestion_hits")
    parser.add_argument("--half", choices=("dev", "final"), default="dev")
    parser.add_argument("--which", choices=("all", "external", "builtin"), default="all")
    parser.add_argument("--set", dest="want", default="", help="only sets whose name has this")
    parser.add_argument("--only", action="store_true", help="per-question lines (dev only)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="dev records to this file")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    args = parser.parse_args(argv)
    if args.compare:
        before, after = (json.loads(p.read_text()) for p in args.compare)
        print("\n".join(compare(before, after)))
        return 0
    dev = args.half == "dev"
    runs: list[Iterator[tuple[str, list[Checked]]]] = []
    if args.which in ("all", "external"):
        runs.append(_external(args.half, args.want))
    if args.which in ("all", "builtin"):
        runs.append(_builtin("dev" if dev else "test", args.want))
    everything: list[Checked] = []
    started = time.perf_counter()
    for run in runs:
        for label, checked in run:
            if dev and args.only:
                _print_checked(checked)
            print(summary(label, checked), flush=True)
            everything += checked
    for lang in (None, "zh", "en"):
        print(summary(f"total-{args.half}-{lang or 'all'}", everything, lang))
    print(f"({time.perf_counter() - started:.0f}s)")
    if args.json and dev:
        args.json.write_text(
            json.dumps([c.record() for c in everything], indent=1, ensure_ascii=False)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
