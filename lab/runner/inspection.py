"""What a notebook declares: where notebooks live, and the parameters cell of each.

Why papermill's inspection (``papermill.inspect_notebook``, its public API): it parses the cell
tagged ``parameters`` the same way papermill will later inject values (names, inferred types,
defaults, trailing comments as help), so what ``orderlens notebooks`` lists is exactly what
``orderlens run -p`` accepts; Python's own parser fills in the lines papermill's regex skips.
"""

from __future__ import annotations

import ast
import contextlib
import io
import logging
import os
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill
from papermill.iorw import load_notebook_node

from lab.runner.errors import NotebookNotFoundError, ParameterError

PARAMETERS_TAG = "parameters"


@dataclass(frozen=True)
class NotebookParameter:
    """One variable of a notebook's parameters cell.

    ``type_name`` is the declared kind (``int``, ``float``, ``str``, ``bool``, ``list``,
    ``dict``, ``date``, ``month``, ``datetime``, ``order_refs`` — see ``lab.runner.types``;
    ``None`` when unknown); ``default`` is the source text of the default value.
    """

    name: str
    type_name: str
    default: str
    help: str = ""


@dataclass(frozen=True)
class NotebookInfo:
    """A runnable notebook: its name (file stem), path, first heading and parameters."""

    name: str
    path: Path
    title: str
    parameters: tuple[NotebookParameter, ...]


def default_notebooks_dir() -> Path:
    """Where ``orderlens run NAME`` looks: ``$ORDERLENS_NOTEBOOKS``, ``./notebooks`` or the repo's.

    Why three places: a user may keep their own folder (env var), run from a checkout (cwd),
    or call the command from anywhere with the project installed in editable mode.
    """
    env = os.environ.get("ORDERLENS_NOTEBOOKS")
    if env:
        return Path(env)
    local = Path.cwd() / "notebooks"
    if local.is_dir():
        return local
    return Path(__file__).resolve().parents[2] / "notebooks"


def resolve_notebook(name: str | Path, folder: str | Path | None = None) -> Path:
    """The notebook file for ``name`` (``reconciliation``, ``reconciliation.ipynb`` or a path).

    >>> resolve_notebook("nope", "/nonexistent")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lab.runner.errors.NotebookNotFoundError: notebook 'nope' not found in /nonexistent...
    """
    candidate = Path(name)
    if candidate.suffix == ".ipynb" and candidate.is_file():
        return candidate
    base = Path(folder) if folder is not None else default_notebooks_dir()
    stem = candidate.name[: -len(".ipynb")] if candidate.name.endswith(".ipynb") else candidate.name
    path = base / f"{stem}.ipynb"
    if path.is_file():
        return path
    known = sorted(p.stem for p in base.glob("*.ipynb")) if base.is_dir() else []
    hint = f"; available: {', '.join(known)}" if known else ""
    raise NotebookNotFoundError(
        f"notebook {str(name)!r} not found in {base}{hint} "
        "(run `orderlens notebooks` to list them, or pass a path to an .ipynb file)"
    )


def _parameters_cells(nb: nbformat.NotebookNode) -> list[int]:
    return [
        i
        for i, cell in enumerate(nb.cells)
        if PARAMETERS_TAG in cell.get("metadata", {}).get("tags", [])
    ]


def notebook_parameters(path: str | Path) -> dict[str, NotebookParameter]:
    """The parameters a notebook declares, in cell order.

    Raises :class:`ParameterError` unless exactly one cell is tagged ``parameters``: with none,
    papermill would inject values nobody reads; with two, which defaults count is ambiguous.
    """
    nb = load_notebook_node(str(path))  # papermill's loader: adds the empty tag lists it expects
    cells = _parameters_cells(nb)
    if len(cells) != 1:
        where = "no cell" if not cells else f"{len(cells)} cells (indexes {cells})"
        raise ParameterError(
            f"{path}: {where} tagged 'parameters'; tag exactly one code cell holding the "
            "typed, commented defaults (View > Cell Toolbar > Tags in Jupyter)"
        )
    with quiet_papermill():
        found = papermill.inspect_notebook(str(path))
    params = {
        name: NotebookParameter(
            name=name,
            type_name=_kind(str(p["inferred_type_name"])),
            default=str(p["default"]),
            help=str(p["help"] or ""),
        )
        for name, p in found.items()
    }
    exact = _ast_parameters(nb.cells[cells[0]].source)
    if any(p.name not in params for p in exact):  # keep the cell's order
        params = {p.name: params.get(p.name, p) for p in exact} | params
    return params


