"""The planner on hand-made cases: never past the promise, customs, stock cover, thresholds."""

from __future__ import annotations

import json
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from connectors.warehouse import connect
from lab.shipping.calendar import load_calendar
from lab.shipping.recommend import WindowParams, load_pending_orders, recommend
from lab.shipping.toy import TOY_AS_OF, add_pending_order, build_toy_warehouse, insert_frame
from lab.shipping.transit import learn_transit

AS_OF = TOY_AS_OF  # a Friday; the toy index is cheapest on Wednesdays


@pytest.fixture()
def toy_con():
    con = connect(":memory:")
    build_toy_warehouse(con)
    yield con
    con.close()


def _plan(con, **kw):
    return recommend(con, AS_OF, WindowParams(**kw)).set_index("order_id")


def test_recommends_the_cheap_wednesday_and_reports_saving_and_evidence(toy_con):
    add_pending_order(toy_con, "O1", "DE", AS_OF + timedelta(days=20), units=10, mode="air")
    row = _plan(toy_con).loc["O1"]
    assert row["recommended_ship_date"] == pd.Timestamp("2026-11-25")  # next Wednesday
    assert row["delay_days"] == 5
    assert row["forecast_saving"] == pytest.approx(
        10 * (row["baseline_price"] - row["expected_price"]), abs=0.01
    )
    # the promise is risk-adjusted: priced halfway between the forecast and its upper band
    risk_price = row["expected_price"] + 0.5 * (row["expected_price_hi"] - row["expected_price"])
    assert row["expected_saving"] == pytest.approx(
        10 * (row["baseline_price"] - risk_price), abs=0.01
    )
    assert row["expected_saving"] < row["forecast_saving"]
    assert row["expected_saving"] > 50
    assert row["p_late"] == 0.0
    ev = json.loads(row["evidence"])
    assert ev["recommended_weekday"] == "Wednesday"
    assert ev["transit_days_q95"] == 8
    assert ev["index_trend_pct_per_week"] < 0  # the toy index falls 10% a year
    assert ev["price_per_unit_recommended"] < ev["price_per_unit_if_ready"]


@pytest.mark.parametrize("slack", [4, 6, 8, 9, 11, 13, 16, 25])
def test_never_recommends_a_date_past_the_promise(toy_con, slack):
    add_pending_order(toy_con, "O1", "US", AS_OF + timedelta(days=slack), mode="air")
    add_pending_order(toy_con, "O2", "DE", AS_OF + timedelta(days=slack + 22), mode="sea")
    plan = _plan(toy_con, horizon_days=30)
    transit = learn_transit(toy_con)
    q = transit.quantiles((0.95, 1.0)).set_index(["lane", "shipping_mode"])
    for oid, key in (("O1", ("CN-US", "air")), ("O2", ("CN-DE", "sea"))):
        row = plan.loc[oid]
        latest_safe = row["promised_delivery_date"] - pd.Timedelta(days=q.loc[key, "q95"])
        if row["delay_days"] > 0:
            assert row["recommended_ship_date"] <= latest_safe
            assert row["p_late"] <= 0.05
            assert row["p_late"] - row["p_late_ready"] <= 0.005 + 1e-12
        else:
            assert row["recommended_ship_date"] == pd.Timestamp(AS_OF)


def test_a_promise_that_cannot_be_kept_ships_at_once_with_its_risk(toy_con):
    add_pending_order(toy_con, "O1", "US", AS_OF + timedelta(days=5), mode="air")
    row = _plan(toy_con).loc["O1"]
    assert row["delay_days"] == 0 and row["expected_saving"] == 0
    assert row["p_late"] == pytest.approx(row["p_late_ready"]) and row["p_late"] > 0.5
    assert pd.isna(row["evidence"])


