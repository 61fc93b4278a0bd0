"""A Chinese "kind of X" word names every X when its modifier is the field the model is about.

Why: 球队 "sports team" is built as a modifier plus 队 "team", so it was held back as a kind
of team (as 回头客 "repeat customer" is a kind of customer, and answering it for all customers
was wrong). On a model whose other Chinese names are noted "(sports)" by CC-CEDICT (联赛
"(sports) league", 赛季 "season (sports)"), every team is a sports team: refusing 球队 refused
every question about teams. The models below are a basketball league (teams) and a tennis
club (matches); an orders model and a model with no one field keep the guard.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from nl2sql.vocabulary.bridges import build_bridges
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

BASKETBALL = Catalog(
    metrics=(
        CatalogMetric("points", "Points", agg="sum", measure_expr="points"),
        CatalogMetric("rebounds", "Rebounds", agg="sum", measure_expr="rebounds"),
    ),
    dimensions=(
        CatalogDimension("team__team_name", "Team Name", entity="team", values=("Bulls", "Nets")),
        CatalogDimension("box_score__season", "Season", entity="box_score", values=("2024",)),
        CatalogDimension("league__league_name", "League Name", entity="league", values=("NBA",)),
    ),
    entities=(
        CatalogEntity("box_score", "box score"),
        CatalogEntity("team", "team"),
        CatalogEntity("league", "league"),
    ),
)

TENNIS = Catalog(
    metrics=(
        CatalogMetric("aces", "Aces", agg="sum", measure_expr="aces"),
        CatalogMetric("match_count", "Match Count", agg="count", measure_expr="id", counts="match"),
    ),
    dimensions=(
        CatalogDimension("match__surface", "Surface", entity="match", values=("clay", "grass")),
        CatalogDimension("match__season", "Season", entity="match", values=("2025",)),
        CatalogDimension("match__league", "League", entity="match", values=("ATP",)),
    ),
    entities=(CatalogEntity("match", "match", key_expr="id"),),
)

#: the same team entity with no sports field around it (a company's teams)
OFFICE = Catalog(
    metrics=(CatalogMetric("headcount", "Headcount", agg="sum", measure_expr="people"),),
    dimensions=(CatalogDimension("team__office", "Office", entity="team", values=("Paris",)),),
    entities=(CatalogEntity("team", "team"),),
)

SHOP = Catalog(
    metrics=(CatalogMetric("order_value", "Order Value", agg="avg", measure_expr="amount"),),
    dimensions=(
        CatalogDimension("customer__city", "City", entity="customer", values=("Lyon",)),
        CatalogDimension("order__channel", "Channel", entity="order", values=("web",)),
    ),
    entities=(CatalogEntity("customer", "customer"), CatalogEntity("order", "order")),
)


def _links(catalog: Catalog, term: str) -> set[tuple[str, str, str]]:
    return {
        (b.kind, b.name, b.source) for b in build_bridges(catalog) if b.term == term and b.accepted
    }


def test_a_basketball_leagues_teams_are_its_sports_teams() -> None:
    # a league naming its sports words (league, player, season …) gets 球队 from the sports
    # glossary (glossary_zh_domains.yml) too; either way it is the team entity alone
    assert {(k, n) for k, n, _ in _links(BASKETBALL, "球队")} == {("entity", "team")}
    assert {s for _, _, s in _links(BASKETBALL, "球队")} <= {"field+cedict", "glossary"}
    u = understand("各球队的rebounds", BASKETBALL, TODAY)
    assert not u.refused, u.reason_en
    english = understand("rebounds by team", BASKETBALL, TODAY).query
    assert u.query.metrics == ["rebounds"] and u.query.group_by == english.group_by
    assert "team__team_name" in u.query.group_by
    assert any(b.startswith("球队") for b in u.bridged)


def test_a_tennis_clubs_matches_are_its_ball_games() -> None:
    assert ("entity", "match", "field+cedict") in _links(TENNIS, "球赛")
    u = understand("按surface统计球赛数量", TENNIS, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["match_count"] and u.query.group_by == ["match__surface"]


def test_a_kind_word_without_the_models_field_stays_out() -> None:
    """An office's teams are no sports teams; 回头客 is still no name of every customer."""
    assert not _links(OFFICE, "球队")
    assert not _links(SHOP, "回头客")
    u = understand("回头客的平均订单价值", SHOP, TODAY)
    assert u.refused
