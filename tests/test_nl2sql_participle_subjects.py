"""A metric labelled "<noun> <past participle>" is named by its noun ("home runs" for "Home
Runs Witnessed", "calls" for "Calls Answered"; ``vocabulary/english_anchors.py``), and 看到 /
看过 ("saw", "have seen") are general verbs that change no query (``general.py``).

Owners label totals by what happened to the rows ("Games Attended", "Units Sold"); users ask
for the noun. The suffix rule keeps a label's end (the participle) and so never offered the
noun: "how many home runs" and "total runs in 2024" were refused on 'runs'. Two metrics with
the same noun ("Calls Answered", "Calls Dropped") tie and are clarified. Catalogs from two
domains (a fan's ballpark log, a call centre), written like dbt projects by others.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from nl2sql.vocabulary.english_anchors import name_anchors
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from semantic_layer.query import TimeRange

TODAY = dt.date(2025, 10, 15)


pytestmark = pytest.mark.usefixtures("own_cache")


BALLPARK = Catalog(
    metrics=(
        CatalogMetric(
            "home_runs_witnessed",
            "Home Runs Witnessed",
            agg="sum",
            agg_time_dimension="play__game_date",
            dimensions=("play__event_code",),
        ),
        CatalogMetric(
            "runs_witnessed",
            "Runs Witnessed",
            agg="sum",
            agg_time_dimension="play__game_date",
            dimensions=("play__event_code",),
        ),
    ),
    dimensions=(
        CatalogDimension("play__game_date", "Game Date", dim_type="time", entity="play"),
        CatalogDimension("play__event_code", "Event Code", entity="play", values=("20", "23")),
    ),
    entities=(CatalogEntity("play", "play"),),
)


def _call_centre(*extra: CatalogMetric) -> Catalog:
    return Catalog(
        metrics=(
            CatalogMetric(
                "calls_answered",
                "Calls Answered",
                agg="sum",
                agg_time_dimension="agent_day__day",
                dimensions=("agent__team",),
            ),
            *extra,
        ),
        dimensions=(
            CatalogDimension("agent_day__day", "Day", dim_type="time", entity="agent_day"),
            CatalogDimension("agent__team", "Team", entity="agent", values=("Billing", "Tech")),
        ),
        entities=(CatalogEntity("agent_day", "agent day"), CatalogEntity("agent", "agent")),
    )


@pytest.mark.parametrize(
    ("catalog", "question", "metric", "group_by", "start"),
    [
        (BALLPARK, "How many home runs in total?", "home_runs_witnessed", [], None),
        (BALLPARK, "total runs in 2024", "runs_witnessed", [], "2024-01-01"),
        (
            BALLPARK,
            "2023年每个月看到的本垒打数",
            "home_runs_witnessed",
            ["metric_time__month"],
            None,
        ),
        (BALLPARK, "我看过多少个本垒打？", "home_runs_witnessed", [], None),
        (_call_centre(), "calls by team", "calls_answered", ["agent__team"], None),
        (_call_centre(), "上个月看到的calls", "calls_answered", [], "2025-09-01"),
    ],
)
def test_the_noun_before_a_closing_participle_names_the_metric(
    catalog, question, metric, group_by, start
) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == [metric]
    assert u.query.group_by == group_by
    if start is not None:
        assert isinstance(u.query.time_range, TimeRange)
        assert str(u.query.time_range.start) == start


def test_two_metrics_with_one_noun_are_clarified() -> None:
    dropped = CatalogMetric(
        "calls_dropped",
        "Calls Dropped",
        agg="sum",
        agg_time_dimension="agent_day__day",
        dimensions=("agent__team",),
    )
    u = understand("calls by team", _call_centre(dropped), TODAY)
    assert u.refused


def test_only_a_plain_noun_phrase_is_a_subject() -> None:
    phrases = {
        a.phrase
        for a in name_anchors(
            "metric", "m", "m", ["Orders Placed and Later Returned", "Total Paid", "Units Sold"]
        )
        if a.source == "subject"
    }
    assert phrases == {"unit"}


def _with_returned(sold: str, returned: str, dim: str, value: str) -> Catalog:
    """A model with '<noun> <participle>' and 'Returned <noun>': the noun alone is both."""
    ent = dim.split("__")[0]
    metrics = tuple(
        CatalogMetric(
            label.lower().replace(" ", "_"),
            label,
            agg="sum",
            agg_time_dimension=f"{ent}__day",
            dimensions=(dim,),
        )
        for label in (sold, returned)
    )
    return Catalog(
        metrics=metrics,
        dimensions=(
            CatalogDimension(f"{ent}__day", "Day", dim_type="time", entity=ent),
            CatalogDimension(dim, dim.split("__")[1].title(), entity=ent, values=(value, "Other")),
        ),
        entities=(CatalogEntity(ent, ent),),
    )


@pytest.mark.parametrize(
    ("catalog", "question", "alone", "said"),
    [
        # a shop: "quantity" is Quantity Sold's subject and Returned Quantity's word
        (
            _with_returned("Quantity Sold", "Returned Quantity", "item__brand", "Acme"),
            "brands with more than 2 quantity",
            "quantity by brand",
            "returned quantity",
        ),
        # a warehouse: "units" of Units Shipped and of Returned Units
        (
            _with_returned("Units Shipped", "Returned Units", "depot__region", "North"),
            "units by region",
            "units by region",
            "units",
        ),
    ],
)
def test_a_subject_another_metric_also_holds_is_clarified(catalog, question, alone, said) -> None:
    """Was answered with the '<noun> <participle>' metric (a wrong answer about returns)."""
    u = understand(question, catalog, TODAY)
    assert u.refused
    assert said in u.reason_en.lower(), u.reason_en
    only = Catalog(
        metrics=catalog.metrics[:1], dimensions=catalog.dimensions, entities=catalog.entities
    )
    kept = understand(alone, only, TODAY)
    assert not kept.refused, kept.reason_en
    assert kept.query.metrics == [catalog.metrics[0].name]
