"""ECDICT, the English→Chinese dictionary looked up from the model's side.

Why these tests: CC-CEDICT's glosses miss everyday nouns as models name them (no CC-CEDICT
entry is glossed "permit" alone strongly enough to answer on, "packaging" reached 包装 only as a
weak sense), while ECDICT lists the Chinese taught for each English word. The small catalogs
below are written like other people's dbt projects (English names, no synonyms) in three
domains — city permits, hotel rooms, parcel shipping, tenancy — and each test asks through the rules
engine and checks the query, so a bridge that reaches the wrong term, or a shared translation
answered instead of clarified, fails.
"""

from __future__ import annotations

import datetime as dt
import importlib
from functools import partial

import pytest

from nl2sql.rules import understand
from nl2sql.vocabulary import ecdict
from nl2sql.vocabulary.bridges import build_bridges
from nl2sql.vocabulary.ecdict_anchors import ecdict_words
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric
from tests.understand_helpers import understood_query

TODAY = dt.date(2026, 4, 1)


pytestmark = pytest.mark.usefixtures("own_cache")


PERMITS = Catalog(
    metrics=(
        CatalogMetric(
            "open_permit_count",
            "Open permits",
            agg="count",
            measure_expr="permit_id",
            counts="permit",
        ),
    ),
    dimensions=(
        CatalogDimension("permit__stage", "Stage", entity="permit", values=("in_review", "issued")),
        CatalogDimension(
            "permit__work_type", "Work Type", entity="permit", values=("demolition", "adu")
        ),
        CatalogDimension("permit__applied_date", "Applied Date", entity="permit", dim_type="time"),
    ),
    entities=(CatalogEntity("permit", "permit", key_expr="permit_id"),),
)

PARCELS = Catalog(
    metrics=(CatalogMetric("shipments", "Shipments"),),
    dimensions=(
        CatalogDimension("shipment__packaging", "Packaging", values=("box", "envelope")),
        CatalogDimension("shipment__condition", "Condition", values=("damaged", "intact")),
        CatalogDimension("shipment__shipped_date", "Shipped Date", dim_type="time"),
    ),
    entities=(CatalogEntity("shipment", "shipment"),),
)

HOTEL = Catalog(
    metrics=(
        CatalogMetric("bookings", "Bookings", agg="count", measure_expr="id", counts="booking"),
    ),
    dimensions=(
        CatalogDimension(
            "room__room_class", "Room Class", entity="room", values=("luxury", "standard")
        ),
        CatalogDimension("booking__landing_page", "Landing Page", entity="booking"),
        CatalogDimension("booking__booked_date", "Booked Date", entity="booking", dim_type="time"),
    ),
    entities=(CatalogEntity("booking", "booking", key_expr="id"), CatalogEntity("room", "room")),
)

#: two model words ECDICT translates alike: "tenant" and "renter" are both 承租人 first
TENANCY = Catalog(
    metrics=(
        CatalogMetric("tenants", "Tenants", agg="count", measure_expr="tenant_id", counts="tenant"),
        CatalogMetric("renters", "Renters", agg="count", measure_expr="renter_id", counts="renter"),
    ),
    dimensions=(CatalogDimension("lease__start_date", "Start Date", dim_type="time"),),
    entities=(
        CatalogEntity("tenant", "tenant", key_expr="tenant_id"),
        CatalogEntity("renter", "renter", key_expr="renter_id"),
    ),
)


#: the question's semantic query as of TODAY (a refusal fails the test)
_query = partial(understood_query, today=TODAY)


def test_the_dictionary_is_shipped_and_read() -> None:
    """Fails when the derived subset is missing from the package (a broken install)."""
    assert ecdict.resource_version() != "absent"
    assert ("许可证", 0, "noun") in ecdict.chinese_for("permit")
    assert ("包装", 0, "noun") in ecdict.chinese_for("packaging")


def test_a_missing_dictionary_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ecdict, "DATA_FILE", "no_such_file.tsv.xz")
    ecdict._entries.cache_clear()
    ecdict.resource_version.cache_clear()
    try:
        assert ecdict.resource_version() == "absent"
        with pytest.raises(ecdict.DictionaryMissing):
            ecdict._entries()
    finally:
        monkeypatch.undo()
        ecdict._entries.cache_clear()
        ecdict.resource_version.cache_clear()
        importlib.reload(ecdict)


