"""The server refuses to start when Jupyter's runtime folder lies where it serves files.

Session 27: Jupyter writes ``jpserver-<pid>.json`` (the server's URL *and token*) into its
runtime folder. An operator who set ``JUPYTER_RUNTIME_DIR`` (or ``--ServerApp.runtime_dir``)
inside ``--ServerApp.root_dir`` served that file to the analyst role through
``/api/contents``: the server token, and its role, for anyone who reads it. Checked at start
like the users file (:mod:`lab.server.store_place`).
"""

from __future__ import annotations

from pathlib import Path

from lab.server.store_place import RUNTIME_FOLDER, served_store_problem


def test_a_runtime_folder_inside_the_served_folder_is_named_with_what_to_do(
    tmp_path: Path,
) -> None:
    runtime = tmp_path / "runtime"
    problem = served_store_problem({RUNTIME_FOLDER: runtime}, tmp_path)
    assert problem is not None
    assert f"the Jupyter runtime folder {runtime} is inside the folder Jupyter serves" in problem
    assert "the server's own token, in jpserver-*.json" in problem
    assert "JUPYTER_RUNTIME_DIR (or --ServerApp.runtime_dir)" in problem
    assert "ORDERLENS_USERS_FILE" not in problem  # the fix for this store, not the users file's
    assert served_store_problem({RUNTIME_FOLDER: tmp_path}, tmp_path) is not None  # the root
    assert served_store_problem({RUNTIME_FOLDER: tmp_path / ".rt"}, tmp_path) is None  # hidden
    assert served_store_problem({RUNTIME_FOLDER: tmp_path}, tmp_path / "root") is None
