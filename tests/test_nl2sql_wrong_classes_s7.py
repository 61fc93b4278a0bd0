"""Wrong-answer classes found by the session-7 probe hunt (``test_nl2sql_probes_roles``), one
rule each, on small models of other domains than the probe sets that showed them.

Each class gave a plausible answer over the wrong rows or the wrong operation:

- "A divided by B": the arithmetic verb of a ratio's description ("Bookings divided by views")
  was absorbed as the metric's event verb, and A and B were shown side by side;
- one metric named once per value ("GMV of jd and GMV of tmall") answered the one combined
  figure; over two dimensions the conditions were ANDed into rows that are neither side's;
- 累计 over periods ("每月的累计GMV") was a filler, so each month's own total was shown as the
  running total; a windowed cumulative metric ("GMV month to date") asked without a time
  grain summed all of time;
- a negated condition on a joined model's key column ("flights not to LAX") lost the facts
  whose key has no row in that model;
- an actor reached only through another entity ("bookings by user": the listing's user) while
  the facts record roles the model leaves unlinked (guest, host) was answered as one of them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from nl2sql.rules import understand
from nl2sql.rules.suggest import split_candidates
from semantic_layer import load_model
from semantic_layer.actor_roles import hop_actors, unlinked_roles
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from tests.understand_helpers import understood_query

TODAY = dt.date(2024, 6, 30)


def _refused(question: str, catalog: Catalog) -> tuple[str, list[str]]:
    u = understand(question, catalog, TODAY)
    assert u.refused, u.query
    return str(u.reason_en), list(u.suggestions)


def _shop(*extra: CatalogMetric) -> Catalog:
    """Orders with a channel and a customer tier; GMV, order count and whatever ``extra`` adds."""
    dims = ("order__channel", "customer__tier", "order__created_at", "metric_time")
    base = dict(dimensions=dims, agg_time_dimension="order__created_at")
    return Catalog(
        metrics=(
            CatalogMetric("gmv", "GMV", description="Gross merchandise value.", **base),  # type: ignore[arg-type]
            CatalogMetric("orders", "Orders", counts="order", **base),  # type: ignore[arg-type]
            *extra,
        ),
        dimensions=(
            CatalogDimension("order__channel", "Channel", entity="order", values=("jd", "tmall")),
            CatalogDimension("customer__tier", "Tier", entity="customer", values=("VIP", "gold")),
            CatalogDimension("order__created_at", "Created At", entity="order", dim_type="time"),
        ),
        entities=(CatalogEntity("order", "order"), CatalogEntity("customer", "customer")),
    )


def _clinic(*extra: CatalogMetric) -> Catalog:
    """Patient visits by clinic; visits, revenue and whatever ``extra`` adds."""
    dims = ("visit__clinic", "visit__visit_date", "metric_time")
    base = dict(dimensions=dims, agg_time_dimension="visit__visit_date")
    return Catalog(
        metrics=(
            CatalogMetric("visits", "Visits", counts="visit", **base),  # type: ignore[arg-type]
            CatalogMetric("revenue", "Revenue", description="Fees billed.", **base),  # type: ignore[arg-type]
            *extra,
        ),
        dimensions=(
            CatalogDimension(
                "visit__clinic", "Clinic", entity="visit", values=("Northside", "Riverside")
            ),
            CatalogDimension("visit__visit_date", "Visit Date", entity="visit", dim_type="time"),
        ),
        entities=(CatalogEntity("visit", "visit"),),
    )


# -- an arithmetic verb in a ratio's description ---------------------------------------------------
def _ratio(name: str, label: str, description: str) -> CatalogMetric:
    return CatalogMetric(
        name,
        label,
        description=description,
        metric_type="ratio",
        value_format="percent",
        dimensions=("visit__clinic", "visit__visit_date", "metric_time"),
        agg_time_dimension="visit__visit_date",
    )


@pytest.mark.parametrize(
    ("question", "catalog"),
    [
        (
            "revenue per visit divided by visits per doctor",
            _clinic(
                _ratio("revenue_per_visit", "Revenue per Visit", "Revenue divided by visits."),
                _ratio("visits_per_doctor", "Visits per Doctor", "Visits divided by doctors."),
            ),
        ),
        (
            "profit margin of jd divided by profit margin of tmall",
            _shop(
                CatalogMetric(
                    "profit_margin",
                    "Profit Margin",
                    description="Net profit divided by total sales.",
                    metric_type="ratio",
                    value_format="percent",
                    dimensions=("order__channel", "order__created_at", "metric_time"),
                    agg_time_dimension="order__created_at",
                )
            ),
        ),
    ],
)
def test_divided_by_between_two_metrics_is_not_absorbed(question: str, catalog: Catalog) -> None:
    """Answered before as the two ratios side by side, or the one ratio of both channels."""
    reason, _ = _refused(question, catalog)
    assert "divided" in reason


# -- one metric named once per value ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "catalog", "dimension", "values"),
    [
        ("GMV of jd and GMV of tmall", _shop(), "order__channel", ["jd", "tmall"]),
        ("visits of Northside and visits of Riverside", _clinic(), "visit__clinic", None),
    ],
)
def test_a_metric_named_once_per_value_is_broken_down_by_those_values(
    question: str, catalog: Catalog, dimension: str, values: list[str] | None
) -> None:
    """Answered before as one combined figure (GMV of jd and tmall together)."""
    q = understood_query(question, catalog, TODAY)
    assert dimension in q.group_by
    (f,) = q.filters
    assert (f.dimension, f.op) == (dimension, "in")
    assert sorted(map(str, f.values)) == (values or ["Northside", "Riverside"])


def test_the_values_said_once_stay_one_combined_figure() -> None:
    q = understood_query("GMV of jd and tmall", _shop(), TODAY)
    assert q.group_by == []


@pytest.mark.parametrize(
    ("question", "catalog", "halves"),
    [
        ("GMV of jd and GMV of VIP customers", _shop(), ["GMV of jd", "GMV of VIP customers"]),
        (
            "revenue of Northside and revenue in June",
            _clinic(),
            ["revenue of Northside", "revenue in June"],
        ),
    ],
)
def test_a_metric_named_twice_under_different_conditions_is_refused_with_each_half(
    question: str, catalog: Catalog, halves: list[str]
) -> None:
    """The conditions were ANDed (jd orders of VIP customers: neither side's figure)."""
    if "June" in question:
        # a time range is no dimension filter: only one condition, nothing to break down
        q = understood_query(question, catalog, TODAY)
        assert q.group_by == []
        return
    reason, suggestions = _refused(question, catalog)
    assert "more than once" in reason
    assert suggestions == halves


def test_split_candidates_halve_at_the_first_link_word() -> None:
    assert split_candidates("那jd的GMV与VIP客户的GMV？") == ["那jd的GMV", "VIP客户的GMV"]
    assert split_candidates("GMV by channel") == []


# -- running totals --------------------------------------------------------------------------------------
def _windowed(name: str, label: str, catalog: Catalog, dims: tuple[str, ...]) -> Catalog:
    metric = CatalogMetric(name, label, metric_type="cumulative", windowed=True, dimensions=dims)
    return Catalog(
        metrics=(*catalog.metrics, metric),
        dimensions=catalog.dimensions,
        entities=catalog.entities,
    )


@pytest.mark.parametrize(
    ("question", "catalog"),
    [("2024年每月的累计GMV", _shop()), ("2024年每月的累计revenue", _clinic())],
)
def test_a_running_total_by_period_without_a_cumulative_metric_is_refused(
    question: str, catalog: Catalog
) -> None:
    """累计 was a filler: each month's own total was shown as the running total."""
    reason, suggestions = _refused(question, catalog)
    assert "running total" in reason
    assert suggestions  # runnable questions of the model


@pytest.mark.parametrize(
    ("question", "catalog"), [("累计GMV", _shop()), ("累计revenue", _clinic())]
)
def test_a_running_total_word_without_periods_is_the_total(question: str, catalog: Catalog) -> None:
    q = understood_query(question, catalog, TODAY)
    assert q.group_by == [] and len(q.metrics) == 1


@pytest.mark.parametrize(
    ("name", "label", "catalog"),
    [
        ("gmv_mtd", "GMV month to date", _shop()),
        ("visits_rolling_7d", "Visits rolling 7 days", _clinic()),
    ],
)
def test_a_windowed_cumulative_metric_needs_a_time_grain(
    name: str, label: str, catalog: Catalog
) -> None:
    """Asked alone it summed all of time (25.1M for a month to date of 1.46M)."""
    dims = (*(d.name for d in catalog.dimensions), "metric_time")
    cat = _windowed(name, label, catalog, dims)
    reason, suggestions = _refused(label, cat)
    assert "running total read on each day" in reason
    assert suggestions[0] == f"{label} by month"
    q = understood_query(f"{label} by month", cat, TODAY)
    assert q.metrics == [name] and q.group_by == ["metric_time__month"]


# -- a negated condition on a joined model's key ----------------------------------------------------------
def _keyed(fact: str, metric: str, entity: str, code: str, values: tuple[str, ...]) -> Catalog:
    """``metric`` counts ``fact`` rows, joined to ``entity`` whose key column is ``code``."""
    key = f"{entity}__{code}"
    return Catalog(
        metrics=(
            CatalogMetric(
                metric, metric.title(), dimensions=(entity, key, "metric_time"), counts=fact
            ),
        ),
        dimensions=(
            CatalogDimension(
                key, code.replace("_", " ").title(), entity=entity, values=values, is_key=True
            ),
        ),
        entities=(CatalogEntity(fact, fact), CatalogEntity(entity, entity)),
    )


@pytest.mark.parametrize(
    ("question", "catalog", "entity", "op", "value"),
    [
        (
            "shipments not from WH-SH",
            _keyed("shipment", "shipments", "warehouse", "warehouse_code", ("WH-SH", "WH-BJ")),
            "warehouse",
            "!=",
            "WH-SH",
        ),
        (
            "loans not from B07",
            _keyed("loan", "loans", "branch", "branch_code", ("B07", "B12")),
            "branch",
            "!=",
            "B07",
        ),
    ],
)
def test_a_condition_on_a_joined_key_column_compares_the_facts_own_key(
    question: str, catalog: Catalog, entity: str, op: str, value: str
) -> None:
    """Compared through the LEFT JOIN, the facts without a joined row fell out of the count."""
    q = understood_query(question, catalog, TODAY)
    assert [(f.dimension, f.op, f.values) for f in q.filters] == [(entity, op, [value])]


# -- an actor reached only through another entity, beside unlinked roles ----------------------------------
def _with_hop(catalog: Catalog, actor: str, hop: str, roles: tuple[str, ...]) -> Catalog:
    m = catalog.metrics[0]
    dims = (*m.dimensions, *roles, actor, f"{actor}__home_state")
    hopped = CatalogMetric(
        m.name,
        m.label,
        dimensions=dims,
        counts=m.counts,
        hop_actors=((actor, hop),),
        unlinked_roles=roles,
    )
    return Catalog(
        metrics=(hopped,),
        dimensions=(
            *catalog.dimensions,
            CatalogDimension(f"{actor}__home_state", "Home State", entity=actor, values=("CA",)),
        ),
        entities=(
            *catalog.entities,
            CatalogEntity(actor, actor),
            *(CatalogEntity(r, r) for r in roles),
        ),
    )


@pytest.mark.parametrize(
    ("question", "catalog", "suggestions"),
    [
        (
            "bookings by user",
            _with_hop(
                _keyed("booking", "bookings", "listing", "listing_code", ("L1",)),
                "user",
                "listing",
                ("guest", "host"),
            ),
            ["bookings by guest", "bookings by host"],
        ),
        (
            "trips by person",
            _with_hop(
                _keyed("trip", "trips", "vehicle", "plate", ("AB1",)),
                "person",
                "vehicle",
                ("rider", "driver"),
            ),
            ["trips by rider", "trips by driver"],
        ),
    ],
)
def test_an_actor_reached_only_through_a_hop_beside_unlinked_roles_is_refused(
    question: str, catalog: Catalog, suggestions: list[str]
) -> None:
    """Answered before by the hop's actor (the listing's user) under the bare name "user"."""
    reason, got = _refused(question, catalog)
    assert "which one is meant" in reason
    assert got == suggestions


_LODGING = """
semantic_models:
  - name: bookings
    model: ref('bookings')
    defaults: {agg_time_dimension: ds}
    entities:
      - {name: booking, type: primary, expr: booking_id}
      - {name: listing, type: foreign, expr: listing_id}
      - {name: guest, type: foreign, expr: guest_id}
    dimensions:
      - {name: ds, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: bookings, agg: count, expr: booking_id}
  - name: listings
    model: ref('listings')
    entities:
      - {name: listing, type: primary, expr: listing_id}
      - {name: user, type: foreign, expr: user_id}
    dimensions:
      - {name: country, type: categorical}
  - name: users
    model: ref('users')
    entities:
      - {name: user, type: primary, expr: user_id}
    dimensions:
      - {name: home_state, type: categorical}
  - name: views
    model: ref('views')
    defaults: {agg_time_dimension: ds}
    entities:
      - {name: view, type: primary, expr: view_id}
      - {name: user, type: foreign, expr: user_id}
    dimensions:
      - {name: ds, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: views, agg: count, expr: view_id}
  - name: payments
    model: ref('payments')
    defaults: {agg_time_dimension: ds}
    entities:
      - {name: payment, type: primary, expr: payment_id}
      - {name: user, type: foreign, expr: user_id}
    dimensions:
      - {name: ds, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: paid, agg: sum, expr: amount}
metrics:
  - {name: bookings, label: Bookings, type: simple, type_params: {measure: bookings}}
  - {name: views, label: Views, type: simple, type_params: {measure: views}}
  - {name: paid, label: Paid, type: simple, type_params: {measure: paid}}
"""


def _model_dir(tmp_path: Path, text: str) -> Path:
    (tmp_path / "model.yml").write_text(text)
    return tmp_path


def test_actor_roles_of_a_lodging_model(tmp_path: Path) -> None:
    model = load_model(_model_dir(tmp_path, _LODGING))
    assert unlinked_roles(model, "bookings") == ("guest",)
    assert hop_actors(model, "bookings") == (("user", "listing"),)
    assert hop_actors(model, "views") == ()  # records its user itself


def test_actor_roles_of_a_ride_model(tmp_path: Path) -> None:
    text = (
        _LODGING.replace("bookings", "trips")
        .replace("booking", "trip")
        .replace("listings", "vehicles")
        .replace("listing", "vehicle")
        .replace("guest", "rider")
    )
    model = load_model(_model_dir(tmp_path, text))
    assert hop_actors(model, "trips") == (("user", "vehicle"),)
    # once the rider is linked to users there is no unlinked role: nothing to refuse
    linked = text.replace(
        "- {name: user, type: primary, expr: user_id}",
        (
            "- {name: user, type: primary, expr: user_id}\n      - {name: rider, type: unique, expr: user_id}"
        ),
    )
    assert hop_actors(load_model(_model_dir(tmp_path, linked)), "trips") == ()
