"""YAML that only looks like a semantic layer is refused with file, line and key — never a crash.

Found by the session-20 load sweep (a documentation file with ``metrics:`` as a mapping of names;
a folder of metric templates whose ``name: [METRIC_NAME]`` parses as a list) and by mutating the
shape of every node of a valid model: each of these raised a Python error (AttributeError,
TypeError "unhashable type: 'list'", ValueError) from the loader before the shape check. The
models here are original and tiny (a bakery).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from semantic_layer import ModelLoadError, ModelValidationError, load_model
from semantic_layer.yaml_shapes import shape_problems

VALID = """
semantic_models:
  - name: loaves
    model: ref('loaves')
    defaults: {agg_time_dimension: baked_on}
    entities:
      - {name: loaf, type: primary, expr: loaf_id}
    dimensions:
      - {name: baked_on, type: time, type_params: {time_granularity: day}}
      - {name: flour, type: categorical}
    measures:
      - {name: loaves_baked, agg: count, expr: loaf_id}
      - {name: flour_grams, agg: sum, create_metric: true}
metrics:
  - name: loaves_baked
    type: simple
    type_params: {measure: loaves_baked}
  - name: grams_per_loaf
    type: ratio
    type_params: {numerator: flour_grams, denominator: loaves_baked}
"""


def _load(tmp_path: Path, text: str) -> str:
    (tmp_path / "m.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ModelValidationError) as err:
        load_model(tmp_path)
    return str(err.value)


def test_the_valid_model_loads(tmp_path: Path) -> None:
    (tmp_path / "m.yml").write_text(VALID, encoding="utf-8")
    model = load_model(tmp_path)
    assert sorted(model.metrics) == ["flour_grams", "grams_per_loaf", "loaves_baked"]


def test_metrics_written_as_a_mapping_is_named_with_its_file(tmp_path: Path) -> None:
    text = VALID.split("metrics:")[0] + (
        "metrics:\n  loaves_baked:\n    formula: count(loaf_id)\n    unit: loaves\n"
    )
    msg = _load(tmp_path, text)
    assert "m.yml" in msg
    assert "`metrics:`: is a mapping; dbt expects a list of metrics (`- name: ...`)" in msg


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a template placeholder: YAML reads [NAME] as a list
        (
            "- name: loaves_baked\n    type: simple",
            "- name: [LOAVES]\n    type: simple",
            "metric 1 under `metrics:`: `name` is a list; dbt expects text",
        ),
        (
            "    entities:\n      - {name: loaf, type: primary, expr: loaf_id}",
            "    entities: primary",
            "`entities` is text; dbt expects a list",
        ),
        (
            "      - {name: flour, type: categorical}",
            "      - flour",
            "`dimensions[2]` is text; dbt expects a mapping",
        ),
        (
            "      - {name: flour_grams, agg: sum, create_metric: true}",
            "      - {agg: sum}",
            "`measures[2]` has no `name`",
        ),
        (
            "type_params: {measure: loaves_baked}",
            "type_params: loaves_baked",
            "`type_params` is text; dbt expects a mapping",
        ),
        (
            "{name: flour, type: categorical}",
            "{name: flour, type: categorical, config: {meta: 7}}",
            "`dimensions[2].config.meta` is a number; dbt expects a mapping",
        ),
        (
            "numerator: flour_grams,",
            "numerator: [flour_grams],",
            "`type_params.numerator` is a list; dbt expects text or a mapping",
        ),
    ],
)
def test_a_wrong_shape_is_one_clear_problem(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in VALID
    msg = _load(tmp_path, VALID.replace(old, new))
    assert expected in msg
    assert "Fix:" in msg and "m.yml:" in msg


def test_newer_spec_column_roles_must_be_text_or_a_mapping(tmp_path: Path) -> None:
    text = """
models:
  - name: loaves
    semantic_model: true
    agg_time_dimension: baked_on
    columns:
      - {name: loaf_id, entity: [primary]}
      - {name: baked_on, granularity: day, dimension: {type: time}}
    metrics:
      - {name: loaves_baked, agg: count, expr: loaf_id}
