"""The model a server answers with while its files are being edited: the last valid one.

Why: the server reloads an edited model on the next question (``nl2sql.ask.get_model``). Until
session 16 an edit that made the model invalid (a typo in a metric, a half-saved file) made
every question on the server a 503 until someone fixed it: one analyst's edit stopped everyone.
Now the server keeps answering with the last model that loaded, and says what is wrong, where
and what to do: ``GET /orderlens/api/model`` (the Ask page shows it as a banner) and a
``model_status`` beside every answer while it lasts. A model that never loaded (the server
started on an invalid one) is still a 503 naming the problem: there is nothing to fall back on.

A failed edit is remembered by its files' sizes and modification times, so the broken files
are parsed once per save, not once per question.

The reviewed synonyms overlay (``<model>/.orderlens/synonyms.yml``) counts as part of the model
(session 20): it is read when the catalog is built, after this fallback, so an overlay that did
not parse made every question a 422 while the model's status said ``ok``. A new model is now
taken only when its overlay reads too; the last valid model keeps its catalog meanwhile.
"""

from __future__ import annotations

import logging
import re
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lab.server.redact import redact_paths
from nl2sql.vocabulary.overlay import (
    OVERLAY_PATH,
    OverlayError,
    default_overlay_path,
    read_overlay,
    remember_overlay,
)
from semantic_layer.errors import SemanticLayerError

log = logging.getLogger("orderlens.server")

#: ``<file>:<line>:`` at the start of a model load error's problem lines.
_WHERE = re.compile(r"(?P<file>[^\s:'\"`]+\.(?:ya?ml|sql|json)):(?P<line>\d+)")
#: At most this much of a load error is reported (a model with 10,000 problems).
MAX_ERROR_CHARS = 2000
WHAT_TO_DO = (
    "fix the file and save it: the next question loads it again (`orderlens validate "
    "<model folder>` lists every problem); until then answers come from the last valid model"
)
WHAT_TO_DO_ZH = "修正该文件并保存，下一个问题会重新加载；在此之前，回答使用最后一个有效的模型"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def where_of(message: str, folder: str | None) -> tuple[str, int | None]:
    """The first file (relative to the model folder) and line a load error names.

    >>> where_of("invalid:\\n  - /m/sales.yml:118: semantic model `orders`: ...", "/m")
    ('sales.yml', 118)
    >>> where_of("no file named", None)
    ('', None)
    """
    found = _WHERE.search(message)
    if found is None:
        return "", None
    return _relative(found["file"], folder), int(found["line"])


def _check_overlay(folder: str, model: Any) -> None:
    """Read the synonyms overlay beside the model in ``folder``, if any (raises
    :class:`OverlayError` naming the file when it cannot be used); remembered for ``model``, so
    a new warehouse version's catalog of it still reads it after the file breaks."""
    from nl2sql.startup_cache import key_of

    path = default_overlay_path(folder)
    if path is not None and path.is_file():
        remember_overlay(path, key_of(model), read_overlay(path))


def _relative(path: str, folder: str | None) -> str:
    if folder:
        try:
            return str(Path(path).resolve().relative_to(Path(folder).resolve()))
        except ValueError:
            pass
    return Path(path).name


class ModelKeeper:
    """The model to answer with: the loaded one, or the last valid one while an edit is not."""

    def __init__(self, folder: str | None) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._good: Any = None
        self._good_at = ""
        self._failed_stamp: str | None = None
        self._failure: SemanticLayerError | OverlayError | None = None
        self._failed_at = ""

    def current(self) -> Any:
        """The model to answer with now (raises the load error when none ever loaded)."""
        from nl2sql.ask import get_model, model_stamp  # the process's one model cache

        if self.folder is None:
            return get_model(None)
        stamp = None
        with self._lock:
            failing, good, failure = self._failure is not None, self._good, self._failure
        if failing:  # the files that failed are still there: no second parse
            stamp = model_stamp(self.folder)
            if stamp == self._failed_stamp and failure is not None:
                if good is None:
                    raise failure
                return good
        try:
            model = get_model(self.folder)
            if model is not good:  # new files: the overlay is read once per version too
                _check_overlay(self.folder, model)
        except (SemanticLayerError, OverlayError) as exc:
            stamp = model_stamp(self.folder) if stamp is None else stamp
            with self._lock:
                self._failed_stamp, self._failure = stamp, exc
                self._failed_at = self._failed_at if failing else _now()
                good = self._good
            if good is None:
                raise
            if not failing:
                log.error("OrderLens: the model edit is invalid; answering with the last valid "
                          "model: %s", exc)  # fmt: skip
            return good
        with self._lock:
            if model is not self._good:
                self._good, self._good_at = model, _now()
            self._failure, self._failed_stamp, self._failed_at = None, None, ""
        return model

    @property
    def failing(self) -> bool:
        """Whether the model's files failed to load at the last look."""
        return self._failure is not None

    def status(self) -> dict[str, Any]:
        """``{"ok": true, ...}``, or what is wrong with the files, where, since when, what is
        served meanwhile and what to do."""
        with self._lock:
            failure, good_at, failed_at = self._failure, self._good_at, self._failed_at
        folder = Path(self.folder).name if self.folder else "built-in"
        if failure is None:
            return {"ok": True, "model": folder, "loaded_at": good_at or None}
        message = str(failure)
        if self.folder:  # the folder's own path says nothing the file names do not
            message = message.replace(str(Path(self.folder).resolve()) + "/", "").replace(
                str(self.folder).rstrip("/") + "/", ""
            )
        file, line = where_of(str(failure), self.folder)
        if isinstance(failure, OverlayError) and not file:
            file = "/".join(OVERLAY_PATH)
        return {
            "ok": False,
            "model": folder,
            "error": redact_paths(message[:MAX_ERROR_CHARS], self.folder),
            "file": file,
            "line": line,
            "since": failed_at,
            "serving": f"the last valid model, loaded at {good_at}" if good_at else None,
            "what_to_do": WHAT_TO_DO,
            "what_to_do_zh": WHAT_TO_DO_ZH,
        }
