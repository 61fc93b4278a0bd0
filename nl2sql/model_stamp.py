"""What ``nl2sql.ask.get_model`` reloads an edited model by: its files' sizes and mtimes.

Why apart from :mod:`nl2sql.ask`: the per-question edit check is file-system I/O with a bound of
its own; the server (``lab.server.model_state``) compares the same stamp to keep the last valid
model while an edit is invalid.
"""

from __future__ import annotations

from pathlib import Path

from nl2sql.vocabulary.overlay import default_overlay_path
from semantic_layer.errors import ModelLoadError
from semantic_layer.model_size import FILES_ENV, model_limits
from semantic_layer.model_walk import model_files

#: how many model-like files the per-question edit check walks, per file the loader may read (a
#: dbt project's folder also holds compiled SQL and package copies the loader never reads)
STAMP_FILES_PER_LIMIT = 4
_SUFFIXES = (".yml", ".yaml", ".json", ".sql")


def model_stamp(model: str | Path) -> str:
    """Sizes and mtimes of a model's YAML/JSON/SQL files (a file, a folder or a dbt project).

    Walked on every question, so bounded twice: the walk visits only the folders the loader
    reads (``semantic_layer.model_walk``: no hidden folder, ``target/``, ``logs/``,
    ``node_modules/``...; session 22: a ``node_modules/`` of 200,000 files in the model
    folder cost 2.5-3.7 s per answer) and stops past its entry limit, and past
    ``STAMP_FILES_PER_LIMIT`` times the model's file limit (``semantic_layer.model_size``) the
    check stops with a :class:`ModelLoadError` instead of statting them all per question
    (session 21). The synonyms overlay (``.orderlens/synonyms.yml``) is stamped by name.
    """
    path = Path(model)
    if path.is_file():
        files = [path]
    else:
        files = model_files(path, _SUFFIXES)
        most = STAMP_FILES_PER_LIMIT * model_limits().files
        if len(files) > most:
            raise ModelLoadError(
                f"{path}: the model folder holds more than {most:,} .yml/.yaml/.json/"
                ".sql files, and it is checked for edits before every question; point "
                "at the folder of the semantic model (or the dbt project without its "
                f"target/ and dbt_packages/ copies), or raise {FILES_ENV}"
            )
    overlay = default_overlay_path(path)
    if overlay is not None and overlay not in files:
        files = [*files, overlay]
    parts = []
    for p in files:
        try:
            st = p.stat()
        except OSError:
            continue
        parts.append(f"{p}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)
