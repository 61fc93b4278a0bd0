"""``orderlens accounts``: settings kept per bank account (its currency).

Why a command: a statement that states no currency must be given one, and typing ``--currency``
on every file of the same account is how a wrong one slips in; the setting is kept once in the
warehouse (:mod:`connectors.accounts`) and every later statement naming the account uses it.
"""

from __future__ import annotations

from pathlib import Path

import click
import duckdb

from connectors.accounts import account_settings, set_account_currency, unset_account
from connectors.errors import IngestError, WarehouseError
from connectors.sources._bank_headers import currency_code
from connectors.warehouse import ensure_schema, write_connection
from lab.commands._options import db_option, open_warehouse


@click.group("accounts")
def accounts_group() -> None:
    """Settings kept per bank account: the currency its statements are read in."""


@accounts_group.command("set")
@click.argument("account")
@click.option("--currency", required=True, help="The account's currency (ISO 4217, e.g. CNY).")
@db_option
def accounts_set(account: str, currency: str, db: Path | None) -> None:
    """Keep ACCOUNT's currency: a statement naming ACCOUNT that states none is read in it."""
    code = currency_code(currency)
    if code is None:
        raise click.BadParameter(f"{currency!r} is not an ISO 4217 code (e.g. CNY, EUR)")
    try:
        with write_connection(db, purpose="orderlens accounts set") as con:
            ensure_schema(con, ["bank_accounts"])  # a warehouse from before the setting
            key = set_account_currency(con, account, code)
    except (WarehouseError, IngestError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"account {key}: currency {code}")


@accounts_group.command("unset")
@click.argument("account")
@db_option
def accounts_unset(account: str, db: Path | None) -> None:
    """Forget ACCOUNT's settings."""
    try:
        with write_connection(db, purpose="orderlens accounts unset") as con:
            ensure_schema(con, ["bank_accounts"])
            had = unset_account(con, account)
    except WarehouseError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"account {account}: {'forgotten' if had else 'had no settings'}")


@accounts_group.command("list")
@db_option
def accounts_list(db: Path | None) -> None:
    """The accounts kept, with their currency."""
    con = open_warehouse(db, read_only=True)
    try:
        rows = account_settings(con)
    except duckdb.CatalogException:  # a warehouse from before the setting: nothing kept
        rows = []
    finally:
        con.close()
    for acct, code, when in rows:
        click.echo(f"{acct}\t{code}\tset {when:%Y-%m-%d %H:%M}")
    if not rows:
        click.echo("no accounts kept (orderlens accounts set ACCOUNT --currency CNY)")


def register(group: click.Group) -> None:
    """Add ``accounts`` to the ``orderlens`` group."""
    group.add_command(accounts_group)
