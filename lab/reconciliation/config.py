"""Reconciliation settings and periods: the knobs finance may turn, with their defaults.

Why a module: matching, status and the CLI all need the same tolerances; keeping them in one
frozen dataclass makes a run reproducible (the settings are part of the result).

>>> p = Period.parse("2026-02")
>>> (p.label, str(p.start), str(p.end))
('2026-02', '2026-02-01', '2026-03-01')
>>> [q.label for q in Period.range("2025-12", "2026-02")]
['2025-12', '2026-01', '2026-02']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from lab.reconciliation.errors import PeriodError


@dataclass(frozen=True)
class ReconConfig:
    """Tolerances and windows of one reconciliation run.

    ``tolerance`` is relative (0.005 = 0.5%): a flow whose received amount differs from what its
    orders say by more turns yellow. Amount and date are hard gates for matching without a
    reference; references and names are graded evidence.
    """

    tolerance: float = 0.005
    amount_window_days: int = 90  # orders created up to this long before the payment
    lookahead_days: int = 3  # ... or this long after it (paid before the order was keyed in)
    instalment_lookback_days: int = 200  # earlier instalments of the same order
    duplicate_minutes: int = 10
    settlement_days_back: int = 2  # a lump may settle bills of the previous days
    service_rate_per_hour: float = 80.0  # expected service fee = service hours × rate
    cent_tolerance: float = 0.01  # absolute slack for "exactly equal"
    confidence_reference: float = 0.99
    confidence_fuzzy: float = 0.85
    confidence_third_party: float = 0.9  # a reference the amount confirms, paid by someone else
    confidence_amount: float = 0.8
    confidence_settlement: float = 0.97

    def __post_init__(self) -> None:
        if not 0 <= self.tolerance < 1:
            raise PeriodError(f"tolerance must be a fraction in [0, 1), got {self.tolerance!r}")


_PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    """A calendar month ``YYYY-MM``: flows booked in [start, end) belong to it."""

    label: str
    start: date
    end: date

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse ``YYYY-MM`` (a ``YYYY-MM-DD`` date is accepted and names its month)."""
        m = _PERIOD_RE.match(str(text)[:7]) if len(str(text)) in (7, 10) else None
        if not m or not 1 <= int(m.group(2)) <= 12:
            raise PeriodError(f"period {text!r} is not YYYY-MM (e.g. 2026-01)")
        y, mo = int(m.group(1)), int(m.group(2))
        end = date(y + (mo == 12), mo % 12 + 1, 1)
        return cls(f"{y:04d}-{mo:02d}", date(y, mo, 1), end)

    @classmethod
    def range(cls, first: str, last: str) -> list[Period]:
        """Every month from ``first`` to ``last`` inclusive."""
        p, stop = cls.parse(first), cls.parse(last)
        if p.start > stop.start:
            raise PeriodError(f"period_start {first!r} is after period_end {last!r}")
        out = []
        while p.start <= stop.start:
            out.append(p)
            p = cls.parse(p.end.isoformat())
        return out
