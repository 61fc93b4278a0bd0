"""Execute one notebook with papermill and write the executed ``.ipynb`` plus an HTML report.

Why these defaults: papermill picks the kernel from notebook metadata and runs in the caller's
directory unless told otherwise, which makes runs depend on who starts them. So we always pass
``kernel_name``, an execution timeout and ``cwd`` (the notebook's folder), fill ``db`` and
``output_dir`` with absolute paths when the notebook declares them, and name every output
``<notebook>-<YYYYmmdd-HHMMSS>`` so periodic runs never overwrite each other.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import nbformat
import papermill
import zmq
from jupyter_client.manager import KernelManager
from papermill.exceptions import PapermillExecutionError
from traitlets.config import Config

from lab.runner.bounded_engine import ENGINE_NAME, MAX_OUTPUT_BYTES, MAX_RUN_S, OutputBound
from lab.runner.errors import NotebookFailedError, ParameterError, RunnerError
from lab.runner.html_report import write_html_report
from lab.runner.inspection import notebook_parameters, quiet_papermill, resolve_notebook
from lab.runner.parameterize import validate_parameters
from lab.runner.types import unknown_order_refs

DEFAULT_KERNEL = "python3"
DEFAULT_TIMEOUT_S = 600
DEFAULT_OUT_DIR = Path(".orderlens") / "runs"
RESULT_FILE = "result.json"
_PATH_PARAMETERS = ("db", "output_dir")


@dataclass
class RunResult:
    """What a successful run produced; ``result`` is the notebook's ``result.json`` if any."""

    notebook: str
    executed_path: Path
    html_path: Path | None
    output_dir: Path | None
    parameters: dict[str, Any]
    duration_s: float
    result: dict[str, Any] | None = field(default=None)


def _absolute(value: Any) -> Any:
    """Paths given relative to the user's directory must survive ``cwd=notebooks/``."""
    if isinstance(value, str | Path) and str(value) and str(value) != ":memory:":
        return str(Path(value).expanduser().resolve())
    return value