def test_customs_window_matches_a_plain_loop(toy_con):
    # DE sea arrivals on Dec 24-26 are held 3 days: promise Dec 27 sits inside the effect
    add_pending_order(toy_con, "O1", "DE", date(2026, 12, 27), mode="sea")
    plan = _plan(toy_con, on_time_target=0.0, max_extra_risk=1.0, horizon_days=6)
    transit = learn_transit(toy_con)
    pmf = transit.pmf()[transit.key_index(["CN-DE"], ["sea"])[0]]
    promised = pd.Timestamp("2026-12-27")

    def p_on_time(ship: pd.Timestamp) -> float:
        total = 0.0
        for t, w in enumerate(pmf):
            arrival = ship + pd.Timedelta(days=t)
            hold = 3 if pd.Timestamp("2026-12-24") <= arrival <= pd.Timestamp("2026-12-26") else 0
            total += w * (arrival + pd.Timedelta(days=hold) <= promised)
        return total

    row = plan.loc["O1"]
    assert row["p_late_ready"] == pytest.approx(1 - p_on_time(pd.Timestamp(AS_OF)))
    assert row["p_late"] == pytest.approx(1 - p_on_time(row["recommended_ship_date"]))
    assert row["p_late"] > row["p_late_ready"]  # a later ship lands more parcels in the window
    cal = load_calendar(toy_con)
    assert cal.loc[0, "note"] == "Weihnachten"
    strict = _plan(toy_con, horizon_days=6).loc["O1"]  # default target: no extra risk allowed
    assert strict["p_late"] - strict["p_late_ready"] <= 0.005 + 1e-12


def test_stock_cover_caps_the_delay(toy_con):
    add_pending_order(toy_con, "O1", "DE", AS_OF + timedelta(days=30), mode="air", sku="SKU-9")
    free = _plan(toy_con).loc["O1"]
    assert free["delay_days"] == 5
    insert_frame(toy_con, "warehouse_stock", pd.DataFrame([{
        "overseas_warehouse": "DE-FRA", "country": "DE", "sku": "SKU-9",
        "stock_date": pd.Timestamp(AS_OF - timedelta(days=1)), "on_hand": 25,
        "avg_daily_demand": 10.0,
    }]))  # fmt: skip
    capped = _plan(toy_con).loc["O1"]
    assert capped["days_of_cover"] == pytest.approx(2.5)
    assert 0 <= capped["delay_days"] <= 2
    ev = json.loads(capped["evidence"]) if capped["delay_days"] else None
    if ev:
        assert ev["days_of_cover"] == 2.5 and ev["stock_warehouse"] == "DE-FRA"
    ignored = _plan(toy_con, respect_stock_cover=False).loc["O1"]
    assert ignored["delay_days"] == 5


def test_min_saving_and_unknown_lanes_ship_when_ready(toy_con):
    add_pending_order(toy_con, "O1", "DE", AS_OF + timedelta(days=30), units=1, mode="air")
    add_pending_order(toy_con, "O2", "JP", AS_OF + timedelta(days=30), units=50, mode="rail")
    plan = _plan(toy_con, min_saving=1000.0)
    assert plan.loc["O1", "delay_days"] == 0
    assert plan.loc["O2", "delay_days"] == 0 and not plan.loc["O2", "freight_key_known"]
    assert _plan(toy_con).loc["O1", "delay_days"] > 0


def test_pending_orders_come_from_open_exports_only(toy_con):
    add_pending_order(toy_con, "O1", "DE", AS_OF + timedelta(days=30), units=7)
    add_pending_order(toy_con, "O2", "US", AS_OF + timedelta(days=30), mode="sea",
                      ready=AS_OF + timedelta(days=3))  # fmt: skip
    add_pending_order(toy_con, "O3", "CN", AS_OF + timedelta(days=3))
    pending = load_pending_orders(toy_con, AS_OF).set_index("order_id")
    assert list(pending.index) == ["O1", "O2"]
    assert pending.loc["O1", "units"] == 7 and pending.loc["O1", "lane"] == "CN-DE"
    assert pending.loc["O1", "ready_date"] == pd.Timestamp(AS_OF)
    assert pending.loc["O2", "ready_date"] == pd.Timestamp(AS_OF + timedelta(days=3))
    plan = _plan(toy_con)
    assert plan.loc["O2", "recommended_ship_date"] >= pd.Timestamp(AS_OF + timedelta(days=3))
    assert np.all(plan["delay_days"] >= 0)
