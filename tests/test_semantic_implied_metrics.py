"""Measures the owner published no metric for are answered as implied metrics (session 11).

Two domains written for this (``fixtures/implied_football``, ``fixtures/implied_charging``):
most measures have no ``create_metric`` and no metric of their own. Every answer is checked
against the number computed by hand from the same rows; a published metric matching the same
words wins, a word fitting two measures is clarified, ``orderlens query`` refuses the measure
as MetricFlow does.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from nl2sql.ask import ask
from semantic_layer import SemanticQuery, load_model, query
from semantic_layer.implied import implied_names

FIXTURES = Path(__file__).parent / "fixtures"
FOOTBALL = FIXTURES / "implied_football"
CHARGING = FIXTURES / "implied_charging"
TODAY = "2024-06-01"

pytestmark = pytest.mark.usefixtures("own_cache")


def _con(tables: dict[str, pd.DataFrame]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for name, df in tables.items():
        con.register(f"{name}_df", df)
        con.execute(f"create table {name} as select * from {name}_df")
    return con


@pytest.fixture(scope="module")
def football_con():
    n = 40
    con = _con(
        {
            "appearances": pd.DataFrame(
                {
                    "appearance_id": range(n),
                    "player_id": [i % 8 for i in range(n)],
                    "played_on": [dt.date(2023, 1, 1) + dt.timedelta(days=9 * i) for i in range(n)],
                    "competition": ["Cup" if i % 3 == 0 else "League" for i in range(n)],
                    "goals": [(i * i) % 5 + i % 8 for i in range(n)],
                    "rating": [6 + (i % 7) * 0.5 for i in range(n)],
                    "shots": [i % 4 + 1 for i in range(n)],
                    "shots_on_target": [i % 2 for i in range(n)],
                    "assists": [i % 2 for i in range(n)],
                    "yellow_cards": [int(i % 5 == 0) for i in range(n)],
                    "red_cards": [int(i % 13 == 0) for i in range(n)],
                }
            ),
            "players": pd.DataFrame(
                {
                    "player_id": range(8),
                    "player_name": [f"Player {c}" for c in "ABCDEFGH"],
                    "position": ["Forward", "Defender"] * 4,
                }
            ),
        }
    )
    yield con
    con.close()


@pytest.fixture(scope="module")
def charging_con():
    n = 30
    con = _con(
        {
            "charging_sessions": pd.DataFrame(
                {
                    "session_id": range(n),
                    "charger_id": [i % 4 for i in range(n)],
                    "driver_id": [i % 6 for i in range(n)],
                    "started_at": [
                        dt.date(2024, 3, 1) + dt.timedelta(days=2 * i) for i in range(n)
                    ],
                    "connector_type": ["CCS" if i % 2 else "Type 2" for i in range(n)],
                    "energy_kwh": [10.0 + i for i in range(n)],
                    "price": [5.0 + (i % 3) for i in range(n)],
                }
            ),
            "chargers": pd.DataFrame(
                {"charger_id": range(4), "site_city": ["Oslo", "Bergen", "Oslo", "Trondheim"]}
            ),
            "app_visits": pd.DataFrame(
                {
                    "visit_id": range(50),
                    "driver_id": [i % 6 for i in range(50)],
                    "visited_at": [dt.date(2024, 3, 1) + dt.timedelta(days=i) for i in range(50)],
                }
            ),
            "wallet_snapshots": pd.DataFrame(  # 3 wallets, one balance per wallet per day
                {
                    "snapshot_id": range(180),
                    "wallet_id": [i % 3 for i in range(180)],
                    "snapshot_date": [
                        dt.date(2024, 3, 1) + dt.timedelta(days=i // 3) for i in range(180)
                    ],
                    "balance": [100.0 + i for i in range(180)],
                }
            ),
        }
    )
    yield con
    con.close()


def _ask(question: str, model: Path, con):
    """Why a ``db_key``: the warehouses are in memory, so without a name ``ask`` rebuilt the
    catalog and lexicon for every question. Each model folder here is asked on one warehouse
    only (built once per module, only read), so the folder names it, in this run's cache
    folder (``own_cache``)."""
    return ask(
        question,
        model=model,
        con=con,
        engine="rules",
        today=TODAY,
        chart=False,
        db_key=f"tests/test_semantic_implied_metrics.py:{model}",
    )


def _pairs(a, key: str, value: str) -> dict:
    return dict(zip(a.df[key], a.df[value], strict=True))


def _sql(con, sql: str) -> dict:
    return {r[0]: r[1] for r in con.execute(sql).fetchall()}


# ---- the semantic layer ------------------------------------------------------------------------
def test_only_measures_without_a_published_metric_are_implied() -> None:
    football = load_model(FOOTBALL)
    implied = sorted(k for k, m in football.metrics.items() if m.implied)
    # assists and shots_on_target are published (total_assists, shots_on_target_total)
    assert implied == [
        "appearance_count",
        "average_rating",
        "goals",
        "players_fielded",
        "rating_p90",
        "red_cards",
        "shots",
        "yellow_cards",
    ]
    p90 = football.metrics["rating_p90"]
    assert (p90.simple.agg, p90.simple.percentile, p90.label) == (
        "percentile",
        0.9,
        "90th percentile rating",
    )
    charging = load_model(CHARGING)
    wallet = charging.metrics["wallet_balance"].simple
    assert wallet.non_additive is not None
    assert (wallet.non_additive.dimension, wallet.non_additive.window_choice) == (
        "snapshot_date",
        "max",
    )
    assert charging.metrics["kwh_per_visit"].description.startswith("Average energy delivered")


def test_an_implied_metric_compiles_as_the_same_measure_with_create_metric(
    tmp_path: Path, charging_con
) -> None:
    """The snapshot balance by month: the same rows as MetricFlow's metric over the measure
    (``create_metric: true``), i.e. each month's latest day only."""
    published = tmp_path / "published"
    shutil.copytree(CHARGING, published)
    yml = published / "charging.yml"
    text = yml.read_text().replace(
        "          window_choice: max\n",
        "          window_choice: max\n        create_metric: true\n",
    )
    yml.write_text(text)
    q = SemanticQuery(metrics=["wallet_balance"], group_by=["metric_time__month"])
    mine = query(q, model=load_model(CHARGING), con=charging_con).df
    theirs = query(q, model=load_model(published), con=charging_con).df
    assert not load_model(published).metrics["wallet_balance"].implied
    assert mine.values.tolist() == theirs.values.tolist()
    want = _sql(
        charging_con,
        "select date_trunc('month', snapshot_date), sum(balance) from wallet_snapshots "
        "where snapshot_date in (select max(snapshot_date) from wallet_snapshots "
        "group by date_trunc('month', snapshot_date)) group by 1",
    )
    assert {pd.Timestamp(k).date(): v for k, v in zip(*mine.T.values, strict=True)} == {
        pd.Timestamp(k).date(): v for k, v in want.items()
    }


