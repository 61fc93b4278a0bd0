"""A short code said without its thing's word names the entity (zhrefuse30, issues #12, #18).

"T04的付费转化率" / "net revenue for T02" on a model whose ``title`` entity is keyed by codes
T01 .. T06 was refused ("I don't know 't'"), although "游戏T04" was read: the key has no
dimension, so its values were never in the catalog. The catalog now holds the values of short
code keys (``semantic_layer.entity_codes``), and ``rules.passes.identifiers`` reads a code of
exactly one entity as that entity's filter. A code no entity holds stays unknown. Original
catalog: a bakery chain's stores (no evaluation set's).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from semantic_layer.entity_codes import code_values
from tests.semantic_helpers import answered_value

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

DIMS = ("sale__sold_on", "store")


def _bakeries() -> Catalog:
    return Catalog(
        metrics=(
            CatalogMetric("loaves_sold", "Loaves Sold", agg="sum", measure_expr="loaves",
                          dimensions=DIMS, agg_time_dimension=DIMS[0]),
        ),
        dimensions=(
            CatalogDimension("sale__sold_on", "Sold On", entity="sale", dim_type="time"),
        ),
        entities=(
            CatalogEntity("sale", "sale", key_expr="sale_id"),
            CatalogEntity("store", "store", foreign_exprs=("store_code",),
                          values=("B01", "B02", "B03")),
        ),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("question", "values"),
    [("B02的Loaves Sold", ["B02"]), ("loaves sold for B03", ["B03"]), ("b01 loaves sold", ["B01"])],
)
def test_a_code_alone_filters_its_entity(question: str, values: list[str]) -> None:
    u = understand(question, _bakeries(), TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None and u.query.metrics == ["loaves_sold"]
    assert [(f.dimension, list(f.values)) for f in u.query.filters] == [("store", values)]
    assert u.ignored == []


def test_a_code_no_entity_holds_stays_unknown() -> None:
    assert understand("B09的Loaves Sold", _bakeries(), TODAY).refused


def test_only_short_codes_are_kept() -> None:
    assert code_values(("B01", "B02")) == ("B01", "B02")
    assert code_values(("B01", "north")) == ()  # a name among them: no code key
    assert code_values(("BOS-2024",)) == ()  # a team's season: the digits are a year


MODEL = """
semantic_models:
  - name: sales
    model: ref('sales')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: sale, type: primary, expr: sale_id}
      - {name: store, type: foreign, expr: store_code}
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: loaves_sold, agg: sum, expr: loaves}
metrics:
  - {name: loaves_sold, label: Loaves Sold, type: simple, type_params: {measure: loaves_sold}}
"""
DATA = """
create table sales (sale_id int, sold_on date, store_code varchar, loaves int);
insert into sales values (1, '2026-01-03', 'B01', 10), (2, '2026-01-09', 'B02', 20),
  (3, '2026-02-02', 'B02', 5);
"""


def test_the_catalog_reads_a_code_key_and_the_code_answers(yaml_shop) -> None:
    shop = yaml_shop("lone_entity_codes", MODEL, DATA, TODAY)
    assert answered_value(shop.ask("B02的Loaves Sold")) == 25
    assert answered_value(shop.ask("loaves sold for B01")) == 10
