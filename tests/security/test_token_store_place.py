"""The server refuses to start when Jupyter would serve its token stores (session 27).

Before, ``orderlens serve`` started in a folder holding the users file (or with
``ORDERLENS_USERS_FILE`` pointing into ``--ServerApp.root_dir``) served it to the analyst role
through ``/api/contents`` and ``/files/``, to read and to rewrite (any token, any role).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lab.server.store_place import served_store_problem
from lab.server.users import Role, UserStore


def test_a_store_inside_the_served_folder_is_named_with_what_to_do(tmp_path: Path) -> None:
    users = tmp_path / "team" / "orderlens_users.json"
    problem = served_store_problem({"users file": users}, tmp_path)
    assert problem is not None
    assert f"the users file {users} is inside the folder Jupyter serves ({tmp_path}" in problem
    assert "analyst role" in problem and "ORDERLENS_USERS_FILE" in problem
    assert "--ServerApp.root_dir" in problem


def test_a_hidden_folder_is_allowed_unless_jupyter_serves_hidden_files(tmp_path: Path) -> None:
    users = tmp_path / ".jupyter" / "orderlens_users.json"  # `serve` started in the home folder
    assert served_store_problem({"users file": users}, tmp_path) is None
    assert served_store_problem({"users file": users}, tmp_path, allow_hidden=True) is not None


def test_a_link_into_the_served_folder_counts_as_inside(tmp_path: Path) -> None:
    root, elsewhere = tmp_path / "root", tmp_path / "elsewhere"
    root.mkdir()
    (root / "secrets").mkdir()
    elsewhere.symlink_to(root / "secrets")
    problem = served_store_problem({"sign-outs file": elsewhere / "u.sign-outs.json"}, root)
    assert problem is not None and "sign-outs file" in problem
    assert served_store_problem({"users file": tmp_path / "u.json"}, root) is None


def test_orderlens_serve_refuses_to_start_with_the_users_file_in_its_folder(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.server_starts import refused_start

    users = tmp_path / "root" / "orderlens_users.json"  # start_server runs in home/root
    users.parent.mkdir()
    UserStore(users).add("ali", Role.ANALYST)
    monkeypatch.setenv("ORDERLENS_USERS_FILE", str(users))
    log = refused_start("serve", ["--db", str(demo_db)], tmp_path)
    assert f"OrderLens will not start: the users file {users} is inside" in log
    assert "ORDERLENS_USERS_FILE" in log
