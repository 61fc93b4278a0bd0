"""General Chinese words for sales, subscription and margin terms; acronym labels spelled out.

A fresh public dbt project (a SaaS go-to-market model, English names only) was refused on
赢单率 (win rate), 激活率 (activation rate), 销售周期 (sales cycle), 毛利率 (gross margin) and
烧钱倍数 (burn multiple), 新增ARR (new ARR) and 管道覆盖率 (pipeline coverage): CC-CEDICT glosses 赢 / 激活 only as verbs, has no business sense of
"pipeline", "quota" or "cycle" first, and 毛利率 is not the sum of 毛 and 利润率. They are general
business words any company's CRM or finance model may use, now in the general glossary
(``nl2sql/vocabulary/glossary_zh.yml``). Two more of that project's misses, general too: a label
written in capitals keeps its final s ("COGS" was read as the plural of "cog", so 销售成本 never
reached it), and a metric labelled by its acronym ("NRR") is named by the words its description
opens with ("Net revenue retention. ...": ``nl2sql.vocabulary.acronyms.expansion``).
Tests on a sales model and a café chain.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_value

TODAY = dt.date(2026, 5, 1)

SALES = """
semantic_models:
  - name: deals
    model: ref('deals')
    defaults: {agg_time_dimension: closed_on}
    entities:
      - {name: deal, type: primary, expr: deal_id}
    dimensions:
      - {name: closed_on, type: time, type_params: {time_granularity: day}}
      - {name: team, type: categorical}
    measures:
      - {name: n_won, agg: sum, expr: "case when won then 1 else 0 end"}
      - {name: n_closed, agg: count, expr: deal_id}
      - {name: cycle_days_avg, agg: average, expr: cycle_days}
      - {name: nrr_avg, agg: average, expr: nrr}
      - {name: new_arr_sum, agg: sum, expr: "case when won then arr else 0 end"}
      - {name: pipeline_sum, agg: sum, expr: "case when won then 0 else arr end"}
  - name: quotas
    model: ref('quotas')
    defaults: {agg_time_dimension: quarter_start}
    entities:
      - {name: quota_row, type: primary, expr: quota_id}
    dimensions:
      - {name: quarter_start, type: time, type_params: {time_granularity: quarter}}
    measures:
      - {name: quota_sum, agg: sum, expr: quota}
metrics:
  - {name: won_deals, label: Won deals, type: simple, type_params: {measure: n_won}}
  - {name: closed_deals, label: Closed deals, type: simple, type_params: {measure: n_closed}}
  - name: win_rate
    label: Win rate
    type: ratio
    type_params: {numerator: won_deals, denominator: closed_deals}
  - {name: avg_sales_cycle, label: Avg sales cycle (days), type: simple,
     type_params: {measure: cycle_days_avg}}
  - {name: quota_total, label: Sales quota, type: simple, type_params: {measure: quota_sum}}
  - {name: new_arr, label: New ARR, type: simple, type_params: {measure: new_arr_sum}}
  - {name: open_pipeline, label: Open pipeline, type: simple, type_params: {measure: pipeline_sum}}
  - name: pipeline_coverage
    label: Pipeline coverage
    type: ratio
    type_params: {numerator: open_pipeline, denominator: quota_total}
  - {name: nrr, label: NRR, description: "Net revenue retention. Retained over starting ARR.",
     type: simple, type_params: {measure: nrr_avg}}
"""
SALES_DATA = """
create table deals as select i as deal_id, i % 3 <> 0 as won,
  case when i <= 4 then 'East' else 'West' end as team,
  date '2026-03-01' + cast(i as integer) as closed_on, 10 * i as cycle_days, 1 + i / 10 as nrr,
  100 * i as arr from range(1, 7) t(i);
create table quotas as select 1 as quota_id, date '2026-01-01' as quarter_start, 500 as quota
  union all select 2, date '2026-04-01', 700;
