"""Where the test suite's time goes, read from a pytest JUnit file:
``python -m lab.tools.suite_times JUNIT.xml [--top 25] [--over 5] [--workers 2]``.

Why a script and not a timed test: a timing assertion fails on a busy machine and passes on an
idle one, so it guards nothing. The suite's time crept from ~600 s to ~2,000 s in one session
(session 27's date macros made every bank statement ingest cost ~12 s of CPU) and only the
30-slowest list in the CI log showed it, test by test. This prints it by file — the unit
``--dist loadfile`` schedules — so a module whose shared setup is paid per test stands out:

* the slowest files (seconds, tests, seconds per test);
* every test over ``--over`` seconds (pytest's JUnit ``time`` is setup + call + teardown);
* the suite's total and what it means on ``--workers`` workers: a file runs on one worker, so the
  suite cannot end before its longest file, nor before total / workers.

Produce the file with ``pytest ... --junitxml=FILE`` (``make test`` keeps ``--durations=30`` for
the log). ``--fail-over-file S`` / ``--fail-over-test S`` make the exit code 1 when a file / a
test took longer, for a CI step that wants a hard limit on a known machine.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Case:
    """One test case of the JUnit file."""

    file: str  # tests/test_x.py (from the dotted classname)
    name: str
    seconds: float


def module_path(classname: str) -> str:
    """The test file a JUnit ``classname`` names: ``tests.test_x.TestY`` → ``tests/test_x.py``.

    pytest writes the module's dotted path, then any class names (capitalised by convention).

    >>> module_path("tests.security.test_busy_cap")
    'tests/security/test_busy_cap.py'
    >>> module_path("tests.test_ingest.TestGbk")
    'tests/test_ingest.py'
    >>> module_path("nl2sql.vocabulary.cedict")
    'nl2sql/vocabulary/cedict.py'
    """
    parts = classname.split(".")
    while len(parts) > 1 and parts[-1][:1].isupper():
        parts.pop()
    return "/".join(parts) + ".py"


def read_cases(path: Path) -> list[Case]:
    """Every ``testcase`` of a JUnit XML file (pytest's ``--junitxml``)."""
    root = ET.parse(path).getroot()
    return [
        Case(module_path(tc.get("classname", "")), tc.get("name", ""), float(tc.get("time", 0)))
        for tc in root.iter("testcase")
    ]


def by_file(cases: list[Case]) -> list[tuple[str, float, int]]:
    """(file, seconds, tests), slowest first.

    >>> by_file([Case("a.py", "t1", 1.0), Case("b.py", "t", 5.0), Case("a.py", "t2", 2.5)])
    [('b.py', 5.0, 1), ('a.py', 3.5, 2)]
    """
    secs: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for c in cases:
        secs[c.file] += c.seconds
        count[c.file] += 1
    return sorted(((f, secs[f], count[f]) for f in secs), key=lambda r: (-r[1], r[0]))


def report(cases: list[Case], top: int, over: float, workers: int) -> list[str]:
    """The printed lines: slowest files, slow tests, total and the bound on ``workers``."""
    files = by_file(cases)
    total = sum(c.seconds for c in cases)
    lines = [f"{len(cases)} tests in {len(files)} files, {total:,.0f} s summed"]
    if files:
        longest = files[0][1]
        bound = max(total / max(workers, 1), longest)
        lines.append(
            f"on {workers} workers (--dist loadfile): at least {bound:,.0f} s "
            f"(total / workers {total / max(workers, 1):,.0f} s, longest file {longest:,.0f} s)"
        )
    lines.append(f"slowest {min(top, len(files))} files: seconds  tests  s/test")
    lines += [f"  {s:8.1f} {n:6d} {s / n:7.2f}  {f}" for f, s, n in files[:top]]
    slow = sorted((c for c in cases if c.seconds > over), key=lambda c: -c.seconds)
    lines.append(f"{len(slow)} tests over {over:g} s")
    lines += [f"  {c.seconds:8.1f}  {c.file}::{c.name}" for c in slow]
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print the report; exit 1 when a ``--fail-over-*`` limit is passed."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("junit", type=Path, help="a pytest --junitxml file")
    ap.add_argument("--top", type=int, default=25, help="how many files to list")
    ap.add_argument("--over", type=float, default=5.0, help="list tests longer than this (s)")
    ap.add_argument("--workers", type=int, default=2, help="pytest-xdist workers (CI: 2)")
    ap.add_argument("--fail-over-file", type=float, default=None, metavar="S")
    ap.add_argument("--fail-over-test", type=float, default=None, metavar="S")
    args = ap.parse_args(argv)
    cases = read_cases(args.junit)
    print("\n".join(report(cases, args.top, args.over, args.workers)))
    failed = False
    if args.fail_over_file is not None:
        for f, s, _ in by_file(cases):
            if s > args.fail_over_file:
                print(f"file over {args.fail_over_file:g} s: {f} ({s:.1f} s)")
                failed = True
    if args.fail_over_test is not None:
        for c in cases:
            if c.seconds > args.fail_over_test:
                print(
                    f"test over {args.fail_over_test:g} s: {c.file}::{c.name} ({c.seconds:.1f} s)"
                )
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
