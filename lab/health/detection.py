"""The automatic anomaly detection rate as the article means it, computable without labels.

Why not "findings / labels": that compares the checks with ground truth only a demo has (and
with labels written by the same hands, a tautology). In a real deployment an anomaly *surfaces*
in one of two ways: the system flags it (a health-check finding), or a person reports it — a
customer or staff contact about the order in ``service_interactions``. The rate is

    anomalies the system flagged before anyone reported them / all anomalies that surfaced

over orders: an order surfaced when it has a finding or a report, and it counts as detected
automatically when its earliest finding was detectable (``detected_at``) before its first
report, or when nobody reported it at all. The lead time is how long before the first report
the system could have flagged it. Only anomalies that surfaced in the last ``window_days``
before the as-of moment count: the checks judge the warehouse as it is then, so an old late
delivery, long resolved, is no longer a finding and would be miscounted as missed.

A contact reports an anomaly when its intent is a complaint, or when the customer asks where
the order is after its promised delivery day while it is still not delivered (asking before
the promise, or after the parcel arrived, is a question, not a report). Both intents are
parameters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

REPORT_INTENTS = ("complaint",)
WINDOW_DAYS = 30
LATE_QUESTION_INTENTS = ("where_is_my_order",)

_REPORTS_SQL = """
SELECT s.order_id, MIN(s.created_at) AS first_report_at, ARG_MIN(s.intent, s.created_at) AS intent
FROM service_interactions AS s
JOIN orders AS o ON o.order_id = s.order_id
WHERE s.created_at <= CAST($as_of AS TIMESTAMP)
  AND (list_contains($report_intents, s.intent)
       OR (list_contains($late_intents, s.intent)
           AND s.created_at >= CAST(o.promised_delivery_date AS TIMESTAMP) + INTERVAL 1 DAY
           AND NOT EXISTS (SELECT 1 FROM shipments AS sh
                           WHERE sh.order_id = s.order_id AND sh.delivered_at <= s.created_at)))
GROUP BY s.order_id
"""


@dataclass(frozen=True)
class DetectionRate:
    """The KPI with its parts (counts of orders) and the median lead time."""

    surfaced: int
    flagged_first: int
    reported_first: int
    flagged_and_reported: int
    median_lead_hours: float | None
    per_order: pd.DataFrame

    @property
    def rate(self) -> float | None:
        """Share of surfaced anomalies the system flagged before any report (None if none)."""
        return self.flagged_first / self.surfaced if self.surfaced else None

    def note(self) -> str:
        """One line for the KPI table."""
        lead = (
            f"median lead {self.median_lead_hours:.1f} h before the first report"
            if self.median_lead_hours is not None
            else "no flagged anomaly was reported later"
        )
        return (
            f"{self.flagged_first}/{self.surfaced} surfaced anomalies (orders) flagged before "
            f"any customer/staff report; {self.reported_first} reported first (missed or late); "
            f"{lead}"
        )


def detection_rate(
    con: duckdb.DuckDBPyConnection,
    findings: pd.DataFrame,
    as_of: dt.datetime,
    report_intents: tuple[str, ...] = REPORT_INTENTS,
    late_question_intents: tuple[str, ...] = LATE_QUESTION_INTENTS,
    window_days: int = WINDOW_DAYS,
) -> DetectionRate:
    """Score the findings of :func:`lab.health.run_checks` against the people's reports.

    ``findings`` needs ``order_id`` and ``detected_at``; ``as_of`` is the moment they were
    judged at (reports after it have not happened yet).
    """
    reports = con.execute(
        _REPORTS_SQL,
        {
            "as_of": as_of,
            "report_intents": list(report_intents),
            "late_intents": list(late_question_intents),
        },
    ).df()
    flagged = (
        findings.dropna(subset=["order_id"])
        .assign(detected_at=lambda f: pd.to_datetime(f["detected_at"]))
        .groupby("order_id", as_index=False)
        .agg(detected_at=("detected_at", "min"), checks=("check", lambda s: sorted(set(s))))
    )
    per_order = flagged.merge(reports, on="order_id", how="outer")
    surfaced_at = per_order[["detected_at", "first_report_at"]].min(axis=1)
    since = pd.Timestamp(as_of) - pd.Timedelta(days=window_days)
    per_order = per_order[surfaced_at >= since].reset_index(drop=True)
    reported = per_order["first_report_at"].notna()
    detected = per_order["detected_at"].notna()
    first = detected & (~reported | (per_order["detected_at"] < per_order["first_report_at"]))
    per_order["flagged_first"] = first
    lead = (per_order["first_report_at"] - per_order["detected_at"]).dt.total_seconds() / 3600
    per_order["lead_hours"] = lead.where(first & reported)
    leads = per_order["lead_hours"].dropna()
    return DetectionRate(
        surfaced=len(per_order),
        flagged_first=int(first.sum()),
        reported_first=int((reported & ~first).sum()),
        flagged_and_reported=int((first & reported).sum()),
        median_lead_hours=float(leads.median()) if len(leads) else None,
        per_order=per_order.sort_values("order_id", ignore_index=True),
    )
