"""English number scales in comparisons: "above 50k", "over $2 million", "less than 1.5mn".

The scale word was an unknown word ("I don't know 'k'"), so every such threshold was refused.
A scale only counts after a comparison or a currency sign: a name such as "3M" stays a name,
and "m" after a number stays metres (the question is matched in lower case).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.numbers import normalize_numerals
from tests.semantic_helpers import answer_rows
from tests.tiny_models import ORDERS_REVENUE_BY_REGION as SHOP

TODAY = dt.date(2026, 7, 2)
SHOP_DATA = """
create table orders (order_id int, ordered_on date, region varchar, amount int);
insert into orders values (1, '2026-06-01', 'east', 1200000), (2, '2026-06-02', 'east', 900000),
  (3, '2026-06-03', 'west', 800000), (4, '2026-06-03', 'north', 40000);
"""
FLEET = """
semantic_models:
  - name: flights
    model: ref('flights')
    defaults: {agg_time_dimension: flown_on}
    entities:
      - {name: flight, type: primary, expr: flight_id}
    dimensions:
      - {name: flown_on, type: time, type_params: {time_granularity: day}}
      - {name: carrier, type: categorical}
    measures:
      - {name: seats, agg: sum, expr: seat_count}
metrics:
  - {name: seats, label: Seats, type: simple, type_params: {measure: seats}}
"""
FLEET_DATA = """
create table flights (flight_id int, flown_on date, carrier varchar, seat_count int);
insert into flights values (1, '2026-06-01', 'UA', 1500), (2, '2026-06-01', 'UA', 900),
  (3, '2026-06-02', 'DL', 700);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("scales_shop", SHOP, SHOP_DATA, TODAY)


@pytest.fixture(scope="module")
def fleet(yaml_shop):
    return yaml_shop("scales_fleet", FLEET, FLEET_DATA, TODAY)


@pytest.mark.parametrize(
    "question", ["regions with revenue above 2mn", "regions with revenue over $1.5 million"]
)
def test_millions_in_a_threshold(shop, question) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert answer_rows(a) == [("east", 2100000)]


def test_thousands_on_another_model(fleet) -> None:
    a = fleet.ask("carriers with more than 1.2k seats")
    assert a.ok, a.error
    assert answer_rows(a) == [("UA", 2400)]


def test_names_and_metres_are_left_alone() -> None:
    assert normalize_numerals("3m sales by region") == "3m sales by region"
    assert normalize_numerals("distance over 500m") == "distance over 500m"
    assert normalize_numerals("between 1 million and 2mn") == "between 1000000 and 2000000"


def test_one_character_numerals_are_cn2ans_values_without_importing_it() -> None:
    """Every model's lexicon normalizes its terms, and one 一 (一次性, 统一) imported cn2an
    (~0.2 s of the first question on a new model). A one-character numeral is read from a
    table that must give exactly cn2an's value; longer numerals still go to cn2an."""
    import subprocess
    import sys

    import cn2an

    from nl2sql.numbers import _ONE_DIGIT, cn_to_number

    for char, value in _ONE_DIGIT.items():
        assert value == cn2an.cn2an(char, "smart"), char
        assert cn_to_number(char) == value
    assert cn_to_number("十五") == 15 and cn_to_number("一千五") == 1500
    assert cn_to_number("百") is None  # cn2an refuses a bare 百: still asked, still None
    code = (
        "import sys; from nl2sql.numbers import cn_to_number, normalize_numerals;"
        "cn_to_number('一'); normalize_numerals('统一售价前十');"
        "print('cn2an' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
