"""Customs calendar: extra clearance days for arrivals (destination) or departures (origin).

Why a day grid: the promise check needs "how many extra days if the goods arrive on day d"
for every candidate arrival day of every lane at once; a (country × day) array answers that
with one indexing operation. Overlapping windows take the largest delay (they do not add up).
Windows for the origin country (``CN`` by default: Spring Festival) delay the departure.

>>> import pandas as pd
>>> cal = pd.DataFrame({"country": ["DE"], "start_date": [pd.Timestamp("2026-12-24")],
...     "end_date": [pd.Timestamp("2026-12-26")], "extra_delay_days": [3], "note": ["Christmas"]})
>>> delay_grid(cal, ["DE", "US"], "2026-12-23", 5).tolist()
[[0, 3, 3, 3, 0], [0, 0, 0, 0, 0]]
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

ORIGIN_COUNTRY = "CN"


def load_calendar(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The ``customs_calendar`` table with Timestamp dates (empty frame if it has no rows)."""
    df = con.execute(
        "select country, start_date, end_date, extra_delay_days, note from customs_calendar "
        "order by country, start_date"
    ).df()
    df["start_date"] = pd.to_datetime(df["start_date"])
    df["end_date"] = pd.to_datetime(df["end_date"])
    df["extra_delay_days"] = df["extra_delay_days"].fillna(0).astype("int64")
    return df


def delay_grid(calendar: pd.DataFrame, countries, start, n_days: int) -> np.ndarray:
    """Extra delay (days) for each country (rows) and each day from ``start`` (columns)."""
    start = pd.Timestamp(start)
    countries = list(countries)
    out = np.zeros((len(countries), n_days), dtype=np.int64)
    row = {c: i for i, c in enumerate(countries)}
    for rec in calendar.itertuples():
        i = row.get(rec.country)
        if i is None:
            continue
        a = max(0, (rec.start_date - start).days)
        b = min(n_days - 1, (rec.end_date - start).days)
        if a <= b:
            out[i, a : b + 1] = np.maximum(out[i, a : b + 1], int(rec.extra_delay_days))
    return out


def windows_overlapping(calendar: pd.DataFrame, country: str, start, end) -> list[dict]:
    """Calendar windows of ``country`` that touch [start, end], as evidence dicts."""
    return CalendarIndex(calendar).overlapping(country, start, end)


class CalendarIndex:
    """The calendar grouped by country as plain tuples: evidence lookups for many rows need
    microseconds per call, not a DataFrame filter each."""

    def __init__(self, calendar: pd.DataFrame) -> None:
        self._by_country: dict[str, list[tuple]] = {}
        for r in calendar.itertuples():
            self._by_country.setdefault(r.country, []).append(
                (r.start_date, r.end_date, int(r.extra_delay_days), r.note)
            )

    def overlapping(self, country: str, start, end) -> list[dict]:
        """Windows of ``country`` that touch [start, end]."""
        start, end = pd.Timestamp(start), pd.Timestamp(end)
        return [
            {
                "country": country,
                "start": a.date().isoformat(),
                "end": b.date().isoformat(),
                "extra_delay_days": d,
                "note": note,
            }
            for a, b, d, note in self._by_country.get(country, [])
            if a <= end and b >= start
        ]
