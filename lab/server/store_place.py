"""Refuse to start a server whose token stores lie where Jupyter serves files.

Why: the users file (salted token hashes and everyone's role) and its sign-outs file are read
on every request. Under the folder Jupyter serves (``--ServerApp.root_dir``; ``orderlens
serve`` uses the folder it is started from), anyone with the analyst role reads and *rewrites*
them through ``/api/contents`` and ``/files/``: a PUT of the users file gives any token any
role, and a changed sign-outs file brings signed-out cookies back. Refusing to start (with
what, why and what to do) was chosen over serving the files hidden: hiding means guarding
every contents, files, checkpoint and rename route of Jupyter, and an operator who moves the
file once is done. A path below a hidden folder (a name starting with ``.``, e.g.
``~/.jupyter`` when the server starts in the home folder) is not served by Jupyter unless
``ContentsManager.allow_hidden`` is set, so it is allowed then. Jupyter's runtime folder
(its ``jpserver-*.json`` holds the server's token) is checked the same way (session 27).
"""

from __future__ import annotations

import os
from pathlib import Path


def _inside(path: Path, root: str | Path) -> Path | None:
    """``path`` relative to ``root`` when it is inside it (links resolved), else None.

    >>> str(_inside(Path("/srv/a/b.json"), Path("/srv")))
    'a/b.json'
    >>> _inside(Path("/etc/b.json"), Path("/srv")) is None
    True
    """
    try:
        return Path(os.path.realpath(path)).relative_to(os.path.realpath(root))
    except ValueError:
        return None


#: What the server's own stores hold, and how to move each (the refusal names both).
RUNTIME_FOLDER = "Jupyter runtime folder"
_HOLDS = {RUNTIME_FOLDER: "the server's own token, in jpserver-*.json"}
_FIXES = {
    RUNTIME_FOLDER: "Point JUPYTER_RUNTIME_DIR (or --ServerApp.runtime_dir) at a folder outside it"
}
_USERS_HOLD = "token hashes and roles"
_USERS_FIX = (
    "Move the users file out of that folder and point ORDERLENS_USERS_FILE (or "
    "--OrderLensIdentityProvider.users_file) at it"
)


def served_store_problem(
    stores: dict[str, Path], root_dir: str | Path, *, allow_hidden: bool = False
) -> str | None:
    """Why the server must not start, or None: the first of ``stores`` (what it is -> path)
    that Jupyter's contents API would serve from ``root_dir`` (a folder equal to it counts).

    Why the runtime folder too (session 27): Jupyter writes ``jpserver-<pid>.json``, holding
    the server's token, there; an operator who puts it inside ``root_dir`` served that token
    to the analyst role, who then signs in with the server token's role.

    >>> served_store_problem({"users file": Path("/srv/u.json")}, "/srv")[:47]
    'OrderLens will not start: the users file /srv/u'
    >>> served_store_problem({"users file": Path("/srv/.cfg/u.json")}, "/srv") is None
    True
    >>> served_store_problem({"users file": Path("/home/u.json")}, "/srv") is None
    True
    >>> "JUPYTER_RUNTIME_DIR" in served_store_problem({RUNTIME_FOLDER: Path("/srv")}, "/srv")
    True
    """
    for what, path in stores.items():
        relative = _inside(path, root_dir)
        if relative is None:
            continue
        if not allow_hidden and any(part.startswith(".") for part in relative.parts):
            continue
        return (
            f"OrderLens will not start: the {what} {path} is inside the folder Jupyter serves "
            f"({root_dir}, --ServerApp.root_dir), so anyone with the analyst role could read "
            f"and rewrite it through /api/contents and /files/ ({_HOLDS.get(what, _USERS_HOLD)})"
            f". {_FIXES.get(what, _USERS_FIX)}, or start the server with another "
            "--ServerApp.root_dir."
        )
    return None