"""
    msg = _load(tmp_path, text)
    assert "`columns[1].entity` is a list; dbt expects text or a mapping" in msg


def test_dbt_project_file_with_wrong_shapes_is_refused_clearly(tmp_path: Path) -> None:
    (tmp_path / "dbt_project.yml").write_text("name: bakery\nmodel-paths: 7\n", encoding="utf-8")
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "m.yml").write_text(VALID, encoding="utf-8")
    with pytest.raises(ModelLoadError, match="`model-paths` is a number; dbt expects a list"):
        load_model(tmp_path)


def test_shapes_dbt_accepts_pass() -> None:
    # names or mappings for inputs, a filter as text or a list, configs and extra keys
    metric = {
        "name": "rye_share",
        "type": "ratio",
        "type_params": {
            "numerator": {
                "name": "loaves_baked",
                "filter": ["{{ Dimension('loaf__flour') }} = 'rye'"],
            },
            "denominator": "loaves_baked",
        },
        "filter": "{{ Dimension('loaf__flour') }} is not null",
        "config": {"meta": {"owner": "bakery"}},
        "anything_else_dbt_accepts": [1, 2],
    }
    assert shape_problems("metrics", metric) == []
    derived = {
        "name": "d",
        "type": "derived",
        "type_params": {"expr": "a - b", "metrics": ["a", {"name": "b", "offset_window": "1 day"}]},
    }
    assert shape_problems("metrics", derived) == []


LEGACY_DBT_METRICS = """
version: 2
metrics:
  - name: loaves_sold
    label: Loaves sold
    model: ref('loaves')
    calculation_method: count
    expression: loaf_id
    timestamp: baked_on
    time_grains: [day, month]
    dimensions: [flour]
"""


def test_the_retired_dbt_metrics_spec_is_named_as_such(tmp_path: Path) -> None:
    msg = _load(tmp_path, LEGACY_DBT_METRICS)
    assert "metric `loaves_sold`: is written in the dbt_metrics spec" in msg
    assert "dbt 1.6 removed" in msg and "type: simple" in msg
    assert "validation error" not in msg  # not pydantic's "field required"


def test_metricflow_before_dbt_is_named_as_such(tmp_path: Path) -> None:
    text = (
        "metric:\n  name: loaves_baked\n  type: measure_proxy\n  type_params: {measure: loaves}\n"
    )
    msg = _load(tmp_path, text)
    assert "uses `type: measure_proxy` of MetricFlow's spec before dbt" in msg
    assert "not a valid enumeration member" not in msg


def test_a_model_without_metrics_is_one_problem_not_a_validator_crash(tmp_path: Path) -> None:
    # with a time spine (the legacy `metricflow_time_spine` model) and no metrics,
    # dbt-semantic-interfaces' time-spine rule raised "min() arg is an empty sequence", and
    # that text was listed as a second problem
    (tmp_path / "dbt_project.yml").write_text("name: bakery\n", encoding="utf-8")
    models = tmp_path / "models"
    models.mkdir()
    (models / "metricflow_time_spine.sql").write_text(
        "select range as date_day from range(date '2024-01-01', date '2025-01-01', interval 1 day)",
        encoding="utf-8",
    )
    (models / "loaves.yml").write_text(
        "semantic_models:\n  - name: loaves\n    model: ref('loaves')\n"
        "    entities:\n      - {name: loaf, type: primary}\n",
        encoding="utf-8",
    )
    with pytest.raises(ModelValidationError) as err:
        load_model(tmp_path)
    msg = str(err.value)
    assert "(1 problem(s))" in msg and "No metrics present in the model" in msg
    assert "An error occurred" not in msg and "min()" not in msg


def _load_warned(tmp_path: Path, text: str) -> tuple[object, dict[str, str]]:
    (tmp_path / "m.yml").write_text(text, encoding="utf-8")
    warnings: list = []
    model = load_model(tmp_path, warnings=warnings)
    return model, {f"{w.element}@{w.line}": w.message for w in warnings}


def test_a_key_written_twice_is_a_warning_naming_both_lines(tmp_path: Path) -> None:
    """PyYAML keeps the second of two equal keys silently: a second ``metrics:`` list made the
    first one vanish without a word. dbt 1.10 keeps the second too and warns
    (DuplicateYAMLKeysDeprecation), so the load goes on, as dbt's, with a warning."""
    second = "metrics:\n  - name: flour_only\n    type: simple\n    type_params: {measure: flour_grams}\n"
    first_line = VALID.splitlines().index("metrics:") + 1
    second_line = len(VALID.splitlines()) + 1
    model, said = _load_warned(tmp_path, VALID + second)
    assert "flour_only" in model.metrics  # the second list is read, as dbt reads it
    assert "grams_per_loaf" not in model.metrics
    message = said[f"YAML@{second_line}"]
    assert f"`metrics` is written twice in one mapping (lines {first_line} and {second_line})" in (
        message
    )


def test_a_key_twice_inside_a_measure_is_named(tmp_path: Path) -> None:
    text = VALID.replace(
        "{name: loaves_baked, agg: count, expr: loaf_id}",
        "{name: loaves_baked, agg: count, agg: count_distinct, expr: loaf_id}",
    )
    _, said = _load_warned(tmp_path, text)
    assert any("`agg` is written twice" in m for m in said.values())


def test_equal_keys_in_different_mappings_say_nothing(tmp_path: Path) -> None:
    # every entity, dimension and measure has its own `name`: only a repeat within one mapping counts
    model, said = _load_warned(tmp_path, VALID)
    assert "grams_per_loaf" in model.metrics
    assert not any("twice" in m for m in said.values())
