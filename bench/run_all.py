"""``make bench``: run every benchmark, then one summary of the targets met and missed.

Why a runner: one benchmark that misses its target (or breaks) must not hide the others'
figures, so each script runs in its own process to the end, its output streamed as it comes,
and the summary at the end names what was met, missed or broken. A script reports a missed
target by its exit status (1) and a break by a traceback; the exit status here is 1 when any
target was missed or any script broke.

Run: ``.venv/bin/python bench/run_all.py`` (the Makefile's ``bench`` target).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: the benchmarks, in order: every ``bench_*.py`` and the server load test
SCRIPTS = [*sorted(HERE.glob("bench_*.py")), HERE / "load_ask.py"]


def verdict(returncode: int, output: str) -> str:
    """MET, MISSED or ERROR for one script's exit status and output.

    >>> verdict(0, "ok"), verdict(1, "over target"), verdict(1, "Traceback (most recent call last):")
    ('MET', 'MISSED', 'ERROR')
    """
    if "Traceback (most recent call last)" in output:
        return "ERROR"
    return "MET" if returncode == 0 else "MISSED"


#: a line that gives a verdict (the scripts print MET / MISSED / PASS / FAIL in capitals)
_VERDICT_LINE = re.compile(r"\b(MET|MISSED|PASS|FAIL|FAILED)\b")
#: a line that names a target or a bar
_TARGET_LINE = re.compile(r"\b(targets?|bar)\b", re.IGNORECASE)


def summary_line(lines: list[str]) -> str:
    """The line a script's summary shows: its last verdict, else target, else last line.

    Why: a script's last line is often a detail printed after its verdict (bench_ask ends with
    the value index, bench_ingest with the load average), so the summary showed a figure that
    was not the one the target was judged on.

    >>> summary_line(["understanding: p50 9 ms (target 5 ms) MISSED", "value index: 0.5 ms", ""])
    'understanding: p50 9 ms (target 5 ms) MISSED'
    >>> summary_line(["ingest: 9 rows/s (bar: 10 rows/s) -> FAIL", "after: load 2.0", ""])
    'ingest: 9 rows/s (bar: 10 rows/s) -> FAIL'
    >>> summary_line(["a", "b", ""])
    'b'
    """
    for pattern in (_VERDICT_LINE, _TARGET_LINE):
        for line in reversed(lines):
            if pattern.search(line):
                return line
    return next((x for x in reversed(lines) if x.strip()), "")


def _run(script: Path) -> tuple[str, str]:
    """Run one script, echoing its output; its verdict and its last line."""
    print(f"== {script.relative_to(HERE.parent)}", flush=True)
    proc = subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=HERE.parent,
    )
    lines = []
    assert proc.stdout is not None
    for line in proc.stdout:
        print(line, end="", flush=True)
        lines.append(line.rstrip())
    proc.wait()
    return verdict(proc.returncode, "\n".join(lines)), summary_line(lines)


def main() -> int:
    results = [(script.name, *_run(script)) for script in SCRIPTS]
    print("\n== bench summary")
    for name, got, last in results:
        print(f"{got:<7} {name:<20} {last[:110]}")
    counts = {k: sum(1 for _, v, _ in results if v == k) for k in ("MET", "MISSED", "ERROR")}
    print(
        f"bench: {counts['MET']} met, {counts['MISSED']} missed, {counts['ERROR']} broken "
        f"of {len(results)}"
    )
    return 0 if counts["MET"] == len(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