def test_a_permit_model_is_asked_in_chinese() -> None:
    """许可证 is ECDICT's first noun for "permit"; CC-CEDICT alone bridged it too weakly."""
    q = _query("按阶段统计许可证数", PERMITS)
    assert q.metrics == ["open_permit_count"] and q.group_by == ["permit__stage"]


def test_a_hotel_model_is_asked_in_chinese() -> None:
    """奢侈 is ECDICT's first noun for "luxury" (a room class value) and 登录页面 its
    translation of the phrase "landing page"; CC-CEDICT has neither."""
    q = _query("奢侈房间的预订数", HOTEL)
    assert q.metrics == ["bookings"]
    assert [(f.dimension, f.values) for f in q.filters] == [("room__room_class", ["luxury"])]
    q = _query("各登录页面的预订数", HOTEL)
    assert q.metrics == ["bookings"] and q.group_by == ["booking__landing_page"]


def test_ecdict_bridges_carry_their_source_and_rank() -> None:
    bridges = {(b.term, b.name, b.value): b for b in build_bridges(HOTEL)}
    page = bridges[("登录页面", "booking__landing_page", None)]
    assert page.accepted and page.source == "ecdict"
    luxury = bridges[("奢侈", "room__room_class", "luxury")]
    assert luxury.accepted and luxury.source == "ecdict"
    # 豪华 is only "luxury"'s second sense: no value name (a value takes a word's main sense)
    assert ("豪华", "room__room_class", "luxury") not in bridges
    # 包装 is CC-CEDICT's "to pack; packaging", an event word: left to CC-CEDICT
    packaging = {(b.term, b.name): b for b in build_bridges(PARCELS)}[
        ("包装", "shipment__packaging")
    ]
    assert packaging.accepted and packaging.source == "cedict"


def test_a_translation_shared_by_two_model_terms_is_clarified() -> None:
    """承租人 is the first noun of both "tenant" and "renter": asked, never guessed (CC-CEDICT
    alone glosses it "tenant" only, and answered the tenants)."""
    u = understand("承租人数", TENANCY, TODAY)
    assert u.refused
    text = (u.reason_en + " ".join(u.suggestions)).lower()
    assert "tenant" in text and "renter" in text
    # each English word alone still answers
    assert _query("renters", TENANCY).metrics == ["renters"]


def test_a_later_sense_that_is_another_words_first_is_not_answered() -> None:
    """规则 is "order"'s second noun but "rule"'s first: an orders model never claims it."""
    assert "规则" not in {w for w, f in ecdict_words("order", "entity").items() if f >= 0.65}
    assert ecdict_words("permit", "entity")["许可证"] >= 0.8


def test_codes_and_upper_case_names_get_no_dictionary_words() -> None:
    """A state code "CO" is no English word (ECDICT: 余弦, cosine); "BELL" is a maker's name."""
    cat = Catalog(
        metrics=(CatalogMetric("users", "Users"),),
        dimensions=(
            CatalogDimension("user__home_state", "Home State", values=("CO", "MD")),
            CatalogDimension("plane__manufacturer", "Manufacturer", values=("BELL", "Rotorcraft")),
        ),
        entities=(CatalogEntity("user", "user"),),
    )
    terms = {b.term for b in build_bridges(cat) if "ecdict" in b.source}
    assert not terms & {"余弦", "医学博士", "响铃命令"}


def test_an_everyday_word_is_no_data_values_name_on_ecdict_alone() -> None:
    """完整 ("completed"'s first ECDICT sense) and 媒体 ("medium") are everyday words: a
    question saying them would be filtered by the value; 奢侈 (rarer) still names one."""
    cat = Catalog(
        metrics=(
            CatalogMetric("orders", "Orders", agg="count", measure_expr="id", counts="order"),
        ),
        dimensions=(
            CatalogDimension("order__status", "Status", entity="order", values=("completed",)),
            CatalogDimension("order__size", "Size", entity="order", values=("medium", "luxury")),
        ),
        entities=(CatalogEntity("order", "order", key_expr="id"),),
    )
    accepted = {(b.term, b.value) for b in build_bridges(cat) if b.accepted}
    assert ("完整", "completed") not in accepted and ("媒体", "medium") not in accepted
    assert ("奢侈", "luxury") in accepted
