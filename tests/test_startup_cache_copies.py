"""Two folders holding the same model files share one startup-cache entry, and each model
served from it says which folder it was asked for.

The entry is keyed by the files' content, so a copied project (or a second checkout) gets the
first folder's pickled model. That model's ``path`` named the first folder, where its synonyms
overlay is read: a half-saved overlay in the copy was never reported — ``orderlens ask`` on the
copy answered with the first folder's overlay (found by the clean-clone CI, where another test
had loaded the same files from its own folder first).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import semantic_layer
from nl2sql import startup_cache
from nl2sql.vocabulary.overlay import OverlayError, overlay_catalog
from semantic_layer import build_catalog, load_model
from tests.server_helpers import SMALL_ORDERS_MODEL

OVERLAY = "orderlens_synonyms: 1\nmetrics:\n  orders: [purchases]\n"
BROKEN = "orderlens_synonyms: 1\nmetrics:\n  orders: [purchases\n"


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A private startup cache for this test."""

    def private(*parts: str) -> Path:
        path = (tmp_path / "startup-cache").joinpath(*parts)
        path.mkdir(parents=True, exist_ok=True)
        return path

    monkeypatch.setattr(startup_cache, "cache_dir", private)
    monkeypatch.delenv(startup_cache.DISABLE_ENV, raising=False)


def _folder(root: Path, overlay: str) -> Path:
    folder = root / "model"
    (folder / ".orderlens").mkdir(parents=True)
    (folder / "sales.yml").write_text(SMALL_ORDERS_MODEL, encoding="utf-8")
    (folder / ".orderlens" / "synonyms.yml").write_text(overlay, encoding="utf-8")
    return folder


def _loads(path: Path | None) -> object:
    return load_model(path)


@pytest.mark.usefixtures("cache")
def test_a_copy_served_from_the_cache_reads_its_own_overlay(tmp_path: Path) -> None:
    first = _folder(tmp_path / "a", BROKEN)
    copy = _folder(tmp_path / "b", BROKEN)
    calls: list[Path | None] = []

    def load(path: Path | None) -> object:
        calls.append(path)
        return load_model(path)

    model_a = startup_cache.load_model_cached(first, load)
    model_b = startup_cache.load_model_cached(copy, load)
    assert calls == [first]  # the copy came from the cache: same content, one entry
    assert model_a.path == first and model_b.path == copy  # was: both named `first`
    assert startup_cache.key_of(model_b) == startup_cache.key_of(model_a)

    # the first folder's overlay is fixed back to the content both had; the copy's stays broken
    (first / ".orderlens" / "synonyms.yml").write_text(OVERLAY, encoding="utf-8")
    with pytest.raises(OverlayError, match=str(copy)):
        overlay_catalog(build_catalog(model_b), model_b.path, startup_cache.key_of(model_b))


@pytest.mark.usefixtures("cache")
def test_the_same_folder_gets_the_cached_model_itself(tmp_path: Path) -> None:
    folder = _folder(tmp_path, OVERLAY)
    model = startup_cache.load_model_cached(folder, _loads)
    again = startup_cache.load_model_cached(folder, lambda _: pytest.fail("loaded twice"))
    assert again.path == folder and set(again.metrics) == set(model.metrics)


@pytest.mark.usefixtures("cache")
def test_the_builtin_model_after_a_copy_of_it_reads_its_own_folder(tmp_path: Path) -> None:
    builtin = Path(semantic_layer.BUILTIN_MODEL_DIR)
    copy = tmp_path / "copy"
    shutil.copytree(builtin, copy)
    calls: list[Path | None] = []

    def load(path: Path | None) -> object:
        calls.append(path)
        return load_model(path)

    from_copy = startup_cache.load_model_cached(copy, load)  # stored under the same content key
    (copy / ".orderlens").mkdir(exist_ok=True)  # then the copy's overlay breaks
    (copy / ".orderlens" / "synonyms.yml").write_text(BROKEN, encoding="utf-8")
    builtin_model = startup_cache.load_model_cached(None, load)
    assert calls == [copy]  # the built-in model came from the copy's entry: the same files
    assert from_copy.path == copy
    assert (
        Path(builtin_model.path).resolve() == builtin.resolve()
    )  # was: the copy's folder, and so the copy's overlay
