"""Red team, session 21: a model file that is a device, a pipe or endless is refused, not read.

Before: the size checks read ``stat``, and a device reports size 0: a model folder holding
``extra.yml -> /dev/zero`` made the loader read until memory ran out (``MemoryError`` after
10 s under a 3 GB ``ulimit``; a server has none and grows until killed), and so did a view
``.sql`` file (no size check at all), the synonyms overlay and a semantic manifest. A FIFO
named like a model file blocked the load for ever. Whoever can put a symlink in a model's git
repository could stop a server that pulls it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import semantic_layer
from connectors.bounded_yaml import UnreadableFile, read_text_bounded
from nl2sql.vocabulary.overlay import OverlayError, read_overlay
from semantic_layer.errors import ModelLoadError, SemanticLayerError

BUILTIN = Path(semantic_layer.__file__).parent / "models"


@pytest.fixture()
def model(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    shutil.copytree(BUILTIN, folder)
    return folder


@pytest.mark.parametrize("name", ["extra.yml", "views/kiln_glazes.sql"])
def test_a_symlink_to_dev_zero_is_refused(model: Path, name: str) -> None:
    os.symlink("/dev/zero", model / name)
    with pytest.raises(SemanticLayerError, match="not a regular file"):
        semantic_layer.load_model(model)


def test_a_fifo_does_not_block_the_load(model: Path) -> None:
    os.mkfifo(model / "pipe.yml")  # nobody ever writes to it
    with pytest.raises(SemanticLayerError, match=r"pipe\.yml.*not a regular file"):
        semantic_layer.load_model(model)


def test_the_overlay_and_a_manifest_are_bounded_too(tmp_path: Path) -> None:
    overlay = tmp_path / "synonyms.yml"
    os.symlink("/dev/zero", overlay)
    with pytest.raises(OverlayError, match="not a regular file"):
        read_overlay(overlay)
    manifest = tmp_path / "semantic_manifest.json"
    os.symlink("/dev/zero", manifest)
    with pytest.raises(ModelLoadError):  # refused, not read (no regular file: no model)
        semantic_layer.load_model(manifest)


def test_a_file_longer_than_its_limit_is_cut_at_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yml"
    big.write_bytes(b"a" * 2049)
    with pytest.raises(UnreadableFile, match="more than the 2,048 bytes"):
        read_text_bounded(big, max_bytes=2048)
    assert read_text_bounded(big, max_bytes=2049) == "a" * 2049
