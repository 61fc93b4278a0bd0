"""``orderlens run NOTEBOOK`` and ``orderlens notebooks``: the parameterised notebook runner.

Why commands of their own: finance and planners run the same notebooks every period with new
parameters; they should get an executed notebook and an HTML report without opening Jupyter,
and a clear message naming the failing cell when something breaks.
"""

from __future__ import annotations

from pathlib import Path

import click


def _parse_params(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return {name: value for name, value in pairs}


@click.command("run")
@click.argument("notebook")
@click.option(
    "-p",
    "--parameter",
    "params",
    nargs=2,
    multiple=True,
    metavar="NAME VALUE",
    help="Set a parameter of the notebook's parameters cell (repeatable).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the executed notebook and HTML report [default: .orderlens/runs].",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Warehouse file passed as the notebook's `db` parameter [default: $ORDERLENS_DB].",
)
@click.option(
    "--notebooks-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to look for NOTEBOOK [default: ./notebooks].",
)
@click.option(
    "--timeout",
    "timeout_s",
    type=int,
    default=600,
    show_default=True,
    help="Seconds one cell may run before the run is stopped.",
)
@click.option(
    "--max-run-time",
    "max_run_s",
    type=click.IntRange(min=0),
    default=3600,
    show_default=True,
    help="Seconds the whole run may take from its first cell (0: no limit, cells are bounded "
    "by --timeout only).",
)
@click.option(
    "--kernel",
    "kernel_name",
    default="python3",
    show_default=True,
    help="Jupyter kernel to run the notebook with.",
)
@click.option("--no-html", is_flag=True, help="Skip the HTML report.")
def run_command(
    notebook: str,
    params: tuple[tuple[str, str], ...],
    out_dir: Path | None,
    db: Path | None,
    notebooks_dir: Path | None,
    timeout_s: int,
    max_run_s: int,
    kernel_name: str,
    no_html: bool,
) -> None:
    """Run NOTEBOOK (a name from `orderlens notebooks` or an .ipynb path) with papermill."""
    # papermill and nbconvert load when a notebook runs (kept off every `orderlens` start-up)
    from lab.runner import NotebookFailedError, RunnerError, run_notebook

    try:
        result = run_notebook(
            notebook,
            _parse_params(params),
            out_dir,
            notebooks_dir=notebooks_dir,
            db=db,
            kernel_name=kernel_name,
            timeout_s=timeout_s,
            max_run_s=max_run_s,
            progress=True,
            html=not no_html,
        )
    except NotebookFailedError as exc:
        click.echo(f"error: {exc}", err=True)
        if exc.html_path:
            click.echo(f"partial report: {exc.html_path}", err=True)
        raise SystemExit(1) from None
    except RunnerError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from None
    click.echo(f"executed notebook: {result.executed_path}")
    if result.html_path is not None:
        click.echo(f"HTML report:       {result.html_path}")
    if result.output_dir is not None:
        state = "result.json written" if result.result is not None else "no result.json"
        click.echo(f"output folder:     {result.output_dir} ({state})")
    click.echo(f"finished in {result.duration_s:.1f} s")


@click.command("notebooks")
@click.option(
    "--notebooks-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to list [default: ./notebooks].",
)
def notebooks_command(notebooks_dir: Path | None) -> None:
    """List the runnable notebooks with their parameters and defaults."""
    # papermill loads when notebooks are listed (kept off every `orderlens` start-up)
    from lab.runner import default_notebooks_dir, list_notebooks

    folder = notebooks_dir or default_notebooks_dir()
    infos = list_notebooks(folder)
    if not infos:
        click.echo(f"no notebooks in {folder}")
        return
    for info in infos:
        click.echo(f"{info.name}  —  {info.title}")
        if not info.parameters:
            click.echo("    (no parameters cell)")
        for p in info.parameters:
            help_text = f"  # {p.help}" if p.help else ""
            click.echo(f"    -p {p.name} <{p.type_name}>  default {p.default}{help_text}")


def register(group: click.Group) -> None:
    """Add ``run`` and ``notebooks`` to the ``orderlens`` command group."""
    group.add_command(run_command)
    group.add_command(notebooks_command)
