"""A unit the named metric lacks, said of its twin that is counted in it: "volume in USD".

Why: dbt projects keep one amount twice — in the money of each row and converted to one
currency — under labels that differ only by the unit ("Settled Deposit Volume" /
"Settled Deposit Volume (USD)", ``revenue`` / ``revenue_usd``). "settled deposit
volume in USD" names the first label exactly, so the unit was asked of a metric that has none
and refused ("'in usd' reads as a unit … which Settled Deposit Volume is not counted
in"), although the model's own twin answers it. The twin is taken only when it is the one
metric whose unit is the one said and whose label (or name) is the named metric's with that
unit added; any other unit ("in EUR" with no EUR twin) is refused as before
(:func:`nl2sql.rules.units.answer_unit`).
"""

from __future__ import annotations

import re

from nl2sql.rules.items import Item
from nl2sql.rules.units import metric_unit, unit_of_word
from semantic_layer.catalog import Catalog, CatalogMetric

#: a trailing unit qualifier of a label: "(USD)", "（美元）", "in USD"
_LABEL_UNIT = re.compile(r"\s*(?:[(（][^)）]*[)）]|\bin\s+\S+)\s*$", re.IGNORECASE)


def _base_label(m: CatalogMetric) -> str:
    """The label without a trailing unit qualifier, in lower case."""
    return _LABEL_UNIT.sub("", (m.label or "").strip()).lower()


def _is_twin(twin: CatalogMetric, plain: CatalogMetric, unit: str) -> bool:
    """Whether ``twin`` is ``plain`` with ``unit`` added to its label or its name.

    >>> a = CatalogMetric("vol", "Volume"); b = CatalogMetric("vol_usd", "Volume (USD)")
    >>> _is_twin(b, a, "usd"), _is_twin(a, b, "usd")
    (True, False)
    """
    if twin.name == plain.name or metric_unit(twin) != unit:
        return False
    label_twin = bool(plain.label) and twin.label != plain.label
    if label_twin and _base_label(twin) == (plain.label or "").strip().lower():
        return True
    stem = re.sub(r"_[a-z]+$", "", twin.name.lower())
    return stem == plain.name.lower() and unit_of_word(twin.name.lower()[len(stem) + 1 :]) == unit


def unit_twin(catalog: Catalog, name: str, unit: str) -> str | None:
    """The one metric that is ``name`` counted in ``unit``, when ``name`` itself has no unit.

    >>> from semantic_layer.catalog import Catalog
    >>> cat = Catalog(metrics=(CatalogMetric("vol", "Volume"),
    ...                        CatalogMetric("vol_usd", "Volume (USD)")), dimensions=())
    >>> unit_twin(cat, "vol", "usd"), unit_twin(cat, "vol", "eur"), unit_twin(cat, "vol_usd", "usd")
    ('vol_usd', None, None)
    """
    plain = catalog.metric(name)
    if plain is None or metric_unit(plain) is not None:
        return None
    twins = [m.name for m in catalog.metrics if _is_twin(m, plain, unit)]
    return twins[0] if len(twins) == 1 else None


def plain_of_unit_twins(items: list[Item], catalog: Catalog, names: list[str]) -> str | None:
    """Of a metric and its twins counted in a unit, the one without a unit when the question
    says no unit: "settled volume by deposit currency" between "Settled Deposit
    Volume" and "Settled Deposit Volume (USD)" is the first (the label it names; the
    twin adds a conversion the question does not ask for). A unit said decides by itself
    (:func:`nl2sql.rules.metric_names.unit_metric`), so then this reads nothing.

    >>> from semantic_layer.catalog import Catalog
    >>> cat = Catalog(metrics=(CatalogMetric("vol", "Volume"),
    ...                        CatalogMetric("vol_usd", "Volume (USD)")), dimensions=())
    >>> plain_of_unit_twins([], cat, ["vol_usd", "vol"])
    'vol'
    >>> plain_of_unit_twins([Item("role", "in USD", 0, 6, role="unit")], cat, ["vol_usd", "vol"])
    """
    if len(names) < 2 or any(x.kind == "role" and x.role == "unit" for x in items):
        return None
    metrics = [m for n in names if (m := catalog.metric(n)) is not None]
    plain = [m for m in metrics if metric_unit(m) is None]
    if len(metrics) != len(names) or len(plain) != 1:
        return None
    others = [m for m in metrics if m is not plain[0]]
    if all((u := metric_unit(m)) is not None and _is_twin(m, plain[0], u) for m in others):
        return plain[0].name
    return None
