"""Session 24 (session 23's open item): the per-question edit check lists each model folder's
entries again, every question.

Session 23 measured ``model_stamp`` at 45-60 ms with 10,000 other files in the model folder
(244-286 ms with 50,000): every entry listed again per question. A folder's listing is now
reused while the folder's (device, inode, mtime, ctime) is unchanged; files' own edits are seen
by their stamps. The tests count a folder as settled at once (``SETTLED_NS = 0``; the server
waits 2 s, the file system's timestamp tick). The first test failed on b57eec7 (every folder listed again); the others pin
that nothing an edit does goes unseen. The model is invented (a greenhouse log).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from nl2sql.model_stamp import model_stamp
from semantic_layer import model_walk
from semantic_layer.model_walk import model_files

OLD = time.time() - 3600


@pytest.fixture(autouse=True)
def settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_walk, "SETTLED_NS", 0, raising=False)


def _greenhouse(tmp_path: Path) -> Path:
    root = tmp_path / "model"
    nested = root / "beds" / "north" / "rows"
    nested.mkdir(parents=True)
    (root / "beds" / "north" / "tomatoes.yml").write_text("semantic_models: []\n")
    (root / "docs").mkdir()
    for i in range(200):
        (root / "docs" / f"photo{i}.png").write_bytes(b"")
    (root / "greenhouse.yml").write_text("metrics: []\n")
    _settle(root)
    return root


def _settle(root: Path) -> None:
    for folder, _, _ in os.walk(root):
        os.utime(folder, (OLD, OLD))


def _count_scandirs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        seen.append(str(path))
        return real(path)

    monkeypatch.setattr(model_walk.os, "scandir", scandir)
    return seen


def test_an_unchanged_folder_is_not_listed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _greenhouse(tmp_path)
    first = model_files(root, (".yml",))
    seen = _count_scandirs(monkeypatch)
    assert model_files(root, (".yml",)) == first
    assert seen == []  # five folders, 200 photos: each folder stat'ed, none listed


def test_a_file_added_in_a_nested_folder_is_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _greenhouse(tmp_path)
    before = model_stamp(root)
    rows = root / "beds" / "north" / "rows"
    (rows / "peppers.yml").write_text("semantic_models: []\n")
    assert rows / "peppers.yml" in model_files(root, (".yml",))
    assert model_stamp(root) != before
    # ... and its new listing is the one reused
    seen = _count_scandirs(monkeypatch)
    assert rows / "peppers.yml" in model_files(root, (".yml",)) and seen == []


def test_removals_renames_new_folders_and_edits_in_place_are_seen(tmp_path: Path) -> None:
    root = _greenhouse(tmp_path)
    model_files(root, (".yml",))  # listings kept
    tomatoes = root / "beds" / "north" / "tomatoes.yml"
    stamp = model_stamp(root)
    tomatoes.write_text("semantic_models: [] # watered\n")  # an edit in place: the file's stamp
    assert model_stamp(root) != stamp
    tomatoes.rename(tomatoes.with_name("tomato.yml"))
    assert [p.name for p in model_files(root, (".yml",))] == ["tomato.yml", "greenhouse.yml"]
    (root / "beds" / "south").mkdir()
    (root / "beds" / "south" / "melons.sql").write_text("SELECT 1 AS melon_id\n")
    assert root / "beds" / "south" / "melons.sql" in model_files(root, (".sql",))
    (root / "greenhouse.yml").unlink()
    assert [p.name for p in model_files(root, (".yml",))] == ["tomato.yml"]
    # an mtime set back (tar, rsync -t, touch -d) after an entry was added: the ctime moved
    (root / "beds" / "north" / "figs.yml").write_text("semantic_models: []\n")
    _settle(root)
    assert "figs.yml" in [p.name for p in model_files(root, (".yml",))]


def test_the_entry_bound_still_stops_a_folder_of_many_files(tmp_path: Path) -> None:
    root = _greenhouse(tmp_path)
    model_files(root, (".yml",))  # listings kept
    with pytest.raises(Exception, match="more than 150 files and folders"):
        model_files(root, (".yml",), limit=150)
