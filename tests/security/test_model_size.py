"""A model over the documented size limits is refused, naming the count, the limit and the
variable, before it is read into memory (session 20's open item: files and metrics were not
counted; 10,000 metrics took about 2 minutes of CPU to load in session 11).

The models are invented and small in bytes; the limits are lowered through the environment so
the tests stay fast, and one test shows the defaults stop 10,000 files without reading them.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import semantic_layer
from semantic_layer.errors import ModelLoadError
from semantic_layer.model_size import model_limits

NODE = """semantic_models:
  - name: kilns
    model: kilns
    defaults: {agg_time_dimension: fired_on}
    entities: [{name: kiln, type: primary, expr: kiln_id}]
    dimensions: [{name: glaze, type: categorical}, {name: fired_on, type: time, type_params: {time_granularity: day}}]
    measures: [{name: firings, agg: count, expr: kiln_id}]
"""


def _metrics(n: int, start: int = 0) -> str:
    rows = [
        f"  - {{name: firings_{i}, type: simple, type_params: {{measure: firings}}}}"
        for i in range(start, start + n)
    ]
    return "metrics:\n" + "\n".join(rows) + "\n"


def test_too_many_metrics_is_refused_before_validation(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "kilns.yml").write_text(NODE + _metrics(60), encoding="utf-8")
    monkeypatch.setenv("ORDERLENS_MODEL_MAX_METRICS", "50")
    with pytest.raises(ModelLoadError) as got:
        semantic_layer.load_model(tmp_path)
    assert "the model has 60 metrics, more than the 50 a model may have" in str(got.value)
    assert "ORDERLENS_MODEL_MAX_METRICS" in str(got.value)
    monkeypatch.setenv("ORDERLENS_MODEL_MAX_METRICS", "60")  # at the limit: it loads
    assert len(semantic_layer.load_model(tmp_path).metrics) >= 60


def test_ten_thousand_files_stop_the_walk_under_the_default(tmp_path: Path) -> None:
    (tmp_path / "kilns.yml").write_text(NODE, encoding="utf-8")
    parts = tmp_path / "parts"
    parts.mkdir()
    for i in range(10_000):  # empty files: what is refused is the count, not their content
        (parts / f"m{i:05d}.yml").write_text("", encoding="utf-8")
    t0 = time.perf_counter()
    with pytest.raises(
        ModelLoadError, match=r"more than 5,000 YAML files.*ORDERLENS_MODEL_MAX_FILES"
    ):
        semantic_layer.load_model(tmp_path)
    assert time.perf_counter() - t0 < 60  # reading and parsing 10,000 files is not what ran


def test_too_many_bytes_are_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "kilns.yml").write_text(NODE + "# " + "x" * 5_000 + "\n", encoding="utf-8")
    monkeypatch.setenv("ORDERLENS_MODEL_MAX_BYTES", "4096")
    with pytest.raises(ModelLoadError, match=r"has 5,\d{3} bytes of YAML, more than the 4,096"):
        semantic_layer.load_model(tmp_path)


def test_one_node_of_many_dimensions_counts_its_elements(tmp_path: Path, monkeypatch) -> None:
    dims = "".join(f"      - {{name: glaze_{i}, type: categorical}}\n" for i in range(30))
    text = (
        NODE.replace("{name: glaze, type: categorical}, ", "")
        .replace("    dimensions: [", "    dimensions:\n" + dims + "      - ")
        .replace("day}}]\n", "day}}\n")
    )
    (tmp_path / "kilns.yml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("ORDERLENS_MODEL_MAX_ELEMENTS", "20")
    with pytest.raises(ModelLoadError, match=r"34 elements \(semantic models, dimensions"):
        semantic_layer.load_model(tmp_path)


def test_a_semantic_manifest_is_counted_too(tmp_path: Path, monkeypatch) -> None:
    manifest = tmp_path / "semantic_manifest.json"
    metrics = [{"name": f"m{i}", "type": "simple"} for i in range(12)]
    manifest.write_text(json.dumps({"semantic_models": [], "metrics": metrics}), encoding="utf-8")
    monkeypatch.setenv("ORDERLENS_MODEL_MAX_METRICS", "10")
    with pytest.raises(ModelLoadError, match="the model has 12 metrics, more than the 10"):
        semantic_layer.load_model(manifest)


@pytest.mark.parametrize("raw", ["lots", "-2", "0", "1e3"])
def test_a_malformed_limit_names_the_variable(raw: str) -> None:
    with pytest.raises(ModelLoadError, match=f"ORDERLENS_MODEL_MAX_FILES={raw!r}"):
        model_limits({"ORDERLENS_MODEL_MAX_FILES": raw})
