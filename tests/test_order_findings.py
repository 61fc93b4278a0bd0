"""Health findings of one order (lab.health.order_findings) and their place on the order card."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from lab.health import run_checks
from lab.health.order_findings import findings_for_orders, scoped_to_orders
from lab.trace import render_card_html, trace_card


@pytest.fixture(scope="module")
def full_run(demo_db) -> pd.DataFrame:
    """Every finding of a full health run on the shared demo warehouse."""
    from connectors.warehouse import connect

    con = connect(demo_db, read_only=True)
    try:
        return run_checks(con)
    finally:
        con.close()


def _first(full: pd.DataFrame, check: str) -> pd.Series:
    rows = full[full["check"] == check]
    assert not rows.empty, f"the demo warehouse has no {check} finding to test with"
    return rows.iloc[0]


def test_scoped_checks_find_exactly_what_a_full_run_finds(demo_con, full_run) -> None:
    with_findings = sorted(full_run["order_id"].dropna().unique())
    expected: dict[str, set[tuple[str, str]]] = {}
    for r in full_run.itertuples():
        expected.setdefault(r.order_id, set()).add((r.check, r.summary))
    clean = [
        r[0]
        for r in demo_con.execute(
            "SELECT order_id FROM orders WHERE order_id NOT IN (SELECT UNNEST(?)) "
            "ORDER BY order_id LIMIT 60",
            [with_findings],
        ).fetchall()
    ]
    got = findings_for_orders(demo_con, [*with_findings, *clean])
    assert {o: {(f["check"], f["summary"]) for f in fs} for o, fs in got.items()} == expected
    assert len(expected) > 50 and len(full_run["check"].unique()) == 7  # every check has cases
    assert not set(got) & set(clean)


def test_one_order_gets_its_findings_most_severe_first(demo_con, full_run) -> None:
    row = _first(full_run, "shipped_not_picked_up")
    findings = findings_for_orders(demo_con, [row["order_id"]])[row["order_id"]]
    assert findings[0]["check"] == "shipped_not_picked_up"
    assert findings[0]["severity"] == "critical"
    assert findings[0]["title_zh"] == "ERP已发货，但无出库扫描或快递揽收"
    assert findings[0]["summary"] == row["summary"]
    shipment = findings[0]["evidence"][0]
    assert shipment["table"] == "shipments" and shipment["pickup_at"] is None
    ranks = ["critical", "high", "medium", "low"]
    assert [ranks.index(f["severity"]) for f in findings] == sorted(
        ranks.index(f["severity"]) for f in findings
    )


def test_order_ids_are_bound_as_a_parameter_never_pasted(demo_con) -> None:
    tree = _parse("SELECT o.order_id FROM orders AS o JOIN shipments AS s USING (order_id)")
    sql = scoped_to_orders(tree).sql(dialect="duckdb")
    assert sql.count("$order_ids") == 2 and "'" not in sql
    # an id with a quote or SQL in it is only a value: no finding, no error
    assert findings_for_orders(demo_con, ["x' OR '1'='1", "OL'); DROP TABLE orders; --"]) == {}
    assert demo_con.execute("SELECT COUNT(*) FROM orders").fetchall()[0][0] > 0


def _parse(text: str):
    import sqlglot

    return sqlglot.parse_one(text, read="duckdb")


@pytest.mark.parametrize("check", ["shipped_not_picked_up", "courier_failure_not_rolled_back"])
def test_a_stuck_order_shows_red_on_its_card_not_a_green_outbound(
    demo_con, full_run, check: str
) -> None:
    row = _first(full_run, check)
    card = trace_card(demo_con, row["channel_order_no"])
    assert card is not None and card["order_id"] == row["order_id"]
    assert card["alert"] is True
    assert card["findings"][0]["check"] == check
    assert card["headline_en"].startswith(f"⚠ {card['findings'][0]['title']}: ")
    assert card["headline_zh"].startswith(f"⚠ {card['findings'][0]['title_zh']}：")
    html = render_card_html(card, lang="zh")
    assert 'class="ol-card ol-alert"' in html
    assert f'data-check="{check}"' in html and card["findings"][0]["title_zh"] in html
    # the current stage is drawn red, not with the green "current" border
    current = html.split("ol-stage ol-stage-red ol-current", 1)
    assert len(current) == 2, "the current stage is not marked red"
    assert "#1a7f37" not in current[1].split("</div>", 1)[0]
    evidence = card["findings"][0]["evidence"][0]
    key = "shipment_id" if check == "shipped_not_picked_up" else "event_id"
    assert f"{key}={evidence[key]}" in html


def test_a_healthy_delivered_order_stays_green(demo_con, full_run) -> None:
    order_id = demo_con.execute(
        "SELECT order_id FROM orders WHERE order_status = 'delivered' "
        "AND order_id NOT IN (SELECT UNNEST(?)) ORDER BY order_id LIMIT 1",
        [sorted(full_run["order_id"].dropna().unique())],
    ).fetchall()[0][0]
    card = trace_card(demo_con, order_id)
    assert card is not None and card["alert"] is False and card["findings"] == []
    html = render_card_html(card, lang="en")
    assert "ol-findings" not in html and "ol-alert" not in html and "⚠" not in html


def test_a_warehouse_the_checks_cannot_read_still_gets_its_card_with_the_reason(
    demo_db, tmp_path
) -> None:
    copy = tmp_path / "no_returns.duckdb"
    con = duckdb.connect(str(copy))
    con.execute(f"ATTACH '{demo_db}' AS src (READ_ONLY)")
    for table in ("orders", "order_id_map", "shipments", "status_snapshots", "tracking_events"):
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM src.{table}")
    con.execute("DETACH src")
    order_id = con.execute("SELECT MIN(order_id) FROM orders").fetchall()[0][0]
    card = trace_card(con, order_id)
    con.close()
    assert card is not None and card["findings"] == [] and card["alert"] is False
    assert "health checks not available" in card["findings_error"]
    assert "returns" in card["findings_error"].lower()