def test_orderlens_query_refuses_an_implied_metric_as_metricflow_does(charging_con) -> None:
    from lab.cli import cli

    model = load_model(CHARGING)
    assert implied_names(model, ["Energy_KWH", "charging_revenue"]) == ["Energy_KWH"]
    out = CliRunner().invoke(
        cli, ["query", "--metrics", "energy_kwh", "--semantic-model", str(CHARGING), "--sql-only"]
    )
    assert out.exit_code != 0
    assert "publishes no metric" in out.output and "create_metric: true" in out.output
    ok = CliRunner().invoke(
        cli,
        ["query", "--metrics", "charging_revenue", "--semantic-model", str(CHARGING), "--sql-only"],
    )
    assert ok.exit_code == 0, ok.output


# ---- questions: football -----------------------------------------------------------------------
@pytest.mark.parametrize("question", ["how many goals by competition", "各赛事的进球数"])
def test_a_sum_measure_grouped(question, football_con) -> None:
    a = _ask(question, FOOTBALL, football_con)
    assert a.ok and a.query.metrics == ["goals"], a.reason
    want = _sql(football_con, "select competition, sum(goals) from appearances group by 1")
    assert _pairs(a, "appearance__competition", "goals") == want
    assert a.implied_metrics == ["goals"]
    assert a.to_json()["implied_metrics"] == ["goals"]
    if question.isascii():
        assert "sum of the measure `goals` (the model publishes no metric for it)" in (
            a.interpretation
        )
    else:
        assert "度量 `goals` 的求和（模型未发布此指标）" in a.interpretation


