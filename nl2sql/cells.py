"""JSON-safe result cells, shared by the answer (``Answer.rows``) and the chart data.

Why its own module: ``nl2sql.answer`` renders charts and ``nl2sql.charts`` embeds result cells;
keeping the cell conversion below both lets each import it without importing the other.

>>> import datetime as dt, decimal
>>> [json_value(v) for v in (decimal.Decimal("1.50"), float("nan"), dt.date(2026, 1, 2))]
[1.5, None, '2026-01-02']
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
from typing import Any

import pandas as pd


def json_value(value: Any) -> Any:
    """A JSON-safe version of one cell: ISO dates, floats for decimals, None for NaN/NaT."""
    if value is None:
        return None
    if isinstance(value, bool | str | int):
        return value
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, pd.Timestamp):
        return (
            None
            if pd.isna(value)
            else (value.date().isoformat() if value == value.normalize() else value.isoformat())
        )
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return json_value(value.item())
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)
