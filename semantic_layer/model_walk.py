"""The files below a model folder that belong to the model: one walk, bounded by what it visits.

Why one walk: the loader skipped dbt's build folders and hidden folders for YAML but read every
``.sql`` below a plain folder as a view, while the per-question edit check
(``nl2sql.model_stamp``) and the content key (``nl2sql.startup_cache``) walked everything below
the folder with ``Path.rglob`` and bounded only the model-like files they kept. A model folder
that also holds a ``node_modules/`` of 200,000 files (or a ``.venv``, dbt's ``logs/``) was
walked in full before every question: 2.5-3.7 s per answer on the session-22 server, where a
cached answer takes 0.01 s, and nothing stopped a larger one. Now the three walk the same
folders, never enter a hidden folder, dbt's build folders or a symlinked folder, list
directories with ``os.scandir`` (about 20 times cheaper than ``rglob``'s path objects), and
stop with a :class:`ModelLoadError` past ``ENTRIES_PER_FILE`` entries per model file allowed.

>>> sorted(SKIP_DIRS)
['dbt_modules', 'dbt_packages', 'logs', 'node_modules', 'target']
>>> skipped_dir(".venv"), skipped_dir("target"), skipped_dir("marts")
(True, True, False)
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from semantic_layer.errors import ModelLoadError
from semantic_layer.model_size import FILES_ENV, model_limits

#: folders a model never lives in: dbt's compiled output, packages and logs, JavaScript packages
SKIP_DIRS = frozenset({"target", "dbt_packages", "dbt_modules", "logs", "node_modules"})

#: directory entries (files and folders) one walk may visit, per model file the loader may read
ENTRIES_PER_FILE = 20


def skipped_dir(name: str) -> bool:
    """Whether a folder of this name is never walked (hidden, or one of :data:`SKIP_DIRS`)."""
    return name.startswith(".") or name in SKIP_DIRS


def most_entries() -> int:
    """How many directory entries one walk visits before it gives up (100,000 by default)."""
    return ENTRIES_PER_FILE * model_limits().files


def model_files(base: Path, suffixes: Iterable[str], *, limit: int | None = None) -> list[Path]:
    """Files below ``base`` whose suffix is one of ``suffixes``, sorted; folders as above.

    ``limit``: entries visited before the walk stops with a :class:`ModelLoadError` naming
    the folder and what to do (default :func:`most_entries`). A symlinked file is listed (the
    reader refuses what is not a regular file); a symlinked folder is not entered. A folder's
    listing is reused while the folder is unchanged (:func:`_listing`).
    """
    wanted = frozenset(suffixes)
    most = most_entries() if limit is None else limit
    found: list[Path] = []
    visited = 0
    stack = [base]
    while stack:
        folder = stack.pop()
        listing = _listing(folder, most - visited)
        if listing is None:  # removed meanwhile, or not readable: nothing of the model is there
            continue
        visited += listing.count
        if visited > most:
            raise _too_many(base, most)
        stack.extend(folder / name for name in listing.folders)
        for suffix in wanted & listing.files.keys():
            found.extend(folder / name for name in listing.files[suffix])
    return sorted(found)


@dataclass(frozen=True)
class _Listing:
    """One folder's entries as the walk needs them: folders to enter, files by suffix."""

    count: int
    folders: tuple[str, ...]
    files: dict[str, tuple[str, ...]]


#: Listings of unchanged folders, by path: (device, inode, mtime, ctime in ns) -> listing.
_LISTINGS: dict[str, tuple[tuple[int, int, int, int], _Listing]] = {}
_LISTINGS_LOCK = threading.Lock()
#: Folders whose listing is kept at most (past it the kept ones are dropped and listed again)
MAX_LISTINGS = 20_000
#: A folder changed this recently is listed again on every walk: a file added within the
#: file system's timestamp tick of the listing may leave the folder's times as they were
#: (git's "racily clean" rule), so a listing is reused only once both times are this old.
SETTLED_NS = 2_000_000_000


def _listing(folder: Path, room: int) -> _Listing | None:
    """``folder``'s entries, from the last walk when the folder is unchanged since.

    Why (session 24, session 23's open item): the edit check walks the model folder before
    every question, and a folder of 10,000 other files cost 45-60 ms of ``model_stamp`` per
    cached answer (50,000: 244-286 ms), listing every entry again. A folder's mtime changes
    whenever an entry is added, removed or renamed in it, and its ctime too (which no one can
    set back, as ``touch -d`` or ``tar`` set an mtime), so its listing is kept under (device,
    inode, mtime, ctime) and reused; each folder is still ``stat``ed on every walk, files' own
    edits are seen by their stamps (size, mtime), and a folder changed in the last
    :data:`SETTLED_NS` is listed afresh. ``room``: entries the walk may still visit (a folder
    listed past it is not kept: the walk stops there anyway).
    """
    try:
        st = os.stat(folder)
        key = (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)
    except OSError:
        return None
    with _LISTINGS_LOCK:
        kept = _LISTINGS.get(str(folder))
    if kept is not None and kept[0] == key:
        return kept[1]
    count, folders = 0, []
    files: dict[str, list[str]] = {}
    try:
        entries = os.scandir(folder)
    except OSError:
        return None
    with entries:
        for entry in entries:
            count += 1
            if count > room:
                return _Listing(count, (), {})
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                if not skipped_dir(entry.name):
                    folders.append(entry.name)
            else:
                files.setdefault(os.path.splitext(entry.name)[1], []).append(entry.name)
    listing = _Listing(count, tuple(folders), {k: tuple(v) for k, v in files.items()})
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > SETTLED_NS:
        with _LISTINGS_LOCK:
            if len(_LISTINGS) >= MAX_LISTINGS:
                _LISTINGS.clear()
            _LISTINGS[str(folder)] = (key, listing)
    return listing


def _too_many(base: Path, most: int) -> ModelLoadError:
    return ModelLoadError(
        f"{base}: the model folder holds more than {most:,} files and folders (outside hidden "
        "folders, target/, logs/, dbt_packages/ and node_modules/), and it is walked for the "
        "model's files and checked for edits before every question; point at the folder of the "
        f"semantic model, or raise {FILES_ENV} (each model file allowed lets the walk visit "
        f"{ENTRIES_PER_FILE} entries)"
    )