def _kind(annotation: str) -> str:
    """``"date"`` (a quoted annotation, as the parameters cell may write it) → ``date``."""
    return annotation.strip().strip("\"'")


class _DropKnownWarnings(logging.Filter):
    """Drops papermill's two warnings that contradict what the runner already checked."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        return not text.startswith(_PAPERMILL_NOISE)


#: "Passed unknown parameter: db" — papermill's line regex skipped a parameter the runner
#: read with Python's parser; "Unable to parse line 2 …" — the same skipped line.
_PAPERMILL_NOISE = ("Passed unknown parameter", "Unable to parse line")


@contextlib.contextmanager
def quiet_papermill() -> Iterator[None]:
    """Keep papermill's misleading parameter warnings off the user's terminal while inside.

    Why not silence papermill altogether: its other warnings (a kernel that died, a cell that
    timed out) are real. Only the two messages above are dropped, and only because
    :func:`notebook_parameters` and ``validate_parameters`` have checked every name already.
    """
    loggers = [logging.getLogger("papermill"), logging.getLogger("papermill.translators")]
    drop = _DropKnownWarnings()
    for log in loggers:
        log.addFilter(drop)
    try:
        yield
    finally:
        for log in loggers:
            log.removeFilter(drop)


def _ast_parameters(source: str) -> list[NotebookParameter]:
    r"""Parameters read with Python's own parser (names, annotations, defaults, comments).

    Why besides papermill's reader: papermill's line regex skips any line with a second ``=``,
    so ``db: str = ""  # empty = $ORDERLENS_DB`` silently disappears from its list. Anything
    papermill missed is taken from here.

    >>> [(p.name, p.type_name, p.default, p.help) for p in _ast_parameters(
    ...     'db: str = ""  # empty = default\nn = 3\n')]
    [('db', 'str', '""', 'empty = default'), ('n', 'int', '3', '')]
    """
    try:
        tree = ast.parse(source)
        comments = {
            tok.start[0]: tok.string.lstrip("#").strip()
            for tok in tokenize.generate_tokens(io.StringIO(source).readline)
            if tok.type == tokenize.COMMENT
        }
    except (SyntaxError, tokenize.TokenError):
        return []  # magics or broken code: papermill's reading is all we have
    found: list[NotebookParameter] = []
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            name, value = node.target.id, node.value
            kind = _kind(ast.unparse(node.annotation))
        elif (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            name, value = node.targets[0].id, node.value
            try:
                kind = type(ast.literal_eval(value)).__name__
            except ValueError:
                kind = "None"
        else:
            continue
        default = ast.get_source_segment(source, value) or ast.unparse(value)
        comment = comments.get(node.end_lineno, "") if node.end_lineno is not None else ""
        found.append(NotebookParameter(name, kind, default, comment))
    return found


def _title(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.strip():
                    return line.lstrip("# ").strip()
    return fallback


def list_notebooks(folder: str | Path | None = None) -> list[NotebookInfo]:
    """Every notebook of ``folder`` with its title and parameters, sorted by name.

    A notebook whose parameters cell is broken is still listed (with no parameters) so the
    listing never hides a file; running it reports the problem.
    """
    base = Path(folder) if folder is not None else default_notebooks_dir()
    infos: list[NotebookInfo] = []
    for path in sorted(base.glob("*.ipynb")):
        if path.name.startswith("."):
            continue
        nb = nbformat.read(str(path), as_version=4)
        try:
            params = tuple(notebook_parameters(path).values())
        except ParameterError:
            params = ()
        infos.append(NotebookInfo(path.stem, path, _title(nb, path.stem), params))
    return infos