"""

CAFES = """
semantic_models:
  - name: cafe_days
    model: ref('cafe_days')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: cafe_day, type: primary, expr: cafe_day_id}
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
      - {name: cafe, type: categorical}
    measures:
      - {name: revenue_sum, agg: sum, expr: revenue}
      - {name: cogs_sum, agg: sum, expr: cogs}
      - {name: app_signups, agg: sum, expr: signups}
      - {name: app_activations, agg: sum, expr: activations}
      - {name: nps_avg, agg: average, expr: nps}
      - {name: joined, agg: sum, expr: new_members}
      - {name: staffed, agg: sum, expr: staffed_hours}
      - {name: opened, agg: sum, expr: open_hours}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue_sum}}
  - {name: cogs, label: COGS, type: simple, type_params: {measure: cogs_sum}}
  - name: gross_profit
    label: Gross profit
    type: derived
    type_params: {expr: revenue - cogs, metrics: [{name: revenue}, {name: cogs}]}
  - name: gross_margin
    label: Gross margin
    type: ratio
    type_params: {numerator: gross_profit, denominator: revenue}
  - {name: signups, label: App signups, type: simple, type_params: {measure: app_signups}}
  - {name: activations, label: Activations, type: simple, type_params: {measure: app_activations}}
  - name: activation_rate
    label: Activation rate
    type: ratio
    type_params: {numerator: activations, denominator: signups}
  - {name: new_members, label: New members, type: simple, type_params: {measure: joined}}
  - {name: staffed_hours, label: Staffed hours, type: simple, type_params: {measure: staffed}}
  - {name: open_hours, label: Open hours, type: simple, type_params: {measure: opened}}
  - name: staff_coverage
    label: Staff coverage
    type: ratio
    type_params: {numerator: staffed_hours, denominator: open_hours}
  - {name: nps, label: NPS, description: "Net promoter score, from the receipt survey.",
     type: simple, type_params: {measure: nps_avg}}
"""
CAFES_DATA = """
create table cafe_days (cafe_day_id int, cafe varchar, sold_on date, revenue double,
  cogs double, signups int, activations int, nps double, new_members int,
  staffed_hours double, open_hours double);
insert into cafe_days values
  (1, 'Harbour', '2026-04-02', 1000, 300, 10, 4, 40, 3, 8, 10), (2, 'Harbour', '2026-04-03', 1000, 500, 10, 6, 60, 1, 10, 10),
  (3, 'Old Town', '2026-04-02', 500, 100, 5, 5, 70, 2, 4, 8);
"""


@pytest.fixture(scope="module")
def sales(yaml_shop):
    return yaml_shop("sales", SALES, SALES_DATA, TODAY)


@pytest.fixture(scope="module")
def cafes(yaml_shop):
    return yaml_shop("cafes", CAFES, CAFES_DATA, TODAY)


def _pairs(answer) -> list[tuple[str, float]]:
    assert not answer.refused, answer.error
    return sorted((r[0], round(float(r[-1]), 6)) for r in answer.df.itertuples(index=False))


def test_win_rate_by_team(sales) -> None:
    # East: deals 1-4, won 1, 2, 4; West: 5, 6, won 5
    assert _pairs(sales.ask("各团队的赢单率")) == [("East", 0.75), ("West", 0.5)]


def test_sales_cycle_and_quota(sales) -> None:
    assert answered_value(sales.ask("平均销售周期是多少天")) == pytest.approx(35)
    assert answered_value(sales.ask("今年第二季度的销售配额")) == 700


def test_gross_margin_by_cafe(cafes) -> None:
    # Harbour (2000 - 800) / 2000, Old Town (500 - 100) / 500
    assert _pairs(cafes.ask("每个cafe的毛利率")) == [("Harbour", 0.6), ("Old Town", 0.8)]


def test_cogs_and_activation_rate(cafes) -> None:
    assert answered_value(cafes.ask("上个月的销售成本")) == 900
    assert answered_value(cafes.ask("激活率是多少")) == pytest.approx(15 / 25)


def test_an_acronym_label_is_named_by_its_spelled_out_words(sales, cafes) -> None:
    # team East: deals 1-4, nrr 1.1 .. 1.4; West: 1.5, 1.6
    assert _pairs(sales.ask("net revenue retention by team")) == [("East", 1.25), ("West", 1.55)]
    assert _pairs(cafes.ask("net promoter score by cafe")) == [
        ("Harbour", 50.0),
        ("Old Town", 70.0),
    ]


def test_new_is_xinzeng_and_coverage_is_a_rate(sales, cafes) -> None:
    # won deals 1, 2, 4, 5: arr 100 + 200 + 400 + 500; open 300 + 600 over quota 1200
    assert answered_value(sales.ask("新增ARR是多少")) == 1200
    assert answered_value(sales.ask("管道覆盖率是多少")) == pytest.approx(900 / 1200)
    assert answered_value(cafes.ask("上个月的新增会员")) == 6
    assert _pairs(cafes.ask("每个cafe的员工覆盖率")) == [("Harbour", 0.9), ("Old Town", 0.5)]
