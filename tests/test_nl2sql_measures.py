"""What quantity a question asks for: counts without a named metric, units, generic amounts.

The model under test (``fixtures/measures_rides``) is a small bike-share project written for
these rules; every answer is checked against the number computed by hand from the same rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from nl2sql.ask import ask
from nl2sql.rules import understand
from nl2sql.rules.units import metric_unit
from nl2sql.unit_words import factor
from semantic_layer import build_catalog, load_model
from semantic_layer.catalog import CatalogMetric

MODEL = Path(__file__).parent / "fixtures" / "measures_rides"
TODAY = "2026-04-01"
N_RIDES = 120


pytestmark = pytest.mark.usefixtures("own_cache")


@pytest.fixture(scope="module")
def rides_con():
    rides = pd.DataFrame(
        {
            "ride_id": range(N_RIDES),
            "bike_id": [i % 7 for i in range(N_RIDES)],  # 7 bikes, each ridden many times
            "rider_id": [i % 11 for i in range(N_RIDES)],
            "start_station_id": [i % 3 for i in range(N_RIDES)],
            "started_at": [dt.date(2026, 3, 1) + dt.timedelta(days=i % 20) for i in range(N_RIDES)],
            "ride_type": ["electric" if i % 4 == 0 else "classic" for i in range(N_RIDES)],
            "distance": [1.0 + (i % 5) * 0.5 for i in range(N_RIDES)],  # miles
            "duration": [10.0 + (i % 6) * 5 for i in range(N_RIDES)],  # minutes
            "fare": [2.0 + (i % 3) for i in range(N_RIDES)],
            "tip": [0.5 * (i % 2) for i in range(N_RIDES)],
            "refund": [1.0 if i % 10 == 0 else 0.0 for i in range(N_RIDES)],
        }
    )
    bikes = pd.DataFrame({"bike_id": range(7), "bike_model": ["city", "cargo"] * 3 + ["city"]})
    stations = pd.DataFrame({"station_id": range(3), "station_name": ["North", "Harbor", "Mill"]})
    con = duckdb.connect()
    for name, df in (("rides", rides), ("bikes", bikes), ("stations", stations)):
        con.register(f"{name}_df", df)
        con.execute(f"create table {name} as select * from {name}_df")
    yield con
    con.close()


def _ask(question: str, con):
    """Why a ``db_key``: the warehouse is in memory, so without a name for it ``ask`` rebuilt
    the catalog and lexicon for every question; ``rides_con`` is built once and only read
    (the key is this file's own, in this run's cache folder: ``own_cache``)."""
    return ask(
        question,
        model=MODEL,
        con=con,
        engine="rules",
        today=TODAY,
        chart=False,
        db_key="tests/test_nl2sql_measures.py:rides_con",
    )


def _rows(con, sql: str) -> dict:
    return {r[0]: r[1] for r in con.execute(sql).fetchall()}


@pytest.mark.parametrize(
    "question", ["按车型统计行程数", "各车型的行程量", "number of rides by bike model"]
)
def test_a_counted_noun_is_its_count_metric_even_after_a_grouping(question, rides_con) -> None:
    a = _ask(question, rides_con)
    assert a.ok and a.query.metrics == ["rides"] and a.query.group_by == ["bike__bike_model"]
    want = _rows(
        rides_con,
        "select bike_model, count(*) from rides join bikes using (bike_id) group by 1",
    )
    assert dict(zip(a.df["bike__bike_model"], a.df["rides"], strict=True)) == want


def test_a_counter_after_how_many_names_the_metric_counted_in_it(rides_con) -> None:
    a = _ask("各车型一共有多少趟", rides_con)  # 趟 -> the metric named 趟数
    assert a.ok and a.query.metrics == ["rides"] and a.query.group_by == ["bike__bike_model"]
    assert int(a.df["rides"].sum()) == N_RIDES
    assert _ask("多少笔", rides_con).refused  # no metric is named 笔数: nothing to count


@pytest.mark.parametrize("question", ["各站点的行程人数", "各站点的行程件数"])
def test_people_and_pieces_are_no_count_of_the_nouns_rows(question, rides_con) -> None:
    # 人数 counts people (riders), 件数 pieces: neither is the number of rides
    a = _ask(question, rides_con)
    assert not (a.ok and a.query.metrics == ["rides"])


def test_a_count_suffix_with_a_daily_grain(rides_con) -> None:
    a = _ask("3月每天的行程量", rides_con)
    assert a.ok and a.query.metrics == ["rides"] and a.query.group_by == ["metric_time__day"]
    assert len(a.df) == 20 and int(a.df["rides"].sum()) == N_RIDES


@pytest.mark.parametrize(
    "question", ["how many different bikes", "多少辆不同的单车", "number of distinct bikes"]
)
def test_different_counts_the_entity_not_the_rows_naming_it(question, rides_con) -> None:
    a = _ask(question, rides_con)
    assert a.ok and a.query.metrics == ["bikes_ridden"]
    assert int(a.df["bikes_ridden"].iloc[0]) == 7  # not the 120 rides that name a bike


def test_the_catalog_knows_what_a_count_metric_counts() -> None:
    cat = build_catalog(load_model(MODEL))
    counts = {m.name: m.counts for m in cat.metrics if m.counts}
    # a filtered count is a subset, not "the" count; sums count nothing
    assert counts == {"rides": "ride", "bikes_ridden": "bike", "riders": "rider"}


def test_an_entity_without_a_count_metric_is_refused_naming_the_counts(rides_con) -> None:
    a = _ask("how many stations", rides_con)
    assert a.refused
    assert "no metric that counts 'stations'" in a.error
    assert "it counts: Rides, Bikes Ridden, Riders" in a.error


def test_a_people_count_counts_the_person_named_before_it(rides_con) -> None:
    a = _ask("各站点的骑手人数", rides_con)
    assert a.ok and a.query.metrics == ["riders"]
    want = _rows(
        rides_con,
        "select station_name, count(distinct rider_id) from rides r "
        "join stations s on r.start_station_id = s.station_id group by 1",
    )
    assert dict(zip(a.df["station__station_name"], a.df["riders"], strict=True)) == want
    # people who got a refund are not the number of refunds: no person is named, refused
    refund = _ask("各站点的退款人数", rides_con)
    assert refund.refused and "人数" in refund.error


def test_units_are_read_from_declarations_names_and_descriptions() -> None:
    units = {m.name: metric_unit(m) for m in build_catalog(load_model(MODEL)).metrics}
    assert units["total_distance"] == "mile"  # the measure's description: "in miles"
    assert units["average_duration"] == "minute"  # the measure's name: duration_min_avg
    assert units["fare_amount"] == "usd"  # the measure's config.meta.unit
    assert units["refunds"] == "usd"  # the measure's name: refunds_usd
    assert units["rides"] is None
    assert metric_unit(CatalogMetric("w", "Parcel Weight (kg)")) == "kilogram"


def test_an_answer_in_another_unit_of_the_same_kind_is_converted(rides_con) -> None:
    a = _ask("total distance in km by station name", rides_con)
    assert a.ok and "converted from miles" in a.interpretation
    col = "total_distance__in_kilometer"
    assert a.column_labels[col] == "Total Distance in km (converted from miles)"
    miles = _rows(
        rides_con,
        "select station_name, sum(distance) from rides r "
        "join stations s on r.start_station_id = s.station_id group by 1",
    )
    got = dict(zip(a.df["station__station_name"], a.df[col], strict=True))
    assert got == pytest.approx({k: v * 1.609344 for k, v in miles.items()})
    assert list(a.df[col]) == sorted(a.df[col], reverse=True)  # the order survives the wrap


def test_the_chart_shows_the_unit_asked_for(rides_con) -> None:
    a = ask(
        "total distance in km by station name",
        model=MODEL,
        con=rides_con,
        engine="rules",
        today=TODAY,
        chart=True,
    )
    spec = a.chart if isinstance(a.chart, dict) else a.chart.to_dict()
    titles = [v.get("title") for v in spec["encoding"].values() if isinstance(v, dict)]
    assert "Total Distance in km (converted from miles)" in titles
    charted = sorted(row["total_distance"] for row in spec["data"]["values"])
    assert charted == pytest.approx(sorted(a.df["total_distance__in_kilometer"]))


def test_the_metrics_own_unit_is_absorbed_and_hours_convert_minutes(rides_con) -> None:
    own = _ask("average duration in minutes", rides_con)
    assert own.ok and list(own.df.columns) == ["average_duration"]
    hours = _ask("平均duration多少小时", rides_con)
    avg = rides_con.execute("select avg(duration) from rides").fetchone()[0]
    assert hours.ok and hours.df["average_duration__in_hour"].iloc[0] == pytest.approx(avg / 60)
    assert "由分钟换算" in hours.interpretation


def test_a_threshold_in_another_unit_is_converted(rides_con) -> None:
    u = understand(
        "stations with average duration above 0.3 hours",
        build_catalog(load_model(MODEL)),
        dt.date(2026, 4, 1),
    )
    assert not u.refused and u.query is not None
    assert [(h.metric, h.op, h.value) for h in u.query.having] == [
        ("average_duration", ">", pytest.approx(18.0))
    ]
    assert u.converted_numbers == [(0.3, "hour", "minute")]


def test_the_interpretation_says_how_a_conditions_number_was_converted(rides_con) -> None:
    a = _ask("stations with average duration above 0.3 hours", rides_con)
    assert a.ok and "0.3 hours = 18 minutes" in a.interpretation
    zh = _ask("平均duration超过0.5小时的站点", rides_con)
    assert zh.ok and "0.5小时 = 30分钟" in zh.interpretation


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("各站点的平均距离", "average_distance"),
        ("各站点的总距离", "total_distance"),
        ("total miles by station name", "total_distance"),  # a unit where a metric should be
        ("average miles by station name", "average_distance"),
    ],
)
def test_an_aggregation_word_or_a_unit_picks_the_metric(question, metric, rides_con) -> None:
    a = _ask(question, rides_con)
    assert a.ok and a.query.metrics == [metric], question
    agg = "avg" if metric == "average_distance" else "sum"
    want = _rows(
        rides_con,
        f"select station_name, {agg}(distance) from rides r "
        "join stations s on r.start_station_id = s.station_id group by 1",
    )
    assert dict(zip(a.df["station__station_name"], a.df[metric], strict=True)) == pytest.approx(
        want
    )
    assert _ask("各站点的距离", rides_con).refused  # no aggregation word: which one is asked


def test_a_unit_of_another_size_where_a_metric_should_be_is_converted(rides_con) -> None:
    a = _ask("how many km", rides_con)
    miles = rides_con.execute("select sum(distance) from rides").fetchone()[0]
    assert a.ok and a.query.metrics == ["total_distance"]
    assert a.df["total_distance__in_kilometer"].iloc[0] == pytest.approx(miles * 1.609344)


@pytest.mark.parametrize("question", ["fare amount in euros", "total distance in kg"])
def test_a_unit_without_a_fixed_factor_is_refused(question, rides_con) -> None:
    a = _ask(question, rides_con)
    assert a.refused and "no fixed factor" in a.error


def test_a_currency_the_metric_is_counted_in_is_absorbed(rides_con) -> None:
    a = _ask("tip amount in USD", rides_con)
    assert a.ok and float(a.df["tip_amount"].iloc[0]) == pytest.approx(0.5 * (N_RIDES // 2))


def test_a_qualifying_metric_picks_the_amount(rides_con) -> None:
    for question in ("refund amount by day", "每天的退款金额"):
        a = _ask(question, rides_con)
        assert a.ok and a.query.metrics == ["refunds"], question
        assert float(a.df["refunds"].sum()) == pytest.approx(N_RIDES / 10)


def test_a_qualifying_value_picks_the_one_amount_it_names(rides_con) -> None:
    a = _ask("electric amount", rides_con)
    assert a.ok and a.query.metrics == ["electric_fare_amount"] and a.query.filters == []
    want = rides_con.execute("select sum(fare) from rides where ride_type = 'electric'").fetchone()
    assert float(a.df["electric_fare_amount"].iloc[0]) == pytest.approx(want[0])


def test_a_generic_amount_without_a_qualifier_asks_with_runnable_questions(rides_con) -> None:
    a = _ask("amount by day", rides_con)
    assert a.refused and "ambiguous" in a.error
    assert set(a.suggestions) >= {"Fare Amount by day", "Tip Amount by day"}
    for s in a.suggestions:  # every suggestion answers as it is
        assert _ask(s, rides_con).ok, s
    zh = _ask("每天的金额", rides_con)
    assert zh.refused and zh.suggestions and all("每天" in s for s in zh.suggestions)


def test_the_unit_factors_are_the_definitions() -> None:
    assert factor("mile", "kilometer") == pytest.approx(1.609344)
    assert factor("foot", "meter") == pytest.approx(0.3048)
    assert factor("pound", "kilogram") == pytest.approx(0.45359237)
    assert factor("day", "hour") == 24
    with pytest.raises(ValueError, match="fixed factor"):
        factor("usd", "cny")
