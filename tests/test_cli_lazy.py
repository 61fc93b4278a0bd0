"""The ``orderlens`` group imports a command's module only when that command is used or listed.

Why: a cold ``orderlens ask`` paid for importing (and, with no bytecode cache, compiling) the
server, the shipping review, the health checks and every other capability's module before
answering (bench/bench_cli.py). The set of loaded modules is only observable in a fresh
process: in this one, other tests have imported them already.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from lab.cli import cli, command_modules

ROOT = Path(__file__).resolve().parents[1]


def _loaded_command_modules(args: list[str]) -> list[str]:
    """The command modules (``lab.commands.*``, helpers starting with ``_`` aside) a fresh
    process has loaded after resolving ``args``."""
    code = (
        "import json, sys\n"
        "import click\n"
        "from lab.cli import cli\n"
        f"args = {args!r}\n"
        "ctx = click.Context(cli)\n"
        "print(json.dumps([args and cli.get_command(ctx, args[0]) is not None,\n"
        "                  sorted(m for m in sys.modules if m.startswith('lab.commands.')\n"
        "                         and not m.startswith('lab.commands._'))]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found, modules = json.loads(done.stdout.strip().splitlines()[-1])
    assert found or not args
    return modules


def test_a_command_named_like_its_module_imports_that_module_alone() -> None:
    assert _loaded_command_modules(["ask"]) == ["lab.commands.ask"]
    assert _loaded_command_modules(["reconcile"]) == ["lab.commands.reconcile"]


def test_a_command_in_another_module_is_found_by_importing_them_all() -> None:
    """``trace`` is registered by ``health.py``: found, at the price of every module."""
    loaded = _loaded_command_modules(["trace"])
    assert "lab.commands.health" in loaded and "lab.commands.serve" in loaded


def test_help_lists_every_module_s_commands() -> None:
    out = CliRunner().invoke(cli, ["--help"])
    assert out.exit_code == 0, out.output
    listed = {line.split()[0] for line in out.output.split("Commands:")[1].splitlines() if line}
    # one per module and the ones registered by a module of another name
    assert {"ask", "demo", "serve", "lab", "trace", "impact", "validate", "metrics"} <= listed
    assert set(command_modules()) - listed <= {"semantic"}  # semantic.py: query, validate...


def test_an_unknown_command_is_still_a_usage_error() -> None:
    out = CliRunner().invoke(cli, ["no-such-command"])
    assert out.exit_code == 2 and "No such command 'no-such-command'" in out.output
