"""Red team, session 9: a model file of nested YAML aliases ("billion laughs").

Before: nine nested aliases (387 million values once followed) hung ``orderlens validate`` and
any server loading the model; the file is refused in well under a second, naming the problem,
while a file that uses an anchor or two as people do still loads.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from semantic_layer import ModelValidationError, load_model
from tests.security.yaml_bombs import alias_levels

MODEL = """semantic_models:
  - name: {name}
    model: ref('{name}')
    defaults: {{agg_time_dimension: booked_on}}
    entities: [{{name: {entity}, type: primary, expr: id}}]
    dimensions:
      - &day {{name: booked_on, type: time, type_params: {{time_granularity: day}}}}
    measures: [{{name: row_count, agg: count, expr: id}}]
{extra}metrics: [{{name: row_count, type: simple, label: Rows, type_params: {{measure: row_count}}}}]
"""


def _bomb(levels: int = 9) -> str:
    return alias_levels("    meta:", "      ", levels)


def _write(root: Path, text: str, dbt: bool) -> Path:
    (root / "models").mkdir(parents=True)
    if dbt:
        (root / "dbt_project.yml").write_text("name: p\nmodel-paths: [models]\n")
        (root / "models" / "semantic.yml").write_text(text)
        return root
    (root / "models" / "m.yml").write_text(text)
    return root / "models"


@pytest.mark.parametrize(
    ("name", "entity", "dbt"), [("flights", "flight", False), ("policies", "policy", True)]
)
def test_nested_aliases_are_refused_quickly(tmp_path, name, entity, dbt) -> None:
    root = _write(tmp_path, MODEL.format(name=name, entity=entity, extra=_bomb()), dbt)
    started = time.perf_counter()
    with pytest.raises(ModelValidationError, match="anchors and aliases expand to more than"):
        load_model(root)
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize(("name", "entity"), [("flights", "flight"), ("policies", "policy")])
def test_an_ordinary_anchor_still_loads(tmp_path, name, entity) -> None:
    extra = "    meta: {copy: *day, again: *day}\n"
    model = load_model(_write(tmp_path, MODEL.format(name=name, entity=entity, extra=extra), False))
    assert list(model.metrics) == ["row_count"]
