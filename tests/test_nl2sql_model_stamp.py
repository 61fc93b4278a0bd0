"""The per-question edit check of a model folder is bounded (``nl2sql.model_stamp``)."""

from __future__ import annotations

import os
import sys

import pytest

import nl2sql.ask  # noqa: F401  (the module; its attribute ``ask`` is the function)
from nl2sql.model_stamp import STAMP_FILES_PER_LIMIT, model_stamp
from semantic_layer.errors import ModelLoadError
from semantic_layer.model_size import FILES_ENV

ask_module = sys.modules["nl2sql.ask"]


def _files(folder, n: int) -> None:
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"part_{i}.yml").write_text(f"# {i}\n", encoding="utf-8")


def test_a_folder_within_the_bound_is_stamped_by_size_and_time(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(FILES_ENV, "2")
    _files(tmp_path / "m", 2 * STAMP_FILES_PER_LIMIT)
    (tmp_path / "m" / "notes.txt").write_text("not a model file", encoding="utf-8")
    stamp = model_stamp(tmp_path / "m")
    assert stamp.count("|") == 2 * STAMP_FILES_PER_LIMIT - 1  # the .txt file is not stamped
    edited = tmp_path / "m" / "part_3.yml"
    edited.write_text("# edited, longer\n", encoding="utf-8")
    os.utime(edited, ns=(1, 1))
    assert model_stamp(tmp_path / "m") != stamp


def test_a_folder_past_the_bound_is_refused_saying_what_to_do(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(FILES_ENV, "2")
    _files(tmp_path / "m", 2 * STAMP_FILES_PER_LIMIT + 1)
    with pytest.raises(
        ModelLoadError, match=f"more than {2 * STAMP_FILES_PER_LIMIT} .*{FILES_ENV}"
    ):
        model_stamp(tmp_path / "m")
    with pytest.raises(ModelLoadError, match="point at the folder of the semantic model"):
        ask_module.get_model(tmp_path / "m")  # before any file is read or loaded
