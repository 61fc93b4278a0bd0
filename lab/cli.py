"""The ``orderlens`` command line.

Why discovery: each capability (demo, query, ask, serve, run, reconcile, health, windows,
ingest...) owns its commands in ``lab/commands/<capability>.py`` with a ``register(group)``
function, so adding a capability never edits this file.
"""

from __future__ import annotations

import importlib
import pkgutil

import click

import lab.commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="orderlens")
def cli() -> None:
    """OrderLens: ask your order, shipping and payment data questions in plain words."""


def _register_commands(group: click.Group) -> None:
    for info in sorted(pkgutil.iter_modules(lab.commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"lab.commands.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(group)


_register_commands(cli)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="orderlens")


if __name__ == "__main__":
    main()
