"""A papermill engine whose run stops when the notebook's output passes a bound.

Why: papermill keeps every output in memory (nbclient joins a cell's stream text into one
string) and autosaves the whole notebook every 30 s, and the kernel queues what it has not
sent yet. A cell that prints without end (``while True: print(...)``) is never stopped by the
per-cell timeout: in session 19 a 1 MB-a-line loop under ``--timeout 20`` grew the kernel to
6.7 GB and the runner to 2.3 GB in 53 s (killed by hand; an earlier attempt ran past 300 s and
left a 318 MB notebook), because the runner's event loop was busy with the flood and with
saving it. Past :data:`MAX_OUTPUT_BYTES` of output in one run the kernel is killed, the cell
gets a last output line saying why, and the run fails naming the cell.
"""

from __future__ import annotations

from typing import Any

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.log import logger
from papermill.utils import merge_kwargs, remove_args

ENGINE_NAME = "orderlens-bounded"

#: bytes of output (text, images, HTML) one run may produce: a report notebook with charts and
#: tables makes a few MB; a notebook past this is stopped rather than fill memory and disk
MAX_OUTPUT_BYTES = 64 * 1024 * 1024


class OutputBound:
    """The bound of one run, and the cell that passed it (read by the runner afterwards)."""

    def __init__(self, max_bytes: int = MAX_OUTPUT_BYTES) -> None:
        self.max_bytes = max_bytes
        self.used = 0
        self.stopped_cell: int | None = None

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
