"""Red team, session 24: a cache entry swapped between its ownership check and its read.

The startup cache's pickles and the vocabulary JSON are read back as trusted only when the
file and its folder are this user's own and no one else can write them (session 9). The check
was made by name (``stat``) and the file then opened by name again: someone who can write a
folder above ``startup/`` (a shared ``ORDERLENS_CACHE_DIR``) can rename another file into place
between the two, and the pickle they planted is loaded (code of theirs run in the server).
Each test swaps a planted entry (another's: world-writable here, as the test cannot be another
user) into place at the worst moment; on 96822ae the first one loaded the planted pickle.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

import pytest

from nl2sql import startup_cache
from nl2sql.vocabulary import cache

TAG = ("kiln", "firing-log")


def _plant(path: Path, payload: Any) -> Path:
    """A file someone else could have written (world-writable), beside ``path``."""
    planted = path.with_name("planted.tmp")
    planted.write_bytes(payload)
    planted.chmod(0o666)
    return planted


def _swap_after_stat_of(
    monkeypatch: pytest.MonkeyPatch, trigger: Path, planted: Path, target: Path | None = None
) -> None:
    """Rename ``planted`` over ``target`` (default ``trigger``) right after ``trigger`` is
    stat'ed by name (the file: between a check by name and an open by name)."""
    target = trigger if target is None else target
    real_stat = Path.stat
    done: list[bool] = []

    def stat(self: Path, *args: Any, **kwargs: Any) -> os.stat_result:
        result = real_stat(self, *args, **kwargs)
        if not done and self == trigger:
            done.append(True)
            os.replace(planted, target)
        return result

    monkeypatch.setattr(Path, "stat", stat)


def test_a_pickle_swapped_in_after_the_check_is_not_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORDERLENS_CACHE_DIR", str(tmp_path / "cache"))
    path = startup_cache._entry_path("kiln", "log")
    startup_cache._write(path, TAG, "own entry")
    assert startup_cache._read(path, TAG) == "own entry"
    planted = _plant(path, pickle.dumps((TAG, "planted entry")))
    _swap_after_stat_of(monkeypatch, path, planted)
    assert startup_cache._read(path, TAG) in ("own entry", None)


def test_a_pickle_swapped_in_before_the_open_is_not_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORDERLENS_CACHE_DIR", str(tmp_path / "cache"))
    path = startup_cache._entry_path("kiln", "log")
    startup_cache._write(path, TAG, "own entry")
    planted = _plant(path, pickle.dumps((TAG, "planted entry")))
    _swap_after_stat_of(monkeypatch, path.parent, planted, path)  # before the file is checked
    assert startup_cache._read(path, TAG) is None


def test_a_link_or_a_pipe_in_place_of_an_entry_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORDERLENS_CACHE_DIR", str(tmp_path / "cache"))
    path = startup_cache._entry_path("kiln", "log")
    elsewhere = tmp_path / "elsewhere.pickle"
    elsewhere.write_bytes(pickle.dumps((TAG, "linked entry")))
    path.symlink_to(elsewhere)
    assert startup_cache._read(path, TAG) is None
    path.unlink()
    os.mkfifo(path)  # opening a pipe by name would wait for a writer for ever
    assert startup_cache._read(path, TAG) is None


def test_vocabulary_json_swapped_in_after_the_check_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORDERLENS_CACHE_DIR", str(tmp_path / "cache"))
    path = cache.cache_dir("vocabulary") / "kiln.json"
    cache.write_json(path, {"glaze": "own"})
    assert cache.read_json(path) == {"glaze": "own"}
    planted = _plant(path, b'{"glaze": "planted"}')
    _swap_after_stat_of(monkeypatch, path, planted)
    assert cache.read_json(path) in ({"glaze": "own"}, None)
