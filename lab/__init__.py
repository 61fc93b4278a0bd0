"""OrderLens ``lab``: the CLI, the ``%ask`` magics, the Jupyter server extension, the runner.

This module stays import-light (everything imports ``lab``): the IPython and Jupyter server
hooks below import their machinery only when Jupyter calls them.

- ``%load_ext lab`` calls :func:`load_ipython_extension` (``%ask``, ``%%ask``,
  ``%orderlens_config``).
- jupyter_server resolves the enabled extension ``lab`` through
  :func:`_jupyter_server_extension_points` (the Ask page and ``/orderlens/api/...``).
"""

from __future__ import annotations

from typing import Any


def load_ipython_extension(ipython: Any) -> None:
    """Register the OrderLens magics in an IPython shell (``%load_ext lab``)."""
    # IPython loads only in a notebook or shell: `import lab` (every CLI run) stays light
    from lab.magics import load_ipython_extension as _load

    _load(ipython)


def unload_ipython_extension(ipython: Any) -> None:
    """Remove the OrderLens magics (``%unload_ext lab``)."""
    # IPython loads only in a notebook or shell, as in load_ipython_extension
    from lab.magics import unload_ipython_extension as _unload

    _unload(ipython)


def _jupyter_server_extension_points() -> list[dict[str, Any]]:
    """Where jupyter_server finds the OrderLens extension app."""
    # jupyter_server loads only when a server starts: `import lab` stays light
    from lab.server import _jupyter_server_extension_points as points

    return points()
