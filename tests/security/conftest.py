"""Fixtures of the red-team tests: a jp_fetch server with OrderLens's roles and named users."""

from __future__ import annotations

from pathlib import Path

import pytest

from lab.server.users import Role, UserStore
from tests.server_helpers import server_config
from tests.test_browser import chromium  # noqa: F401 (the real-browser fixture)


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
    return tmp_path / "runtime" / "orderlens-history.sqlite3"


@pytest.fixture(scope="session")
def demo_catalog(demo_db: Path) -> None:
    """The shared warehouse's catalog, lexicon and segmenter, made once per session, outside
    any request.

    Why: every test starts its own server (with a fresh, isolated home: no user cache), and
    its first question waits for the server's warm-up. Done inside that request, the catalog
    (sample values, lexicon) and jieba's dictionary (loaded, and its store built, in an empty
    cache) took 10 s at load ~11 and past tornado's 20 s timeout under heavier load; done
    here, each server finds them in the process, as a long-running server would.
    """
    from lab.server.role_model import warm_ask_view
    from nl2sql import catalog_for
    from nl2sql.ask import get_model
    from nl2sql.lexicon import segment

    catalog_for(None, demo_db)
    warm_ask_view(get_model(None), demo_db, None)  # the ask role's catalog and lexicon
    segment("预热")  # jieba's dictionary opened once per process (built once per user cache)


@pytest.fixture()
def jp_server_config(
    demo_db: Path, demo_catalog: None, history_file: Path, users_file: Path, tokens
) -> dict:
    """The configuration `orderlens serve` passes: server token = ask role, named users."""
    return server_config(demo_db, users_file, history_file, token_role="ask", today="2026-11-20")
