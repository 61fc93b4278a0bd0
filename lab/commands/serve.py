"""``orderlens serve`` (Ask page only) and ``orderlens lab`` (JupyterLab on ``notebooks/``).

Why wrappers around Jupyter rather than a server of our own: business users get Jupyter's
token auth, XSRF rules and logging for free, and analysts get the same extension inside
JupyterLab. Both install OrderLens's identity provider and authorizer (:mod:`lab.server.auth`):
the server's own token has the *ask* role under ``serve`` (the Ask page and its API, no kernels,
files or terminals) and the *analyst* role under ``lab``; named users from
``orderlens users add`` sign in with their own tokens and roles. Run as root (a container),
both pass ``--allow-root`` to Jupyter themselves and say so. Both commands enable the extension explicitly
(``--ServerApp.jpserver_extensions lab=True``) because an editable install does not install
``etc/jupyter/jupyter_server_config.d/orderlens.json``, and both export ``ORDERLENS_DB`` (and
``ORDERLENS_SEMANTIC_MODEL``) so kernels started from the server see the same warehouse.
``JUPYTER_TOKEN`` is honoured as in any Jupyter server.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from connectors.warehouse import default_db_path
from lab.server.users import Role

ASK_PATH = "orderlens/"


def _prepare_environment(db: Path | None, semantic_model: Path | None) -> tuple[Path, str]:
    """Resolve the warehouse, export it for kernels, and fix the token so we can print it."""
    db_path = Path(db if db is not None else default_db_path()).expanduser().resolve()
    if not db_path.exists():
        raise click.ClickException(
            f"warehouse {db_path} does not exist: build it with `orderlens demo --db {db_path}` "
            "or pass --db / set ORDERLENS_DB"
        )
    os.environ["ORDERLENS_DB"] = str(db_path)
    if semantic_model is not None:
        os.environ["ORDERLENS_SEMANTIC_MODEL"] = str(Path(semantic_model).resolve())
    token = os.environ.get("JUPYTER_TOKEN") or secrets.token_hex(24)
    os.environ["JUPYTER_TOKEN"] = token  # jupyter_server reads it; we print the same one
    return db_path, token


@dataclass(frozen=True)
class ServerOptions:
    """The options ``serve`` and ``lab`` share (``_common`` below declares them for click)."""

    port: int
    ip: str
    no_browser: bool
    db: Path | None
    semantic_model: Path | None
    today: str | None
    allow_root: bool


def _launch_argv(opts: ServerOptions, *, role: Role, url_path: str) -> tuple[list[str], str]:
    """What ``serve`` and ``lab`` both do before starting Jupyter: export the warehouse, print
    the URL with the token, and build the server argv. Returns the argv and the token."""
    port, ip, semantic_model, today = opts.port, opts.ip, opts.semantic_model, opts.today
    db_path, token = _prepare_environment(opts.db, semantic_model)
    _print_url(ip, port, url_path, token)
    argv = [
        f"--ServerApp.port={port}",
        f"--ServerApp.ip={ip}",
        "--ServerApp.jpserver_extensions=lab=True",
        "--ServerApp.identity_provider_class=lab.server.auth.OrderLensIdentityProvider",
        "--ServerApp.authorizer_class=lab.server.auth.OrderLensAuthorizer",
        f"--OrderLensIdentityProvider.token_role={role.value}",
        f"--OrderLensApp.db={db_path}",
    ]
    if opts.no_browser:
        argv.append("--ServerApp.open_browser=False")
    if _allow_root(opts.allow_root):
        argv.append("--ServerApp.allow_root=True")
    if semantic_model is not None:
        argv.append(f"--OrderLensApp.semantic_model={semantic_model}")
    if today:
        argv.append(f"--OrderLensApp.today={today}")
    return argv, token


def _allow_root(requested: bool) -> bool:
    """``--allow-root`` for Jupyter when asked, or when running as root (e.g. in a container).

    Why automatic: Jupyter refuses to start as root, and in a container root is the normal
    user; the log line says it happened so it is never a surprise.
    """
    if requested:
        return True
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        click.echo(
            "OrderLens: running as root (e.g. in a container): passing --allow-root to Jupyter"
        )
        return True
    return False


def _print_url(ip: str, port: int, path: str, token: str) -> None:
    host = "127.0.0.1" if ip in ("", "0.0.0.0", "::") else ip
    click.echo(f"OrderLens: open http://{host}:{port}/{path}?token={token}")


_common = [
    click.option("--port", type=int, default=8888, show_default=True, help="Port to listen on."),
    click.option("--ip", default="127.0.0.1", show_default=True, help="Address to listen on."),
    click.option("--no-browser", is_flag=True, help="Do not open a browser."),
    click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Warehouse file [default: $ORDERLENS_DB or .orderlens/demo.duckdb].",
    ),
    click.option(
        "--semantic-model",
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        default=None,
        help="Semantic model directory [default: the built-in model].",
    ),
    click.option("--today", default=None, help="Anchor relative dates (YYYY-MM-DD)."),
    click.option(
        "--allow-root", is_flag=True, help="Allow running as root (Jupyter refuses by default)."
    ),
]


def _with_common(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` with the options every server command shares, in the order they are listed."""
    for option in reversed(_common):
        fn = option(fn)
    return fn


