"""The notebook runner's one exception family.

Why: the CLI catches :class:`RunnerError` and prints its message (which names the notebook,
the parameter or the failing cell and what to do) instead of a traceback.
"""

from __future__ import annotations


class RunnerError(Exception):
    """Base class of every error the notebook runner reports to a user."""


class NotebookNotFoundError(RunnerError):
    """The named notebook is not in the notebooks folder."""


class ParameterError(RunnerError):
    """A parameter is unknown to the notebook, badly typed, or the parameters cell is missing."""


class NotebookFailedError(RunnerError):
    """A cell raised; carries where, and the partial executed notebook kept on disk."""

    def __init__(
        self,
        message: str,
        *,
        cell_index: int,
        first_line: str,
        ename: str,
        evalue: str,
        executed_path: str | None = None,
        html_path: str | None = None,
    ) -> None:
        super().__init__(message)
        self.cell_index = cell_index
        self.first_line = first_line
        self.ename = ename
        self.evalue = evalue
        self.executed_path = executed_path
        self.html_path = html_path
