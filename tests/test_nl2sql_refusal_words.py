"""A refusal quotes the words the user typed, whole.

On a cat café project "how many cats visited the café?" was refused with "I don't know
'categories', 'caf', 'é'": "cats" was spelled out as the short form of "categories" although the
model sells a "cat lounge hour" (``rules.tokenize._model_word_plural``), and "café" fell apart at
its accented letter (``normalize.UNIT_RE``). Invented model: a board-game café selling a cat toy box.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.general import ABBREVIATIONS
from nl2sql.normalize import units

MODEL = """
semantic_models:
  - name: sales
    model: ref('sales')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: sale, type: primary, expr: sale_id}
    dimensions:
      - name: sold_on
        type: time
        type_params: {time_granularity: day}
      - {name: product_name, type: categorical}
    measures:
      - {name: amount, agg: sum}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: amount}}
"""

DATA = """
CREATE TABLE sales (sale_id INTEGER, sold_on DATE, product_name VARCHAR, amount DOUBLE);
INSERT INTO sales VALUES (1, DATE '2024-01-02', 'cat toy box', 5.0),
    (2, DATE '2024-01-03', 'chess hour', 8.0);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("refusal_words", MODEL, DATA, dt.date(2024, 6, 1))


def test_an_accented_word_is_one_word() -> None:
    assert [u.text for u in units("café revenue in zürich")] == ["café", "revenue", "in", "zürich"]


def test_the_refusal_quotes_the_accented_word(shop) -> None:
    a = shop.ask("revenue of the café")
    assert not a.ok
    assert "'café'" in a.error and "'caf'" not in a.error


def test_a_plural_of_a_model_word_is_not_spelled_out(shop) -> None:
    a = shop.ask("revenue from cats")
    assert not a.ok
    assert "categories" not in a.error and "'cats'" in a.error


def test_the_short_form_stays_general() -> None:
    assert ABBREVIATIONS["cats"] == "categories"  # spelled out where the model has no "cat"
