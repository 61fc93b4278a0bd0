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
from collections.abc import Iterable
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
    reader refuses what is not a regular file); a symlinked folder is not entered.
    """
    wanted = frozenset(suffixes)
    most = most_entries() if limit is None else limit
    found: list[Path] = []
    visited = 0
    stack = [base]
    while stack:
        folder = stack.pop()
        try:
            entries = os.scandir(folder)
        except OSError:  # removed meanwhile, or not readable: nothing of the model is there
            continue
        with entries:
            for entry in entries:
                visited += 1
                if visited > most:
                    raise _too_many(base, most)
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                except OSError:
                    continue
                if is_dir:
                    if not skipped_dir(entry.name):
                        stack.append(Path(entry.path))
                elif os.path.splitext(entry.name)[1] in wanted:
                    found.append(Path(entry.path))
    return sorted(found)


def _too_many(base: Path, most: int) -> ModelLoadError:
    return ModelLoadError(
        f"{base}: the model folder holds more than {most:,} files and folders (outside hidden "
        "folders, target/, logs/, dbt_packages/ and node_modules/), and it is walked for the "
        "model's files and checked for edits before every question; point at the folder of the "
        f"semantic model, or raise {FILES_ENV} (each model file allowed lets the walk visit "
        f"{ENTRIES_PER_FILE} entries)"
    )
