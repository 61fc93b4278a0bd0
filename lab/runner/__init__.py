"""Run the parameterised notebooks in ``notebooks/`` with papermill.

Why a package with one module per concern (papermill's own layout): ``inspection`` reads what a
notebook declares, ``parameterize`` checks and types what a user passes, ``execute`` runs the
kernel and writes the executed notebook plus an HTML report. The CLI (``orderlens run`` and
``orderlens notebooks``), the tests and the server all call these functions.
"""

from __future__ import annotations

from lab.runner.errors import (
    NotebookFailedError,
    NotebookNotFoundError,
    ParameterError,
    RunnerError,
)
from lab.runner.execute import RunResult, run_notebook
from lab.runner.inspection import (
    NotebookInfo,
    NotebookParameter,
    default_notebooks_dir,
    list_notebooks,
    notebook_parameters,
    resolve_notebook,
)
from lab.runner.parameterize import coerce_value, validate_parameters

__all__ = [
    "NotebookFailedError",
    "NotebookInfo",
    "NotebookNotFoundError",
    "NotebookParameter",
    "ParameterError",
    "RunResult",
    "RunnerError",
    "coerce_value",
    "default_notebooks_dir",
    "list_notebooks",
    "notebook_parameters",
    "resolve_notebook",
    "run_notebook",
    "validate_parameters",
]
