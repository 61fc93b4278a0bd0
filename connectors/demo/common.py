"""Shared plumbing of the demo generator: the build context, time arithmetic, picking helpers.

Why: every module of the generator works on whole NumPy arrays (one entry per order, line,
shipment...) and must draw from ONE random stream in a fixed order so a (orders, seed, end_date)
triple always gives the same warehouse. Times are int64 seconds since the Unix epoch (naive,
warehouse-local time) with :data:`NAT` as the "no value" sentinel; they become ``TIMESTAMP``
columns only when handed to DuckDB (:func:`ts`).

>>> import datetime as dt
>>> ctx = Context.create(orders=10, seed=1, end_date=dt.date(2026, 11, 20))
>>> ts(np.array([ctx.as_of]))[0]
np.datetime64('2026-11-21T00:00:00')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

NAT = np.iinfo(np.int64).min
"""Sentinel for a missing time in int64-second arrays (becomes SQL NULL)."""

MINUTE = 60
HOUR = 3600
DAY = 86400
HISTORY_DAYS = 730


@dataclass
class Context:
    """Everything a generator module needs: size, random stream and the time frame.

    ``as_of`` is the first instant after the history (``end_date`` + 1 day, 00:00): no event
    in the warehouse happens at or after it, and "deadline passed" means "before ``as_of``".
    """

    orders: int
    seed: int
    end_date: dt.date
    rng: np.random.Generator
    start: int  # first second of the history (end_date - 729 days, 00:00)
    as_of: int  # end_date + 1 day, 00:00
    labels: list[pd.DataFrame] = field(default_factory=list)

    @classmethod
    def create(cls, *, orders: int, seed: int, end_date: dt.date) -> Context:
        """Build a context; the random stream is ``numpy.random.default_rng(seed)``."""
        end = epoch_seconds(end_date)
        return cls(
            orders=orders,
            seed=seed,
            end_date=end_date,
            rng=np.random.default_rng(seed),
            start=end - (HISTORY_DAYS - 1) * DAY,
            as_of=end + DAY,
        )

    @property
    def days(self) -> np.ndarray:
        """Day starts (epoch seconds) of the 730 history days, oldest first."""
        return self.start + np.arange(HISTORY_DAYS, dtype=np.int64) * DAY


def epoch_seconds(day: dt.date) -> int:
    """Seconds since the epoch of ``day`` at 00:00.

    >>> epoch_seconds(dt.date(1970, 1, 2))
    86400
    """
    return (day - dt.date(1970, 1, 1)).days * DAY


def ts(seconds: np.ndarray) -> np.ndarray:
    """int64 seconds (with :data:`NAT`) → ``datetime64[s]`` for DuckDB (NAT → NULL)."""
    return np.asarray(seconds, dtype=np.int64).view("datetime64[s]")


def dates(seconds: np.ndarray) -> np.ndarray:
    """int64 seconds → ``datetime64[D]`` (the calendar day)."""
    return ts(seconds).astype("datetime64[D]")


def where_time(mask: np.ndarray, seconds: np.ndarray) -> np.ndarray:
    """Keep ``seconds`` where ``mask`` holds, :data:`NAT` elsewhere."""
    return np.where(mask, seconds, NAT).astype(np.int64)


def uniform_seconds(rng: np.random.Generator, low: float, high: float, n: int) -> np.ndarray:
    """``n`` integer durations uniformly drawn in [low, high) seconds."""
    return rng.uniform(low, high, n).astype(np.int64)


def pick(
    rng: np.random.Generator, eligible: np.ndarray, rate: float, minimum: int = 3
) -> np.ndarray:
    """Choose about ``rate`` of the eligible positions (at least ``minimum`` when possible).

    Returns a boolean mask over ``eligible``. Used for every injected anomaly so each type is
    present even in small test warehouses.

    >>> m = pick(np.random.default_rng(0), np.array([True] * 10 + [False] * 5), 0.01)
    >>> int(m.sum()), bool(m[10:].any())
    (3, False)
    """
    idx = np.flatnonzero(eligible)
    count = min(len(idx), max(minimum, round(rate * len(idx))))
    chosen = np.zeros(len(eligible), dtype=bool)
    if count:
        chosen[rng.choice(idx, size=count, replace=False)] = True
    return chosen


def choice(rng: np.random.Generator, weights: np.ndarray | list[float], n: int) -> np.ndarray:
    """``n`` category codes drawn with the given (unnormalised) weights."""
    w = np.asarray(weights, dtype=float)
    return rng.choice(len(w), size=n, p=w / w.sum())


def group_rank(keys: np.ndarray) -> np.ndarray:
    """Position (0-based) of each element among earlier elements with the same key.

    >>> group_rank(np.array([5, 5, 7, 5, 7])).tolist()
    [0, 1, 0, 2, 1]
    """
    keys = np.asarray(keys)
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]
    first = np.maximum.accumulate(np.where(starts, np.arange(len(keys)), 0))
    rank = np.empty(len(keys), dtype=np.int64)
    rank[order] = np.arange(len(keys)) - first
    return rank


def add_labels(ctx: Context, entity: str, ids: list[str] | np.ndarray, kind: str, detail) -> None:
    """Record ground-truth anomaly labels (``anomaly_labels`` rows)."""
    ids = np.asarray(ids, dtype=object)
    if len(ids) == 0:
        return
    detail_arr = np.broadcast_to(np.asarray(detail, dtype=object), ids.shape)
    ctx.labels.append(
        pd.DataFrame(
            {"entity": entity, "entity_id": ids, "anomaly_type": kind, "detail": detail_arr}
        )
    )


def order_ids(order_num: np.ndarray) -> list[str]:
    """Global order ids (``OL`` + 9 digits) for a SMALL set of order numbers (labels).

    >>> order_ids(np.array([12]))
    ['OL000000012']
    """
    return [f"OL{int(n):09d}" for n in order_num]
