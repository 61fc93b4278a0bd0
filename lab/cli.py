"""The ``orderlens`` command line.

Why discovery: each capability (demo, query, ask, serve, run, reconcile, health, windows,
ingest...) owns its commands in ``lab/commands/<capability>.py`` with a ``register(group)``
function, so adding a capability never edits this file.

Why lazily: importing every command module costs a cold ``orderlens ask`` the modules of a dozen
capabilities it never runs (the server, the shipping review, the health checks...: ~30 modules
and ~190 kB of source, compiled on every run where no bytecode cache is written). A command
``NAME`` is looked for first in ``lab/commands/NAME.py`` alone; only when that module does not
register it (``trace`` lives in ``health.py``), and for ``--help``, are all modules imported.

Why the garbage collector is paused while command modules are imported: importing them creates
about 170,000 tracked objects that live as long as the process, and the cyclic collector would scan
them again and again (~0.15 s of a cold ``orderlens ask``); they are frozen out of its sight
once imported and collection resumes for the command itself.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
import sys
from typing import Any

import click

import lab.commands
from lab.terminal_text import guard_streams


class LazyGroup(click.Group):
    """A group that imports a command's module only when the command is used or listed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._imported: set[str] = set()

    def _import(self, names: list[str]) -> None:
        """Import and register the command modules ``names`` not imported yet (gc paused)."""
        todo = [n for n in names if n not in self._imported]
        if not todo:
            return
        gc.disable()
        try:
            for name in todo:
                self._imported.add(name)
                register = getattr(
                    importlib.import_module(f"lab.commands.{name}"), "register", None
                )
                if register is not None:
                    register(self)
            gc.freeze()  # everything imported so far lives until exit: never scan it again
        finally:
            gc.enable()  # also when a command module fails to import

    def import_all(self) -> None:
        """Register every command module's commands (for listing and unknown names)."""
        self._import(command_modules())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = super().get_command(ctx, cmd_name)
        if found is None and cmd_name in command_modules():
            self._import([cmd_name])
            found = super().get_command(ctx, cmd_name)
        if found is None:
            self.import_all()
            found = super().get_command(ctx, cmd_name)
        return found

    def list_commands(self, ctx: click.Context) -> list[str]:
        self.import_all()
        return super().list_commands(ctx)


def command_modules() -> list[str]:
    """The command modules' names (``lab/commands/*.py`` not starting with ``_``), sorted."""
    return sorted(
        info.name
        for info in pkgutil.iter_modules(lab.commands.__path__)
        if not info.name.startswith("_")
    )


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="orderlens")
def cli() -> None:
    """OrderLens: ask your order, shipping and payment data questions in plain words."""


def main() -> None:
    """Console-script entry point; data printed to the terminal shows its control characters
    instead of running them (:mod:`lab.terminal_text`)."""
    guard_streams(sys.argv[1:])
    cli(prog_name="orderlens")


if __name__ == "__main__":
    main()
