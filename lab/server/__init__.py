"""The OrderLens Jupyter server extension (Ask page + ``/orderlens/api/...``).

Enabled by ``etc/jupyter/jupyter_server_config.d/orderlens.json`` (``{"lab": true}``, since
jupyter_server resolves an ExtensionApp to its top-level package) or explicitly with
``--ServerApp.jpserver_extensions='{"lab.server": true}'``; both names expose the same point.
"""

from __future__ import annotations

from typing import Any


def _jupyter_server_extension_points() -> list[dict[str, Any]]:
    """Tell jupyter_server where the extension app lives."""
    # jupyter_server loads only when a server starts, not with `import lab.server`
    from lab.server.app import OrderLensApp

    return [{"module": "lab.server.app", "app": OrderLensApp}]
