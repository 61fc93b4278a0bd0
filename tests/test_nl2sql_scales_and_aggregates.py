"""Wrong-answer classes of session 30 (wrongfix30, issue #12) on invented models: an average or a
total said "of" plural things is one figure (``nl2sql.rules.aggregated_over``), and scales of
presentation — "in thousands", 万元, 亿 — add the scaled column or are refused, never dropped
(``nl2sql.scale_words``, ``nl2sql.rules.scale_request``).

On main every question of the first two tests was wrong or useless: "average score of gauges
with status Met" answered one row per gauge, and "takings in thousands" / 各区域的收入（万元） were
refused with the suggestions "takings in" / "各区域的收入（）".
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 12, 7)

pytestmark = pytest.mark.usefixtures("own_cache")


def _plant() -> Catalog:
    """Gauge readings at a plant: an average score per reading, takings, visits, a rate."""
    day = CatalogDimension("reading__day", "Day", dim_type="time", entity="reading")
    dims = (
        CatalogDimension("reading__gauge", "Gauge", entity="reading", values=("G1", "G2", "G3")),
        CatalogDimension("reading__status", "Status", entity="reading", values=("Met", "Missed")),
        CatalogDimension("reading__region", "Region", entity="reading", values=("North", "South")),
    )
    names = tuple(d.name for d in dims)
    common = {"agg_time_dimension": day.name, "dimensions": names}
    score = CatalogMetric("score", "Score", agg="average", measure_expr="score", **common)
    takings = CatalogMetric("takings", "Takings", agg="sum", measure_expr="amount", **common)
    visits = CatalogMetric("visits", "Visits", agg="count", measure_expr="visit_id", **common)
    rate = CatalogMetric(
        "pass_rate", "Pass Rate", metric_type="ratio", value_format="percent", **common
    )
    return Catalog(
        metrics=(score, takings, visits, rate),
        dimensions=(day, *dims),
        entities=(CatalogEntity("reading", "reading"),),
    )


PLANT = _plant()


def _read(question: str) -> dict | str:
    u = understand(question, PLANT, TODAY)
    if u.refused:
        return f"REFUSED {u.reason_en} {u.suggestions}"
    assert u.query is not None
    return {
        "metrics": list(u.query.metrics),
        "group_by": list(u.query.group_by),
        "scaled": [(c.column, c.factor) for c in u.conversions],
    }


@pytest.mark.parametrize(
    "question",
    [
        "average score of gauges with status Met",
        "what is the average score of the gauges with status Met?",
        "total takings of gauges",
    ],
)
def test_an_average_or_total_of_plural_things_is_one_figure(question: str) -> None:
    got = _read(question)
    assert isinstance(got, dict) and got["group_by"] == [], got


@pytest.mark.parametrize(
    "question",
    [
        "average score of each gauge",
        "average score by gauge",
        "score of gauges",  # no average or total word: the gauges are listed, as before
        "which gauges have the highest average score",
    ],
)
def test_each_by_a_list_or_a_rank_still_groups(question: str) -> None:
    got = _read(question)
    assert isinstance(got, dict) and got["group_by"] == ["reading__gauge"], got


@pytest.mark.parametrize(
    ("question", "column", "factor"),
    [
        ("takings in thousands", "takings__in_thousand", 1e-3),
        ("takings in millions by region", "takings__in_million", 1e-6),
        ("各区域的收入（万元）", "takings__in_ten_thousand", 1e-4),
        ("收入，以亿元计", "takings__in_hundred_million", 1e-8),
        ("visits in thousands", "visits__in_thousand", 1e-3),  # a count too
    ],
)
def test_a_scale_adds_the_scaled_column(question: str, column: str, factor: float) -> None:
    got = _read(question.replace("收入", "takings"))
    assert isinstance(got, dict), got
    assert got["scaled"] == [(column, pytest.approx(factor))]


@pytest.mark.parametrize(
    "question",
    ["pass rate in thousands", "average score in millions", "visits（万元）"],
)
def test_a_scale_of_no_amount_is_refused_offering_the_plain_question(question: str) -> None:
    """A rate, an average score or a count "in 万元" has no scaled reading: refused, and the
    suggestion is the question without the scale (never "pass rate in")."""
    got = _read(question)
    assert isinstance(got, str) and got.startswith("REFUSED"), got
    assert " in'" not in got and "（）" not in got


@pytest.mark.parametrize("question", ["takings过亿元的区域", "takings破百万元了吗"])
def test_an_amount_said_in_words_is_no_scale(question: str) -> None:
    """过亿元 is "over a hundred million", no unit: never answered scaled, and no suggestion
    reads the scale where the amount was ("takings亿元的区域" answers another question)."""
    u = understand(question, PLANT, TODAY)
    assert u.refused, u.query
    assert not any("亿元" in s or "百万元" in s for s in u.suggestions), u.suggestions
