"""Seeded warehouse for muneebmaster/nhl-analytics (NHL skater, team and goalie statistics).

Why generated: the project loads MoneyPuck CSV downloads into Snowflake outside dbt; none of
that data is in its repository. The relations are the marts its dbt models build in the
``+schema: analytics`` custom schema (dbt's default ``generate_schema_name`` gives
``main_analytics``): ``fct_skater_game_stats``, ``fct_skater_season_stats``,
``fct_team_season_stats``, ``fct_goalie_season_stats``, ``dim_players`` and
``metricflow_time_spine``, with the columns their SQL selects.

One schedule is drawn (8 teams, 4 games a round, seed 26): full seasons 2023..2026 (the
season is named by the year it ends: 2024 = 2023-24, October to April) and the current season
2027 up to 2026-12-06. Every season mart is the sum of the game rows, so the marts agree with
each other: a team's goals for are its skaters' goals, its goals against the opponents' goals,
a goalie's shots and goals against the opposing skaters' shots and goals in the games he
started. Situations on both sides of the owners' advice "situation = 'all' for full-season
totals": game rows 5on5 / 5on4 / 4on5 / other plus their sum 'all'; season rows 5on5 /
powerPlay (5on4) / other (4on5 + other) plus 'all'. ``game_score_tier`` (Elite >= 3,
Good >= 1.5, Average >= 0, Below Average) has rows in every tier; one skater changes team
(BOS to DAL from season 2026), so team-by-season totals differ from the player's current team.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

import duckdb

SEED = 26
TEAMS = [
    ("EDM", "Edmonton Oilers"),
    ("TOR", "Toronto Maple Leafs"),
    ("BOS", "Boston Bruins"),
    ("COL", "Colorado Avalanche"),
    ("NYR", "New York Rangers"),
    ("VAN", "Vancouver Canucks"),
    ("FLA", "Florida Panthers"),
    ("DAL", "Dallas Stars"),
]
FIRST = [
    "Liam", "Noah", "Elias", "Mikko", "Jonas", "Connor", "Owen", "Anton", "Lukas", "Mason",
    "Viktor", "Jake", "Oskar", "Ryan", "Teemu", "Dylan", "Nikita", "Filip", "Evan", "Matias",
    "Ivan", "Carter", "Henrik", "Adam",
]  # fmt: skip
LAST = [
    "Baxter", "Lindqvist", "Korhonen", "Novak", "Mercer", "Holloway", "Petrov", "Sandberg",
    "Draper", "Whitfield", "Kaminski", "Larocque", "Svoboda", "Hartley", "Virtanen", "Mcbride",
    "Orlov", "Bergstrom", "Fletcher", "Dubois", "Ashford", "Kuznetsov", "Lehtonen", "Garrison",
]  # fmt: skip
NATIONS = ["CAN", "USA", "SWE", "FIN", "RUS", "CZE", "GER"]
#: six skaters a team: two centres, a left and a right wing, two defencemen
POSITIONS = ["C", "C", "L", "R", "D", "D"]
SEASONS = [2023, 2024, 2025, 2026, 2027]
LAST_DAY = dt.date(2026, 12, 6)
TRADED = (2, 0, 2026, "DAL")  # team index, skater index, from season, new team


def _season_dates(season: int, rounds: int) -> list[dt.date]:
    start = dt.date(season - 1, 10, 8)
    end = dt.date(season, 4, 10) if season < 2027 else dt.date(2026, 12, 5)
    step = (end - start).days / max(rounds - 1, 1)
    return [start + dt.timedelta(days=round(i * step)) for i in range(rounds)]


def _players(rng: random.Random) -> tuple[list[dict], list[dict]]:
    names = [f"{f} {ln}" for f in FIRST for ln in LAST]
    rng.shuffle(names)
    skaters, goalies = [], []
    for t, (code, _name) in enumerate(TEAMS):
        for i, pos in enumerate(POSITIONS):
            skaters.append(
                {
                    "id": 8470000 + t * 10 + i,
                    "name": names.pop(),
                    "pos": pos,
                    "team": code,
                    "team_idx": t,
                    "idx": i,
                    "nat": rng.choice(NATIONS),
                    "skill": rng.uniform(0.6, 1.5) * (0.45 if pos == "D" else 1.0),
                    "birth": dt.date(
                        rng.randint(1990, 2004), rng.randint(1, 12), rng.randint(1, 28)
                    ),
                }
            )
        for g in range(2):
            goalies.append(
                {
                    "id": 8480000 + t * 10 + g,
                    "name": names.pop(),
                    "team": code,
                    "starter": g == 0,
                    "nat": rng.choice(NATIONS),
                    "birth": dt.date(
                        rng.randint(1988, 2002), rng.randint(1, 12), rng.randint(1, 28)
                    ),
                }
            )
    return skaters, goalies


def _team_of(sk: dict, season: int) -> str:
    t, i, since, new = TRADED
    if sk["team_idx"] == t and sk["idx"] == i and season >= since:
        return new
    return str(sk["team"])


#: situation -> (ice seconds range, scoring weight)
SITUATIONS = {
    "5on5": (700, 1150, 1.0),
    "5on4": (0, 240, 0.55),
    "4on5": (0, 150, 0.1),
    "other": (0, 70, 0.08),
}


def _skater_rows(rng: random.Random, sk: dict, scale: float) -> dict[str, dict]:
    rows: dict[str, dict] = {}
    for sit, (lo, hi, w) in SITUATIONS.items():
        ice = (
            float(rng.randint(lo, hi))
            if sk["pos"] != "D" or sit != "5on5"
            else float(rng.randint(1000, 1500))
        )
        if sit == "5on4" and sk["pos"] == "D" and rng.random() < 0.5:
            ice = 0.0
        shots = sum(1 for _ in range(6) if rng.random() < 0.28 * sk["skill"] * w * scale)
        goals = sum(1 for _ in range(shots) if rng.random() < 0.13)
        assists = sum(1 for _ in range(3) if rng.random() < 0.16 * sk["skill"] * w * scale)
        hits = rng.randint(0, 4) if sit == "5on5" else rng.randint(0, 1)
        take = rng.randint(0, 2) if sit == "5on5" else 0
        xg = round(shots * rng.uniform(0.04, 0.16) + (0.05 if goals else 0.0), 3)
        hds = sum(1 for _ in range(shots) if rng.random() < 0.33)
        hdg = min(goals, sum(1 for _ in range(hds) if rng.random() < 0.35))
        score = round(
            0.75 * goals + 0.7 * assists + 0.075 * shots + 0.05 * hits + rng.uniform(-0.9, 0.5), 3
        )
        rows[sit] = {
            "ice": ice, "shots": shots, "goals": goals, "assists": assists, "hits": hits,
            "take": take, "xg": xg, "hds": hds, "hdg": hdg, "score": score,
        }  # fmt: skip
    total = {k: sum(r[k] for r in rows.values()) for k in rows["5on5"]}
    total["xg"] = round(total["xg"], 3)
    total["score"] = round(
        0.75 * total["goals"] + 0.7 * total["assists"] + 0.075 * total["shots"] + 0.05 * total["hits"]
        + rng.uniform(-1.2, 0.8), 3
    )  # fmt: skip
    if rng.random() < 0.04:  # a few standout nights, so the Elite tier is never empty
        total["score"] = round(total["score"] + 3.0, 3)
    rows["all"] = total
    return rows


def _tier(score: float) -> str:
    if score >= 3:
        return "Elite"
    if score >= 1.5:
        return "Good"
    if score >= 0:
        return "Average"
    return "Below Average"


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create the marts the semantic models read in ``main_analytics`` (see the module doc)."""
    rng = random.Random(SEED)
    skaters, goalies = _players(rng)
    teams = dict(TEAMS)
    game_rows: list[tuple] = []
    season_acc: dict[tuple, dict] = defaultdict(lambda: defaultdict(float))
    season_games: dict[tuple, set] = defaultdict(set)
    team_acc: dict[tuple, dict] = defaultdict(lambda: defaultdict(float))
    goalie_acc: dict[tuple, dict] = defaultdict(lambda: defaultdict(float))
    codes = [c for c, _ in TEAMS]
    for season in SEASONS:
        rounds = 16 if season < 2027 else 6
        for rnd, day in enumerate(_season_dates(season, rounds)):
            if day > LAST_DAY:
                continue
            order = codes[:]
            rng.shuffle(order)
            for g in range(4):
                game_id = season * 10000 + rnd * 10 + g
                home, away = order[2 * g], order[2 * g + 1]
                per_team: dict[str, dict] = {}
                for team, opp, side in ((home, away, "HOME"), (away, home, "AWAY")):
                    scale = 1.12 if side == "HOME" else 1.0
                    tot = defaultdict(float)
                    for sk in skaters:
                        if _team_of(sk, season) != team:
                            continue
                        rows = _skater_rows(rng, sk, scale)
                        season_games[(sk["id"], season)].add(game_id)
                        for sit, r in rows.items():
                            game_rows.append(
                                (
                                    sk["id"], sk["name"], game_id, season, team, opp, side, day,
                                    sk["pos"], sit, r["ice"], r["score"], r["goals"], r["assists"],
                                    r["goals"] + r["assists"], r["shots"], r["xg"], r["hits"],
                                    r["take"], _tier(r["score"]),
                                )
                            )  # fmt: skip
                            ssit = {"5on4": "powerPlay", "4on5": "other"}.get(sit, sit)
                            acc = season_acc[(sk["id"], season, ssit)]
                            acc["team"] = team  # type: ignore[assignment]
                            for k in (
                                "ice",
                                "shots",
                                "goals",
                                "assists",
                                "hits",
                                "take",
                                "xg",
                                "hds",
                                "hdg",
                            ):
                                acc[k] += r[k]
                        for k in ("goals", "xg", "shots", "hds", "hdg"):
                            tot[k] += rows["all"][k]
                    per_team[team] = tot
                for team, opp in ((home, away), (away, home)):
                    mine, theirs = per_team[team], per_team[opp]
                    ta = team_acc[(team, season)]
                    ta["gp"] += 1
                    ta["gf"] += mine["goals"]
                    ta["ga"] += theirs["goals"]
                    ta["xgf"] += mine["xg"]
                    ta["xga"] += theirs["xg"]
                    ta["sf"] += mine["shots"]
                    ta["sa"] += theirs["shots"]
                    team_goalies = [gl for gl in goalies if gl["team"] == team]
                    starter = team_goalies[0] if rng.random() < 0.72 else team_goalies[1]
                    ga = goalie_acc[(starter["id"], season)]
                    ga["gp"] += 1
                    ga["sog"] += theirs["shots"]
                    ga["goals"] += theirs["goals"]
                    ga["xga"] += theirs["xg"]
                    ga["hds"] += theirs["hds"]
                    ga["hdg"] += theirs["hdg"]
    con.execute("CREATE SCHEMA IF NOT EXISTS main_analytics")
    con.execute(
        "CREATE TABLE main_analytics.fct_skater_game_stats (player_id INTEGER, player_name VARCHAR, "
        "game_id INTEGER, season INTEGER, team VARCHAR, opposing_team VARCHAR, home_or_away VARCHAR, "
        "game_date DATE, position VARCHAR, situation VARCHAR, ice_time_seconds DOUBLE, "
        "game_score DOUBLE, goals INTEGER, assists INTEGER, points INTEGER, shots_on_goal INTEGER, "
        "xgoals DOUBLE, hits INTEGER, takeaways INTEGER, game_score_tier VARCHAR)"
    )
    con.executemany(
        "INSERT INTO main_analytics.fct_skater_game_stats VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        game_rows,
    )
    by_id = {sk["id"]: sk for sk in skaters}
    season_rows = []
    for (pid, season, sit), a in sorted(season_acc.items()):
        sk = by_id[pid]
        season_rows.append(
            (
                pid, sk["name"], season, a["team"], sk["pos"], sit, sk["nat"],
                len(season_games[(pid, season)]), a["ice"], int(a["goals"]), int(a["assists"]),
                int(a["goals"] + a["assists"]), int(a["shots"]), round(a["xg"], 3), int(a["hits"]),
                int(a["take"]), int(a["hdg"]), int(a["hds"]),
            )
        )  # fmt: skip
    con.execute(
        "CREATE TABLE main_analytics.fct_skater_season_stats (player_id INTEGER, player_name VARCHAR, "
        "season INTEGER, team VARCHAR, position VARCHAR, situation VARCHAR, nationality VARCHAR, "
        "games_played INTEGER, ice_time_seconds DOUBLE, goals INTEGER, assists INTEGER, "
        "points INTEGER, shots_on_goal INTEGER, individual_xgoals DOUBLE, hits INTEGER, "
        "takeaways INTEGER, high_danger_goals INTEGER, high_danger_shots INTEGER)"
    )
    con.executemany(
        "INSERT INTO main_analytics.fct_skater_season_stats VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        season_rows,
    )
    team_rows = []
    for (team, season), a in sorted(team_acc.items()):
        xgf, xga = round(a["xgf"], 3), round(a["xga"], 3)
        corsi = round(rng.uniform(0.44, 0.56), 4)
        team_rows.append(
            (
                team, season, teams[team], "Team Level", "all", int(a["gp"]), a["gp"] * 3600.0,
                round(xgf / (xgf + xga), 4) if xgf + xga else None, corsi,
                round(corsi + rng.uniform(-0.02, 0.02), 4), int(a["gf"]), int(a["ga"]),
                int(a["gf"] - a["ga"]), xgf, xga, round(xgf - xga, 3), int(a["sf"]), int(a["sa"]),
            )
        )  # fmt: skip
    con.execute(
        "CREATE TABLE main_analytics.fct_team_season_stats (team VARCHAR, season INTEGER, "
        "team_name VARCHAR, position VARCHAR, situation VARCHAR, games_played INTEGER, "
        "ice_time_seconds DOUBLE, xgoals_pct DOUBLE, corsi_pct DOUBLE, fenwick_pct DOUBLE, "
        "goals_for INTEGER, goals_against INTEGER, goal_diff INTEGER, xgoals_for DOUBLE, "
        "xgoals_against DOUBLE, xgoal_diff DOUBLE, shots_for INTEGER, shots_against INTEGER)"
    )
    con.executemany(
        "INSERT INTO main_analytics.fct_team_season_stats VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        team_rows,
    )
    gby = {gl["id"]: gl for gl in goalies}
    goalie_rows = []
    for (pid, season), a in sorted(goalie_acc.items()):
        gl = gby[pid]
        sog, goals, xga = int(a["sog"]), int(a["goals"]), round(a["xga"], 3)
        goalie_rows.append(
            (
                pid, season, gl["name"], gl["team"], "G", "all", int(a["gp"]), a["gp"] * 3600.0,
                xga, goals, sog, sog - goals, round(1 - goals / sog, 4) if sog else None,
                int(a["hds"]), int(a["hdg"]), round(xga - goals, 3),
            )
        )  # fmt: skip
    con.execute(
        "CREATE TABLE main_analytics.fct_goalie_season_stats (player_id INTEGER, season INTEGER, "
        "player_name VARCHAR, team VARCHAR, position VARCHAR, situation VARCHAR, "
        "games_played INTEGER, ice_time_seconds DOUBLE, xgoals_against DOUBLE, "
        "goals_against INTEGER, shots_on_goal_against INTEGER, saves INTEGER, save_pct DOUBLE, "
        "high_danger_shots_against INTEGER, high_danger_goals_against INTEGER, "
        "goals_saved_above_expected DOUBLE)"
    )
    con.executemany(
        "INSERT INTO main_analytics.fct_goalie_season_stats VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        goalie_rows,
    )
    con.execute(
        "CREATE TABLE main_analytics.dim_players (player_id INTEGER, player_name VARCHAR, "
        "position VARCHAR, current_team VARCHAR, birth_date DATE, nationality VARCHAR)"
    )
    con.executemany(
        "INSERT INTO main_analytics.dim_players VALUES (?, ?, ?, ?, ?, ?)",
        [(s["id"], s["name"], s["pos"], _team_of(s, 2027), s["birth"], s["nat"]) for s in skaters]
        + [(g["id"], g["name"], "G", g["team"], g["birth"], g["nat"]) for g in goalies],
    )
    con.execute(
        "CREATE TABLE main_analytics.metricflow_time_spine AS SELECT "
        "CAST(DATE '2007-10-01' + INTERVAL (i) DAY AS DATE) AS date_day FROM range(7000) t(i)"
    )
