"""Server file paths out of the error messages business users see.

Why: a missing warehouse or an invalid model is reported with the operator's paths ("warehouse
/srv/orderlens/prod.duckdb does not exist", "- /srv/models/orders.yml:12: ..."). An analyst
reaches those files anyway (JupyterLab); an ask or planner user only learns the server's
layout from them. Their copy of the message names ``<server path>`` instead, and the server
log keeps the full one. Only text that is a path on this machine (the path or a parent of it
exists) is replaced, so API routes (``/orderlens/api/histroy``) and dates stay as written.
Relative paths count when they exist from the server's working directory (session 20: an
overlay that did not parse was reported to every ask user as ``model/.orderlens/synonyms.yml:
…``, the model folder as the operator typed it, ``../../srv/…`` just the same).

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

#: a POSIX path, absolute or relative (two components at least), ending before quotes, spaces,
#: ``:line``
_PATH = re.compile(r"(?<![\w.~/@+-])/?[\w.@+~-]+(?:/[\w.@+~-]+)+")
REDACTED = "<server path>"


def _on_this_machine(text: str) -> bool:
    """Whether ``text`` or one of its parents (below ``/``, or below the working directory for a
    relative path: ``.`` and ``..`` always exist) exists here."""
    path = Path(text)
    for candidate in (path, *path.parents):
        if str(candidate) == "/" or all(part in (".", "..") for part in candidate.parts):
            return False
        try:
            if candidate.exists():
                return True
        except OSError:
            return False
    return False


#: one more space-separated piece of a path (``model/sub``, ``dir/sales.yml``)
_PIECE = re.compile(r" [\w.@+~-]+(?:/[\w.@+~-]+)*")


def _with_spaces(message: str, start: int, end: int) -> int:
    """Where the path found at ``message[start:end]`` really ends when its folders or its file
    name hold spaces (``/home/ana/My Drive/models/x.yml``).

    Why: the path pattern stops at a space, so such a path was redacted up to its first space
    and the rest (``Drive/models/x.yml``) reached the user (session 19). A piece after a space
    belongs to the path only when the longer path exists, or its folder does and that folder
    already takes in the piece, so "``/srv/x.yml was bad``" keeps "was bad".
    """
    best, pos = end, end
    while (piece := _PIECE.match(message, pos)) is not None:
        pos = piece.end()
        candidate = Path(message[start:pos])
        try:
            if candidate.exists() or (
                len(str(candidate.parent)) > best - start and candidate.parent.is_dir()
            ):
                best = pos
        except OSError:
            break
    return best


def _model_file(text: str, model_folder: str | Path | None) -> bool:
    """Whether ``text`` is a relative name of a file of the model (``.orderlens/synonyms.yml``,
    ``sales.yml``): the model status names its files so, relative to the model folder (its
    ``file`` field says the same), and the operator needs them to fix the model. Session 21:
    the status of a broken overlay read ``<server path>: cannot read …`` whenever the server's
    working directory also held a ``.orderlens/`` folder (the demo warehouse's)."""
    if model_folder is None or text.startswith("/") or ".." in Path(text).parts:
        return False
    try:
        return (Path(model_folder) / text).exists()
    except OSError:
        return False


def redact_paths(message: str, model_folder: str | Path | None = None) -> str:
    """``message`` with every path of this machine replaced by :data:`REDACTED`, except the
    model's own files named relative to ``model_folder`` (when given).

    >>> import tempfile, os
    >>> d = os.path.join(tempfile.mkdtemp(), "My Drive")
    >>> os.makedirs(os.path.join(d, "sub dir"))
    >>> redact_paths(f"- {d}/sub dir/sales.yml:12: bad, and {d} was bad")
    '- <server path>:12: bad, and <server path> was bad'
    """
    out: list[str] = []
    pos = 0
    for m in _PATH.finditer(message):
        if m.start() < pos:
            continue
        # a longer path with spaces that exists (``../My Drive/x.yml``) counts even when its
        # first piece alone (``../My``) is no path here
        end = _with_spaces(message, m.start(), m.end())
        if end == m.end() and not _on_this_machine(m.group(0)):
            continue
        if _model_file(message[m.start() : end], model_folder):
            continue
        out += [message[pos : m.start()], REDACTED]
        pos = end
    return "".join(out) + message[pos:]
