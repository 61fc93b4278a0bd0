"""Transit-time distributions per lane and shipping mode, learned from shipment history.

Why empirical: planners trust "95% of CN-DE sea shipments took at most 37 days" more than a
fitted curve, and the promise check only needs P(transit ≤ d). Transit is counted in whole
calendar days from the physical outbound scan (the day the goods leave: the planner's "ship
date"; falling back to the carrier pickup, then the ERP ship click) to the delivery scan, so
the pickup lag is part of the transit. A lane/mode with fewer than ``min_samples`` deliveries borrows the
distribution of its mode over all lanes, so a thin lane is never judged on a handful of parcels.

>>> import pandas as pd
>>> hist = pd.DataFrame({"lane": ["CN-DE"] * 4, "shipping_mode": ["air"] * 4,
...                      "days": [4, 5, 5, 8]})
>>> model = fit_transit(hist, min_samples=1)
>>> float(model.p_within(model.key_index(["CN-DE"], ["air"]), [5])[0])
0.75
>>> float(model.quantiles([0.5]).loc[0, "q50"])
5.0
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from lab.shipping.errors import MissingDataError

MIN_SAMPLES = 20
MAX_TRANSIT_DAYS = 120

_HISTORY_SQL = """
select lane, shipping_mode,
       date_diff('day', coalesce(outbound_scan_at, pickup_at, erp_shipped_at)::date,
                 delivered_at::date) as days,
       delivered_at::date as delivered_date
from shipments
where delivered_at is not null
  and coalesce(outbound_scan_at, pickup_at, erp_shipped_at) is not null
  and lane is not null and shipping_mode is not null
"""


def load_transit_history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every delivered shipment as (lane, shipping_mode, days, delivered_date)."""
    df = con.execute(_HISTORY_SQL).df()
    df["days"] = df["days"].astype("int64")
    df["delivered_date"] = pd.to_datetime(df["delivered_date"])
    return df[(df["days"] >= 0) & (df["days"] <= MAX_TRANSIT_DAYS)].reset_index(drop=True)


@dataclass(frozen=True)
class TransitModel:
    """Empirical transit CDFs: row ``k`` of ``cdf`` is P(transit ≤ d days) for key ``k``.

    ``keys`` has one row per (lane, shipping_mode) with ``n`` (samples used) and ``source``
    (``lane`` = own history, ``mode`` = borrowed from the mode over all lanes).
    """

    keys: pd.DataFrame
    cdf: np.ndarray

    @property
    def max_days(self) -> int:
        """Largest transit length the CDF grid covers."""
        return self.cdf.shape[1] - 1

    def key_index(self, lanes, modes) -> np.ndarray:
        """Row of ``cdf`` for each (lane, mode); -1 where neither lane nor mode has history."""
        lookup = {(r.lane, r.shipping_mode): i for i, r in enumerate(self.keys.itertuples())}
        mode_rows = {
            r.shipping_mode: i for i, r in enumerate(self.keys.itertuples()) if r.lane == "*"
        }
        out = np.full(len(lanes), -1, dtype=np.int64)
        for j, (lane, mode) in enumerate(zip(lanes, modes, strict=True)):
            out[j] = lookup.get((lane, mode), mode_rows.get(mode, -1))
        return out

    def pmf(self) -> np.ndarray:
        """P(transit = d days) per key (the CDF's increments)."""
        return np.diff(self.cdf, axis=1, prepend=0.0)

    def p_within(self, key_idx, days) -> np.ndarray:
        """P(transit ≤ days) for each (key, days) pair; 0 for unknown keys or negative days."""
        key_idx = np.asarray(key_idx)
        days = np.asarray(days)
        if len(self.cdf) == 0:
            return np.zeros(np.broadcast(key_idx, days).shape)
        d = np.clip(days, 0, self.max_days)
        p = self.cdf[np.clip(key_idx, 0, None), d]
        return np.where((key_idx < 0) | (days < 0), 0.0, p)

    def quantiles(self, qs=(0.5, 0.8, 0.95, 0.99)) -> pd.DataFrame:
        """Transit quantiles (smallest d with P(transit ≤ d) ≥ q) per key, for evidence and docs."""
        out = self.keys.copy()
        for q in qs:
            out[f"q{round(q * 100):02d}"] = (self.cdf >= q - 1e-12).argmax(axis=1).astype(float)
        return out


def fit_transit(history: pd.DataFrame, min_samples: int = MIN_SAMPLES) -> TransitModel:
    """Build the empirical CDFs from (lane, shipping_mode, days) rows.

    Keys: every lane/mode with ≥ ``min_samples`` rows (source ``lane``), every lane/mode with
    fewer rows mapped onto its mode-wide distribution (source ``mode``), and one ``("*", mode)``
    row per mode used for lanes never seen at all.
    """
    if history.empty:
        raise MissingDataError(
            "no delivered shipments to learn transit times from: the `shipments` table needs "
            "rows with delivered_at and pickup_at (or outbound_scan_at) filled"
        )
    days = history["days"].to_numpy(dtype=np.int64)
    width = int(min(days.max(), MAX_TRANSIT_DAYS)) + 1

    def _cdf(d: np.ndarray) -> np.ndarray:
        counts = np.bincount(np.clip(d, 0, width - 1), minlength=width).astype(float)
        return np.cumsum(counts) / counts.sum()

    mode_cdf: dict[str, tuple[np.ndarray, int]] = {}
    for mode, grp in history.groupby("shipping_mode", sort=True):
        mode_cdf[str(mode)] = (_cdf(grp["days"].to_numpy(np.int64)), len(grp))

    rows: list[dict] = []
    cdfs: list[np.ndarray] = []
    for (lane, mode), grp in history.groupby(["lane", "shipping_mode"], sort=True):
        if len(grp) >= min_samples:
            rows.append({"lane": lane, "shipping_mode": mode, "n": len(grp), "source": "lane"})
            cdfs.append(_cdf(grp["days"].to_numpy(np.int64)))
        elif mode_cdf[str(mode)][1] >= min_samples:
            cdf, n = mode_cdf[str(mode)]
            rows.append({"lane": lane, "shipping_mode": mode, "n": n, "source": "mode"})
            cdfs.append(cdf)
    for mode, (cdf, n) in mode_cdf.items():
        if n < min_samples:  # too thin to plan on: lanes of this mode stay unknown
            continue
        rows.append({"lane": "*", "shipping_mode": mode, "n": n, "source": "mode"})
        cdfs.append(cdf)
    keys = pd.DataFrame(rows, columns=["lane", "shipping_mode", "n", "source"])
    return TransitModel(keys=keys, cdf=np.vstack(cdfs) if cdfs else np.zeros((0, width)))


def learn_transit(
    con: duckdb.DuckDBPyConnection, as_of: date | None = None, min_samples: int = MIN_SAMPLES
) -> TransitModel:
    """Fit on the warehouse's deliveries known before ``as_of`` (all of them when None)."""
    hist = load_transit_history(con)
    if as_of is not None:
        hist = hist[hist["delivered_date"] < pd.Timestamp(as_of)]
    return fit_transit(hist, min_samples=min_samples)
