"""`make bench` says MISSED when a script misses its bar, and shows the line it was judged on.

Why: bench_ingest printed "-> FAIL" under its 200,000 rows/s bar yet exited 0, so `make bench`
summed it up as MET; and the summary showed each script's last line (a load average, a value
index figure) instead of the target line.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"{name}_under_test", BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_summary_shows_the_target_line_not_the_last() -> None:
    run_all = _load("run_all")
    lines = [
        "understanding: n=321 p50=7.32 ms p99=146.64 ms (targets 20 / 100 ms) MISSED",
        "value index: 120,000 distinct store names",
        "  lexicon memory: baseline 0.6 MB",
        "",
    ]
    assert run_all.summary_line(lines) == lines[0]
    assert run_all.summary_line(["built", "done", ""]) == "done"
    assert run_all.verdict(1, "\n".join(lines)) == "MISSED"


@pytest.mark.parametrize(("bar", "code"), [(10**12, 1), (1, 0)])
def test_ingest_exit_status_follows_its_bar(monkeypatch, capsys, bar: int, code: int) -> None:
    ingest = _load("bench_ingest")
    monkeypatch.setattr(ingest, "BAR_ROWS_PER_S", bar)
    monkeypatch.setattr(sys, "argv", ["bench_ingest.py", "--rows", "2000"])
    assert ingest.main() == code
    out = capsys.readouterr().out
    assert ("-> FAIL" in out) == (code == 1)
    assert "2,000 rows in" in out
