"""A Chinese noun that CC-CEDICT also glosses as an unrelated verb still names the model's thing.

Why: ECDICT's first translation of a model word was dropped whenever CC-CEDICT glossed it as a
verb too (飞行 "to fly; flight" names the act of flying, which the verb bridges read). That
also dropped 比赛 "competition; match; to compete", ECDICT's first word for "game" and
"tournament", so every question about a model's games or tournaments in Chinese was refused.
The filter now drops such a word only when its verb or noun is the model word's own (fly /
flight), and keeps it when the dictionaries close a loop (match -> 比赛). The small models
below are a chess club (tournaments) and an e-sports league (games); the filter still holds
on a flights model and a subscriptions model.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from nl2sql.vocabulary.bridges import build_bridges
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")

CHESS = Catalog(
    metrics=(
        CatalogMetric(
            "tournament_count",
            "Tournament Count",
            agg="count",
            measure_expr="id",
            counts="tournament",
        ),
        CatalogMetric("entry_fees", "Entry Fees", agg="sum", measure_expr="entry_fee"),
    ),
    dimensions=(
        CatalogDimension(
            "tournament__time_control",
            "Time Control",
            entity="tournament",
            values=("blitz", "rapid", "classical"),
        ),
        CatalogDimension(
            "tournament__start_date", "Start Date", entity="tournament", dim_type="time"
        ),
    ),
    entities=(CatalogEntity("tournament", "tournament", key_expr="id"),),
)

ESPORTS = Catalog(
    metrics=(
        CatalogMetric("games", "Games", agg="count", measure_expr="game_id", counts="game"),
        CatalogMetric("kills", "Kills", agg="sum", measure_expr="kills"),
    ),
    dimensions=(
        CatalogDimension("game__map_name", "Map Name", entity="game", values=("Dust", "Nuke")),
        CatalogDimension("game__played_at", "Played At", entity="game", dim_type="time"),
    ),
    entities=(CatalogEntity("game", "game", key_expr="game_id"),),
)

FLIGHTS = Catalog(
    metrics=(
        CatalogMetric("flights", "Flights", agg="count", measure_expr="id", counts="flight"),
        CatalogMetric("total_miles", "Total Miles", agg="sum", measure_expr="distance"),
    ),
    dimensions=(CatalogDimension("flight__carrier", "Carrier", entity="flight", values=("AA",)),),
    entities=(CatalogEntity("flight", "flight", key_expr="id"),),
)

SAAS = Catalog(
    metrics=(
        CatalogMetric(
            "subscriptions",
            "Subscriptions",
            agg="count",
            measure_expr="id",
            counts="subscription",
        ),
    ),
    dimensions=(
        CatalogDimension("subscription__plan", "Plan", entity="subscription", values=("pro",)),
    ),
    entities=(CatalogEntity("subscription", "subscription", key_expr="id"),),
)


def _bridged(catalog: Catalog, term: str) -> set[tuple[str, str]]:
    return {(b.kind, b.name) for b in build_bridges(catalog) if b.term == term and b.accepted}


def test_a_chess_clubs_tournaments_are_asked_in_chinese() -> None:
    assert ("entity", "tournament") in _bridged(CHESS, "比赛")
    u = understand("按时间控制统计比赛数量", CHESS, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["tournament_count"]
    assert u.query.group_by == ["tournament__time_control"]
    assert any("比赛" in b for b in u.bridged)


def test_an_esports_leagues_games_are_asked_in_chinese() -> None:
    assert ("entity", "game") in _bridged(ESPORTS, "比赛")
    u = understand("各地图名称的比赛数量", ESPORTS, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == ["games"] and u.query.group_by == ["game__map_name"]


def test_a_word_for_the_models_own_event_stays_out() -> None:
    """飞行 "to fly; flight": the act of the flights, read by the verb bridges, not a name."""
    assert not any("ecdict" in b.source for b in build_bridges(FLIGHTS) if b.term == "飞行")


def test_a_pivot_the_dictionaries_do_not_close_stays_out() -> None:
    """捐献 "to donate; donation" is ECDICT's first word for "subscription", but "donation"
    is not 捐献 first (捐赠物): no name of a SaaS subscription."""
    assert not _bridged(SAAS, "捐献")
