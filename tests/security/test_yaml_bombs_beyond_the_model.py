"""Red team, session 18: nested YAML aliases in the files read beside a model.

Session 9 bounded the model's own YAML files. The other YAML OrderLens reads went through plain
``yaml.safe_load``, which loads a "billion laughs" file quickly (an alias shares its object)
and leaves the expansion to whatever walks the result: a 511-byte synonyms overlay
(``<model>/.orderlens/synonyms.yml``, read by every ``orderlens ask`` and by a server loading
the model) made ``orderlens ask`` run past 120 s and 575 MB until killed, the words' ``str()``
never ending. The overlay, ``dbt_project.yml``, notebook parameters and a thresholds file are
now read by ``semantic_layer.yaml_reader.safe_load_bounded`` (an error naming the aliases, in
well under a second), and an overlay's words must be texts.
"""

from __future__ import annotations

from pathlib import Path

from lab.health.errors import HealthError
from lab.health.thresholds import load_thresholds
from lab.runner.types import KindError, parse_yaml
from nl2sql.vocabulary.overlay import OverlayError, read_overlay
from semantic_layer.errors import ModelLoadError
from semantic_layer.yaml_reader import find_dbt_project
from tests.security.yaml_bombs import alias_levels, refused_quickly


def _aliases(key: str, levels: int = 9, indent: str = "  ") -> str:
    """``levels`` nested anchors under ``key``, the last one used as a list of words."""
    return alias_levels(f"{key}:", indent, levels) + f"{indent}gmv: [*l{levels - 1}]\n"


def test_an_overlay_bomb_is_refused_naming_the_aliases(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.yml"
    path.write_text("orderlens_synonyms: 1\n" + _aliases("metrics"))
    message = refused_quickly(lambda: read_overlay(path), OverlayError)
    assert str(path) in message and "aliases" in message


def test_an_overlay_word_must_be_a_text(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.yml"
    path.write_text("orderlens_synonyms: 1\nmetrics:\n  gmv: [[a, b], turnover]\n")
    assert "each word a text" in refused_quickly(lambda: read_overlay(path), OverlayError)
    path.write_text("orderlens_synonyms: 1\nvalues:\n  order__channel: {jd: [{x: 1}]}\n")
    assert "each word a text" in refused_quickly(lambda: read_overlay(path), OverlayError)
    # an anchor or two, texts and numbers (a year) still load
    path.write_text(
        "orderlens_synonyms: 1\nmetrics:\n  gmv: &w [turnover, 2025]\n  revenue: *w\n"
        "values:\n  order__channel: {jd: [京东]}\n"
    )
    overlay = read_overlay(path)
    assert overlay["metrics"]["revenue"] == ["turnover", 2025]


def test_a_dbt_project_file_bomb_is_a_load_error(tmp_path: Path) -> None:
    (tmp_path / "dbt_project.yml").write_text("name: p\n" + _aliases("vars"))
    message = refused_quickly(lambda: find_dbt_project(tmp_path), ModelLoadError)
    assert "dbt_project.yml" in message and "aliases" in message


def test_a_notebook_parameter_or_thresholds_bomb_is_refused(tmp_path: Path) -> None:
    text = _aliases("status_disagreement")
    assert "aliases" in refused_quickly(lambda: parse_yaml(text), KindError)
    path = tmp_path / "thresholds.yml"
    path.write_text(text)
    assert "aliases" in refused_quickly(lambda: load_thresholds(path), HealthError)
    assert parse_yaml("{minutes: 15}") == {"minutes": 15}
