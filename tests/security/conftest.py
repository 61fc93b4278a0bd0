"""Fixtures of the red-team tests: a jp_fetch server with OrderLens's roles and named users."""

from __future__ import annotations

from pathlib import Path

import pytest

from lab.server.users import Role, UserStore
from tests.test_browser import ask_server, chromium  # noqa: F401 (the real-browser fixtures)


@pytest.fixture()
def users_file(tmp_path: Path) -> Path:
    return tmp_path / "users.json"


@pytest.fixture()
def tokens(users_file: Path) -> dict[str, str]:
    """Tokens of three named users: ana (ask), pia (planner), ali (analyst)."""
    store = UserStore(users_file)
    return {
        "ana": store.add("ana", Role.ASK),
        "pia": store.add("pia", Role.PLANNER),
        "ali": store.add("ali", Role.ANALYST),
    }


@pytest.fixture()
def history_file(tmp_path: Path) -> Path:
    return tmp_path / "runtime" / "orderlens-history.json"


@pytest.fixture()
def jp_server_config(demo_db: Path, history_file: Path, users_file: Path, tokens) -> dict:
    """The configuration `orderlens serve` passes: server token = ask role, named users."""
    return {
        "ServerApp": {
            "jpserver_extensions": {"lab": True},
            "identity_provider_class": "lab.server.auth.OrderLensIdentityProvider",
            "authorizer_class": "lab.server.auth.OrderLensAuthorizer",
        },
        "OrderLensIdentityProvider": {"users_file": str(users_file), "token_role": "ask"},
        "OrderLensApp": {
            "db": str(demo_db),
            "today": "2026-11-20",
            "history_file": str(history_file),
        },
    }
