"""A US state name that is also a value of another dimension is asked about, never guessed.

"sales to Texas" on data whose cities include one named Texas answered the city (a wrong answer
with a plausible interpretation), and where a state column holds all 51 codes (too many for the
catalog's own values, so they sit in the value index) "Ohio" was not known at all. Now a state
name reaches indexed codes as it reaches listed ones (``nl2sql.vocabulary.places``), and a name
that is both is a clarification offering each reading (``nl2sql.lexicon_values.place_name_clash``).
Two domains: a shop's sales and a clinic chain's visits.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.vocabulary.places import US_STATES
from tests.semantic_helpers import answer_rows

TODAY = dt.date(2026, 7, 2)
CODES = sorted(US_STATES)


def _model(fact: str, key: str, day: str, measure: str, agg: str, expr: str, label: str) -> str:
    return f"""
semantic_models:
  - name: {fact}
    model: ref('{fact}')
    defaults: {{agg_time_dimension: {day}}}
    entities:
      - {{name: {key}, type: primary, expr: {key}_id}}
    dimensions:
      - {{name: {day}, type: time, type_params: {{time_granularity: day}}}}
      - {{name: state, type: categorical}}
      - {{name: city, type: categorical}}
    measures:
      - {{name: {measure}, agg: {agg}, expr: {expr}}}
metrics:
  - {{name: {measure}, label: {label}, type: simple, type_params: {{measure: {measure}}}}}
"""


def _data(fact: str, key: str, day: str, cities: dict[str, str], codes: list[str]) -> str:
    """One row per state code (amount 10), one more per city, in the state the city maps to."""
    rows = [f"({i}, '2026-06-01', '{c}', 'Springfield', 10)" for i, c in enumerate(codes)]
    rows += [
        f"({100 + i}, '2026-06-02', '{state}', '{city}', 1)"
        for i, (city, state) in enumerate(cities.items())
    ]
    return (
        f"create table {fact} ({key}_id int, {day} date, state varchar, city varchar,"
        f" amount int);\ninsert into {fact} values {', '.join(rows)};"
    )


@pytest.fixture(scope="module")
def shop(yaml_shop):
    model = _model("sales", "sale", "sold_on", "revenue", "sum", "amount", "Revenue")
    data = _data("sales", "sale", "sold_on", {"Texas": "AK", "Austin": "TX"}, CODES)
    return yaml_shop("place_clash_shop", model, data, TODAY)


@pytest.fixture(scope="module")
def clinics(yaml_shop):
    model = _model("visits", "visit", "visited_on", "visits", "count", "visit_id", "Visits")
    data = _data("visits", "visit", "visited_on", {"Washington": "DC", "Salem": "OR"}, CODES)
    return yaml_shop("place_clash_clinics", model, data, TODAY)


@pytest.fixture(scope="module")
def few_states(yaml_shop):
    """Three codes only: the catalog lists them itself (the bridge path, not the index)."""
    model = _model("sales", "sale", "sold_on", "revenue", "sum", "amount", "Revenue")
    data = _data("sales", "sale", "sold_on", {"Texas": "CA"}, ["TX", "CA", "NY"])
    return yaml_shop("place_clash_few", model, data, TODAY)


@pytest.mark.parametrize(
    ("fixture", "question", "city", "code"),
    [
        ("shop", "revenue in Texas", "Texas", "TX"),
        ("clinics", "how many visits in Washington", "Washington", "WA"),
        ("few_states", "revenue in Texas", "Texas", "TX"),
    ],
)
def test_a_state_name_that_is_also_a_city_is_asked(request, fixture, question, city, code):
    a = request.getfixturevalue(fixture).ask(question)
    assert not a.ok
    assert city in a.error and code in a.error, a.error


@pytest.mark.parametrize(
    ("fixture", "question", "rows"),
    [
        ("shop", "revenue in Ohio", [(10,)]),
        ("shop", "俄亥俄州的收入", [(10,)]),
        ("shop", "revenue in Austin", [(1,)]),
        ("clinics", "how many visits in Oregon", [(2,)]),
    ],
)
def test_a_state_name_reaches_indexed_codes(request, fixture, question, rows):
    a = request.getfixturevalue(fixture).ask(question)
    assert a.ok, a.error
    assert answer_rows(a) == rows
