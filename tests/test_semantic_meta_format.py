"""``meta.format`` written for another tool never stops a model from loading.

A public dbt project (a BI tool's conventions) writes ``meta: {format: {type: percent,
decimalPlaces: 1, suffix: '%'}}`` on a ratio metric; OrderLens refused the whole model
("`config.meta.format` is `{...}`: use one of number, percent, currency"), so every question
was refused. ``meta`` is the owner's free-form area: a mapping whose ``type`` is one of our
formats is read, anything else is a warning and the format is inferred.
"""

from __future__ import annotations

import duckdb
import pytest

from semantic_layer import build_catalog, load_model
from semantic_layer.errors import ModelValidationError

MODEL = """semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_on}
    entities: [{name: visit, type: primary, expr: visit_id}]
    dimensions: [{name: visited_on, type: time, type_params: {time_granularity: day}}]
    measures:
      - {name: booked, agg: sum, expr: case when is_booked then 1 else 0 end}
      - {name: visits, agg: count, expr: visit_id}
      - {name: fees, agg: sum}
metrics:
  - {name: booked, type: simple, type_params: {measure: booked}}
  - {name: visits, type: simple, type_params: {measure: visits}}
  - name: booked_share
    type: ratio
    type_params: {numerator: booked, denominator: visits}
    meta:
      format: FORMAT_A
  - name: fees
    type: simple
    type_params: {measure: fees}
    config:
      meta:
        format: FORMAT_B
"""


def _load(tmp_path, a: str, b: str):
    (tmp_path / "m.yml").write_text(MODEL.replace("FORMAT_A", a).replace("FORMAT_B", b))
    con = duckdb.connect()
    con.execute(
        "create table visits (visit_id int, visited_on date, is_booked boolean, fees double)"
    )
    warnings: list = []
    model = load_model(tmp_path, con=con, warnings=warnings)
    return build_catalog(model, con), warnings


@pytest.mark.parametrize(
    ("a", "b", "share_format", "fees_format", "warned"),
    [
        # a mapping whose type is one of ours is read as that format
        ("{type: percent, decimalPlaces: 1, suffix: '%'}", "{type: currency}", "percent",
         "currency", []),
        # another tool's format: a warning, the format inferred (a ratio reads as a percent)
        ("usd", "{decimalPlaces: 2}", "percent", "number", ["booked_share", "fees"]),
        ("number", "currency", "number", "currency", []),
    ],
)  # fmt: skip
def test_meta_format_is_read_or_warned(tmp_path, a, b, share_format, fees_format, warned) -> None:
    cat, warnings = _load(tmp_path, a, b)
    assert cat.metric("booked_share").value_format == share_format
    assert cat.metric("fees").value_format == fees_format
    said = sorted(
        name for w in warnings for name in ("booked_share", "fees") if f"`{name}`" in w.element
    )
    assert said == warned
    assert all("meta.format" in w.message for w in warnings if w.element.startswith("metric"))


def test_a_meta_format_never_fails_the_load(tmp_path) -> None:
    try:
        _load(tmp_path, "[1, 2]", "{type: sparkline}")
    except ModelValidationError as exc:  # pragma: no cover - the bug this guards against
        pytest.fail(f"meta.format failed the load: {exc}")
