"""`orderlens serve` as root passes --allow-root itself; `orderlens users` manages named users."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lab.cli import cli
from lab.server.users import Role, UserStore


@pytest.fixture()
def launched(monkeypatch) -> list[list[str]]:
    """Capture the argv `orderlens serve` hands to Jupyter instead of starting a server."""
    from lab.server.app import OrderLensApp

    calls: list[list[str]] = []
    monkeypatch.setattr(OrderLensApp, "launch_instance", lambda argv: calls.append(argv))
    monkeypatch.delenv("JUPYTER_TOKEN", raising=False)
    return calls


@pytest.mark.parametrize(("euid", "allowed"), [(0, True), (1000, False)])
def test_serve_passes_allow_root_itself_when_run_as_root(
    demo_db: Path, launched, monkeypatch, euid: int, allowed: bool
) -> None:
    monkeypatch.setattr("os.geteuid", lambda: euid)
    res = CliRunner().invoke(cli, ["serve", "--no-browser", "--db", str(demo_db)])
    assert res.exit_code == 0, res.output
    (argv,) = launched
    assert ("--ServerApp.allow_root=True" in argv) is allowed
    assert ("passing --allow-root to Jupyter" in res.output) is allowed
    # the token it prints has the ask role: the Ask page, never kernels or files
    assert "--OrderLensIdentityProvider.token_role=ask" in argv
    assert "--ServerApp.authorizer_class=lab.server.auth.OrderLensAuthorizer" in argv


def test_users_add_prints_a_token_once_and_stores_only_its_salted_hash(tmp_path: Path) -> None:
    users = tmp_path / "users.json"
    runner = CliRunner()
    res = runner.invoke(
        cli, ["users", "add", "pia", "--role", "planner", "--users-file", str(users)]
    )
    assert res.exit_code == 0, res.output
    token = res.output.strip().splitlines()[-1]
    stored = json.loads(users.read_text())["users"]["pia"]
    assert token not in users.read_text() and token.split(".")[1] not in users.read_text()
    assert stored["role"] == "planner" and len(stored["salt"]) == 32 and len(stored["hash"]) == 64
    assert oct(users.stat().st_mode & 0o777) == "0o600"
    assert UserStore(users).verify(token).role is Role.PLANNER

    listed = runner.invoke(cli, ["users", "list", "--users-file", str(users)])
    assert listed.output.split("\t")[:2] == ["pia", "planner"] and token not in listed.output
    bad = runner.invoke(cli, ["users", "add", "x y", "--users-file", str(users)])
    assert bad.exit_code == 1 and "user name 'x y' is not allowed" in bad.output
    assert runner.invoke(cli, ["users", "remove", "pia", "--users-file", str(users)]).exit_code == 0
    assert UserStore(users).verify(token) is None
    gone = runner.invoke(cli, ["users", "remove", "pia", "--users-file", str(users)])
    assert gone.exit_code == 1 and "no user 'pia'" in gone.output
