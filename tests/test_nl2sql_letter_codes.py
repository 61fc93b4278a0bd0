"""One-letter codes as values: read beside their noun, refused where dropped, never answered
unfiltered (``nl2sql.rules.dropped_codes``, ``rules.tokenize._caps_slot``).

A dimension of single capital letters (an ABC class, a tier I/II/III) shares its values with the
article "a" and the pronoun "I": "revenue for A items" was answered for every class (session 27,
a supply-chain model). An invented parts model with the four kinds of short value the class
covers: letters A/B/C, roman numerals I/II/III, digit levels 1/2/3 and a Yes/No flag.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 12, 7)

pytestmark = pytest.mark.usefixtures("own_cache")


def _parts() -> Catalog:
    day = CatalogDimension("part__day", "Day", dim_type="time", entity="part")
    dims = (
        CatalogDimension("part__abc_class", "Abc Class", entity="part", values=("A", "B", "C")),
        CatalogDimension("part__tier", "Tier", entity="part", values=("I", "II", "III")),
        CatalogDimension(
            "part__service_level", "Service Level", entity="part", values=("1", "2", "3")
        ),
        CatalogDimension("part__is_hazardous", "Is Hazardous", entity="part", values=("Yes", "No")),
        CatalogDimension("part__region", "Region", entity="part", values=("North", "South")),
    )
    metric = CatalogMetric(
        "revenue",
        "Revenue",
        agg="sum",
        measure_expr="revenue",
        agg_time_dimension=day.name,
        dimensions=tuple(d.name for d in dims),
    )
    return Catalog(
        metrics=(metric,), dimensions=(day, *dims), entities=(CatalogEntity("part", "part"),)
    )


CATALOG = _parts()


def _filters(question: str) -> list[tuple[str, list[str]]]:
    u = understand(question, CATALOG, TODAY)
    assert not u.refused, u.reason_en
    assert u.query is not None
    return [(f.dimension, list(f.values)) for f in u.query.filters if f.values]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("revenue for A parts", [("part__abc_class", ["A"])]),
        ("revenue for abc class A", [("part__abc_class", ["A"])]),
        ("revenue of A class parts", [("part__abc_class", ["A"])]),
        ("revenue for tier I", [("part__tier", ["I"])]),
        ("revenue for I parts", [("part__tier", ["I"])]),
        ("revenue for tier II", [("part__tier", ["II"])]),
        ("revenue for service level 2", [("part__service_level", ["2"])]),
        ("revenue where is hazardous is No", [("part__is_hazardous", ["No"])]),
        ("A类零件的收入", [("part__abc_class", ["A"])]),
        ("各地区的收入，A类", [("part__abc_class", ["A"])]),
    ],
)
def test_a_short_code_beside_its_noun_filters(question: str, expected: list) -> None:
    assert _filters(question) == expected


@pytest.mark.parametrize(
    ("question", "offered"),
    [
        ("revenue for A", "revenue for abc class A"),
        ("revenue for a", "revenue for abc class A"),
        ("revenue by region for I", "revenue by region for tier I"),
        ("REVENUE FOR A", "REVENUE FOR abc class A"),
        # typed all in capitals, "FOR A PART" may be the article or class A: answered for
        # every part before (wrongfix30), now asked with the class named
        ("REVENUE FOR A PART", "REVENUE FOR abc class A PART"),
    ],
)
def test_a_dropped_letter_is_refused_with_its_dimension_named(question: str, offered: str) -> None:
    """Read as the article, "revenue for A" answered every class's revenue: now asked, and
    the suggestion names the dimension (and runs)."""
    u = understand(question, CATALOG, TODAY)
    assert u.refused, u.query
    assert offered in u.suggestions


@pytest.mark.parametrize(
    "question",
    ["revenue for a part", "A breakdown of revenue by tier", "Can I see revenue by tier?"],
)
def test_the_article_and_the_pronoun_stay_grammar(question: str) -> None:
    assert _filters(question) == []
