"""Derived dictionary tables (CC-CEDICT's reverse index, ECDICT's owners) stored once as SQLite
and looked up one word at a time.

Why: the Chinese bridges of a model read two dictionaries from the model's side. Deriving
their indexes (every CC-CEDICT gloss tidied and reversed, every ECDICT translation parsed)
costs about 6 s, and a model's bridges need a few hundred of their entries. Paying it in the
first ``orderlens ask`` on a new model made that answer take 6–9 s (15–22 s under load). The
derived tables depend only on the dictionary data and on the code that derives them, so they
are built once — by ``make`` into the package (:meth:`LazyStore.prebuild`), else on first use
into the package when it is writable or the user cache when not — and every later process
opens the file and reads only the rows it needs.

A store is named by a **key**: the dictionary's resource version and a hash of its module's
code (docstrings and comments aside, so a reworded docstring does not invalidate it). A file
whose key differs is never read: a changed rule rebuilds the tables instead of answering from
stale ones. Files are written to a temp file and renamed, so concurrent processes share them
safely; a read-only or full disk only costs the rebuild (the tables then live in memory).

>>> tables = {"nouns": {"store": '["门店"]'}}
>>> s = open_store("doctest", "k1", lambda: tables, package_dir=None, cache=None)
>>> s.get("nouns", "store"), s.get("nouns", "shop")
('["门店"]', None)
"""

from __future__ import annotations

import ast
import hashlib
import os
import sqlite3
import tempfile
import threading
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from nl2sql.vocabulary.cache import cache_dir, owned_privately, trusted_install_file

#: bump when the file layout changes
STORE_FORMAT = 1
#: stores kept per dictionary in the user cache (one per rules version seen)
MAX_CACHED = 3
Tables = dict[str, dict[str, str]]


def code_key(source: str) -> str:
    """A hash of a module's code without its docstrings and comments.

    >>> code_key("def f():\\n    '''Why.'''\\n    return 1  # one") == code_key("def f():\\n    return 1")
    True
    >>> code_key("def f():\\n    return 1") == code_key("def f():\\n    return 2")
    False
    """
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]
    return hashlib.sha256(ast.dump(tree).encode("utf-8")).hexdigest()[:24]


def store_key(module_file: str | Path, resource_version: str) -> str:
    """The key of a dictionary's store: its module's code and its data's version."""
    source = Path(module_file).read_text("utf-8")
    return f"{STORE_FORMAT}-{resource_version}-{code_key(source)}"


class Store:
    """Read-only lookups in one stored set of tables; safe to share between threads."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self._con = con
        self._lock = threading.Lock()

    def get(self, table: str, key: str) -> str | None:
        """The value stored for ``key`` in ``table`` (None when absent)."""
        with self._lock:
            row = self._con.execute(f'SELECT v FROM "{table}" WHERE k = ?', (key,)).fetchone()
        return None if row is None else str(row[0])

    def keys(self, table: str) -> list[str]:
        """Every key of ``table`` (for the small tables read whole)."""
        with self._lock:
            return [str(r[0]) for r in self._con.execute(f'SELECT k FROM "{table}"')]


def _fill(con: sqlite3.Connection, key: str, tables: Tables) -> None:
    con.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID")
    con.execute("INSERT INTO meta VALUES ('key', ?)", (key,))
    for name, rows in tables.items():
        con.execute(f'CREATE TABLE "{name}" (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID')
        con.executemany(f'INSERT INTO "{name}" VALUES (?, ?)', rows.items())
    con.commit()


def write_store(path: Path, key: str, tables: Tables) -> bool:
    """Write ``tables`` under ``key`` to ``path`` atomically; False when the disk refused."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".sqlite")
        os.close(fd)
    except OSError:
        return False
    try:
        con = sqlite3.connect(tmp)
        try:
            con.execute("PRAGMA journal_mode = OFF")
            _fill(con, key, tables)
        finally:
            con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        return True
    except (OSError, sqlite3.Error):
        Path(tmp).unlink(missing_ok=True)
        return False


