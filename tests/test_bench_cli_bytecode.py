"""bench/bench_cli.py says "project bytecode cached" only when Python would use that bytecode.

Why: the check looked only for ``nl2sql/ask.py``'s ``.pyc``; a checkout edited after ``make``
still has it, yet Python compiles every edited module again on each cold run (its ``.pyc``
records the source's old mtime and size), so cli-cold was measured on a partly compiled
checkout while the line said "cached". Now every module's bytecode is checked against its
source, and the benchmark compiles the stale ones first (as ``make`` does) unless ``--as-is``.
"""

from __future__ import annotations

import importlib.util
import os
import py_compile
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_cli.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_cli_under_test", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _module(root: Path, name: str, text: str) -> Path:
    src = root / name
    src.write_text(text, encoding="utf-8")
    return src


def test_a_pyc_older_than_its_source_is_not_cached(bench, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    a, b = _module(tmp_path, "a.py", "x = 1\n"), _module(tmp_path, "b.py", "y = 2\n")
    py_compile.compile(str(a), doraise=True)
    py_compile.compile(str(b), doraise=True)
    assert bench.stale_bytecode([a, b]) == []
    assert bench.project_bytecode([a, b]) == "cached"
    # the same size, a later mtime: the .pyc is still there, and Python would not use it
    b.write_text("y = 3\n", encoding="utf-8")
    st = b.stat()
    os.utime(b, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert Path(importlib.util.cache_from_source(str(b))).exists()
    assert bench.stale_bytecode([a, b]) == [b]
    assert bench.project_bytecode([a, b]) == "compiled per run (1 of 2 modules not cached)"


def test_missing_bytecode_is_counted_and_compiled_first(bench, tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    srcs = [_module(tmp_path, f"m{i}.py", f"v = {i}\n") for i in range(3)]
    how = "compiled per run" if sys.flags.dont_write_bytecode else "written on first run"
    assert bench.project_bytecode(srcs) == f"{how} (3 of 3 modules not cached)"
    assert bench.compile_project(srcs) == 3
    assert bench.stale_bytecode(srcs) == []
    assert bench.compile_project(srcs) == 0  # nothing left to compile
    assert bench.project_bytecode(srcs) == "cached"


def test_a_checked_hash_pyc_is_compared_by_content(bench, tmp_path) -> None:
    src = _module(tmp_path, "h.py", "z = 1\n")
    py_compile.compile(
        str(src), doraise=True, invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH
    )
    assert bench.stale_bytecode([src]) == []
    src.write_text("z = 2\n", encoding="utf-8")  # same size, other content
    assert bench.stale_bytecode([src]) == [src]


def test_the_checkouts_own_modules_are_what_is_checked(bench) -> None:
    sources = bench.project_sources()
    root = BENCH.parents[1]
    assert root / "nl2sql" / "ask.py" in sources
    assert root / "semantic_layer" / "__init__.py" in sources
    assert all(p.suffix == ".py" for p in sources) and len(sources) > 300
