"""A country column of lower-case ISO codes ("jp", "fr") is named by its countries
(``nl2sql.vocabulary.countries``).

MetricFlow's own lodging example keeps listing countries as "us", "jp", "fr"; "smallest listing
capacity in Japan" and 日本的房源数 were refused, although the upper-case codes of the same
column would have been read. Tested on an invented kite-festival model, with a column of
lower-case words that are no codes as the probe.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 1)

MODEL = """
semantic_models:
  - name: entries
    model: ref('entries')
    defaults: {agg_time_dimension: flown_on}
    entities:
      - {name: entry, type: primary, expr: entry_id}
    dimensions:
      - {name: flown_on, type: time, type_params: {time_granularity: day}}
      - {name: home_country, type: categorical, label: Home Country}
      - {name: kite_country, type: categorical, label: Kite Country}
    measures:
      - {name: entry_count, agg: count, expr: entry_id}
metrics:
  - {name: entries, label: Entries, type: simple, type_params: {measure: entry_count}}
"""
DATA = """
create table entries (entry_id int, flown_on date, home_country varchar, kite_country varchar);
insert into entries values (1, '2026-04-01', 'jp', 'box'), (2, '2026-04-02', 'jp', 'delta'),
  (3, '2026-04-03', 'fr', 'box'), (4, '2026-04-04', 'gb', 'sled'), (5, '2026-04-05', 'fr', 'box');
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("lower_country_codes", MODEL, DATA, TODAY)


def _value(answer) -> float:
    assert not answer.refused, answer.error
    return float(answer.df.iloc[0, -1])


@pytest.mark.parametrize(
    ("question", "expected"),
    [("entries from Japan", 2.0), ("entries from France", 2.0), ("英国的entries", 1.0)],
)
def test_country_name_reads_lower_case_code(shop, question, expected) -> None:
    assert _value(shop.ask(question)) == expected


def test_country_absent_from_the_data_is_not_guessed(shop) -> None:
    answer = shop.ask("entries from Germany")
    assert answer.refused or _value(answer) == 0.0


def test_column_of_other_words_gets_no_country_names(shop) -> None:
    # kite_country holds kite shapes, not codes: "Delta" the shape is no country
    answer = shop.ask("entries from Japan by kite country")
    assert not answer.refused, answer.error
    assert sorted(answer.df.iloc[:, 0].tolist()) == ["box", "delta"]
