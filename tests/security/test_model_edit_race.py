"""Red team, session 20: a model file saved while the model loads is not cached as the old one.

The startup cache (``nl2sql.startup_cache``) keys a loaded model by the SHA-256 of its files.
Before: the key was computed, *then* the loader read the files again; a save landing between
the two (an analyst saving twice in a row while the server reloads, a file written in two
steps) stored the model of the *new* files under the key of the *old* ones. In-process the next
question reloaded, but the entry stayed on disk: when the files came back to the old content
(an undo, ``git checkout``), every server and ``orderlens ask`` answered with the model of files
no longer there (here the metric's label, in the test's words; in general its formula).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import semantic_layer
from nl2sql import startup_cache

MODEL = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: created_at}
    entities:
      - {name: order, type: primary, expr: order_id}
    dimensions:
      - {name: created_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: order_count, agg: count, expr: order_id}
metrics:
  - name: orders
    label: LABEL
    type: simple
    type_params: {measure: order_count}
"""


def _write(folder: Path, label: str) -> None:
    (folder / "sales.yml").write_text(MODEL.replace("LABEL", label), encoding="utf-8")


@pytest.fixture()
def model_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ORDERLENS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv(startup_cache.DISABLE_ENV, raising=False)
    folder = tmp_path / "model"
    folder.mkdir()
    _write(folder, "Before Edit")
    return folder


def test_a_save_during_the_load_is_not_stored_under_the_old_content(model_dir: Path) -> None:
    def load_while_saved(path: Path | None) -> Any:
        assert path is not None
        _write(path, "After Edit")  # the analyst's save lands while the loader reads
        return semantic_layer.load_model(path)

    loaded = startup_cache.load_model_cached(model_dir, load_while_saved)
    assert loaded.metric("orders").label == "After Edit"
    # whatever key the loaded model is remembered by is the content it was loaded from
    assert startup_cache.key_of(loaded) in (None, startup_cache.model_content_key(model_dir))

    _write(model_dir, "Before Edit")  # the edit is undone
    again = startup_cache.load_model_cached(model_dir, semantic_layer.load_model)
    assert again.metric("orders").label == "Before Edit"


def test_a_model_that_keeps_changing_is_loaded_but_not_stored(model_dir: Path) -> None:
    saves = iter(range(100))

    def load_while_saved(path: Path | None) -> Any:
        assert path is not None
        _write(path, f"Edit {next(saves)}")  # a new content at every read
        return semantic_layer.load_model(path)

    loaded = startup_cache.load_model_cached(model_dir, load_while_saved)
    assert loaded.metric("orders").label.startswith("Edit ")
    assert startup_cache.key_of(loaded) is None  # answers are not cached under a wrong key
    assert not list((Path(startup_cache.cache_dir("startup"))).glob("model-*.pickle"))


def test_an_unchanged_model_is_stored_and_read_back(model_dir: Path) -> None:
    calls: list[Path | None] = []

    def load(path: Path | None) -> Any:
        calls.append(path)
        return semantic_layer.load_model(path)

    first = startup_cache.load_model_cached(model_dir, load)
    second = startup_cache.load_model_cached(model_dir, load)
    assert len(calls) == 1  # the second came from the disk entry
    assert second.metric("orders").label == first.metric("orders").label == "Before Edit"
    assert startup_cache.key_of(second) == startup_cache.model_content_key(model_dir)
