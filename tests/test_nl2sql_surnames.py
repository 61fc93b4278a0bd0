"""A person is named by the family name alone: "goals per 90 minutes for Haaland" on a player
"Erling Haaland", "sales of Verhoeven" on an author "Noor Verhoeven".

Partial names were leading words only ("Acme" of "Acme Trading"), so a public football
project's "Haaland每90分钟进球多少" was refused as unknown (``vocabulary.values._surname``). Two
domains: football players and a bookshop's authors. A family name two people share is
clarified; a second word that is an English word ("Trading") is never a partial.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from semantic_layer.query import DimensionFilter

TODAY = dt.date(2025, 6, 1)

pytestmark = pytest.mark.usefixtures("own_cache")


def _catalog(fact: str, metric: str, owner: str, names: tuple[str, ...]) -> Catalog:
    d = CatalogDimension(f"{owner}__{owner}_name", "Name", entity=owner, values=names)
    return Catalog(
        metrics=(
            CatalogMetric(
                metric,
                metric.replace("_", " "),
                agg="sum",
                agg_time_dimension=f"{fact}__day",
                dimensions=(d.name,),
            ),
        ),
        dimensions=(CatalogDimension(f"{fact}__day", "Day", dim_type="time", entity=fact), d),
        entities=(CatalogEntity(fact, fact), CatalogEntity(owner, owner)),
    )


FOOTBALL = _catalog("stint", "goals", "player", ("Erling Haaland", "Lucas Hansen", "Mia Hansen"))
BOOKS = _catalog("sale", "sales", "author", ("Noor Verhoeven", "Acme Trading", "Tom Fernandes"))


@pytest.mark.parametrize(
    ("catalog", "question", "dim", "value"),
    [
        (FOOTBALL, "goals for Haaland", "player__player_name", "Erling Haaland"),
        (FOOTBALL, "Haaland的goals", "player__player_name", "Erling Haaland"),
        (BOOKS, "sales of Verhoeven", "author__author_name", "Noor Verhoeven"),
        (BOOKS, "fernandes sales", "author__author_name", "Tom Fernandes"),
    ],
)
def test_a_family_name_filters_to_its_person(catalog, question, dim, value) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None
    assert u.query.filters == [DimensionFilter(dimension=dim, op="=", values=[value])]


def test_a_family_name_two_people_share_is_clarified() -> None:
    u = understand("goals for Hansen", FOOTBALL, TODAY)
    assert u.refused
    assert "Lucas Hansen" in u.reason_en and "Mia Hansen" in u.reason_en


def test_an_english_second_word_is_no_partial() -> None:
    u = understand("sales of trading", BOOKS, TODAY)
    assert u.refused
    assert "trading" in u.reason_en.lower()
