"""Red team, session 19: the last YAML files read with plain ``yaml.safe_load``.

Session 18 bounded the files beside a model but left ingest mappings, reconciliation rules and
impact sources files on ``yaml.safe_load`` (``connectors`` could not import the bound from
``semantic_layer``). A ~700-byte file of nine nested aliases held ``load_mapping``,
``load_rules`` and ``yaml_places`` past 30 s at 1.2-1.8 GB until killed (``str()`` of a
constant, ``repr()`` of a tolerance, the impact walk). The bound now lives in
``connectors.bounded_yaml`` and each is an error naming the file and the aliases in well
under a second; a file past ``MAX_YAML_BYTES`` is refused before it is read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from connectors import bounded_yaml
from connectors.errors import IngestError
from connectors.sources.mapping import load_mapping
from lab.impact.errors import ImpactError
from lab.impact.sources import yaml_places
from lab.reconciliation.errors import RulesError
from lab.reconciliation.rules import load_rules
from semantic_layer.errors import ModelValidationError
from semantic_layer.loader import load_model
from tests.security.yaml_bombs import alias_levels, refused_quickly


def test_an_ingest_mapping_bomb_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "map.yml"
    path.write_text(
        "system: platform\nkey: platform_order_no\norders: {platform_order_no: a}\n"
        + alias_levels("status:")
        + "constants: {a: *l8}\n"
    )
    message = refused_quickly(lambda: load_mapping(path), IngestError)
    assert str(path) in message and "aliases" in message


def test_a_rules_bomb_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.yml"
    path.write_text(
        "components: {goods: {basis: quantity}}\n" + alias_levels("anchors:") + "tolerance: *l8\n"
    )
    message = refused_quickly(lambda: load_rules(path), RulesError)
    assert str(path) in message and "aliases" in message


def test_an_impact_sources_bomb_is_refused_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "m.yml").write_text(alias_levels("other:"))
    message = refused_quickly(lambda: yaml_places([tmp_path], "model"), ImpactError)
    assert str(tmp_path / "m.yml") in message and "aliases" in message


def test_an_impact_file_of_another_shape_is_skipped_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "m.yml").write_text("semantic_models: {a: 1}\nmetrics: [x, {dimensions: 3}]\n")
    assert yaml_places([tmp_path], "model") == []


def test_anchors_as_people_use_them_still_load(tmp_path: Path) -> None:
    path = tmp_path / "rules.yml"
    path.write_text("base: &b {basis: quantity}\ncomponents: {goods: *b, freight: *b}\n")
    assert sorted(load_rules(path).components) == ["freight", "goods"]


def test_a_file_past_the_size_bound_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bounded_yaml, "MAX_YAML_BYTES", 1000)
    path = tmp_path / "rules.yml"
    path.write_text("components: {goods: {basis: quantity}}\nnote: '" + "x" * 2000 + "'\n")
    message = refused_quickly(lambda: load_rules(path), RulesError)
    assert "2,048 bytes" in message and "more than the 1,000" in message
    with pytest.raises(yaml.YAMLError, match="more than the 1,000"):
        bounded_yaml.safe_load_bounded(path.read_text())


def test_a_model_file_past_the_size_bound_is_a_load_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import semantic_layer.yaml_reader as reader

    monkeypatch.setattr(reader, "MAX_YAML_BYTES", 1000)
    (tmp_path / "m.yml").write_text("metrics: []\n# " + "x" * 2000 + "\n")
    with pytest.raises(ModelValidationError, match="more than the 1,000"):
        load_model(tmp_path)