def test_a_sum_measure_over_a_year_and_filtered(football_con) -> None:
    a = _ask("goals in the Cup in 2023", FOOTBALL, football_con)
    assert a.ok, a.reason
    want = football_con.execute(
        "select sum(goals) from appearances where competition = 'Cup' and year(played_on) = 2023"
    ).fetchone()[0]
    assert a.df.iloc[0, -1] == want


def test_a_count_distinct_measure_by_month(football_con) -> None:
    a = _ask("players fielded by month", FOOTBALL, football_con)
    assert a.ok and a.query.metrics == ["players_fielded"], a.reason
    want = _sql(
        football_con,
        "select date_trunc('month', played_on), count(distinct player_id) from appearances "
        "group by 1",
    )
    got = _pairs(a, "metric_time__month", "players_fielded")
    assert {pd.Timestamp(k).date(): v for k, v in got.items()} == {
        pd.Timestamp(k).date(): v for k, v in want.items()
    }
    assert "distinct count of the measure `players_fielded`" in a.interpretation


def test_an_average_and_a_percentile_measure(football_con) -> None:
    a = _ask("average rating by competition", FOOTBALL, football_con)
    assert a.ok and a.query.metrics == ["average_rating"], a.reason
    want = _sql(football_con, "select competition, avg(rating) from appearances group by 1")
    assert _pairs(a, "appearance__competition", "average_rating") == pytest.approx(want)
    p = _ask("90th percentile rating", FOOTBALL, football_con)
    assert p.ok and p.query.metrics == ["rating_p90"], p.reason
    want_p = football_con.execute(
        "select percentile_cont(0.9) within group (order by rating) from appearances"
    ).fetchone()[0]
    assert p.df.iloc[0, 0] == pytest.approx(want_p)


def test_top_n_by_a_measure(football_con) -> None:
    a = _ask("top 3 players by goals", FOOTBALL, football_con)
    assert a.ok and a.query.metrics == ["goals"] and a.query.limit == 3, a.reason
    want = football_con.execute(
        "select player_name, sum(goals) g from appearances join players using (player_id) "
        "group by 1 order by g desc limit 3"
    ).fetchall()
    assert list(zip(a.df["player__player_name"], a.df["goals"], strict=True)) == want


def test_a_published_metric_wins_over_a_measure_in_its_words(football_con) -> None:
    a = _ask("shots on target by competition", FOOTBALL, football_con)
    assert a.ok and a.query.metrics == ["shots_on_target_total"], a.reason
    assert not a.implied_metrics and "measure" not in a.interpretation


# ---- questions: EV charging --------------------------------------------------------------------
def test_energy_by_connector_and_average_per_visit(charging_con) -> None:
    a = _ask("energy kwh by connector type", CHARGING, charging_con)
    assert a.ok and a.query.metrics == ["energy_kwh"], a.reason
    want = _sql(
        charging_con, "select connector_type, sum(energy_kwh) from charging_sessions group by 1"
    )
    assert _pairs(a, "session__connector_type", "energy_kwh") == want
    b = _ask("average kwh per visit", CHARGING, charging_con)
    assert b.ok and b.query.metrics == ["kwh_per_visit"], b.reason
    assert b.df.iloc[0, 0] == pytest.approx(
        charging_con.execute("select avg(energy_kwh) from charging_sessions").fetchone()[0]
    )


def test_a_count_measure_grouped_through_a_join(charging_con) -> None:
    a = _ask("how many charges by site city", CHARGING, charging_con)
    assert a.ok and a.query.metrics == ["charges"], a.reason
    want = _sql(
        charging_con,
        "select site_city, count(*) from charging_sessions join chargers using (charger_id) "
        "group by 1",
    )
    assert _pairs(a, "charger__site_city", "charges") == want


