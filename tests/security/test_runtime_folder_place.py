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


def test_orderlens_serve_refuses_a_runtime_folder_inside_root_dir_live(
    demo_db: Path, tmp_path: Path
) -> None:
    """The real server, with ``JUPYTER_RUNTIME_DIR`` (what Jupyter reads for its runtime
    folder) inside the folder it serves. Session 27 tried ``--ServerApp.runtime_dir`` on the
    command line and the folder did not move (not confirmed live); this is the variable.
    Start-up only: the server exits before it listens (no per-test server kept). Failed on
    ``07ac8e52`` (before session 27's check): the server started and wrote its token to
    ``<root>/rt/jpserver-<pid>.json``."""
    from tests.server_starts import refused_start

    runtime = tmp_path / "root" / "rt"  # start_server serves home/root
    log = refused_start(
        "serve",
        ["--db", str(demo_db), "--OrderLensApp.chart_svg=False"],
        tmp_path,
        env={"JUPYTER_RUNTIME_DIR": str(runtime)},
    )
    assert f"the Jupyter runtime folder {runtime} is inside the folder Jupyter serves" in log
    assert "JUPYTER_RUNTIME_DIR (or --ServerApp.runtime_dir)" in log
    assert not list(runtime.glob("jpserver-*.json"))  # the token was never written there
