"""Chinese per-unit averages and rates on English-only models: 场均收入 ("revenue per show"),
a glossary rate word for a spelled percentage (打开率), a spelled rate owned by another
metric's label (点击率), and an unpublished measure beside the published metric over the same column.

Why (a fresh English-only basketball project, Chinese questions):
- 场均篮板 was refused ("I don't know '均'") beside "Average Rebounds Per Game": Chinese says
  "per game" with the game's classifier (场均, 每场), which CC-CEDICT gives (比赛 "CL:场").
- 场均得分 was clarified between "Average Points Per Game" and "Total Points Scored": the
  suffix "points per game" was taken as a total's words, though "per game" says the average.
- 胜率 answered "Home Win Rate" (a wrong answer): the glossary's 胜率 ("win rate") reached only
  the metric whose label ends with those words, not `win_percentage` ("win rate" in English
  names both and is clarified); 主场胜率 still names the home one.
- 罚球率 was clarified between "Free Throw Rate" and `avg_free_throw_percentage`, whose spelled
  rate is the other metric's own label.
- 观众总人数 answered an unpublished per-team-and-game sum of attendance (every game twice)
  beside the published "Total Game Attendance".
Original fixtures: a touring theatre company and an e-mail newsletter.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.vocabulary.chinese import model_industries
from nl2sql.vocabulary.rate_anchors import percent_anchors
from semantic_layer.catalog import CatalogMetric
from tests.semantic_helpers import answer_rows

THEATRE = """
semantic_models:
  - name: shows
    model: ref('shows')
    defaults: {agg_time_dimension: played_on}
    entities:
      - {name: show, type: primary, expr: show_id}
    dimensions:
      - {name: played_on, type: time, type_params: {time_granularity: day}}
      - {name: city, type: categorical}
    measures:
      - {name: show_audience, agg: sum, expr: audience}
      - {name: ticket_revenue, agg: sum, expr: revenue}
      - {name: avg_revenue, agg: average, expr: revenue}
  - name: show_channels
    model: ref('show_channels')
    defaults: {agg_time_dimension: played_on}
    entities:
      - {name: show_channel, type: primary, expr: "show_id || '-' || channel"}
      - {name: show, type: foreign, expr: show_id}
    dimensions:
      - {name: played_on, type: time, type_params: {time_granularity: day}}
      - {name: channel, type: categorical}
    measures:
      - {name: total_audience, agg: sum, expr: audience}
      - {name: channel_tickets, agg: sum, expr: tickets}
metrics:
  - {name: total_show_audience, label: Total Show Audience, type: simple,
     type_params: {measure: show_audience}}
  - {name: avg_revenue_per_show, label: Average Revenue Per Show, type: simple,
     type_params: {measure: avg_revenue}}
  - {name: ticket_revenue, label: Ticket Revenue, type: simple,
     type_params: {measure: ticket_revenue}}
  - {name: channel_tickets, label: Channel Tickets, type: simple,
     type_params: {measure: channel_tickets}}
"""
THEATRE_DATA = """
create table shows (show_id int, played_on date, city varchar, audience int, revenue double);
insert into shows values (1, '2026-03-01', 'Leeds', 300, 6000), (2, '2026-03-02', 'Leeds', 500, 9000),
  (3, '2026-03-05', 'York', 100, 1500);
create table show_channels (show_id int, played_on date, channel varchar, audience int,
  tickets int);
insert into show_channels values (1, '2026-03-01', 'web', 300, 200), (1, '2026-03-01', 'box', 300, 100),
  (2, '2026-03-02', 'web', 500, 450), (2, '2026-03-02', 'box', 500, 50),
  (3, '2026-03-05', 'web', 100, 100);
"""

MAIL = """
semantic_models:
  - name: emails
    model: ref('emails')
    defaults: {agg_time_dimension: sent_on}
    entities:
      - {name: email, type: primary, expr: email_id}
    dimensions:
      - {name: sent_on, type: time, type_params: {time_granularity: day}}
      - {name: device, type: categorical}
    measures:
      - {name: opened, agg: average, expr: opened}
      - {name: clicks, agg: sum, expr: clicked}
      - {name: emails_sent, agg: count, expr: email_id}
  - name: campaigns
    model: ref('campaigns')
    defaults: {agg_time_dimension: launched_on}
    entities:
      - {name: campaign, type: primary, expr: campaign_id}
    dimensions:
      - {name: launched_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: click_share, agg: average, expr: click_share}
