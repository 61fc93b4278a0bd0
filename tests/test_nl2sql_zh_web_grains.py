"""Chinese (and English) questions on an invented ferry-app model whose rows live at three
grains (riders, trips, taps), the shapes a GA4-style web-analytics project showed refused:

- a value in the counted rows' own column and in a qualified copy on another entity ("phone
  trips": the trip's platform, not the rider's *first* platform) — ``rules.own_copy``;
- a day number before a rate word that names several day-numbered rates ("3天回访率",
  "D3回访率" among "D3 / D14 return rate") — ``rules.numbered_metrics``;
- an average per thing whose amount the model keeps again at the thing's grain ("平均每次行程的
  票价": "Fares per trip" divides "Trip fares", not "Fares") — ``rules.passes.thing_grain``;
- a partial name of a per-kind rate before the general rate it extends ("休息室的升级率") —
  ``rules.partial_before_metric``;
- the general rate filtered to a kind the model publishes its own rate for ("lounge upgrade
  rate": "Upgrade rate — lounge", not the general rate over lounge tappers only, a wrong
  answer before) — ``rules.passes.per_value_metric``.

Each reading is checked beside one-word-difference probes that must stay refused (a window,
not a day mark; a number no label carries; the partial name beside another metric; a
negation the engine cannot place) or stay right (a negated value, a said qualifier).
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog
from semantic_layer.catalog import CatalogDimension as D
from semantic_layer.catalog import CatalogEntity as E
from semantic_layer.catalog import CatalogMetric as M

TODAY = dt.date(2025, 6, 30)
pytestmark = pytest.mark.usefixtures("own_cache")

_R = ("rider__joined_date", "rider__first_platform", "rider__first_region")
_T = ("trip__trip_date", "trip__platform", "trip__region", *_R)
_P = ("tap__tap_date", "tap__platform", "tap__tap_kind", *_T)


def _m(name: str, label: str, dims: tuple[str, ...], **kw: object) -> M:
    return M(name, label, dimensions=("metric_time", *dims), **kw)  # type: ignore[arg-type]


def _rider(name: str, label: str) -> M:
    return _m(name, label, _R, agg="sum", agg_time_dimension="rider__joined_date")


FERRY = Catalog(
    metrics=(
        _rider("new_riders", "New riders"),
        _rider("d3_returned", "D3-returned riders"),
        _rider("d3_eligible", "D3-eligible riders"),
        _rider("d14_returned", "D14-returned riders"),
        _rider("d14_eligible", "D14-eligible riders"),
        _m(
            "d3_rate",
            "D3 return rate",
            _R,
            metric_type="ratio",
            ratio_of=("d3_returned", "d3_eligible"),
        ),
        _m(
            "d14_rate",
            "D14 return rate",
            _R,
            metric_type="ratio",
            ratio_of=("d14_returned", "d14_eligible"),
        ),
        _m(
            "trips",
            "Trips",
            _T,
            agg="count_distinct",
            counts="trip",
            agg_time_dimension="trip__trip_date",
        ),
        _m("trip_fares", "Trip fares (EUR)", _T, agg="sum", agg_time_dimension="trip__trip_date"),
        _m(
            "fares_per_trip",
            "Fares per trip (EUR)",
            _T,
            metric_type="ratio",
            ratio_of=("trip_fares", "trips"),
        ),
        _m("fares", "Fares (EUR)", _P, agg="sum", agg_time_dimension="tap__tap_date"),
        _m("upgraders", "Upgraders", _P, agg="count_distinct", agg_time_dimension="tap__tap_date"),
        _m(
            "upgrade_base",
            "Upgrade base riders",
            _P,
            agg="count_distinct",
            agg_time_dimension="tap__tap_date",
        ),
        _m(
            "upgrade_rate",
            "Upgrade rate (first week)",
            _P,
            metric_type="ratio",
            ratio_of=("upgraders", "upgrade_base"),
        ),
        _m(
            "upgrade_lounge",
            "Upgrade rate — lounge",
            _P,
            metric_type="ratio",
            ratio_of=("upgraders", "upgrade_base"),
        ),
    ),
    dimensions=(
        D("rider__joined_date", "Joined date", dim_type="time"),
        D("rider__first_platform", "First platform", values=("phone", "kiosk")),
        D("rider__first_region", "First region", values=("North", "South")),
        D("trip__trip_date", "Trip date", dim_type="time"),
        D("trip__platform", "Platform", values=("phone", "kiosk")),
        D("trip__region", "Region", values=("North", "South")),
        D("tap__tap_date", "Tap date", dim_type="time"),
        D("tap__platform", "Platform", values=("phone", "kiosk")),
        D("tap__tap_kind", "Tap kind", values=("lounge", "upgrade", "boarding")),
    ),
    entities=(E("rider", "rider"), E("trip", "trip"), E("tap", "tap")),
)


def _read(question: str) -> tuple[list[str], list[str], list[tuple[str, str, list[str]]]]:
    u = understand(question, FERRY, TODAY)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None
    filters = [(f.dimension, f.op, list(f.values)) for f in u.query.filters]
    return u.query.metrics, u.query.group_by, filters


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # the trips' own platform, not the riders' first one
        ("phone trips", (["trips"], [], [("trip__platform", "=", ["phone"])])),
        ("kiosk trips", (["trips"], [], [("trip__platform", "=", ["kiosk"])])),
        ("非kiosk的行程数", (["trips"], [], [("trip__platform", "!=", ["kiosk"])])),
        # a rider metric has only the first platform; a said qualifier keeps its column
        ("phone new riders", (["new_riders"], [], [("rider__first_platform", "=", ["phone"])])),
        (
            "first platform phone trips",
            (["trips"], [], [("rider__first_platform", "=", ["phone"])]),
        ),
        # a day number (and the letter of "D3") picks the day-numbered rate
        ("3天回访率", (["d3_rate"], [], [])),
        ("14日回访率", (["d14_rate"], [], [])),
        ("D3回访率", (["d3_rate"], [], [])),
        ("d14回访率", (["d14_rate"], [], [])),
        # the amount at the thing's grain: trip fares per trip
        ("平均每次行程的票价", (["fares_per_trip"], [], [])),
        ("每次行程的平均票价", (["fares_per_trip"], [], [])),
        ("average fares per trip", (["fares_per_trip"], [], [])),
        # the kind word before the general rate it extends
        ("休息室的升级率", (["upgrade_lounge"], [], [])),
        # a rate filtered to a kind the model publishes its own rate for: that rate (the
        # general one filtered to lounge taps would divide by lounge tappers only)
        ("lounge upgrade rate", (["upgrade_lounge"], [], [])),
        ("upgrade rate for lounge", (["upgrade_lounge"], [], [])),
        ("lounge upgrade rate by month", (["upgrade_lounge"], ["metric_time__month"], [])),
        # an exclusion: read as before ("boarding upgrade rate", no published rate for
        # boarding beside the lounge one, is asked back: test_nl2sql_ratio_segments)
        (
            "upgrade rate excluding lounge",
            (["upgrade_rate"], [], [("tap__tap_kind", "!=", ["lounge"])]),
        ),
    ],
)
def test_reading(question: str, expected: tuple[list[str], list[str], list]) -> None:
    assert _read(question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "回访率",  # two day-numbered rates, no number
        "7天回访率",  # no rate is marked 7
        "3个回访率",  # a count of things, not days
        "最近14天的回访率",  # a window of days, not the D14 rate
        "3次行程的回访率",
        "休息室的行程数",  # the kind word beside another metric: still asked
        "不是休息室的升级率",  # a negation the engine cannot place
        "非休息室的升级率",
    ],
)
def test_refused(question: str) -> None:
    u = understand(question, FERRY, TODAY)
    assert u.refused, (question, u.query)


def test_per_thing_without_average_lists_each_thing() -> None:
    """每次行程的票价 (no average word) keeps the per-occasion reading: fares trip by trip."""
    metrics, group_by, _ = _read("每次行程的票价")
    assert (metrics, group_by) == (["fares"], ["trip"])
