"""Red team, session 22: the model folder's walk (edit check, content key, loader) is bounded.

Before: ``nl2sql.model_stamp`` walked everything below the model folder with ``Path.rglob`` on
every question and bounded only the ``.yml/.yaml/.json/.sql`` files it kept. On the running
server a ``node_modules/`` of 200,000 files in the model folder took a cached answer from
0.01 s to 2.5-3.7 s, without end for a larger folder; a dbt project's ``.venv`` or ``target/``
full of ``.json``/``.sql`` files made every question refused by the stamp's file bound. The
loader also read ``.sql`` files in ``target/`` as the model's views. With the startup cache
off, a loaded model had no content key: the server walked and stat'ed the model's files for
each answer's cache key, and the broken-overlay fallback (keyed by it) did not apply.
Folder and file names are invented.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import semantic_layer
from nl2sql import startup_cache
from nl2sql.model_stamp import model_stamp
from semantic_layer.errors import ModelLoadError
from semantic_layer.model_size import FILES_ENV
from semantic_layer.model_walk import ENTRIES_PER_FILE

BUILTIN = Path(semantic_layer.__file__).parent / "models"


def _model(tmp_path: Path) -> Path:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "kilns.yml").write_text("# a model file\n", encoding="utf-8")
    return folder


def _fill(folder: Path, n: int, suffix: str) -> None:
    folder.mkdir(parents=True)
    for i in range(n):
        (folder / f"f{i}{suffix}").write_text("{}", encoding="utf-8")


def test_folders_no_model_lives_in_are_not_stamped(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(FILES_ENV, "2")  # the stamp keeps at most 8 files
    model = _model(tmp_path)
    _fill(model / "node_modules" / "glaze", 12, ".json")
    _fill(model / ".venv" / "lib", 12, ".sql")
    _fill(model / "target" / "compiled", 12, ".sql")
    stamp = model_stamp(model)  # before: refused, 36 files past the bound of 8
    assert stamp.count("|") == 0 and "kilns.yml" in stamp
    (model / "node_modules" / "glaze" / "f1.json").write_text("{edited}", encoding="utf-8")
    assert model_stamp(model) == stamp


def test_a_folder_of_many_other_files_stops_the_walk(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(FILES_ENV, "2")
    model = _model(tmp_path)
    _fill(model / "kiln_logs", 2 * ENTRIES_PER_FILE + 1, ".txt")  # never model files
    with pytest.raises(ModelLoadError, match=f"more than {2 * ENTRIES_PER_FILE} files and"):
        model_stamp(model)  # before: walked them all on every question, no bound
    with pytest.raises(ModelLoadError, match="point at the folder of the semantic model"):
        semantic_layer.load_model(model)


def test_the_overlay_is_stamped_though_its_folder_is_hidden(tmp_path) -> None:
    model = _model(tmp_path)
    overlay = model / ".orderlens" / "synonyms.yml"
    overlay.parent.mkdir()
    overlay.write_text("glaze: [shine]\n", encoding="utf-8")
    stamp = model_stamp(model)
    assert "synonyms.yml" in stamp
    overlay.write_text("glaze: [shine, gloss]\n", encoding="utf-8")
    assert model_stamp(model) != stamp


def test_compiled_sql_in_target_is_not_read_as_a_view(tmp_path) -> None:
    model = tmp_path / "model"
    shutil.copytree(BUILTIN, model)
    compiled = model / "target" / "compiled"
    compiled.mkdir(parents=True)
    (compiled / "orders.sql").write_text("SELECT 1 AS one", encoding="utf-8")
    loaded = semantic_layer.load_model(model)
    assert loaded.nodes["orders"].view_sql is None  # before: the orders table became `SELECT 1`
    assert loaded.nodes["line_returns"].view_sql is not None  # the model's own views stay


def test_a_model_loaded_with_the_cache_off_keeps_its_content_key(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ORDERLENS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv(startup_cache.DISABLE_ENV, "0")
    model = tmp_path / "model"
    shutil.copytree(BUILTIN, model)
    loaded = startup_cache.load_model_cached(model, semantic_layer.load_model)
    assert startup_cache.key_of(loaded) == startup_cache.model_content_key(model)
    assert not (tmp_path / "cache" / "startup").exists() or not list(
        (tmp_path / "cache" / "startup").glob("model-*.pickle")
    )  # still nothing written to disk
