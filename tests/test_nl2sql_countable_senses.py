"""A "how many" noun with several entity/dimension senses is the one the model can count
(``rules/counting.py``), and resolving it never recurses into itself (``rules/state.py``).

"games" on a ballpark model written by its owner is the attended game (counted by Games
Attended), the game x team row (no count) and the "is yankees game" flag. Disambiguating the
word asked which metric the question counts, counting asked for the word's sense, and the two
called each other until the stack ran out: the question crashed (RecursionError, scored as a
wrong answer). Now the word's sense is unknown while it is being settled, and a "how many"
question takes the one sense the model has a count for. Catalogs from two domains (a fan's
ballpark log, a SaaS signup funnel), written like dbt projects by others.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2025, 10, 15)


pytestmark = pytest.mark.usefixtures("own_cache")


BALLPARK = Catalog(
    metrics=(
        CatalogMetric(
            "games_attended",
            "Games Attended",
            agg="count",
            counts="attended_game",
            agg_time_dimension="attended_game__game_date",
            dimensions=("attended_game__venue", "attended_game__is_yankees_game"),
        ),
        CatalogMetric(
            "team_wins_attended",
            "Team Wins (Attended)",
            agg="sum",
            agg_time_dimension="attended_team_game__game_date",
            dimensions=("attended_team_game__team",),
        ),
    ),
    dimensions=(
        CatalogDimension(
            "attended_game__game_date", "Game Date", dim_type="time", entity="attended_game"
        ),
        CatalogDimension(
            "attended_game__venue",
            "Venue",
            entity="attended_game",
            values=("Fenway Park", "Yankee Stadium"),
        ),
        CatalogDimension(
            "attended_game__is_yankees_game",
            "Is Yankees Game",
            entity="attended_game",
            values=("true", "false"),
        ),
        CatalogDimension(
            "attended_team_game__game_date",
            "Game Date",
            dim_type="time",
            entity="attended_team_game",
        ),
        CatalogDimension(
            "attended_team_game__team", "Team", entity="attended_team_game", values=("BOS", "NYA")
        ),
    ),
    entities=(
        CatalogEntity("attended_game", "attended game"),
        CatalogEntity("attended_team_game", "attended team game"),
    ),
)

SIGNUPS = Catalog(
    metrics=(
        CatalogMetric(
            "signups_completed",
            "Signups Completed",
            agg="count",
            counts="trial_signup",
            agg_time_dimension="trial_signup__signed_up_at",
            dimensions=("trial_signup__plan", "trial_signup__is_partner_signup"),
        ),
        CatalogMetric(
            "seats_bought",
            "Seats Bought",
            agg="sum",
            agg_time_dimension="paid_signup__paid_at",
            dimensions=("paid_signup__plan",),
        ),
    ),
    dimensions=(
        CatalogDimension(
            "trial_signup__signed_up_at", "Signed Up At", dim_type="time", entity="trial_signup"
        ),
        CatalogDimension(
            "trial_signup__plan", "Plan", entity="trial_signup", values=("Starter", "Pro")
        ),
        CatalogDimension(
            "trial_signup__is_partner_signup",
            "Is Partner Signup",
            entity="trial_signup",
            values=("true", "false"),
        ),
        CatalogDimension("paid_signup__paid_at", "Paid At", dim_type="time", entity="paid_signup"),
        CatalogDimension("paid_signup__plan", "Plan", entity="paid_signup", values=("Pro",)),
    ),
    entities=(
        CatalogEntity("trial_signup", "trial signup"),
        CatalogEntity("paid_signup", "paid signup"),
    ),
)


@pytest.mark.parametrize(
    ("catalog", "question", "metric", "group_by"),
    [
        (BALLPARK, "How many games have I been to in total?", "games_attended", []),
        (BALLPARK, "number of games by year", "games_attended", ["metric_time__year"]),
        (SIGNUPS, "how many signups do we have", "signups_completed", []),
        (SIGNUPS, "number of signups per month", "signups_completed", ["metric_time__month"]),
    ],
)
def test_how_many_takes_the_one_countable_sense(catalog, question, metric, group_by) -> None:
    u = understand(question, catalog, TODAY)
    assert not u.refused, u.reason_en
    assert u.query.metrics == [metric]
    assert u.query.group_by == group_by


def test_two_countable_senses_stay_a_clarification() -> None:
    both = Catalog(
        metrics=(
            *SIGNUPS.metrics,
            CatalogMetric("paid_signups", "Paid Signups", agg="count", counts="paid_signup"),
        ),
        dimensions=SIGNUPS.dimensions,
        entities=SIGNUPS.entities,
    )
    u = understand("how many signups do we have", both, TODAY)
    assert u.refused
    assert "ambiguous" in u.reason_en
