"""``orderlens lab`` really starts JupyterLab on notebooks/ with the OrderLens extension."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_orderlens_lab_serves_jupyterlab_the_notebooks_and_the_api(
    demo_db: Path, tmp_path: Path
) -> None:
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_TOKEN": token,
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
    }
    log = (tmp_path / "lab.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "lab.cli", "lab", "--no-browser", "--allow-root", "--port",
         str(port), "--db", str(demo_db), "--notebooks-dir", str(REPO / "notebooks")],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=str(tmp_path),
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if _get(f"{base}/api/status?token={token}")[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"orderlens lab did not start:\n{(tmp_path / 'lab.log').read_text()}")
            time.sleep(0.3)
        status, page = _get(f"{base}/lab?token={token}")
        assert status == 200 and b"JupyterLab" in page
        status, body = _get(f"{base}/api/contents?token={token}")
        names = {item["name"] for item in json.loads(body)["content"]}
        assert "getting_started.ipynb" in names  # rooted at the notebooks folder
        status, body = _get(f"{base}/orderlens/api/history?token={token}")
        assert status == 200 and "history" in json.loads(body)
        assert _get(f"{base}/orderlens/api/history")[0] == 403
        log.flush()
        printed = (tmp_path / "lab.log").read_text()
        assert f"http://127.0.0.1:{port}/lab?token={token}" in printed  # URL with its token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