metrics:
  - {name: open_pct, label: Open Pct, type: simple, type_params: {measure: opened}}
  - name: mobile_open_rate
    label: Mobile Open Rate
    type: simple
    type_params:
      measure: {name: opened, filter: "{{ Dimension('email__device') }} = 'mobile'"}
  - {name: clicks, label: Clicks, type: simple, type_params: {measure: clicks}}
  - {name: emails_sent, label: Emails Sent, type: simple, type_params: {measure: emails_sent}}
  - {name: click_rate, label: Click Rate, type: ratio,
     type_params: {numerator: clicks, denominator: emails_sent}}
  - {name: avg_click_percentage, label: Average Click Percentage, type: simple,
     type_params: {measure: click_share}}
"""
MAIL_DATA = """
create table emails (email_id int, sent_on date, device varchar, opened int, clicked int);
insert into emails values (1, '2026-05-01', 'mobile', 1, 1), (2, '2026-05-01', 'mobile', 0, 0),
  (3, '2026-05-02', 'desktop', 1, 0), (4, '2026-05-02', 'desktop', 1, 1),
  (5, '2026-05-03', 'mobile', 1, 0);
create table campaigns (campaign_id int, launched_on date, click_share double);
insert into campaigns values (1, '2026-04-01', 0.3), (2, '2026-04-15', 0.1);
"""


CINEMA = """
semantic_models:
  - name: screenings
    model: ref('screenings')
    defaults: {agg_time_dimension: shown_on}
    entities:
      - {name: screening, type: primary, expr: screening_id}
    dimensions:
      - {name: shown_on, type: time, type_params: {time_granularity: day}}
      - {name: is_matinee, type: categorical}
    measures:
      - {name: avg_revenue, agg: average, expr: revenue}
      - {name: avg_tickets, agg: average, expr: tickets}
metrics:
  - {name: avg_revenue_per_show, label: Average Revenue Per Show, type: simple,
     type_params: {measure: avg_revenue}}
  - {name: avg_show_tickets, label: Average Show Tickets, type: simple,
     type_params: {measure: avg_tickets}}
  - name: matinee_revenue_per_show
    label: Matinee Revenue Per Show
    type: simple
    type_params:
      measure: {name: avg_revenue, filter: "{{ Dimension('screening__is_matinee') }} = true"}
"""
CINEMA_DATA = """
create table screenings (screening_id int, shown_on date, is_matinee boolean, revenue double,
  tickets int);
insert into screenings values (1, '2026-03-01', true, 100, 10), (2, '2026-03-01', false, 300, 30),
  (3, '2026-03-02', true, 200, 20);
