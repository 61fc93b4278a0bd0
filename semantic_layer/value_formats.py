"""How a metric's values read (number, percent, currency), from its ``config.meta.format``.

Why its own reading: ``meta`` is the model owner's free-form area and other tools write their
own ``format`` there — a BI tool's ``format: {type: percent, decimalPlaces: 1}``, Lightdash's
``format: usd``. dbt accepts any of it, so a ``format`` OrderLens cannot read must never stop a
project from loading: the mapping's ``type`` is read when it names one of ours, and anything
else is reported as a warning and left to the inferred format (a rate is a percent).
"""

from __future__ import annotations

from typing import Any

#: the formats answers are shown in (``nl2sql.columns.format_value``)
FORMATS = ("number", "percent", "currency")


def meta_format(meta: Any) -> str | None:
    """The format ``meta`` declares in a form OrderLens reads, else None.

    >>> meta_format({"format": "percent"}), meta_format({"format": {"type": "percent"}})
    ('percent', 'percent')
    >>> meta_format({"format": "usd"}), meta_format({"format": {"decimalPlaces": 1}}), meta_format(None)
    (None, None, None)
    """
    if not isinstance(meta, dict):
        return None
    fmt = meta.get("format")
    if isinstance(fmt, dict):
        fmt = fmt.get("type")
    return fmt if isinstance(fmt, str) and fmt in FORMATS else None
