"""Start ``orderlens serve`` / ``orderlens lab`` as a child process and wait until it answers.

Why in the package: the browser test, the serve-command test and the load benchmark all need a
real server on 127.0.0.1 with its own token and its own Jupyter directories (so nothing leaks in
from the user's setup); one implementation keeps the three alike.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

#: How long :func:`start_server` waits for a server to answer. Why this long: a start is a
#: Python process importing Jupyter and OrderLens, then the catalog; on an idle machine it
#: takes ~5 s, but with the test suite on two cores beside other work it took over 60 s (an
#: empty log at 60 s at load 29, session 28) and the start-up tests then failed on their own
#: timeouts of 60-90 s, not on the server. A server that refuses to start exits at once, so
#: only a slow machine ever waits this long; one value for every caller (session 29).
START_TIMEOUT_S = 240.0


class ServerStartError(RuntimeError):
    """The server exited or did not answer in time; the message ends with its log.

    ``exit_code``: the server's exit status when it exited, None when it was still running at
    the deadline (then it was stopped): a test expecting a refusal tells the two apart.
    """

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now.

    >>> 0 < free_port() < 65536
    True
    """
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class RunningServer:
    """A started server: its process, URL, token and log file."""

    proc: subprocess.Popen
    base: str
    port: int
    token: str
    log: Path

    def stop(self) -> None:
        """Terminate the server (kill it if it does not stop within 20 s)."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status == 200
    except (OSError, urllib.error.HTTPError):
        return False


def start_server(
    command: str,
    args: Sequence[str],
    home: Path,
    *,
    ready_path: str = "/orderlens/api/history",
    timeout_s: float = START_TIMEOUT_S,
    env: Mapping[str, str] | None = None,
) -> RunningServer:
    """Run ``orderlens COMMAND --no-browser --allow-root --port P ARGS`` from ``home``/root.

    Why a folder of its own to start in: ``serve`` shares the folder it starts in
    (``root_dir``) with the analyst role, and the Jupyter folders under ``home`` hold the users
    file, which the server refuses to share (:mod:`lab.server.store_place`).

    ``env`` replaces variables of the server's environment last (a test that puts Jupyter's
    runtime folder elsewhere sets ``JUPYTER_RUNTIME_DIR`` here: the one set below wins over the
    caller's own environment).

    Returns once ``GET ready_path`` answers 200 with the token; raises
    :class:`ServerStartError` (with the end of the server's log) when it exits or times out.
    """
    port, token = free_port(), secrets.token_hex(16)
    child_env = {
        **os.environ,
        "JUPYTER_TOKEN": token,
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        **(env or {}),
    }
    log_path = home / f"{command}.log"
    root = home / "root"
    root.mkdir(exist_ok=True)
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "lab.cli", command, "--no-browser", "--allow-root",
             "--port", str(port), *args],
            env=child_env, stdout=log, stderr=subprocess.STDOUT, cwd=str(root),
        )  # fmt: skip
    server = RunningServer(proc, f"http://127.0.0.1:{port}", port, token, log_path)
    deadline = time.monotonic() + timeout_s
    while not _answers(f"{server.base}{ready_path}?token={token}"):
        exit_code = proc.poll()
        if exit_code is not None or time.monotonic() > deadline:
            server.stop()
            why = (
                f"exited with status {exit_code}"
                if exit_code is not None
                else f"did not answer within {timeout_s:g} s"
            )
            raise ServerStartError(
                f"orderlens {command} did not start ({why}):\n{log_path.read_text()[-3000:]}",
                exit_code,
            )
        time.sleep(0.3)
    return server
