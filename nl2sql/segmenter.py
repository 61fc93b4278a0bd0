"""Chinese word segmentation without loading jieba's whole dictionary per process.

Why: jieba keeps its dictionary (350,000 words and every prefix of them) in one Python dict
that each process unmarshals from a 9 MB cache — about half a second, spent again by every
``orderlens ask`` for a question of ten characters. A question only ever looks up a few
hundred substrings of itself, so the dictionary is stored once as an SQLite table and looked
up per question: prebuilt into the package by ``make`` (``nl2sql/jieba-<key>.index.sqlite``),
else built from jieba's own parsed dictionary on first use into the user cache
(``<cache dir>/jieba/dict-<key>.sqlite``); the key is jieba's files and version.

The segmentation is jieba's ``cut(text, HMM=False)`` exactly: the same prefix dictionary, the
same added words and total, the same maximum-probability route over the word graph with the
same tie rule (the longest candidate wins a tie). Text that is not one run of the characters
jieba treats as Chinese (``[\u4e00-\u9fd5]``) goes to jieba itself, loaded only then, with
the same words added; so does everything when the store cannot be built or opened.
``tests/test_segmenter.py`` checks both paths give jieba's words.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import logging
import math
import os
import re
import sqlite3
import tempfile
import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nl2sql.vocabulary.cache import cache_dir, content_hash, owned_privately, trusted_install_file

#: jieba's own definition of a Chinese block (``jieba.re_han_default`` less its ASCII part)
_HAN_RUN = re.compile("[\u4e00-\u9fd5]+")
_STORE_VERSION = 1


def _jieba_files() -> tuple[Path, Path] | None:
    """jieba's package ``__init__.py`` and ``dict.txt`` (found without importing jieba)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return None
    init = Path(spec.origin)
    return init, init.parent / "dict.txt"


def _store_key() -> str | None:
    """The hash of the store's inputs: jieba's files (path, size, mtime) and the layout."""
    files = _jieba_files()
    if files is None:
        return None
    parts: list[Any] = [_STORE_VERSION]
    for p in files:
        try:
            st = p.stat()
        except OSError:
            return None
        parts.append((str(p), st.st_size, st.st_mtime_ns))
    return content_hash(parts)


def store_path() -> Path | None:
    """Where the SQLite copy of jieba's dictionary lives (its name carries its inputs)."""
    key = _store_key()
    return None if key is None else cache_dir("jieba") / f"dict-{key}.sqlite"


def packaged_store_path() -> Path | None:
    """Where ``make`` puts a prebuilt copy inside the package (:func:`prebuild_store`)."""
    key = _store_key()
    return None if key is None else Path(__file__).parent / f"jieba-{key}.index.sqlite"


def prebuild_store() -> Path | None:
    """Build the store into the package unless it is there; the path written (else None).

    Why: without it the first Chinese question of a new user (an empty cache) loads jieba,
    parses its 350,000 words and writes the store — about two seconds. Copies for other jieba
    installs are removed.
    """
    path = packaged_store_path()
    if path is None or path.is_file():
        return None
    build_store(path, _load_jieba())
    if not path.is_file():
        raise OSError(f"could not write {path}")
    path.chmod(0o644)
    for old in path.parent.glob("jieba-*.index.sqlite"):
        if old != path:
            old.unlink(missing_ok=True)
    return path


def _load_jieba() -> Any:
    """A jieba tokenizer with its dictionary loaded (jieba's cache kept in our cache dir)."""
    import jieba  # lazy: a question looks words up in the SQLite copy; jieba only builds it

    logging.getLogger("jieba").setLevel(logging.ERROR)
    tk = jieba.Tokenizer()
    # jieba writes its 9 MB parsed-dictionary cache atomically into tmp_dir and reuses it when
    # it is newer than the dictionary: one per user, not one temp dir per process
    tk.tmp_dir = str(cache_dir("jieba"))
    with contextlib.redirect_stdout(io.StringIO()):
        tk.initialize()
    return tk


