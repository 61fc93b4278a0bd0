"""Rate metrics of the built-in model on the demo warehouse: shares stay shares.

Why: a rate whose numerator and denominator count different cohorts (returns by request date
over units sold by order date) showed a SKU at 900%. Every ratio metric formatted as a percent
must stay within [0, 100%] for every month, channel and (where it applies) SKU, and a rate over
sales must be 0, not empty, where there were sales and nothing came back.
"""

from __future__ import annotations

import pandas as pd
import pytest

from semantic_layer import build_catalog, load_model, query

MODEL = load_model()
CATALOG = build_catalog(MODEL)
RATES = sorted(
    m.name for m in CATALOG.metrics if m.metric_type == "ratio" and m.value_format == "percent"
)
GROUPINGS = ("metric_time__month", "order__channel", "sku")
SALES_RATES = {"return_rate", "return_rate_by_order", "refund_rate", "repurchase_rate"}


def test_the_model_has_the_rates_the_issue_names():
    assert set(RATES) >= SALES_RATES


@pytest.mark.parametrize("metric", RATES)
def test_rate_stays_between_zero_and_one(demo_con, metric):
    dims = CATALOG.metric(metric).dimensions
    checked = 0
    for group in GROUPINGS:
        if group not in dims and not group.startswith("metric_time"):
            continue
        df = query(metrics=[metric], group_by=[group], model=MODEL, con=demo_con).df
        values = pd.to_numeric(df[metric], errors="coerce").dropna()
        checked += len(values)
        assert (values >= 0).all(), f"{metric} by {group}: negative {values.min()}"
        assert (values <= 1 + 1e-9).all(), (
            f"{metric} by {group}: {values.max():.1%} > 100% at "
            f"{df.loc[pd.to_numeric(df[metric], errors='coerce').idxmax()].to_dict()}"
        )
    if metric in SALES_RATES:  # the others read tables a later step fills (reconcile, review)
        assert checked > 0, f"{metric} produced no value on the demo warehouse"


def test_return_rate_is_zero_not_empty_where_nothing_came_back(demo_con):
    df = query(
        metrics=["return_rate", "units_sold", "cohort_returned_units"],
        group_by=["order__channel"],
        model=MODEL,
        con=demo_con,
    ).df.set_index("order__channel")
    assert df.loc["pos", "units_sold"] > 0
    assert df.loc["pos", "cohort_returned_units"] == 0
    assert df.loc["pos", "return_rate"] == 0.0


def test_return_rate_counts_returns_of_the_orders_sold_in_the_window(demo_con):
    """The numerator is the same order lines as the denominator, checked by hand-written SQL."""
    start, end = "2026-09-01", "2026-10-01"
    got = (
        query(
            metrics=["return_rate"],
            time_range={"start": start, "end": end},
            model=MODEL,
            con=demo_con,
        )
        .df["return_rate"]
        .iloc[0]
    )
    returned, sold = demo_con.execute(
        """
        SELECT
            SUM(LEAST(COALESCE((SELECT SUM(r.qty) FROM returns r WHERE r.line_id = l.line_id
                                AND r.return_status <> 'rejected'), 0), l.qty)),
            SUM(l.qty)
        FROM order_lines l JOIN orders o ON o.order_id = l.order_id
        WHERE o.created_at >= CAST($s AS TIMESTAMP) AND o.created_at < CAST($e AS TIMESTAMP)
        """,
        {"s": start, "e": end},
    ).fetchone()
    assert sold > 0 and returned > 0
    assert got == pytest.approx(float(returned) / float(sold))


def test_net_revenue_is_paid_less_refunds_and_revenue_words_map_to_it(demo_con):
    start, end = "2026-06-01", "2026-07-01"
    got = query(
        metrics=["net_revenue", "gmv"],
        time_range={"start": start, "end": end},
        model=MODEL,
        con=demo_con,
    ).df.iloc[0]
    paid, refunds, gmv = demo_con.execute(
        """
        SELECT
            SUM(o.paid_amount) FILTER (WHERE o.paid_at IS NOT NULL AND o.order_status <> 'cancelled'),
            (SELECT SUM(r.refund_amount) FROM returns r JOIN orders o2 ON o2.order_id = r.order_id
             WHERE r.return_status <> 'rejected'
               AND o2.created_at >= CAST($s AS TIMESTAMP) AND o2.created_at < CAST($e AS TIMESTAMP)),
            SUM(o.goods_amount)
        FROM orders o
        WHERE o.created_at >= CAST($s AS TIMESTAMP) AND o.created_at < CAST($e AS TIMESTAMP)
        """,
        {"s": start, "e": end},
    ).fetchone()
    assert got["net_revenue"] == pytest.approx(float(paid) - float(refunds or 0))
    assert got["gmv"] == pytest.approx(float(gmv))
    assert got["net_revenue"] < got["gmv"]
    net = CATALOG.metric("net_revenue").synonyms
    assert {"revenue", "营收", "收入", "net sales"} <= set(net)
    assert not {"revenue", "营收", "收入"} & set(CATALOG.metric("gmv").synonyms)
    assert {"GMV", "成交额"} <= set(CATALOG.metric("gmv").synonyms)


def test_repurchase_counts_only_complete_follow_up_when_asked(demo_con):
    """repurchase_rate cuts the 30-day follow-up at the data's end (documented);
    repurchase_rate_complete_follow_up counts only orders whose 30 days have passed."""
    df = query(
        metrics=["repurchase_rate", "repurchase_rate_complete_follow_up"],
        group_by=["metric_time__month"],
        time_range={"start": "2026-09-01", "end": "2026-11-21"},
        model=MODEL,
        con=demo_con,
    ).df.set_index("metric_time__month")
    sept, nov = df.iloc[0], df.iloc[-1]
    assert sept["repurchase_rate_complete_follow_up"] == pytest.approx(sept["repurchase_rate"])
    assert pd.isna(nov["repurchase_rate_complete_follow_up"])  # nothing in November is final
    assert nov["repurchase_rate"] >= 0  # the cut-off rate still answers (and reads low)
    last = demo_con.execute("SELECT max(created_at) FROM orders").fetchone()[0]
    buyers, again = demo_con.execute(
        """
        WITH f AS (SELECT order_id, customer_id, created_at,
                          LEAD(created_at) OVER (PARTITION BY customer_id ORDER BY created_at,
                                                 order_id) <= created_at + INTERVAL 30 DAY AS r
                   FROM orders)
        SELECT count(DISTINCT customer_id), count(DISTINCT customer_id) FILTER (WHERE r)
        FROM f WHERE created_at >= DATE '2026-10-01' AND created_at < DATE '2026-11-01'
          AND created_at + INTERVAL 30 DAY <= $last
          AND order_id IN (SELECT order_id FROM order_lines)
        """,
        {"last": last},
    ).fetchone()
    assert df.iloc[1]["repurchase_rate_complete_follow_up"] == pytest.approx(again / buyers)