def test_a_snapshot_balance_is_its_latest_day(charging_con) -> None:
    a = _ask("wallet balance", CHARGING, charging_con)
    assert a.ok and a.query.metrics == ["wallet_balance"], a.reason
    want = charging_con.execute(
        "select sum(balance) from wallet_snapshots "
        "where snapshot_date = (select max(snapshot_date) from wallet_snapshots)"
    ).fetchone()[0]
    assert a.df.iloc[0, 0] == want == 834.0


def test_a_measure_inside_a_conversion_metric_does_not_take_its_question(charging_con) -> None:
    a = _ask("visit to charge conversion rate", CHARGING, charging_con)
    assert a.ok and a.query.metrics == ["visit_to_charge_conversion_rate"], a.reason
    b = _ask("app visits", CHARGING, charging_con)
    assert b.ok and b.query.metrics == ["app_visit_count"] and b.df.iloc[0, 0] == 50


def test_a_word_fitting_two_measures_is_clarified(football_con) -> None:
    a = _ask("cards by competition", FOOTBALL, football_con)
    assert a.refused and a.df is None
    assert set(a.suggestions[:2]) == {"yellow cards by competition", "red cards by competition"}


def test_part_of_a_measure_name_is_offered_not_guessed(charging_con) -> None:
    """ "energy" alone is refused with the measure's whole name as the suggestion
    (`kwh_per_visit`, an average, is never reached by part of its name)."""
    a = _ask("energy", CHARGING, charging_con)
    assert a.refused and a.df is None
    assert a.suggestions[0] == "energy kwh"


def test_a_unit_alone_is_the_one_total_counted_in_it(charging_con) -> None:
    """ "kwh" alone: kWh is a unit of the unit table (energy, since session 16), and a unit
    where a metric should be names the one total counted in it (docs/asking.md, units) — the
    sum of `energy_kwh`, never the average `kwh_per_visit`; the interpretation names it."""
    a = _ask("kwh", CHARGING, charging_con)
    assert a.ok and a.query.metrics == ["energy_kwh"], a.reason
    want = charging_con.execute("select sum(energy_kwh) from charging_sessions").fetchone()[0]
    assert a.df.iloc[0, 0] == want == 735.0
    assert "sum of the measure `energy_kwh`" in a.interpretation


def _with_published(tmp_path: Path, model: Path, semantic_model: str, extra: str) -> Path:
    """A copy of ``model`` where the owner also published a metric over a second measure."""
    out = tmp_path / model.name
    shutil.copytree(model, out)
    yml = next(out.glob("*.yml"))
    text = yml.read_text()
    head = f"  - name: {semantic_model}\n"
    start = text.index(head)
    at = text.index("    measures:\n", start) + len("    measures:\n")
    measure, metric = extra.split("---\n")
    text = text[:at] + measure + text[at:]
    yml.write_text(text.replace("metrics:\n", "metrics:\n" + metric, 1))
    return out


def test_a_published_metric_named_by_the_same_word_wins(tmp_path, football_con) -> None:
    """ "goals": the owner's metric labelled Goals, not the bare measure `goals` beside it."""
    model = _with_published(
        tmp_path,
        FOOTBALL,
        "appearances",
        "      - name: goals_scored\n        agg: sum\n        expr: goals\n---\n"
        "  - name: total_goals\n    label: Goals\n    type: simple\n"
        "    type_params:\n      measure: goals_scored\n",
    )
    a = _ask("goals by competition", model, football_con)
    assert a.ok and a.query.metrics == ["total_goals"] and not a.implied_metrics, a.reason


def test_a_published_metric_wins_on_charging_too(tmp_path, charging_con) -> None:
    model = _with_published(
        tmp_path,
        CHARGING,
        "charging_sessions",
        "      - name: billed_kwh\n        agg: sum\n        expr: energy_kwh\n---\n"
        "  - name: energy_billed\n    label: Energy kWh\n    type: simple\n"
        "    type_params:\n      measure: billed_kwh\n",
    )
    a = _ask("energy kwh by connector type", model, charging_con)
    assert a.ok and a.query.metrics == ["energy_billed"] and not a.implied_metrics, a.reason


