"""Charts that do not mislead: the kinds a result fits, top 20 + "others" only for metrics that
add up, the period still filling up marked partial, codes shown by their display names."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from nl2sql.chart_specs import ChartOptions
from nl2sql.charts import chart_kinds, choose_chart, render_chart
from nl2sql.errors import NL2SQLError
from semantic_layer.query import SemanticQuery

MONTHLY = SemanticQuery(metrics=["gmv"], group_by=["metric_time__month"])
MONTHS = pd.DataFrame(
    {
        "metric_time__month": [dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2026, 11, 1)],
        "gmv": [900.0, 1000.0, 400.0],
    }
)


def _rows(spec: dict) -> list[dict]:
    return spec["data"]["values"]


def test_kinds_follow_the_shape_and_a_total_only_for_additive_metrics() -> None:
    one = pd.DataFrame({"gmv": [5.0]})
    by_channel = pd.DataFrame({"order__channel": ["jd", "pos"], "gmv": [3.0, 2.0]})
    two = SemanticQuery(metrics=["gmv", "order_count"], group_by=["order__channel"])
    assert chart_kinds(one, SemanticQuery(metrics=["gmv"])) == ["number"]
    assert chart_kinds(MONTHS, MONTHLY) == ["line", "bar"]
    assert chart_kinds(MONTHS, MONTHLY, frozenset({"gmv"})) == ["line", "bar", "number"]
    channel = SemanticQuery(metrics=["gmv"], group_by=["order__channel"])
    assert chart_kinds(by_channel, channel, frozenset({"gmv"})) == ["bar", "number"]
    assert chart_kinds(by_channel.assign(order_count=[1, 2]), two) == ["scatter", "bar"]
    assert chart_kinds(by_channel.iloc[0:0], channel) == []
    with pytest.raises(
        NL2SQLError, match="a line chart does not fit this result; choose one of bar"
    ):
        choose_chart(by_channel, channel, "GMV", options=ChartOptions(kind="line"))


def test_the_month_still_filling_up_is_dashed_lighter_and_named_partial() -> None:
    opts = ChartOptions(today=dt.date(2026, 11, 20), lang="en")
    spec = choose_chart(MONTHS, MONTHLY, "GMV by month", {"gmv": "GMV"}, opts).to_dict()
    assert spec["title"]["subtitle"] == "2026-11 is partial (as of 2026-11-20; dashed/lighter)"
    line, points = spec["layer"]
    periods = [(r["metric_time__month"], r["_period"]) for r in line["data"]["values"]]
    # the last complete month is repeated as the start of the dashed segment: no gap
    assert periods == [
        ("2026-09-01", "complete"),
        ("2026-10-01", "complete"),
        ("2026-11-01", "partial"),
        ("2026-10-01", "partial"),
    ]
    assert line["encoding"]["strokeDash"]["scale"]["range"] == [[1, 0], [6, 4]]
    assert points["encoding"]["opacity"]["scale"]["range"] == [1.0, 0.4]
    assert {"field": "_period", "type": "nominal", "title": "period"} in points["encoding"][
        "tooltip"
    ]
    svg = render_chart(spec, "svg")  # a valid spec: vl-convert draws it, note and dashes
    assert "partial" in svg and "stroke-dasharray" in svg
    bars = choose_chart(MONTHS, MONTHLY, "GMV", None, ChartOptions(kind="bar", today=opts.today))
    (layer,) = bars.to_dict()["layer"]
    assert layer["mark"]["type"] == "bar" and layer["encoding"]["opacity"]["field"] == "_period"


@pytest.mark.parametrize(
    ("today", "grain", "partial"),
    [
        (dt.date(2026, 12, 1), "month", False),  # November is over
        (dt.date(2026, 11, 30), "month", True),  # its last day is today: not over yet
        (dt.date(2026, 11, 8), "week", True),  # the week of Mon 11-02 ends Sun 11-08
        (dt.date(2026, 11, 9), "week", False),
    ],
)
def test_partial_only_when_the_last_period_ends_on_or_after_today(
    today: dt.date, grain: str, partial: bool
) -> None:
    start = dt.date(2026, 11, 1) if grain == "month" else dt.date(2026, 11, 2)
    df = pd.DataFrame({f"metric_time__{grain}": [dt.date(2026, 10, 5), start], "gmv": [1.0, 2.0]})
    query = SemanticQuery(metrics=["gmv"], group_by=[f"metric_time__{grain}"])
    spec = choose_chart(df, query, "GMV", None, ChartOptions(today=today)).to_dict()
    assert ("layer" in spec) is partial
    assert (spec["title"] != "GMV") is partial


def test_long_additive_results_get_top_20_plus_an_others_bar_summing_the_rest() -> None:
    df = pd.DataFrame(
        {"sku": [f"S{i:02d}" for i in range(30)], "units": [100.0 - i for i in range(30)]}
    )
    query = SemanticQuery(metrics=["units"], group_by=["sku"])
    spec = choose_chart(df, query, "Units", None, ChartOptions(additive=frozenset({"units"})))
    rows = _rows(spec.to_dict())
    assert len(rows) == 21 and [r["sku"] for r in rows[:2]] == ["S00", "S01"]
    assert rows[-1]["sku"] == "others (10)" and rows[-1]["units"] == sum(
        100.0 - i for i in range(20, 30)
    )
    assert rows[-1]["_others"] is True and rows[0]["_others"] is False
    enc = spec.to_dict()["encoding"]
    assert enc["y"]["sort"][-1] == "others (10)"  # last, whatever its size
    assert enc["color"]["condition"] == {"test": "datum._others", "value": "#9aa5b1"}
    title = spec.to_dict()["title"]
    assert title["subtitle"].startswith("top 20 + others (of 30; others = sum of the other 10")


def test_rates_get_no_others_bar_but_a_top_20_of_n_note_in_the_questions_language() -> None:
    df = pd.DataFrame(
        {"sku": [f"S{i:02d}" for i in range(47)], "rate": [i / 100 for i in range(47)]}
    )
    query = SemanticQuery(metrics=["rate"], group_by=["sku"])
    spec = choose_chart(df, query, "退货率", None, ChartOptions(lang="zh")).to_dict()
    assert len(_rows(spec)) == 20 and _rows(spec)[0]["sku"] == "S46"
    assert not any(str(r["sku"]).startswith("其他") for r in _rows(spec))
    assert spec["title"]["subtitle"].startswith("前 20 项（共 47 项；比率类指标不能相加")


def test_codes_are_drawn_by_their_display_names_and_number_totals_additive_rows() -> None:
    df = pd.DataFrame({"order__channel": ["jd", "pos", "other"], "gmv": [3.0, 2.0, 1.0]})
    query = SemanticQuery(metrics=["gmv"], group_by=["order__channel"])
    names = {"order__channel": {"jd": "京东", "pos": "门店"}}
    spec = choose_chart(df, query, "GMV", None, ChartOptions(display=names)).to_dict()
    assert [r["order__channel"] for r in _rows(spec)] == ["京东", "门店", "other"]  # raw if unnamed
    total = choose_chart(
        df,
        query,
        "销售额",
        None,
        ChartOptions(kind="number", additive=frozenset({"gmv"}), lang="zh"),
    ).to_dict()
    assert _rows(total) == [{"metric": "gmv", "text": "gmv: 6"}]
    assert total["title"] == "销售额 · 合计（3 行）"


def test_a_month_the_data_stops_inside_is_partial_even_after_it_ended(demo_db) -> None:
    from lab.server.presentation import DataEnds
    from nl2sql.ask import get_model

    model = get_model(None)
    ends = DataEnds()
    end = ends.get(model, str(demo_db), "v1", "gmv")
    assert end == dt.date(2026, 11, 20)  # the demo warehouse's last order day (TEST_END_DATE)
    assert ends.get(model, str(demo_db), "v1", "gmv") is end  # asked once per version
    read_later = ChartOptions(today=dt.date(2026, 12, 4), data_end=end)  # December: Nov is over
    spec = choose_chart(MONTHS, MONTHLY, "GMV", None, read_later).to_dict()
    assert spec["title"]["subtitle"] == "2026-11 is partial (data up to 2026-11-20; dashed/lighter)"
    full = ChartOptions(today=dt.date(2026, 12, 4), data_end=dt.date(2026, 11, 30))
    assert "layer" not in choose_chart(MONTHS, MONTHLY, "GMV", None, full).to_dict()
