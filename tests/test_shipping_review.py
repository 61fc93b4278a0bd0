"""Review of recommendations: statuses, audit trail, accepted-can't-change, re-runs, expiry."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest

from connectors.warehouse import connect
from lab.shipping import (
    AlreadyDecided,
    InvalidDecision,
    RecommendationExpired,
    RecommendationNotFound,
    ShippingError,
)
from lab.shipping.recommend import recommend
from lab.shipping.review import (
    decide,
    list_recommendations,
    recommendation_history,
    store_recommendations,
)
from lab.shipping.toy import TOY_AS_OF, add_pending_order, build_toy_warehouse

AS_OF = TOY_AS_OF


@pytest.fixture()
def con():
    c = connect(":memory:")
    build_toy_warehouse(c)
    add_pending_order(c, "O1", "DE", AS_OF + timedelta(days=25), units=10, mode="air")
    add_pending_order(c, "O2", "US", AS_OF + timedelta(days=25), units=20, mode="air")
    add_pending_order(c, "O3", "US", AS_OF + timedelta(days=5), units=20, mode="air")  # no delay
    yield c
    c.close()


def _run(con, as_of=AS_OF):
    return store_recommendations(con, recommend(con, as_of), as_of)


def test_store_and_list_proposals(con):
    counts = _run(con)
    assert counts == {"proposed": 2, "refreshed": 0, "kept_decided": 0, "superseded": 0,
                      "expired": 0}  # fmt: skip
    df = list_recommendations(con)
    assert list(df["recommendation_id"]) == ["SR20261120-O2", "SR20261120-O1"]  # by saving
    assert set(df["status"]) == {"proposed"}
    o1 = df.set_index("order_id").loc["O1"]
    assert o1["destination_country"] == "DE" and o1["lane"] == "CN-DE"
    assert o1["delay_days"] == 5 and o1["expected_saving"] > 0
    # the stored saving is the risk-adjusted promise: at most the point-forecast difference
    assert 0 < o1["expected_saving"] <= o1["baseline_cost"] - o1["expected_cost"] + 0.02
    assert o1["saving_per_unit"] == pytest.approx(o1["expected_saving"] / o1["units"], abs=0.01)
    assert pd.Timestamp(o1["promised_delivery_date"]) == pd.Timestamp(AS_OF + timedelta(days=25))
    assert list_recommendations(con, "accepted").empty
    with pytest.raises(InvalidDecision, match="unknown status 'done'"):
        list_recommendations(con, "done")
    ev = recommendation_history(con, "SR20261120-O1")
    assert list(ev["status"]) == ["proposed"] and ev["previous_status"].isna().all()


def test_decisions_are_audited_and_accepted_cannot_change_silently(con):
    _run(con)
    row = decide(con, "SR20261120-O1", "accept", "mei", "ok, Wednesday it is")
    assert row["status"] == "accepted" and row["reviewer"] == "mei"
    assert row["recommended_ship_date"] == "2026-11-25" and row["ready_date"] == "2026-11-20"
    assert isinstance(row["decided_at"], str) and row["decided_at"].startswith("20")
    assert isinstance(row["expected_saving"], float)
    with pytest.raises(AlreadyDecided, match="already accepted by mei"):
        decide(con, "SR20261120-O1", "reject", "li", "customer called")
    with pytest.raises(AlreadyDecided):
        decide(con, "SR20261120-O1", "accept", "li")
    with pytest.raises(InvalidDecision, match="needs a comment"):
        decide(con, "SR20261120-O1", "reject", "li", force=True)
    assert list_recommendations(con, "accepted")["recommendation_id"].tolist() == ["SR20261120-O1"]
    row = decide(con, "SR20261120-O1", "reject", "li", "customer asked for it now", force=True)
    assert row["status"] == "rejected" and row["reviewer"] == "li"
    ev = recommendation_history(con, "SR20261120-O1")
    assert list(ev["status"]) == ["proposed", "accepted", "rejected"]
    assert list(ev["previous_status"].fillna("-")) == ["-", "proposed", "accepted"]
    assert list(ev["forced"]) == [False, False, True]
    assert ev["comment"].iloc[-1] == "customer asked for it now"


def test_bad_decisions_raise_clear_errors(con):
    _run(con)
    with pytest.raises(InvalidDecision, match="use 'accept' or 'reject'"):
        decide(con, "SR20261120-O1", "maybe", "mei")
    with pytest.raises(InvalidDecision, match="needs a comment"):
        decide(con, "SR20261120-O1", "reject", "mei")
    with pytest.raises(InvalidDecision, match="reviewer"):
        decide(con, "SR20261120-O1", "accept", " ")
    with pytest.raises(RecommendationNotFound, match="orderlens windows list"):
        decide(con, "SR-nope", "accept", "mei")
    assert issubclass(AlreadyDecided, ShippingError)
    assert len(recommendation_history(con, "SR20261120-O1")) == 1  # nothing was recorded


def test_rerun_keeps_decisions_refreshes_and_supersedes_proposals(con):
    _run(con)
    decide(con, "SR20261120-O1", "reject", "mei", "customer wants it early")
    again = _run(con)
    assert again["kept_decided"] == 1 and again["refreshed"] == 1 and again["proposed"] == 0
    o1 = list_recommendations(con).set_index("recommendation_id").loc["SR20261120-O1"]
    assert o1["status"] == "rejected" and o1["comment"] == "customer wants it early"
    # next day: O2's old proposal is superseded by a new one, O1 stays rejected, not re-proposed
    nxt = AS_OF + timedelta(days=1)
    later = _run(con, nxt)
    assert later["superseded"] == 1 and later["kept_decided"] == 1
    df = list_recommendations(con).set_index("recommendation_id")
    assert df.loc["SR20261120-O2", "status"] == "expired"
    assert df.loc["SR20261121-O2", "status"] == "proposed"
    assert "SR20261121-O1" not in df.index
    ev = recommendation_history(con, "SR20261120-O2")
    assert ev["comment"].iloc[-1] == "superseded by SR20261121-O2"


def test_proposals_past_their_ship_date_expire(con):
    _run(con)
    ship = (
        list_recommendations(con)
        .set_index("recommendation_id")
        .loc["SR20261120-O2", "recommended_ship_date"]
    )
    later = pd.Timestamp(ship) + pd.Timedelta(days=1)
    with pytest.raises(RecommendationExpired, match="now expired"):
        decide(con, "SR20261120-O2", "accept", "mei", today=later)
    # every proposal shipping before the planning date expires (both are Wednesday proposals)
    assert sorted(list_recommendations(con, "expired")["recommendation_id"]) == [
        "SR20261120-O1",
        "SR20261120-O2",
    ]
    with pytest.raises(RecommendationExpired, match="windows recommend"):
        decide(con, "SR20261120-O2", "accept", "mei")
    ev = recommendation_history(con, "SR20261120-O2")
    assert list(ev["status"]) == ["proposed", "expired"] and ev["reviewer"].iloc[-1] == "orderlens"
