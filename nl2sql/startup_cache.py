"""On-disk cache of what a cold question needs: the loaded model, its catalog, its lexicon.

Why: ``orderlens ask`` is a fresh process per question. Without this cache every run loads and
validates the model YAML, reads the sample values of every categorical dimension from the
warehouse and builds the lexicon (thousands of terms, each normalized) — about 1.5 s of work
whose inputs rarely change. With it, a cold run unpickles two small files (tens of ms).

Keys (a wrong answer from a stale entry is worse than a slow one, so every input is in them):

* the **model content key** — SHA-256 of every file the loader may read (``.yml``, ``.yaml``,
  ``.json``, ``.sql`` under the model directory, ``.git`` excluded) and of the reviewed-synonyms
  overlay; the server's answer cache uses the same key (an edited model never serves old
  answers);
* the **warehouse identity** — ``connectors.warehouse.warehouse_version`` (path, device,
  inode, size and mtime of the file and its WAL): a rebuilt or ingested warehouse is a new key;
* the **engine key** — a hash of this engine's own source files (``connectors``,
  ``semantic_layer``, ``nl2sql``: the pickled classes and the code that builds them) and of the
  installed distributions' names and versions (jieba, cn2an, DuckDB, sqlglot...), plus
  :data:`FORMAT_VERSION`.

Entries live in ``<cache dir>/startup/`` (``$ORDERLENS_CACHE_DIR`` or ``~/.cache/orderlens``;
``orderlens cache clear`` or deleting the directory clears them). Why pickle: measured on the
demo model, the model + catalog + lexicon (7,000 terms) load in ~60 ms from pickle; rebuilding
the same objects from JSON would need the constructors' work we are avoiding. Pickle executes
what it reads, so an entry is read only from a directory and file owned by this user and not
writable by others; anything unreadable, truncated, of the wrong shape or keyed differently is
ignored and rebuilt (never a wrong answer, never a crash). ``ORDERLENS_STARTUP_CACHE=0`` turns
the cache off.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import pickle
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

import semantic_layer
from nl2sql.identity_cache import IdentityCache
from nl2sql.lexicon import Lexicon, adopt_lexicon, build_lexicon
from nl2sql.rules.axes import AxisIndex, adopt_axis_index, axis_index
from nl2sql.vocabulary.cache import cache_dir, read_private
from nl2sql.vocabulary.overlay import default_overlay_path
from semantic_layer import frozen, model_walk
from semantic_layer.catalog import Catalog

#: bump when what an entry holds changes shape (3: dbt objects stored as semantic_layer.frozen)
FORMAT_VERSION = 3
#: set to "0" to turn the on-disk cache off (every process builds its own)
DISABLE_ENV = "ORDERLENS_STARTUP_CACHE"
_MODEL_SUFFIXES = frozenset({".yml", ".yaml", ".json", ".sql"})
_ENGINE_PACKAGES = ("connectors", "semantic_layer", "nl2sql")
_ENGINE_SUFFIXES = frozenset({".py", ".yml", ".yaml", ".json", ".txt", ".sql"})

_lock = threading.Lock()
# model -> content key; identity-checked, so an id is never reused (nl2sql.identity_cache)
_model_keys: IdentityCache[str] = IdentityCache(maxsize=32)
# stat stamp of a model's files -> content key: a server asking per request re-hashes only
# after a file changed
_content_memo: dict[tuple[Any, ...], str] = {}


def enabled() -> bool:
    """Whether the on-disk cache is used (``ORDERLENS_STARTUP_CACHE=0`` turns it off)."""
    return os.environ.get(DISABLE_ENV, "1").strip().lower() not in ("0", "false", "no", "off")


# ---- keys ---------------------------------------------------------------------------------------
def model_files(path: Path) -> list[Path]:
    """The files the loader may read for the model at ``path``, plus its synonyms overlay."""
    if path.is_file():
        files = [path]
    else:
        # the folders the loader reads (semantic_layer.model_walk): not .git, .venv, target/...
        files = [p for p in model_walk.model_files(path, _MODEL_SUFFIXES) if p.is_file()]
    overlay = default_overlay_path(path)
    if overlay is not None and overlay.is_file() and overlay not in files:
        files.append(overlay)
    return files


def builtin_model_dir() -> Path:
    """``semantic_layer.loader.BUILTIN_MODEL_DIR`` without importing the loader (and with it
    dbt-semantic-interfaces), which a cold question answered from this cache never needs."""
    return Path(semantic_layer.__file__).resolve().parent / "models"


def model_content_key(path: str | Path | None) -> str:
    """SHA-256 (24 hex digits) of the model's files; None means the built-in model.

    Files are re-read only when one's size or mtime changed since the last call in this
    process, so asking for the key per request costs a few ``stat`` calls.
    """
    root = builtin_model_dir() if path is None else Path(path).resolve()
    files = model_files(root)
    stamp: list[Any] = [str(root)]
    for p in files:
        try:
            st = p.stat()
        except OSError:
            continue
        stamp.append((str(p), st.st_size, st.st_mtime_ns))
    memo_key = tuple(stamp)
    with _lock:
        hit = _content_memo.get(memo_key)
    if hit is not None:
        return hit
    digest = hashlib.sha256(f"model:{FORMAT_VERSION}".encode())
    for p in files:
        try:
            data = p.read_bytes()
        except OSError:
            continue
        rel = str(p.relative_to(root)) if p.is_relative_to(root) else str(p)
        digest.update(f"\0{rel}\0{len(data)}\0".encode())
        digest.update(data)
    key = digest.hexdigest()[:24]
    with _lock:
        if len(_content_memo) > 64:
            _content_memo.clear()
        _content_memo[memo_key] = key
    return key


@functools.cache
def engine_key() -> str:
    """Hash of this engine's source files and of the installed distributions (per process).

    Why the sources: the entries are pickles of this code's classes, built by this code; an
    edited checkout (``make dev`` installs in editable mode) must not unpickle old objects.
    Why distribution names: the dist-info folder names carry the versions of jieba, cn2an,
    DuckDB... (``importlib.metadata`` would cost ~0.1 s per run; a directory listing ~1 ms).
    """
    digest = hashlib.sha256(f"engine:{FORMAT_VERSION}:{sys.version}".encode())
    root = Path(__file__).resolve().parent.parent
    for package in _ENGINE_PACKAGES:
        for p in sorted((root / package).rglob("*")):
            if p.suffix in _ENGINE_SUFFIXES and "__pycache__" not in p.parts:
                try:
                    digest.update(f"\0{p.relative_to(root)}\0".encode() + p.read_bytes())
                except OSError:
                    continue
    site = Path(duckdb.__file__).resolve().parent.parent
    try:
        dists = sorted(n for n in os.listdir(site) if n.endswith((".dist-info", ".egg-info")))
    except OSError:
        dists = []
    digest.update("\0".join(dists).encode())
    return digest.hexdigest()[:24]


def remember_model(model: Any, content_key: str) -> None:
    """Record that ``model`` was loaded from files whose content key is ``content_key``."""
    _model_keys.put(model, content_key)


def key_of(model: Any) -> str | None:
    """The content key ``model`` was loaded under (None for a model object built elsewhere)."""
    return _model_keys.get(model)


# ---- entries ------------------------------------------------------------------------------------
def _entry_path(kind: str, *parts: str) -> Path:
    name = hashlib.sha256("\0".join((kind, engine_key(), *parts)).encode()).hexdigest()[:32]
    return cache_dir("startup") / f"{kind}-{name}.pickle"


def _read(path: Path, tag: tuple[str, ...]) -> Any | None:
    """The payload stored under ``tag`` at ``path``, or None (missing, foreign, corrupt...)."""
    data = read_private(path)  # checked on what is opened: no file swapped in after a check
    if data is None:
        return None
    try:
        doc = pickle.loads(data)
    except Exception:  # truncated, corrupt, classes renamed...: rebuilt and overwritten
        return None
    if not isinstance(doc, tuple) or len(doc) != 2 or doc[0] != tag:
        return None
    return doc[1]


#: entries kept per directory (each rebuilt warehouse or edited model adds one)
MAX_ENTRIES = 64


def _prune(directory: Path) -> None:
    """Drop the least recently written entries beyond :data:`MAX_ENTRIES`."""
    try:
        entries = sorted(directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns)
        for p in entries[:-MAX_ENTRIES]:
            p.unlink(missing_ok=True)
    except OSError:  # another process pruned the same file first
        return


def _write(path: Path, tag: tuple[str, ...], payload: Any) -> None:
    """Store atomically (temp file + rename); a full or read-only disk only costs speed."""
    _prune(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            # dbt-semantic-interfaces objects frozen: reading the entry back imports none of
            # their classes (semantic_layer.frozen, ~0.1 s of a cold question)
            frozen.dump((tag, payload), fh)
        os.replace(tmp, path)
    except Exception:  # an object that does not pickle is simply not cached
        Path(tmp).unlink(missing_ok=True)


#: loads of a model whose files changed while they were read, before it is loaded uncached
LOAD_ATTEMPTS = 3


def load_model_cached(path: Path | None, load: Callable[[Path | None], Any]) -> Any:
    """The model at ``path`` (None = built-in): from the disk cache, else ``load(path)`` stored.

    A loaded model is stored (and remembered, which keys the server's answers) only under the
    content its files still have after the load: the key is read before ``load`` reads the
    files again, and a save in between stored the new files' model under the old content's
    key, on disk, so undoing the edit later brought back a model of files no longer there
    (session 20). A changed key loads again; files that keep changing are loaded uncached.
    """
    if not enabled():  # nothing on disk, but the model still gets its content key: the
        # server's answers and the overlay fallback are keyed by it (session 22: without one,
        # every request walked and stat'ed the model's files again for the answer cache's key)
        key = model_content_key(path)
        model = load(path)
        if model_content_key(path) == key:
            remember_model(model, key)
        return model
    model = None
    for _ in range(LOAD_ATTEMPTS):
        key = model_content_key(path)
        tag = ("model", key, engine_key())
        entry = _entry_path("model", key)
        model = _read(entry, tag)
        if model is not None and type(model).__name__ == "SemanticModel":
            model = _at(model, path)
            remember_model(model, key)
            return model
        model = load(path)
        if model_content_key(path) == key:  # nothing was saved while the loader read
            _write(entry, tag, model)
            remember_model(model, key)
            return model
    return model  # never stored nor keyed: the next question loads the settled files


def _at(model: Any, path: Path | None) -> Any:
    """``model`` as loaded from ``path``: a cached model keeps the folder it was first loaded from.

    Why: the key is the files' *content*, so two folders holding the same files (a copied
    project, a second checkout) share one entry; the model's ``path`` is where its synonyms
    overlay is read and its relations rehomed. Served with the first folder's path, a model
    of folder B read B's overlay from folder A: an overlay broken in B was never reported
    (``orderlens ask`` answered with A's copy), and a fixed one in A hid B's edit. The
    built-in model (``path`` None) too: a copy of it loaded first (a test's, or a user's copied
    project) left its folder in the entry, and the built-in model then read the copy's overlay
    (session 24's clean-clone CI: 356 tests on another worker failed on one test's broken copy).
    """
    if path is None:  # the built-in model is the folder it ships in, not where a copy was read
        path = builtin_model_dir()
    if model.path == path:
        return model
    return dataclasses.replace(model, path=path)


def catalog_and_lexicon(
    model: Any, db_key: str, build_catalog: Callable[[], Any]
) -> tuple[Any, Any] | None:
    """The catalog of ``model`` on the warehouse ``db_key`` and its lexicon, through the disk.

    Returns None when the model's content key is unknown (a model object built by the caller)
    or the cache is off: the caller builds as before. The lexicon and the time-axis phrase
    index are adopted by ``nl2sql.lexicon`` and ``nl2sql.rules.axes`` so the rules engine finds
    them without building them (the axis index normalizes Chinese numerals, which alone imports
    cn2an: ~0.2 s of a cold start).
    """
    content = key_of(model)
    if content is None or not db_key or not enabled():
        return None
    tag = ("catalog", content, db_key, engine_key())
    entry = _entry_path("catalog", content, db_key)
    got = _read(entry, tag)
    if (
        isinstance(got, tuple)
        and len(got) == 3
        and isinstance(got[0], Catalog)
        and isinstance(got[1], Lexicon)
        and isinstance(got[2], AxisIndex)
        and got[1].catalog is got[0]
    ):
        catalog, lexicon, axes = got
        adopt_axis_index(catalog, axes)
    else:
        catalog = build_catalog()
        lexicon = build_lexicon(catalog)
        axes = axis_index(catalog, lexicon)
        if not getattr(catalog, "unread_values", ()):  # values that ran out of time: retried
            _write(entry, tag, (catalog, lexicon, axes))
    adopt_lexicon(lexicon)
    return catalog, lexicon


def clear() -> int:
    """Delete every entry (``orderlens cache clear``); returns how many files were removed."""
    removed = 0
    for p in cache_dir("startup").glob("*.pickle"):
        try:
            p.unlink()
            removed += 1
        except OSError:
            continue
    return removed
