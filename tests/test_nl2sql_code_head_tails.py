"""A dimension named "<whose> <thing> code" is asked for by the thing alone.

A public distribution-operations project names its dimensions ``document_currency_code`` and
``payment_term_code``; "DSO by currency" was refused ("I don't know 'currency'"), since only
"document currency" (the label without its code head) and "currency code" (a suffix) named
the dimension. The thing a code stands for is its modifier's last word; two dimensions ending
in it are asked about, never guessed. Original catalog: a hotel's folio lines.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

TODAY = dt.date(2026, 4, 1)

pytestmark = pytest.mark.usefixtures("own_cache")


def _folio(*dims: CatalogDimension) -> Catalog:
    return Catalog(
        metrics=(
            CatalogMetric(
                "folio_charges", "Folio Charges", agg="sum", measure_expr="charge_amount"
            ),
        ),
        dimensions=(
            *dims,
            CatalogDimension("folio__posted_at", "Posted At", entity="folio", dim_type="time"),
        ),
        entities=(CatalogEntity("folio", "folio", key_expr="folio_line_id"),),
    )


BILLING = CatalogDimension(
    "folio__billing_currency_code",
    "Billing Currency Code",
    entity="folio",
    values=("EUR", "CHF"),
)
SOURCE = CatalogDimension(
    "folio__booking_source_code",
    "Booking Source Code",
    entity="folio",
    values=("WEB", "AGENT"),
)
PAYOUT = CatalogDimension(
    "folio__payout_currency_code",
    "Payout Currency Code",
    entity="folio",
    values=("EUR", "USD"),
)


def test_the_thing_a_code_stands_for_names_its_dimension() -> None:
    u = understand("folio charges by currency", _folio(BILLING, SOURCE), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.group_by == ["folio__billing_currency_code"]
    u = understand("folio charges by source", _folio(BILLING, SOURCE), TODAY)
    assert not u.refused, u.reason_en
    assert u.query.group_by == ["folio__booking_source_code"]


def test_two_codes_of_the_same_thing_are_asked_about() -> None:
    u = understand("folio charges by currency", _folio(BILLING, PAYOUT), TODAY)
    assert u.refused
    assert "billing currency code" in u.reason_en.lower()
    assert "payout currency code" in u.reason_en.lower()
