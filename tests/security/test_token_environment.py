"""Red team, session 20: the server token is not handed to the processes the server starts.

Before: ``orderlens serve`` and ``orderlens lab`` put the server token in ``JUPYTER_TOKEN`` of
their own environment (Jupyter reads it there), and every process the server started inherited
it: the chart renderer, and under ``orderlens lab`` every kernel. A named analyst (``ali``) could
read the server token, which has the analyst role under ``lab``, from ``os.environ`` in any
notebook and keep using it after ``orderlens users remove ali`` (session 18 closed the same leak
through JupyterLab's page config). Now the identity provider reads the token once and takes it
out of the environment before any kernel or renderer starts.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from lab.server.app import keep_token_from_children


class _Provider:
    """The part of Jupyter's identity provider the scrub uses: reading ``token``."""

    def __init__(self) -> None:
        self.reads = 0

    @property
    def token(self) -> str:
        self.reads += 1
        return os.environ.get("JUPYTER_TOKEN", "")


def test_the_token_is_read_then_taken_out_of_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JUPYTER_TOKEN", "s3cret-token")
    provider = _Provider()
    keep_token_from_children(provider)
    assert provider.reads == 1  # the provider has its token before the variable goes
    assert "JUPYTER_TOKEN" not in os.environ


def _children(pid: int) -> list[int]:
    """Child processes of ``pid``, started by any of its threads (``/proc`` lists them per
    thread)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_chart_renderer_of_a_real_server_has_no_token(demo_db: Path, tmp_path: Path) -> None:
    from tests.server_starts import started

    server = started(
        "serve", ["--ip", "127.0.0.1", "--db", str(demo_db), "--today", "2026-11-20"], tmp_path
    )
    try:
        deadline = time.monotonic() + 120
        children = _children(server.proc.pid)
        while not children and time.monotonic() < deadline:  # the renderer starts at warm-up
            time.sleep(0.5)
            children = _children(server.proc.pid)
        assert children, "the server started no chart renderer"
        for child in children:
            environ = Path(f"/proc/{child}/environ").read_bytes()
            assert server.token.encode() not in environ
            assert b"JUPYTER_TOKEN=" not in environ
        # the token still signs in: the provider read it before it left the environment
        import urllib.request

        with urllib.request.urlopen(
            f"{server.base}/orderlens/api/me?token={server.token}", timeout=60
        ) as r:
            assert r.status == 200
    finally:
        server.stop()