_PASSTHROUGH = {"ignore_unknown_options": True}
_jupyter_args = click.argument("jupyter_args", nargs=-1, type=click.UNPROCESSED)


@click.command("serve", context_settings=_PASSTHROUGH)
@_with_common
@_jupyter_args
def serve_command(jupyter_args: tuple[str, ...], **common: Any) -> None:
    """Start a Jupyter server with only the OrderLens Ask page (for business users).

    The printed token has the ask role: it opens the Ask page and its API, never a kernel,
    a file or a terminal. Give people their own tokens with ``orderlens users add``.

    Extra ``--Class.trait=value`` arguments go to Jupyter as is (e.g.
    ``--OrderLensApp.answer_cache_size=0`` or ``--ServerApp.base_url=/ol/``).
    """
    # jupyter_server loads when the server starts (kept off every `orderlens` start-up)
    from lab.server.app import OrderLensApp

    argv, _ = _launch_argv(ServerOptions(**common), role=Role.ASK, url_path=ASK_PATH)
    OrderLensApp.load_other_extensions = False  # just the Ask page and the API
    OrderLensApp.launch_instance(argv=[*argv, *jupyter_args])


@click.command("lab", context_settings=_PASSTHROUGH)
@_with_common
@_jupyter_args
@click.option(
    "--notebooks-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Folder JupyterLab opens [default: ./notebooks].",
)
def lab_command(jupyter_args: tuple[str, ...], notebooks_dir: Path | None, **common: Any) -> None:
    """Start JupyterLab on the notebooks folder with the warehouse and %ask configured.

    Extra ``--Class.trait=value`` arguments go to Jupyter as is.
    """
    try:
        # optional: JupyterLab is not needed by the Ask page (`orderlens serve`)
        from jupyterlab.labapp import LabApp
    except ImportError:
        raise click.ClickException(
            "JupyterLab is not installed in this environment: pip install 'jupyterlab>=4.2,<5' "
            "(or use `orderlens serve` for the Ask page alone)"
        ) from None
    # papermill loads when JupyterLab starts (kept off every `orderlens` start-up)
    from lab.runner import default_notebooks_dir

    opts = ServerOptions(**common)
    argv, token = _launch_argv(opts, role=Role.ANALYST, url_path="lab")
    root = Path(notebooks_dir or default_notebooks_dir()).resolve()
    click.echo(f"OrderLens: Ask page at http://{opts.ip}:{opts.port}/{ASK_PATH}?token={token}")
    LabApp.launch_instance(argv=[*argv, f"--ServerApp.root_dir={root}", *jupyter_args])


def register(group: click.Group) -> None:
    """Add ``serve`` and ``lab`` to the ``orderlens`` command group."""
    group.add_command(serve_command)
    group.add_command(lab_command)