def _open(path: Path, key: str) -> Store | None:
    """The store at ``path`` when it exists and holds ``key``, else None."""
    if not path.is_file():
        return None
    uri = f"file:{urllib.parse.quote(str(path))}?mode=ro&immutable=1"
    try:
        con = sqlite3.connect(uri, uri=True, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT v FROM meta WHERE k = 'key'").fetchone()
    except sqlite3.Error:  # not a store, or a truncated one
        row = None
    if row is None or row[0] != key:
        con.close()
        return None
    return Store(con)


def package_path(package_dir: Path, name: str) -> Path:
    """Where :meth:`LazyStore.prebuild` puts the store of dictionary ``name`` in the package."""
    return package_dir / f"{name}.index.sqlite"


def _prune(directory: Path, name: str, keep: Path) -> None:
    """Drop all but the newest :data:`MAX_CACHED` stores of ``name`` (older rules' keys)."""
    try:
        stores = sorted(directory.glob(f"{name}-*.sqlite"), key=lambda p: p.stat().st_mtime_ns)
        for p in stores[:-MAX_CACHED]:
            if p != keep:
                p.unlink(missing_ok=True)
    except OSError:  # another process pruned it first
        return


def _cache_path(cache: Path, name: str, key: str) -> Path:
    return cache / f"{name}-{hashlib.sha256(key.encode()).hexdigest()[:24]}.sqlite"


def find_store(name: str, key: str, package_dir: Path | None, cache: Path | None) -> Store | None:
    """The stored tables of ``name`` under ``key`` (the package's, else the cache's), or None
    when neither holds them; never builds."""
    packaged = None if package_dir is None else package_path(package_dir, name)
    if packaged is not None and trusted_install_file(packaged):
        hit = _open(packaged, key)
        if hit is not None:
            return hit
    cached = None if cache is None else _cache_path(cache, name, key)
    if cached is not None and owned_privately(cached):
        return _open(cached, key)
    return None


def open_store(
    name: str,
    key: str,
    build: Callable[[], Tables],
    package_dir: Path | None,
    cache: Path | None,
) -> Store:
    """The tables of dictionary ``name`` under ``key``: the package's prebuilt file, else the
    user cache's, else built now and stored for the next process — in the package when it can
    be written (a checkout, a user's own environment: every later process and test run of
    that install reads it), else in the user cache.

    ``cache=None`` and no writable package keep a fresh build in memory only.
    """
    hit = find_store(name, key, package_dir, cache)
    if hit is not None:
        return hit
    packaged = None if package_dir is None else package_path(package_dir, name)
    cached = None if cache is None else _cache_path(cache, name, key)
    tables = build()
    for path in (packaged, cached):
        if path is not None and write_store(path, key, tables):
            if path == cached:
                _prune(path.parent, name, path)
            hit = _open(path, key)
            if hit is not None:
                return hit
    con = sqlite3.connect(":memory:", check_same_thread=False)
    _fill(con, key, tables)
    return Store(con)


def user_cache() -> Path | None:
    """The user cache directory for stores (None when it cannot be created)."""
    try:
        return cache_dir("dictionaries")
    except OSError:
        return None


class LazyStore:
    """A dictionary's store, opened on first use (once per process, whichever thread asks).

    ``module_file`` and ``version`` make the key (:func:`store_key`); ``build`` derives the
    tables when no stored copy holds that key.
    """

    def __init__(
        self, name: str, module_file: str, version: Callable[[], str], build: Callable[[], Tables]
    ) -> None:
        self.name, self._file, self._version, self._build = name, module_file, version, build
        self._store: Store | None = None
        self._lock = threading.Lock()

    def key(self) -> str:
        """This dictionary's store key for the installed code and data."""
        return store_key(self._file, self._version())

    def __call__(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = open_store(
                    self.name, self.key(), self._build, Path(self._file).parent, user_cache()
                )
            return self._store

    def existing(self) -> Store | None:
        """The store when one is already built (package or cache), else None; never builds.

        For a dictionary whose whole derivation costs more than what one process saves by
        it (lemminflect's): built by ``make``, otherwise the caller asks the source itself.
        """
        with self._lock:
            if self._store is None:
                self._store = find_store(
                    self.name, self.key(), Path(self._file).parent, user_cache()
                )
            return self._store

    def prebuild(self) -> Path | None:
        """Write this store into the package unless a current one is there; the path written.

        Run by ``make`` after installing (``python -m lab.tools.dictionary_stores``), so even
        the first question on a new model, with an empty user cache, reads prebuilt tables.
        """
        key = self.key()
        path = package_path(Path(self._file).parent, self.name)
        if _open(path, key) is not None:
            return None
        if not write_store(path, key, self._build()):
            raise OSError(f"could not write {path}")
        return path

    def reset(self) -> None:
        """Forget the open store (tests that swap the data file)."""
        with self._lock:
            self._store = None
