"""Every command that reads the warehouse says, in one sentence, that a missing one is missing.

The commands share :func:`lab.commands._options.open_warehouse` (health, trace, ids, export,
accounts, dimensions, windows used to wrap the same open each in its own ``try``): a
mistyped ``--db`` is exit code 1 with the file named and what to do, no traceback, and no
empty warehouse file left behind.
"""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from lab.cli import cli
from lab.commands._options import open_warehouse


@pytest.mark.parametrize(
    "args",
    [
        ["health"],
        ["trace", "OL000000001"],
        ["ids", "report"],
        ["export", "parquet", "OUT"],
        ["accounts", "list"],
        ["dimensions"],
        ["windows", "list"],
    ],
)
def test_a_missing_warehouse_is_named_with_what_to_do(tmp_path, args) -> None:
    db = tmp_path / "never-made.duckdb"
    args = [str(tmp_path / a) if a == "OUT" else a for a in args]
    got = CliRunner().invoke(cli, [*args, "--db", str(db)])
    assert got.exit_code == 1, (args, got.output)
    assert f"warehouse {db} does not exist" in got.output, got.output
    assert "orderlens demo --db" in got.output and "Traceback" not in got.output
    assert not db.exists()


def test_open_warehouse_opens_and_refuses(tmp_path) -> None:
    con = open_warehouse(":memory:", read_only=False)
    assert con.execute("select 40 + 2").fetchone() == (42,)
    con.close()
    with pytest.raises(click.ClickException, match="does not exist"):
        open_warehouse(tmp_path / "nope.duckdb", read_only=True)
