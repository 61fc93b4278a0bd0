"""Server file paths out of the error messages business users see.

Why: a missing warehouse or an invalid model is reported with the operator's paths ("warehouse
/srv/orderlens/prod.duckdb does not exist", "- /srv/models/orders.yml:12: ..."). An analyst
reaches those files anyway (JupyterLab); an ask or planner user only learns the server's
layout from them. Their copy of the message names ``<server path>`` instead, and the server
log keeps the full one. Only text that is a path on this machine (the path or a parent of it
exists) is replaced, so API routes (``/orderlens/api/histroy``) and dates stay as written.

>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> redact_paths(f"warehouse {d}/prod.duckdb does not exist: point --db at it")
'warehouse <server path> does not exist: point --db at it'
>>> redact_paths("no OrderLens API route GET /orderlens/api/histroy")
'no OrderLens API route GET /orderlens/api/histroy'
"""

from __future__ import annotations

import re
from pathlib import Path

#: an absolute POSIX path (two components at least), ending before quotes, spaces, ``:line``
_PATH = re.compile(r"(?<![\w.~/-])/[\w.@+~-]+(?:/[\w.@+~-]+)+")
REDACTED = "<server path>"


def _on_this_machine(text: str) -> bool:
    """Whether ``text`` or one of its parents (below ``/``) exists here."""
    path = Path(text)
    for candidate in (path, *path.parents):
        if str(candidate) == "/":
            return False
        try:
            if candidate.exists():
                return True
        except OSError:
            return False
    return False


def redact_paths(message: str) -> str:
    """``message`` with every path of this machine replaced by :data:`REDACTED`."""
    return _PATH.sub(lambda m: REDACTED if _on_this_machine(m.group(0)) else m.group(0), message)
