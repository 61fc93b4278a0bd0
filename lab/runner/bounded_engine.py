"""A papermill engine whose run stops when the notebook's output passes a bound.

Why: papermill keeps every output in memory (nbclient joins a cell's stream text into one
string) and autosaves the whole notebook every 30 s, and the kernel queues what it has not
sent yet. A cell that prints without end (``while True: print(...)``) is never stopped by the
per-cell timeout: in session 19 a 1 MB-a-line loop under ``--timeout 20`` grew the kernel to
6.7 GB and the runner to 2.3 GB in 53 s (killed by hand; an earlier attempt ran past 300 s and
left a 318 MB notebook), because the runner's event loop was busy with the flood and with
saving it. Past :data:`MAX_OUTPUT_BYTES` of output in one run the kernel is killed, the cell
gets a last output line saying why, and the run fails naming the cell.

The run also has a time limit as a whole (session 20): the per-cell ``--timeout`` let a notebook
of many short cells run for their sum (10,000 cells of a second: close to three hours). From the
first cell on, each cell gets at most what is left of ``max_run_s`` as its timeout, and no cell
starts once it is spent.
"""

from __future__ import annotations

import math
import time
from typing import Any

from nbclient.exceptions import CellTimeoutError
from nbclient.util import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.log import logger
from papermill.utils import merge_kwargs, remove_args

ENGINE_NAME = "orderlens-bounded"

#: bytes of output (text, images, HTML) one run may produce: a report notebook with charts and
#: tables makes a few MB; a notebook past this is stopped rather than fill memory and disk
MAX_OUTPUT_BYTES = 64 * 1024 * 1024
#: seconds one run may take from its first cell on (``orderlens run --max-run-time``)
MAX_RUN_S = 3600


class OutputBound:
    """The bounds of one run (output bytes, total time), and the cell that passed one (read by
    the runner afterwards)."""

    def __init__(self, max_bytes: int = MAX_OUTPUT_BYTES, max_run_s: float | None = None) -> None:
        self.max_bytes = max_bytes
        self.used = 0
        self.stopped_cell: int | None = None
        self.max_run_s = max_run_s if max_run_s and max_run_s > 0 else None
        self.deadline: float | None = None  # set when the first cell starts (not the kernel)
        self.timed_out_cell: int | None = None

    def start_clock(self) -> None:
        if self.max_run_s is not None and self.deadline is None:
            self.deadline = time.monotonic() + self.max_run_s

    def seconds_left(self) -> float | None:
        """What is left of the run's time (None: no limit), never below 0."""
        return None if self.deadline is None else max(0.0, self.deadline - time.monotonic())

    def time_note(self) -> str:
        return (
            f"the run passed its time limit of {self.max_run_s:g} s "
            "(raise it with --max-run-time; each cell also has --timeout)"
        )

    def note(self) -> str:
        return (
            f"output stopped: the run wrote more than {self.max_bytes // (1024 * 1024):,} MB "
            "of output (a cell printing without end?); the kernel was stopped"
        )


def _size(content: dict[str, Any]) -> int:
    """Roughly how many bytes an output message adds to the notebook."""
    total = len(str(content.get("text") or ""))
    for value in (content.get("data") or {}).values():
        total += len(value) if isinstance(value, str) else len(str(value))
    return total + sum(len(str(t)) for t in content.get("traceback") or [])


class BoundedNotebookClient(PapermillNotebookClient):
    """Papermill's client, counting every output of the run against an :class:`OutputBound`."""

    def __init__(self, nb_man: Any, *, output_bound: OutputBound, **kw: Any) -> None:
        super().__init__(nb_man, **kw)
        self.output_bound = output_bound

    def output(self, outs: list, msg: dict[str, Any], display_id: Any, cell_index: int) -> Any:
        bound = self.output_bound
        if bound.stopped_cell is not None:
            return None  # the kernel is being stopped: what still arrives is dropped
        bound.used += _size(msg.get("content") or {})
        if bound.used <= bound.max_bytes:
            return super().output(outs, msg, display_id, cell_index)
        bound.stopped_cell = cell_index
        outs.append(_stream_note(bound.note()))
        self._kill_kernel()
        return None

    def _get_timeout(self, cell: Any) -> int | None:
        """The cell's own timeout, or what is left of the run's time when that is less."""
        timeout = super()._get_timeout(cell)
        left = self.output_bound.seconds_left()
        if left is None:
            return timeout
        budget = max(1, math.ceil(left))
        return budget if timeout is None else min(timeout, budget)

    async def async_execute_cell(
        self, cell: Any, cell_index: int, execution_count: int | None = None,
        store_history: bool = True,
    ) -> Any:  # fmt: skip
        bound = self.output_bound
        bound.start_clock()
        left = bound.seconds_left()
        if left is not None and left <= 0 and cell.cell_type == "code":
            bound.timed_out_cell = cell_index
            cell.outputs = [_stream_note(bound.time_note())]
            raise CellTimeoutError.error_from_timeout_and_cell(
                "Run time limit reached", int(bound.max_run_s or 0), cell
            )
        try:
            return await super().async_execute_cell(
                cell, cell_index, execution_count=execution_count, store_history=store_history
            )
        except CellTimeoutError:
            left = bound.seconds_left()
            if left is not None and left <= 1:  # the run's budget, not the cell's own timeout
                bound.timed_out_cell = cell_index
                cell.outputs.append(_stream_note(bound.time_note()))
            raise

    # papermill calls the synchronous wrapper, which nbclient binds to its own coroutine
    execute_cell = run_sync(async_execute_cell)

    def _kill_kernel(self) -> None:
        """Kill the kernel process now: nbclient notices within a second (DeadKernelError).

        Why not an interrupt or a shutdown request: a kernel may ignore SIGINT, and a shutdown
        request waits behind the flood it would stop."""
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        if process is not None:
            process.kill()


def _stream_note(text: str) -> Any:
    from nbformat.v4 import new_output

    return new_output("stream", name="stderr", text=text + "\n")


class BoundedEngine(NBClientEngine):
    """:class:`papermill.engines.NBClientEngine` with :class:`BoundedNotebookClient`."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man: Any,
        kernel_name: str,
        log_output: bool = False,
        stdout_file: Any = None,
        stderr_file: Any = None,
        start_timeout: int = 60,
        execution_timeout: int | None = None,
        **kwargs: Any,
    ) -> Any:
        bound = kwargs.pop("output_bound", None) or OutputBound()
        kwargs = remove_args(["input_path"], **kwargs)
        safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
        final_kwargs = merge_kwargs(
            safe_kwargs,
            timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log=logger,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        return BoundedNotebookClient(nb_man, output_bound=bound, **final_kwargs).execute()


papermill_engines.register(ENGINE_NAME, BoundedEngine)
