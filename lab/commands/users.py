"""``orderlens users add|list|remove``: the named users of ``orderlens serve`` / ``orderlens lab``.

Why a command: each person signs in with a token of their own, so the history, feedback and
planner decisions record who did what, and each gets only their role's rights (ask: the Ask
page; planner: also decide shipping-window recommendations; analyst: also kernels and files
under ``orderlens lab``). The token is printed once; the file keeps only a salted hash. A
running server sees changes at once (the file is re-read when it changes).
"""

from __future__ import annotations

from pathlib import Path

import click

from lab.server.errors import UsersFileError
from lab.server.users import Role, UserStore, default_users_file

_users_file = click.option(
    "--users-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Users file [default: $ORDERLENS_USERS_FILE or orderlens_users.json in Jupyter's "
    "config directory].",
)


def _store(users_file: Path | None) -> UserStore:
    return UserStore(users_file or default_users_file())


@click.group("users")
def users_group() -> None:
    """Named users of the Ask page and their roles (ask, planner, analyst)."""


@users_group.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    default=Role.ASK.value,
    show_default=True,
    help="ask: questions only; planner: also decide recommendations; analyst: also kernels.",
)
@_users_file
def add_command(name: str, role: str, users_file: Path | None) -> None:
    """Add NAME (or give NAME a new token and role) and print the token once."""
    store = _store(users_file)
    try:
        token = store.add(name, Role(role))
        saved = store.get(name)
    except UsersFileError as exc:
        raise click.ClickException(str(exc)) from None
    if saved is not None and saved.name != name:  # names are case-insensitive (NFKC)
        click.echo(f"OrderLens: {name} is the existing user {saved.name}: new token issued")
        name = saved.name
    click.echo(f"OrderLens: user {name} ({role}) saved in {store.path}")
    click.echo("Token (shown only now; give it to the user, they paste it on the sign-in page):")
    click.echo(token)


@users_group.command("list")
@_users_file
def list_command(users_file: Path | None) -> None:
    """List the users and their roles (never their tokens)."""
    store = _store(users_file)
    try:
        users, invalid = store.list(), store.invalid()
    except UsersFileError as exc:
        raise click.ClickException(str(exc)) from None
    if not users and not invalid:
        click.echo(f"OrderLens: no users in {store.path}; add one with `orderlens users add NAME`")
    for user in users:
        click.echo(f"{user.name}\t{user.role.value}\t{user.created}")
    for name, why in invalid:  # a hand-edited entry: say what to fix, never a traceback
        click.echo(
            f"{name!r}\tsigns nobody in: {why}; fix it in {store.path} or "
            "`orderlens users remove` / `add` it again",
            err=True,
        )


@users_group.command("remove")
@click.argument("name")
@_users_file
def remove_command(name: str, users_file: Path | None) -> None:
    """Remove NAME; their token and sign-in stop working at once."""
    store = _store(users_file)
    try:
        removed = store.remove(name)
    except UsersFileError as exc:
        raise click.ClickException(str(exc)) from None
    if not removed:
        raise click.ClickException(f"no user {name!r} in {store.path}; see `orderlens users list`")
    click.echo(f"OrderLens: user {name} removed")


def register(group: click.Group) -> None:
    """Add ``users`` to the ``orderlens`` command group."""
    group.add_command(users_group)
