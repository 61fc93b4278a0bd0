"""Shipping windows that hold against the actual index: calibration, risk-adjusted saving,
demand known on the planning date, and recommendations grouped per lane and week."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from connectors.demo.freight import trailing_mean
from connectors.warehouse import connect
from lab.shipping.backtest import run_backtest
from lab.shipping.recommend import WindowParams
from lab.shipping.review import with_window_keys
from lab.shipping.windows import windows_by_lane_week


@pytest.fixture(scope="module")
def toy_con(toy_history_db):
    con = connect(toy_history_db, read_only=True)
    yield con
    con.close()


def test_backtest_reports_how_much_of_the_promise_was_realised(toy_backtest):
    res = toy_backtest
    s = res.summary
    delayed = res.rows[res.rows["delay_days"] > 0]
    realised = (delayed["baseline_cost"] - delayed["policy_cost"]).sum()
    assert s["realised_saving"] == pytest.approx(realised, abs=0.01)
    assert s["promised_saving"] == pytest.approx(delayed["expected_saving"].sum(), abs=0.01)
    assert s["realised_vs_expected_pct"] == pytest.approx(100 * realised / s["promised_saving"])
    assert res.line().endswith(f"realised_vs_expected={s['realised_vs_expected_pct']:.1f}%")
    # the promise is risk-adjusted: never above the point-forecast saving of the same day
    assert (delayed["expected_saving"] <= delayed["forecast_saving"] + 1e-9).all()
    assert (delayed["expected_saving"] > 0).all()


def test_risk_aversion_zero_promises_the_point_forecast(toy_con):
    s = run_backtest(toy_con, WindowParams(risk_aversion=0.0)).summary
    assert s["promised_saving"] == pytest.approx(s["forecast_saving"], abs=0.01)


def test_demo_backtest_is_calibrated(demo_backtest):
    s = demo_backtest.summary
    print(f"\nrealised/promised {s['realised_vs_expected_pct']:.1f}% "
          f"realised/point forecast {s['realised_vs_forecast_pct']:.1f}%")  # fmt: skip
    assert s["delayed"] > 0
    # the risk-adjusted promise is closer to what the actual index paid than the point forecast
    # (on the 20,000-order eval warehouse: 93.5% realised vs 64% of the point forecast)
    assert s["realised_vs_expected_pct"] > s["realised_vs_forecast_pct"] + 5


def test_avg_daily_demand_uses_only_days_up_to_the_snapshot():
    rng = np.random.default_rng(3)
    demand = rng.poisson(5, (2, 60)).astype(float)
    known = trailing_mean(demand, 28)
    changed = demand.copy()
    changed[:, 40:] *= 10  # a demand surge later must not change what was known before it
    assert np.allclose(trailing_mean(changed, 28)[:, :40], known[:, :40])
    assert known[0, 30] == pytest.approx(demand[0, 3:31].mean())


def test_demo_stock_demand_moves_with_the_snapshot_date(demo_con):
    per_series = demo_con.execute(
        "SELECT overseas_warehouse, sku, count(DISTINCT avg_daily_demand) AS levels "
        "FROM warehouse_stock GROUP BY ALL"
    ).df()
    assert len(per_series) > 0 and (per_series["levels"] > 1).all()


PLAN = pd.DataFrame(
    {
        "order_id": ["A", "B", "C", "D", "E"],
        "lane": ["CN-DE", "CN-DE", "CN-DE", "CN-US", "CN-DE"],
        "shipping_mode": ["sea", "sea", "sea", "air", "sea"],
        "destination_country": ["DE", "DE", "DE", "US", "DE"],
        "units": [10, 20, 5, 4, 7],
        "ready_date": pd.to_datetime(
            ["2026-11-16", "2026-11-19", "2026-11-24", "2026-11-17", "2026-11-18"]
        ),
        "delay_days": [3, 3, 3, 2, 0],
        "recommended_ship_date": pd.to_datetime(
            ["2026-11-19", "2026-11-22", "2026-11-27", "2026-11-19", "2026-11-18"]
        ),
        "expected_saving": [15.0, 30.0, 4.0, 2.0, 0.0],
    }
)


def test_recommendations_grouped_per_lane_week_and_delay():
    names = {"DE": ("德国", "Germany"), "US": ("美国", "United States")}
    w = windows_by_lane_week(PLAN, "2026-11-18", names)
    assert w[["lane", "week_start", "orders", "units", "expected_saving", "saving_per_unit"]].to_dict(
        "records"
    ) == [
        {"lane": "CN-DE", "week_start": pd.Timestamp("2026-11-16"), "orders": 2, "units": 30,
         "expected_saving": 45.0, "saving_per_unit": 1.5},
        {"lane": "CN-DE", "week_start": pd.Timestamp("2026-11-23"), "orders": 1, "units": 5,
         "expected_saving": 4.0, "saving_per_unit": 0.8},
        {"lane": "CN-US", "week_start": pd.Timestamp("2026-11-16"), "orders": 1, "units": 4,
         "expected_saving": 2.0, "saving_per_unit": 0.5},
    ]  # fmt: skip
    assert w["sentence_zh"].iloc[0] == (
        "本周发往德国的2单（30件）延迟3天出货（11-19 ~ 11-22），预计可节省1.50 CNY/件，共45.00 CNY"
    )
    assert w["sentence_zh"].iloc[1].startswith("下周发往德国的1单（5件）延迟3天出货")
    assert "to United States 2 days later" in w["sentence_en"].iloc[2]
    assert windows_by_lane_week(PLAN[PLAN["delay_days"] == 0], "2026-11-18", names).empty


def test_stored_rows_carry_the_window_keys():
    rows = with_window_keys(PLAN.assign(expected_saving=PLAN["expected_saving"]))
    assert rows["window_week"].dt.strftime("%Y-%m-%d").tolist()[:3] == [
        "2026-11-16",
        "2026-11-16",
        "2026-11-23",
    ]
    assert rows["saving_per_unit"].tolist() == [1.5, 1.5, 0.8, 0.5, 0.0]