def _run_name(stem: str, out_dir: Path, now: datetime) -> str:
    base = f"{stem}-{now:%Y%m%d-%H%M%S}"
    name, n = base, 1
    while (out_dir / f"{name}.ipynb").exists() or (out_dir / name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def kernel_config() -> Any:
    """Traitlets config for the kernel papermill starts: CurveZMQ-encrypted when possible.

    Why: ipykernel ≥ 7 logs "Kernel is running over TCP without encryption …" on stderr at
    every start, so each ``orderlens run`` printed a security warning the docs never mention.
    jupyter_client ≥ 8.10 can hand the kernel CurveZMQ keys itself (``transport_encryption``),
    and the python3 kernelspec declares it supports them; with ``auto`` a kernel that does not
    is started as before. Older jupyter_client (no such trait) or a pyzmq built without
    libsodium get the plain default config rather than an error.
    """

    config = Config()
    if KernelManager.class_traits().get("transport_encryption") is not None and zmq.has("curve"):
        config.KernelManager.transport_encryption = "auto"
    return config


def _first_line(source: str) -> str:
    return next((ln.strip() for ln in source.splitlines() if ln.strip()), "")


def _failed_cell(executed: Path) -> tuple[int, str, str, str] | None:
    """Locate the cell papermill marked failed or left running (index, first line, error)."""
    if not executed.exists():
        return None
    nb = nbformat.read(str(executed), as_version=4)
    for status in ("failed", "running"):
        for i, cell in enumerate(nb.cells):
            if cell.get("metadata", {}).get("papermill", {}).get("status") == status:
                ename, evalue = "", ""
                for out in cell.get("outputs", []):
                    if out.get("output_type") == "error":
                        ename, evalue = out.get("ename", ""), out.get("evalue", "")
                return i, _first_line(cell.source), ename, evalue
    return None


def _check_order_refs(
    values: dict[str, Any], declared: Mapping[str, Any], db: Any, notebook: str
) -> None:
    """Refuse order references the warehouse does not know before the kernel starts."""

    for name, param in declared.items():
        refs = values.get(name)
        if param.type_name != "order_refs" or not refs:
            continue
        unknown = unknown_order_refs(list(refs), db or None)
        if unknown:
            shown = ", ".join(unknown[:5]) + (
                f" (+{len(unknown) - 5} more)" if len(unknown) > 5 else ""
            )
            raise ParameterError(
                f"notebook {notebook!r}: parameter {name!r} has {len(unknown)} order reference(s) "
                f"no system of the warehouse knows: {shown}; check them with "
                '`orderlens ask "where is order …"` or leave the parameter empty'
            )


def run_notebook(
    notebook: str | Path,
    parameters: Mapping[str, Any] | None = None,
    out_dir: str | Path | None = None,
    *,
    notebooks_dir: str | Path | None = None,
    db: str | Path | None = None,
    kernel_name: str = DEFAULT_KERNEL,
    timeout_s: int = DEFAULT_TIMEOUT_S,
    progress: bool = True,
    html: bool = True,
    now: datetime | None = None,
    max_output_bytes: int = MAX_OUTPUT_BYTES,
    max_run_s: float | None = MAX_RUN_S,
) -> RunResult:
    """Run ``notebook`` with ``parameters`` and return where its outputs went.

    ``db`` (default: the configured warehouse) fills the notebook's ``db`` parameter unless
    ``parameters`` sets it; ``output_dir`` defaults to ``<out_dir>/<notebook>-<stamp>/``.
    On a failing cell, raises :class:`NotebookFailedError` naming the cell; the partial
    executed notebook (and its HTML) stay on disk for inspection. A run whose output passes
    ``max_output_bytes`` is stopped (its kernel killed) and fails the same way
    (:mod:`lab.runner.bounded_engine`), and so is a run past ``max_run_s`` seconds from its
    first cell (None or 0: cells are bounded by ``timeout_s`` only).
    """
    # lazy: keeps `import lab.runner` off duckdb until a run needs the warehouse path
    from connectors.warehouse import default_db_path

    path = resolve_notebook(notebook, notebooks_dir).resolve()
    declared = notebook_parameters(path)
    values = validate_parameters(dict(parameters or {}), declared, notebook=path.stem)
    for name in _PATH_PARAMETERS:
        if name in values:
            values[name] = _absolute(values[name])

    out = Path(out_dir if out_dir is not None else DEFAULT_OUT_DIR).expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    run_name = _run_name(path.stem, out, now or datetime.now())
    if "output_dir" in declared and "output_dir" not in values:
        values["output_dir"] = str(out / run_name)
    if "db" in declared and "db" not in values:
        values["db"] = _absolute(db if db is not None else default_db_path())
    _check_order_refs(values, declared, values.get("db", db), path.stem)
    output_dir = Path(values["output_dir"]) if "output_dir" in values else None
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)

    executed = out / f"{run_name}.ipynb"
    html_path = out / f"{run_name}.html" if html else None
    started = time.perf_counter()
    bound = OutputBound(max_output_bytes, max_run_s)
    try:
        with quiet_papermill():
            papermill.execute_notebook(
                str(path),
                str(executed),
                parameters=values,
                kernel_name=kernel_name,
                cwd=str(path.parent),
                execution_timeout=timeout_s,
                start_timeout=120,
                progress_bar=progress,
                log_output=False,
                config=kernel_config(),
                engine_name=ENGINE_NAME,
                output_bound=bound,
            )
    except Exception as exc:  # any failure: keep the partial notebook and say where
        if html_path is not None and executed.exists():
            write_html_report(executed, html_path)
        for cell, ename, note in (
            (bound.stopped_cell, "OutputLimit", bound.note()),
            (bound.timed_out_cell, "RunTimeLimit", bound.time_note()),
        ):
            if cell is not None:
                kept = f"; partial notebook kept at {executed}" if executed.exists() else ""
                raise NotebookFailedError(
                    f"{path.name}: cell {cell} of the executed notebook was stopped: {note}{kept}",
                    cell_index=cell,
                    first_line="",
                    ename=ename,
                    evalue=note,
                    executed_path=str(executed) if executed.exists() else None,
                    html_path=str(html_path) if html_path and html_path.exists() else None,
                ) from exc
        where = _failed_cell(executed)
        if where is not None and isinstance(exc, PapermillExecutionError):
            # index in the kept file (papermill adds an error banner cell at its top)
            index, first, ename, evalue = where[0], _first_line(exc.source), exc.ename, exc.evalue
        elif isinstance(exc, PapermillExecutionError):
            index = exc.cell_index
            first, ename, evalue = _first_line(exc.source), exc.ename, exc.evalue
        elif where is not None:
            index, first, ename, evalue = where
            ename, evalue = ename or type(exc).__name__, evalue or str(exc).strip()
        else:
            raise RunnerError(
                f"could not run {path.name}: {type(exc).__name__}: {str(exc).strip()}"
            ) from exc
        kept = f"; partial notebook kept at {executed}" if executed.exists() else ""
        raise NotebookFailedError(
            f"{path.name}: cell {index} of the executed notebook failed ({first!r}): {ename}: {evalue}{kept}",
            cell_index=index,
            first_line=first,
            ename=ename,
            evalue=evalue,
            executed_path=str(executed) if executed.exists() else None,
            html_path=str(html_path) if html_path is not None and html_path.exists() else None,
        ) from exc
    if html_path is not None:
        write_html_report(executed, html_path)
    result = None
    if output_dir is not None and (output_dir / RESULT_FILE).exists():
        result = json.loads((output_dir / RESULT_FILE).read_text(encoding="utf-8"))
    return RunResult(
        notebook=path.stem,
        executed_path=executed,
        html_path=html_path,
        output_dir=output_dir,
        parameters=values,
        duration_s=time.perf_counter() - started,
        result=result,
    )
