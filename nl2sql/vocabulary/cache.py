"""One per-user cache directory for what the question engine derives once and reuses.

Why on disk and per user: a command-line ``orderlens ask`` is a fresh process each time, so
anything built from the model (the vocabulary bridges) or from a package's data (jieba's
dictionary) would otherwise be rebuilt, or left behind in a new temp dir, by every process.
The directory is ``$ORDERLENS_CACHE_DIR`` when set, else the platform's user cache dir
(``~/.cache/orderlens`` on Linux); entries are named by a content hash and written atomically,
so concurrent processes share them safely and a changed model simply gets a new entry.

>>> import os
>>> os.environ["ORDERLENS_CACHE_DIR"] = "/tmp/orderlens-doctest-cache"
>>> str(cache_dir("vocabulary"))
'/tmp/orderlens-doctest-cache/vocabulary'
>>> del os.environ["ORDERLENS_CACHE_DIR"]
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import platformdirs

CACHE_ENV = "ORDERLENS_CACHE_DIR"


def cache_root() -> Path:
    """``$ORDERLENS_CACHE_DIR`` or the user's cache dir for OrderLens (not created here)."""
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path(platformdirs.user_cache_dir("orderlens", appauthor=False))


def cache_dir(*parts: str) -> Path:
    """A sub-directory of the cache, created on first use.

    Falls back to a per-user directory under the system temp dir when the cache dir cannot be
    created (read-only home), so the engine still works, just without sharing across users.
    """
    path = cache_root().joinpath(*parts)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        path = _private_temp_root().joinpath(*parts)
        path.mkdir(parents=True, exist_ok=True)
    return path


def _private_temp_root() -> Path:
    """``<tmp>/orderlens-cache-<uid>``, made private, when this user owns it alone; else a new
    private temp dir.

    Why: the system temp dir is shared; another user who creates that name first (or makes it
    writable) could swap in entries this user then reads back as trusted (vocabulary JSON,
    stores: answers built from planted words).
    """
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    root = Path(tempfile.gettempdir(), f"orderlens-cache-{uid}")
    try:
        root.mkdir(mode=0o700, exist_ok=True)
        if not hasattr(os, "getuid") or (
            root.stat().st_uid == os.getuid() and not root.is_symlink()
        ):
            root.chmod(0o700)
            return root
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="orderlens-cache-"))


def owned_privately(path: Path, *, folder_only: bool = False) -> bool:
    """Whether ``path`` and its directory belong to this user and no one else can write them
    (``folder_only``: the directory ``path`` alone).

    Why: cache entries are read back as trusted (pickles, dictionary stores); one planted or
    edited by another user must be ignored and rebuilt instead. A check by name only: an entry
    read back is checked on its open descriptor too (:func:`read_private`).
    """
    if not hasattr(os, "getuid"):
        return True
    try:
        for p in (path,) if folder_only else (path.parent, path):
            st = p.stat()
            if st.st_uid != os.getuid() or st.st_mode & 0o022:
                return False
    except OSError:
        return False
    return True


def read_private(path: Path) -> bytes | None:
    """The bytes of the regular file at ``path`` when the file actually read is this user's own
    and no one else can write it (nor its folder); None otherwise (missing, foreign, a link, a
    pipe or a device).

    Why on the open descriptor, not by name: :func:`owned_privately` stats the name and the
    file was then opened by name again, so someone able to write a folder above the cache
    entry's (a shared ``ORDERLENS_CACHE_DIR``) could rename their own file into place between
    the two, and a pickle of theirs ran in this process (session 24). The name is opened
    without following a link and without waiting on a pipe; the checks are ``fstat`` of what
    was opened.
    """
    if not owned_privately(path.parent, folder_only=True):
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode) or (
            hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022)
        ):
            return None
        try:
            return fh.read()
        except OSError:
            return None


def trusted_install_file(path: Path) -> bool:
    """Whether ``path`` (a file shipped in or built into the package) and its directory belong
    to this user or root and no one else can write them.

    Why: a store in the package is read without any other check; in a shared environment
    whose package directory others can write (a group-writable venv, a world-writable
    site-packages), a planted one would change every user's answers.
    """
    if not hasattr(os, "getuid"):
        return True
    try:
        for p in (path.parent, path):
            st = p.stat()
            if st.st_uid not in (os.getuid(), 0) or st.st_mode & 0o022:
                return False
    except OSError:
        return False
    return True


def content_hash(payload: Any) -> str:
    """A stable short hash of JSON-able ``payload`` (keys sorted), used to name cache entries.

    >>> content_hash({"b": 1, "a": [1, 2]}) == content_hash({"a": [1, 2], "b": 1})
    True
    """
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def read_json(path: Path) -> Any | None:
    """The JSON document at ``path``, or None when it is missing, unreadable or not this
    user's own (:func:`owned_privately`): it is rebuilt then."""
    data = read_private(path)
    if data is None:
        return None
    try:
        return json.loads(data.decode("utf-8"))
    except ValueError:  # UnicodeDecodeError included
        return None


def write_json(path: Path, doc: Any) -> None:
    """Write ``doc`` atomically (temp file + rename) so a reader never sees half a file.

    A failure to write (full or read-only disk) is not an error: the entry is rebuilt next time.
    """
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
