"""Red team, session 21: the model status names the model's own files, and only those.

Session 20's redaction of relative paths over-redacted: when the server's working directory
also held a ``.orderlens/`` folder (where ``orderlens demo`` puts the warehouse), the status of a
broken synonyms overlay read ``<server path>: cannot read the synonyms overlay …``, though the
name is relative to the model folder and the status's ``file`` field says it anyway.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import semantic_layer
from lab.server.model_state import ModelKeeper
from lab.server.redact import REDACTED, redact_paths

BUILTIN = Path(semantic_layer.__file__).parent / "models"


def test_a_broken_overlay_is_named_in_the_status(tmp_path: Path, monkeypatch) -> None:
    model = tmp_path / "model"
    shutil.copytree(BUILTIN, model)
    keeper = ModelKeeper(str(model))
    keeper.current()  # the last valid model
    (model / ".orderlens").mkdir()
    (model / ".orderlens" / "synonyms.yml").write_text("gmv: [a\n", encoding="utf-8")
    cwd = tmp_path / "server"
    (cwd / ".orderlens").mkdir(parents=True)
    (cwd / ".orderlens" / "synonyms.yml").write_text("{}\n", encoding="utf-8")
    monkeypatch.chdir(cwd)  # the server's working directory holds the same relative name
    keeper.current()
    status = keeper.status()
    assert status["ok"] is False and status["file"] == ".orderlens/synonyms.yml"
    assert status["error"].startswith(".orderlens/synonyms.yml"), status["error"]
    assert REDACTED not in status["error"]


@pytest.mark.parametrize("named", ["{root}/secret/x.yml", "../secret/x.yml"])
def test_other_paths_are_still_redacted(tmp_path: Path, monkeypatch, named: str) -> None:
    model = tmp_path / "m"
    (model / ".orderlens").mkdir(parents=True)
    (model / ".orderlens" / "synonyms.yml").write_text("", encoding="utf-8")
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "x.yml").write_text("", encoding="utf-8")
    monkeypatch.chdir(model)
    text = named.format(root=tmp_path) + ": bad"
    assert redact_paths(text, model) == f"{REDACTED}: bad"
    assert redact_paths(".orderlens/synonyms.yml: bad", model) == ".orderlens/synonyms.yml: bad"
    assert redact_paths(".orderlens/synonyms.yml: bad") == f"{REDACTED}: bad"  # no model given