"""


@pytest.fixture(scope="module")
def cinema(yaml_shop):
    return yaml_shop("zh_per_unit_cinema", CINEMA, CINEMA_DATA, dt.date(2026, 6, 30))


@pytest.fixture(scope="module")
def theatre(yaml_shop):
    return yaml_shop("zh_per_unit_theatre", THEATRE, THEATRE_DATA, dt.date(2026, 6, 30))


@pytest.fixture(scope="module")
def mail(yaml_shop):
    return yaml_shop("zh_per_unit_mail", MAIL, MAIL_DATA, dt.date(2026, 6, 30))


@pytest.mark.parametrize("question", ["场均收入", "场均收入是多少", "revenue per show"])
def test_per_unit_average_said_with_the_classifier(theatre, question) -> None:
    a = theatre.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == ["avg_revenue_per_show"], (question, a.interpretation)
    assert answer_rows(a) == [(5500.0,)]


def test_per_unit_average_by_a_dimension(theatre) -> None:
    a = theatre.ask("各城市的场均收入")
    assert a.ok, a.error
    assert a.query.metrics == ["avg_revenue_per_show"]
    assert sorted((r[-2], r[-1]) for r in answer_rows(a)) == [("Leeds", 7500.0), ("York", 1500.0)]


def test_the_published_metric_over_the_same_column_is_the_total(theatre) -> None:
    """900 people saw the shows; the unpublished per-channel sum counts shows 1 and 2 twice."""
    a = theatre.ask("total audience")
    assert a.ok, a.error
    assert a.query.metrics == ["total_show_audience"], a.interpretation
    assert answer_rows(a) == [(900,)]


@pytest.mark.parametrize("question", ["观众总数", "总观众", "audience"])
def test_the_doubled_sum_is_never_answered(theatre, question) -> None:
    a = theatre.ask(question)
    if a.refused:
        assert "total audience" not in a.error, (question, a.error)
        return
    assert a.query.metrics == ["total_show_audience"], (question, a.interpretation)


@pytest.mark.parametrize("question", ["收入", "总收入", "日均收入", "场均观众", "每场门票"])
def test_one_word_away_never_the_per_show_average(theatre, question) -> None:
    """Without 场均/每场 (or with a day, or of another amount) the average per show is never
    answered: the total, another right reading, or a refusal."""
    a = theatre.ask(question)
    if a.refused:
        return
    assert "avg_revenue_per_show" not in a.query.metrics, (question, a.interpretation)


def test_a_glossary_rate_word_reaches_the_spelled_percentage() -> None:
    """A "<thing> pct" metric whose thing has no Chinese noun ("open": 开业 is "opening a
    business") is reached by the glossary's word for the whole spelled rate (打开率 "open rate"),
    as its English "open rate" is; before, only a label ending with "open rate" had 打开率."""
    m = CatalogMetric("open_pct", "Open Pct")
    with model_industries(frozenset({"marketing"})):
        got = {(a.phrase, a.source) for a in percent_anchors((m,))}
    assert ("打开率", "percent+glossary") in got
    assert ("open rate", "percent") in got


def test_a_spelled_rate_that_is_another_metrics_label_is_left_to_it() -> None:
    """ "click rate" (点击率) is the label of `click_rate`: the percentage beside it does not
    spell it too (罚球率 was clarified between "Free Throw Rate" and the average percentage)."""
    pct = CatalogMetric("avg_click_percentage", "Average Click Percentage")
    rate = CatalogMetric("click_rate", "Click Rate")
    with model_industries(frozenset({"marketing"})):
        got = {a.phrase for a in percent_anchors((pct, rate)) if a.name == pct.name}
        alone = {a.phrase for a in percent_anchors((pct,))}
    assert "点击率" not in got and "click rate" not in got
    assert "点击率" in alone and "avg click rate" in alone


@pytest.mark.parametrize(
    ("question", "metric"),
    [
        ("打开率", "open_pct"),
        ("open rate", "open_pct"),
        ("手机打开率", "mobile_open_rate"),
        ("点击率", "click_rate"),
        ("click rate", "click_rate"),
        ("平均点击百分比", "avg_click_percentage"),
    ],
)
def test_rates_keep_their_own_metric(mail, question, metric) -> None:
    a = mail.ask(question)
    assert a.ok, (question, a.error)
    assert a.query.metrics == [metric], (question, a.interpretation)


@pytest.mark.parametrize("question", ["不是手机的打开率", "非手机打开率", "桌面打开率"])
def test_one_word_difference_probes_are_right_or_refused(mail, question) -> None:
    """Another device, or a negated one, is never the mobile rate."""
    a = mail.ask(question)
    if a.refused:
        return
    assert a.ok, (question, a.error)
    assert a.query.metrics != ["mobile_open_rate"], (question, a.interpretation)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("场均收入", [(200.0,)]),
        ("日场场均收入", [(150.0,)]),
        ("matinee revenue per show", [(150.0,)]),
        # "Average Show Tickets" is the tickets per show as well
        ("场均门票", [(20.0,)]),
    ],
)
def test_per_unit_average_with_a_kind_of_show(cinema, question, rows) -> None:
    a = cinema.ask(question)
    assert a.ok, (question, a.error)
    assert answer_rows(a) == rows, (question, a.interpretation)


@pytest.mark.parametrize("question", ["晚场场均收入", "晚场每场收入"])
def test_a_word_that_says_more_than_the_unit_is_never_dropped(cinema, question) -> None:
    """晚场 "evening show" restates "show" but names the evening shows: the answer is theirs
    (300) or a refusal, never the average of every show (200)."""
    a = cinema.ask(question)
    if a.refused:
        return
    assert answer_rows(a) == [(300.0,)], (question, a.interpretation)