def build_store(path: Path, tokenizer: Any) -> None:
    """Write ``tokenizer``'s prefix dictionary and total to ``path`` atomically."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".sqlite")
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID")
            con.execute("CREATE TABLE meta (total INTEGER, max_len INTEGER)")
            con.executemany("INSERT INTO freq VALUES (?, ?)", tokenizer.FREQ.items())
            max_len = max((len(w) for w in tokenizer.FREQ), default=1)
            con.execute("INSERT INTO meta VALUES (?, ?)", (int(tokenizer.total), max_len))
            con.commit()
        finally:
            con.close()
        os.replace(tmp, path)
    except (OSError, sqlite3.Error):
        Path(tmp).unlink(missing_ok=True)


@dataclass(frozen=True, eq=False)  # identity: one per lexicon, a weak key
class ExtraWords:
    """Words one caller adds to the dictionary for its own cuts only (a model's own terms).

    Why per caller and not ``add_word``: jieba's words are process-wide, so the terms of one
    model would change how another model's questions are cut in the same process (a notebook
    asking two models, a test run); an ``ExtraWords`` travels with its lexicon instead.
    """

    freqs: dict[str, int]
    prefixes: frozenset[str]
    total: int
    max_len: int

    @classmethod
    def of(cls, words: Iterable[str], freq: int) -> ExtraWords:
        """Every word at frequency ``freq`` (what ``add_word(word, freq)`` would give each)."""
        freqs = dict.fromkeys(sorted(set(words)), freq)
        prefixes = frozenset(w[: i + 1] for w in freqs for i in range(len(w)))
        return cls(freqs, prefixes, freq * len(freqs), max((len(w) for w in freqs), default=0))


#: no words beyond the dictionary's own
NO_EXTRA = ExtraWords({}, frozenset(), 0, 0)


class Segmenter:
    """jieba's ``cut(text, HMM=False)`` over the on-disk dictionary, with a caller's own words.

    Thread-safe: lookups share one read-only SQLite connection under a lock.
    """

    def __init__(self, path: Path | None = None) -> None:
        self._lock = threading.Lock()
        self._jieba: Any = None
        self._own: weakref.WeakKeyDictionary[ExtraWords, Any] = weakref.WeakKeyDictionary()
        self._con: sqlite3.Connection | None = None
        self._total = 0
        self._max_len = 1
        if path is None:
            packaged = packaged_store_path()
            if (
                packaged is not None
                and packaged.is_file()
                and trusted_install_file(packaged)
                and self._connect(packaged)
            ):
                return
            path = store_path()
        self._open(path)

    def _connect(self, path: Path) -> bool:
        """Use the store at ``path``; False when it is unreadable (corrupt or foreign)."""
        con = None
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self._total, self._max_len = con.execute("SELECT total, max_len FROM meta").fetchone()
        except (sqlite3.Error, TypeError, ValueError):
            if con is not None:
                con.close()
            return False
        self._con = con
        return True

    def _open(self, path: Path | None) -> None:
        """Open the store at ``path``, building it (again) from jieba when missing, broken or
        not this user's own (another user's file is never read: its words cut questions)."""
        if path is None:
            return
        for attempt in range(2):
            if attempt or not path.is_file() or not owned_privately(path):
                try:
                    self._jieba = self._jieba or _load_jieba()
                except ImportError:
                    return
                build_store(path, self._jieba)
            if self._connect(path):
                return
            # corrupt or foreign: rebuilt once

    def cut(self, text: str, HMM: bool = False, extra: ExtraWords | None = None) -> list[str]:
        """The words of ``text``, as ``jieba.Tokenizer.cut(text, HMM=False)`` gives them.

        ``extra``: words that count as added for this cut only, as if jieba's ``add_word`` had
        been called for each on a fresh dictionary.
        """
        extra = extra or NO_EXTRA
        if HMM or self._con is None or _HAN_RUN.fullmatch(text) is None:
            return list(self._fallback(extra).cut(text, HMM=HMM))
        freq = self._frequencies(text, extra)
        n = len(text)
        log_total = math.log(self._total + extra.total)
        # the word graph: from each position, the ends of the dictionary words starting there
        dag: dict[int, list[int]] = {}
        for k in range(n):
            ends = []
            i = k
            while i < n and text[k : i + 1] in freq:
                if freq[text[k : i + 1]]:
                    ends.append(i)
                i += 1
            dag[k] = ends or [k]
        route: dict[int, tuple[float, int]] = {n: (0.0, 0)}
        for k in range(n - 1, -1, -1):
            route[k] = max(
                (math.log(freq.get(text[k : x + 1]) or 1) - log_total + route[x + 1][0], x)
                for x in dag[k]
            )
        words, x = [], 0
        while x < n:
            y = route[x][1] + 1
            words.append(text[x:y])
            x = y
        return words

    def _frequencies(self, text: str, extra: ExtraWords) -> dict[str, int]:
        """Frequency of every substring of ``text`` in the dictionary (0 = a prefix only)."""
        longest = max(self._max_len, extra.max_len)
        n = len(text)
        subs = {text[k:e] for k in range(n) for e in range(k + 1, min(n, k + longest) + 1)}
        assert self._con is not None
        with self._lock:
            base: dict[str, int] = {}
            ordered = sorted(subs)
            for at in range(0, len(ordered), 500):  # SQLite's bound-parameter limit
                chunk = ordered[at : at + 500]
                marks = ",".join("?" * len(chunk))
                base.update(
                    self._con.execute(f"SELECT word, n FROM freq WHERE word IN ({marks})", chunk)
                )
            out = {}
            for s in subs:
                if s in extra.freqs:
                    out[s] = extra.freqs[s]
                elif s in base:
                    out[s] = base[s]
                elif s in extra.prefixes:
                    out[s] = 0
        return out

    def _fallback(self, extra: ExtraWords) -> Any:
        """jieba itself, for text the on-disk dictionary cannot cut (mixed text, HMM, no store).

        A caller with words of its own gets a tokenizer of its own per word set (loaded on first
        need, kept while the word set lives), so one caller's words never reach another's cuts.
        """
        with self._lock:
            if not extra.freqs:
                self._jieba = self._jieba or _load_jieba()
                return self._jieba
            tokenizer = self._own.get(extra)
            if tokenizer is None:
                tokenizer = _load_jieba()
                for word, freq in extra.freqs.items():
                    tokenizer.add_word(word, freq=freq)
                self._own[extra] = tokenizer
            return tokenizer
