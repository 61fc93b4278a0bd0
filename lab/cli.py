"""The ``orderlens`` command line.

Why discovery: each capability (demo, query, ask, serve, run, reconcile, health, windows,
ingest...) owns its commands in ``lab/commands/<capability>.py`` with a ``register(group)``
function, so adding a capability never edits this file.

Why the garbage collector is paused while the commands are imported: importing them creates
about 170,000 tracked objects that live as long as the process, and the cyclic collector would scan
them again and again (~0.15 s of a cold ``orderlens ask``); they are frozen out of its sight
once imported and collection resumes for the command itself.
"""

from __future__ import annotations

import gc
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


gc.disable()
try:
    _register_commands(cli)
    gc.freeze()  # everything imported so far lives until exit: never scan it again
finally:
    gc.enable()  # also when a command module fails to import


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="orderlens")


if __name__ == "__main__":
    main()
