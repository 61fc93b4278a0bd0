"""Red team, session 9: derived dictionaries and caches that someone else could have written.

Before: a dictionary store in the package directory was read whatever its owner and mode (a
group- or world-writable venv let anyone plant one with the current key and change every
user's answers); the jieba store and the vocabulary / values JSON in the user cache were read
without the ownership check the pickles and stores already had; and when the user cache could
not be made, the shared temp dir's ``orderlens-cache-<uid>`` was used even when another user
had created it first.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from nl2sql import segmenter
from nl2sql.vocabulary import cache, dictionary_store
from nl2sql.vocabulary.dictionary_store import find_store, open_store, write_store

PLANTED = {"phrase": {"store": '[["退款",0,"exact"]]'}}
OWN = {"phrase": {"store": '[["门店",0,"exact"]]'}}


def test_a_store_in_a_package_dir_others_can_write_is_not_read(tmp_path: Path) -> None:
    package, user_cache = tmp_path / "pkg", tmp_path / "cache"
    package.mkdir()
    user_cache.mkdir()
    assert write_store(dictionary_store.package_path(package, "cedict"), "k", PLANTED)
    package.chmod(0o777)
    assert find_store("cedict", "k", package, user_cache) is None
    s = open_store("cedict", "k", lambda: OWN, package_dir=None, cache=user_cache)
    assert s.get("phrase", "store") == '[["门店",0,"exact"]]'
    package.chmod(0o755)  # the ordinary install: read as before
    hit = find_store("cedict", "k", package, user_cache)
    assert hit is not None and hit.get("phrase", "store") == '[["退款",0,"exact"]]'


def test_a_world_writable_store_file_in_the_package_is_not_read(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    path = dictionary_store.package_path(package, "ecdict")
    assert write_store(path, "k", PLANTED)
    path.chmod(0o666)
    assert find_store("ecdict", "k", package, None) is None


def test_a_cached_vocabulary_json_others_can_write_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.json"
    path.write_text(json.dumps({"key": "k", "bridges": []}))
    assert cache.read_json(path) == {"key": "k", "bridges": []}
    path.chmod(0o666)
    assert cache.read_json(path) is None
    path.chmod(0o644)
    tmp_path.chmod(0o777)
    assert cache.read_json(path) is None
    tmp_path.chmod(0o755)


def test_the_segmenter_skips_a_packaged_store_others_can_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    planted = tmp_path / "pkg" / "jieba-planted.index.sqlite"
    planted.parent.mkdir()
    planted.write_bytes(b"")  # any file: its mode alone must keep it unread
    planted.chmod(0o666)
    opened: list[Path] = []
    monkeypatch.setattr(segmenter, "packaged_store_path", lambda: planted)
    monkeypatch.setattr(segmenter, "store_path", lambda: None)
    monkeypatch.setattr(
        segmenter.Segmenter, "_connect", lambda self, path: opened.append(path) or True
    )
    segmenter.Segmenter()
    assert opened == []


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs chown")
def test_a_temp_cache_dir_another_user_made_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))  # cannot be created
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    monkeypatch.setattr(cache.tempfile, "tempdir", str(shared))
    foreign = shared / f"orderlens-cache-{os.getuid()}"
    foreign.mkdir(mode=0o777)
    os.chown(foreign, 54321, 54321)
    got = cache.cache_dir("vocabulary")
    assert foreign not in got.parents
    assert got.parent.stat().st_mode & 0o077 == 0
