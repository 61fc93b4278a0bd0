"""Running MetricFlow next to OrderLens: a cached venv, generated queries, a shared warehouse.

Why a venv of its own: ``metricflow`` brings its own fork of the semantic interfaces and
dependency pins that OrderLens does not need at runtime (we pin dbt-semantic-interfaces 0.10);
installing it beside ours would tie our pins to MetricFlow's releases. The venv is created once
per machine under the user's cache directory and reused (``ORDERLENS_METRICFLOW_PYTHON``
points at an existing interpreter instead). Used by tests/test_semantic_metricflow.py and
bench/bench_semantic.py.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from semantic_layer import SemanticModel, build_catalog

METRICFLOW_VERSION = "0.213.0"
INSTALL_TIMEOUT_S = 900
BRIDGE = Path(__file__).with_name("metricflow_bridge.py")
TIME_SPINE = {"schema": "main", "table": "mf_time_spine", "column": "date_day"}
_UNREACHABLE = (
    "NewConnectionError",
    "Could not fetch URL",
    "No matching distribution found",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "Connection refused",
)


class RegistryUnreachable(RuntimeError):
    """pip could not reach the package registry: the cross-check cannot run here."""


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "orderlens" / f"metricflow-{METRICFLOW_VERSION}"


def metricflow_python() -> Path:
    """The python of a venv with ``metricflow`` installed, creating it once (under a lock)."""
    override = os.environ.get("ORDERLENS_METRICFLOW_PYTHON")
    if override:
        return Path(override)
    venv = _cache_dir()
    python = venv / "bin" / "python"
    ready = venv / ".ready"
    if ready.exists():
        return python
    venv.parent.mkdir(parents=True, exist_ok=True)
    with open(venv.parent / f"{venv.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another test process may be installing it
        if ready.exists():
            return python
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        proc = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", f"metricflow=={METRICFLOW_VERSION}"],
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT_S,
        )
        if proc.returncode != 0:
            output = proc.stdout + proc.stderr
            if any(marker in output for marker in _UNREACHABLE):
                raise RegistryUnreachable(output.strip().splitlines()[-1])
            raise RuntimeError(f"installing metricflow failed:\n{output[-2000:]}")
        ready.write_text(METRICFLOW_VERSION)
    return python


def explain(model: SemanticModel, queries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """MetricFlow's SQL (or refusal) for each query, by id."""
    request = {
        "manifest": json.loads(model.manifest.json()),
        "time_spine": TIME_SPINE,
        "queries": queries,
    }
    proc = subprocess.run(
        [str(metricflow_python()), str(BRIDGE)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"metricflow bridge failed:\n{proc.stderr[-3000:]}")
    return {r["id"]: r for r in json.loads(proc.stdout)}


def generated_queries(model: SemanticModel, per_metric: int = 3) -> list[dict[str, Any]]:
    """Each visible metric alone, by month, and by its first categorical dimensions; listings.

    Deterministic: dimensions in catalog order. Plain ``entity__dimension`` names only
    (what both compilers accept), plus every saved query by name.
    """
    cat = build_catalog(model)
    categorical = {d.name for d in cat.dimensions if d.dim_type == "categorical"}
    out: list[dict[str, Any]] = []
    for m in cat.metrics:
        if m.implied:  # a measure without a metric: MetricFlow queries metrics only
            continue
        groups: list[list[str]] = [[], ["metric_time__month"]]
        dims = [d for d in m.dimensions if d in categorical and d.count("__") == 1]
        groups += [[d] for d in dims[:per_metric]]
        for g in groups:
            out.append(
                {"id": f"{m.name} by {','.join(g) or 'total'}", "metrics": [m.name], "group_by": g}
            )
    plain = [d.name for d in cat.dimensions if d.name in categorical and d.name.count("__") == 1]
    for d in plain[: per_metric * 4]:  # listings: distinct values, no metric
        out.append({"id": f"values of {d}", "metrics": [], "group_by": [d]})
    for name in sorted(model.saved_queries):
        out.append({"id": f"saved query {name}", "saved_query": name})
    return out


def add_time_spine(con: Any, start: str = "2000-01-01", end: str = "2035-12-31") -> None:
    """The daily time spine MetricFlow joins to (a table of dates)."""
    con.execute(
        f"CREATE OR REPLACE TABLE {TIME_SPINE['schema']}.{TIME_SPINE['table']} AS "
        f"SELECT CAST(d AS DATE) AS {TIME_SPINE['column']} "
        f"FROM range(DATE '{start}', DATE '{end}', INTERVAL 1 DAY) t(d)"
    )


@dataclass
class Comparison:
    """The outcome of running both compilers' SQL for a set of queries."""

    equal: list[str] = field(default_factory=list)
    different: dict[str, str] = field(default_factory=dict)
    metricflow_refused: dict[str, str] = field(default_factory=dict)
    orderlens_refused: dict[str, str] = field(default_factory=dict)
    both_refused: dict[str, str] = field(default_factory=dict)  # OrderLens's message
    metricflow_failed: dict[str, str] = field(default_factory=dict)  # SQL that did not run
    # different results where every OrderLens row is also a MetricFlow row (MetricFlow adds rows)
    subset: set[str] = field(default_factory=set)
    mf_ms: dict[str, float] = field(default_factory=dict)


def _same(got: list[tuple], want: list[tuple]) -> str | None:
    """None when equal (unordered, numbers to 1e-6 relative), else the first difference."""
    from tests.semantic_helpers import assert_same

    try:
        assert_same(got, want, ordered=False)
    except AssertionError as exc:
        return str(exc).splitlines()[0][:300]
    return None


def _rows_within(got: list[tuple], want: list[tuple]) -> bool:
    """Every row of ``got`` is a row of ``want`` (values normalised as in assert_same)."""
    from tests.semantic_helpers import norm_rows

    remaining = norm_rows(want, ordered=False)
    for row in norm_rows(got, ordered=False):
        if row not in remaining:
            return False
        remaining.remove(row)
    return True


def compare(model: SemanticModel, con: Any, queries: list[dict[str, Any]]) -> Comparison:
    """Run every query both compilers accept on ``con`` and compare the result sets."""
    from semantic_layer import SemanticLayerError, SemanticQuery, TimeRange, compile_query

    mf = explain(model, queries)
    out = Comparison()
    for q in queries:
        qid = q["id"]
        try:
            sq = (
                model.saved_query(q["saved_query"])
                if q.get("saved_query")
                else SemanticQuery(
                    metrics=q["metrics"],
                    group_by=q.get("group_by", []),
                    where=q.get("where", []),
                    time_range=(
                        TimeRange(start=q.get("start"), end=q.get("end"))
                        if q.get("start") or q.get("end")
                        else None
                    ),
                )
            )
            ours = con.execute(compile_query(model, sq).sql).fetchall()
        except SemanticLayerError as exc:
            refused = out.both_refused if "error" in mf[qid] else out.orderlens_refused
            refused[qid] = str(exc).splitlines()[0]
            continue
        res = mf[qid]
        if "error" in res:
            out.metricflow_refused[qid] = res["error"]
            continue
        out.mf_ms[qid] = res["ms"]
        try:
            theirs = con.execute(res["sql"]).fetchall()
        except Exception as exc:  # e.g. OrderLens-only templates inside a model expr
            out.metricflow_failed[qid] = str(exc).splitlines()[0][:300]
            continue
        diff = _same(ours, theirs)
        if diff is None:
            out.equal.append(qid)
        else:
            out.different[qid] = diff
            if _rows_within(ours, theirs):
                out.subset.add(qid)
    return out
