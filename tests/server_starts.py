"""Every test that starts a real ``orderlens serve`` / ``orderlens lab`` starts it here.

Why one place (session 29): each start-up test called :func:`lab.server.launch.start_server`
with its own timeout (60, 90, 120 or 240 s) and its own try/except, and the short ones failed
on a loaded machine (a start took over 60 s at load 29) while the server was fine. Now there
is one timeout, :data:`lab.server.launch.START_TIMEOUT_S`, and two shapes:
:func:`started` / :func:`running_server` for a server a test talks to, :func:`refused_start`
for one that must exit before listening. Neither costs more than the start itself: a refusing server is seen
exiting at the next 0.3 s poll.

Starting a server is slow (seconds, a minute under load): a test that only talks to a server
uses a shared one (``ask_server`` in ``tests/conftest.py``, or pytest-jupyter's in-process
``jp_fetch``) unless start-up itself is what it tests.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from lab.server.launch import RunningServer, ServerStartError, start_server


def started(
    command: str,
    args: Sequence[str],
    home: Path,
    *,
    ready_path: str = "/orderlens/api/history",
    env: Mapping[str, str] | None = None,
) -> RunningServer:
    """A started server (the test fails with its log if it does not start); the caller
    stops it (``server.stop()`` in a ``finally``), or uses :func:`running_server`."""
    try:
        return start_server(command, args, home, ready_path=ready_path, env=env)
    except ServerStartError as exc:
        pytest.fail(str(exc))


@contextmanager
def running_server(
    command: str,
    args: Sequence[str],
    home: Path,
    *,
    ready_path: str = "/orderlens/api/history",
    env: Mapping[str, str] | None = None,
) -> Iterator[RunningServer]:
    """:func:`started`, stopped when the block ends."""
    server = started(command, args, home, ready_path=ready_path, env=env)
    try:
        yield server
    finally:
        server.stop()


def refused_start(
    command: str, args: Sequence[str], home: Path, *, env: Mapping[str, str] | None = None
) -> str:
    """The log of a server that must refuse to start: it exited (a server still starting at
    the deadline is a failure of its own, not a refusal; one that answered is stopped)."""
    with pytest.raises(ServerStartError) as raised:
        start_server(command, args, home, env=env).stop()
    assert raised.value.exit_code is not None, f"timed out, not refused:\n{raised.value}"
    return str(raised.value)
