"""Whether a metric is kept in money: its unit, its format, or a money word in its names.

Kept apart from :mod:`nl2sql.rules.money` (which reads the parse state) so that rules deciding
between metrics by their kind (:mod:`nl2sql.rules.metric_kinds`) can ask it without an import
cycle.
"""

from __future__ import annotations

from nl2sql.normalize import key_of
from nl2sql.rules.units import metric_unit
from nl2sql.unit_words import kind_of
from semantic_layer.catalog import CatalogMetric
from semantic_layer.money_names import HEAD_ONLY as _HEAD_ONLY
from semantic_layer.money_names import MONEY_WORDS as MONEY_WORDS


def is_money_metric(m: CatalogMetric) -> bool:
    """Whether ``m`` is kept in money: a currency unit, or a money word in its name or label
    (a sum of ``capacity`` or ``nights`` is an amount, but not of money)."""
    unit = metric_unit(m)
    if unit is not None:
        return kind_of(unit) == "money"
    keys = (key_of(m.name), key_of(m.label), key_of(m.measure_expr))
    words = {
        w for key in keys for k, w in enumerate(key) if w not in _HEAD_ONLY or k == len(key) - 1
    }
    return m.value_format == "currency" or bool(words & MONEY_WORDS)