def test_the_tail_of_a_measure_name_is_the_published_count_beside_it(
    tmp_path, charging_con
) -> None:
    """ "charge count": the published Total Charges, not `hourly_charge_count` (an average)."""
    model = _with_published(
        tmp_path,
        CHARGING,
        "charging_sessions",
        "      - name: hourly_charge_count\n        agg: average\n        expr: 1\n---\n"
        "  - name: total_charges\n    label: Total Charges\n    type: simple\n"
        "    type_params:\n      measure: charges\n",
    )
    a = _ask("charge count by connector type", model, charging_con)
    assert a.ok and a.query.metrics == ["total_charges"], (a.reason, a.interpretation)
    assert _pairs(a, "session__connector_type", "total_charges") == {"CCS": 15, "Type 2": 15}


def test_the_tail_of_a_measure_name_on_football(tmp_path, football_con) -> None:
    model = _with_published(
        tmp_path,
        FOOTBALL,
        "appearances",
        "      - name: weekly_appearance_count\n        agg: average\n        expr: 1\n---\n"
        "  - name: total_appearances\n    label: Total Appearances\n    type: simple\n"
        "    type_params:\n      measure: appearance_count\n",
    )
    a = _ask("appearance count in 2023", model, football_con)
    assert a.ok and a.query.metrics == ["total_appearances"], (a.reason, a.interpretation)
    assert a.df.iloc[0, 0] == 41 - 1 - sum(
        1 for i in range(40) if (dt.date(2023, 1, 1) + dt.timedelta(days=9 * i)).year != 2023
    )


def test_people_count_after_a_metric_that_counts_people(charging_con) -> None:
    """ "活跃司机人数": 人数 restates a distinct count of drivers (a person entity)."""
    a = _ask("各城市的活跃司机人数", CHARGING, charging_con)
    assert a.ok and a.query.metrics == ["active_drivers"], a.reason
    want = _sql(
        charging_con,
        "select site_city, count(distinct driver_id) from charging_sessions "
        "join chargers using (charger_id) group by 1",
    )
    assert _pairs(a, "charger__site_city", "active_drivers") == want


GYM = """
semantic_models:
  - name: checkins
    model: ref('checkins')
    defaults: {agg_time_dimension: checked_in_at}
    entities:
      - {name: checkin, type: primary, expr: checkin_id}
      - {name: member, type: foreign, expr: member_id}
    dimensions:
      - {name: checked_in_at, type: time, type_params: {time_granularity: day}}
      - {name: club, type: categorical}
    measures:
      - {name: active_members, agg: count_distinct, expr: member_id}
      - {name: checkin_count, agg: count, expr: checkin_id, create_metric: true}
"""


def test_people_count_after_a_metric_that_counts_people_at_a_gym(tmp_path) -> None:
    (tmp_path / "gym.yml").write_text(GYM)
    con = _con(
        {
            "checkins": pd.DataFrame(
                {
                    "checkin_id": range(20),
                    "member_id": [i % 7 for i in range(20)],
                    "checked_in_at": [dt.date(2024, 5, 1 + i) for i in range(20)],
                    "club": ["North" if i % 2 else "South" for i in range(20)],
                }
            )
        }
    )
    a = _ask("各俱乐部的活跃会员人数", tmp_path, con)
    assert a.ok and a.query.metrics == ["active_members"], a.reason
    assert _pairs(a, "checkin__club", "active_members") == {"North": 7, "South": 7}
    b = _ask("签到人数", tmp_path, con)  # a count of check-ins is no count of people
    assert not b.ok


@pytest.mark.parametrize(
    ("question", "model", "measure"),
    [
        ("how many drivers by site city", CHARGING, "active_drivers"),
        ("number of players by competition", FOOTBALL, "players_fielded"),
    ],
)
def test_a_qualified_measure_is_not_its_bare_noun(
    question, model, measure, football_con, charging_con
) -> None:
    """ "drivers" is not `active_drivers` (the drivers who charged), "players" not
    `players_fielded`: part of a measure's name that drops a qualifier answers no question
    with it (an adversarial probe: "customers" read as `transacting_customers`)."""
    a = _ask(question, model, charging_con if model == CHARGING else football_con)
    assert not (a.ok and measure in a.query.metrics), a.interpretation
