"""English everyday names of a model's things, from WordNet (``nl2sql/vocabulary/wordnet.py``).

Two domains written for this: taxi trips ("cab" for the taxi entity, "rider" for passenger)
and articles ("writer" for author). Each answer is checked against the rows; a word WordNet
ties to two of the model's things is clarified, a word the model has stays the model's, and a
money word never reaches a thing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from nl2sql.ask import ask
from nl2sql.vocabulary.wordnet import neighbours

pytestmark = pytest.mark.usefixtures("own_cache")

TAXI = """
semantic_models:
  - name: taxi_trips
    model: ref('taxi_trips')
    defaults: {agg_time_dimension: pickup_at}
    entities:
      - {name: trip, type: primary, expr: trip_id}
      - {name: taxi, type: foreign, expr: taxi_id}
      - {name: passenger, type: foreign, expr: passenger_id}
    dimensions:
      - {name: pickup_at, type: time, type_params: {time_granularity: day}}
      - {name: borough, type: categorical}
    measures:
      - {name: trip_count, agg: count, expr: trip_id, create_metric: true}
      - {name: fare_amount, agg: sum, expr: fare, create_metric: true}
  - name: taxis
    model: ref('taxis')
    entities:
      - {name: taxi, type: primary, expr: taxi_id}
    dimensions:
      - {name: taxi_color, type: categorical}
"""

ARTICLES = """
semantic_models:
  - name: articles
    model: ref('articles')
    defaults: {agg_time_dimension: published_at}
    entities:
      - {name: article, type: primary, expr: article_id}
      - {name: author, type: foreign, expr: author_id}
      - {name: seller, type: foreign, expr: seller_id}
      - {name: vendor, type: foreign, expr: vendor_id}
    dimensions:
      - {name: published_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: article_count, agg: count, expr: article_id, create_metric: true}
      - {name: word_count, agg: sum, expr: words, create_metric: true}
  - name: authors
    model: ref('authors')
    entities:
      - {name: author, type: primary, expr: author_id}
    dimensions:
      - {name: author_name, type: categorical}
"""


def _setup(tmp_path: Path, yml: str, tables: dict[str, pd.DataFrame]):
    (tmp_path / "model.yml").write_text(yml)
    con = duckdb.connect()
    for name, df in tables.items():
        con.register(f"{name}_df", df)
        con.execute(f"create table {name} as select * from {name}_df")
    return tmp_path, con


@pytest.fixture
def taxi(tmp_path):
    trips = pd.DataFrame(
        {
            "trip_id": range(30),
            "taxi_id": [i % 5 for i in range(30)],
            "passenger_id": [i % 9 for i in range(30)],
            "pickup_at": [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(30)],
            "borough": ["Queens" if i % 2 else "Bronx" for i in range(30)],
            "fare": [10.0 + i for i in range(30)],
        }
    )
    taxis = pd.DataFrame({"taxi_id": range(5), "taxi_color": ["yellow", "green"] * 2 + ["yellow"]})
    return _setup(tmp_path, TAXI, {"taxi_trips": trips, "taxis": taxis})


@pytest.fixture
def articles(tmp_path):
    rows = pd.DataFrame(
        {
            "article_id": range(12),
            "author_id": [i % 3 for i in range(12)],
            "seller_id": [i % 2 for i in range(12)],
            "vendor_id": [i % 4 for i in range(12)],
            "published_at": [dt.date(2024, 2, 1 + i) for i in range(12)],
            "words": [100 * (i + 1) for i in range(12)],
        }
    )
    authors = pd.DataFrame({"author_id": range(3), "author_name": ["Ann", "Bo", "Cy"]})
    return _setup(tmp_path, ARTICLES, {"articles": rows, "authors": authors})


def _ask(question: str, model: Path, con):
    return ask(question, model=model, con=con, engine="rules", today="2024-06-01", chart=False)


def test_only_things_get_neighbours() -> None:
    assert "cab" in neighbours("taxi") and "rider" in neighbours("passenger")
    assert neighbours("price") == neighbours("revenue") == neighbours("booking") == ()


def test_cab_is_the_taxi(taxi) -> None:
    model, con = taxi
    a = _ask("fare amount by cab color", model, con)
    assert a.ok and a.query.group_by == ["taxi__taxi_color"], a.reason
    assert "cab → taxi" in a.interpretation
    want = dict(
        con.execute(
            "select taxi_color, sum(fare) from taxi_trips join taxis using (taxi_id) group by 1"
        ).fetchall()
    )
    assert dict(zip(a.df["taxi__taxi_color"], a.df["fare_amount"], strict=True)) == want


def test_rider_is_the_passenger(taxi) -> None:
    model, con = taxi
    a = _ask("trips per rider", model, con)
    assert a.ok and a.query.metrics == ["trip_count"] and a.query.group_by == ["passenger"]
    assert "rider → passenger" in a.interpretation
    assert len(a.df) == 9 and a.df["trip_count"].sum() == 30


def test_writer_is_the_author(articles) -> None:
    model, con = articles
    a = _ask("word count by writer", model, con)
    assert a.ok and a.query.group_by[0] == "author", a.reason
    assert "writer → author" in a.interpretation
    want = dict(con.execute("select author_id, sum(words) from articles group by 1").fetchall())
    assert dict(zip(a.df["author"], a.df["word_count"], strict=True)) == want


def test_a_word_reaching_two_things_is_clarified(articles) -> None:
    """ "marketer": WordNet's other name of both seller and vendor — never a guess."""
    model, con = articles
    a = _ask("article count by marketer", model, con)
    assert a.refused and a.df is None
