"""Status trace: what each system said about an order, and when, on one timeline.

``trace_card(con, "JD20260210001")`` answers "where is my order?" from any id;
``write_comparison_report(con, refs, "trace.html")`` writes the offline HTML comparison.
"""

from __future__ import annotations

from lab.trace.card import (
    card_for_question,
    current_stage,
    render_card_html,
    trace_card,
    trace_cards,
)
from lab.trace.errors import TraceError
from lab.trace.report import comparison_rows, render_report_html, write_comparison_report
from lab.trace.resolve import (
    candidate_references,
    find_order_reference,
    normalize_reference,
    resolve_reference,
    resolve_references,
)
from lab.trace.timeline import (
    DEFAULT_RED_MINUTES,
    STAGE_LABELS_ZH,
    STAGES,
    build_timeline,
    load_snapshots,
    sample_orders,
    stage_matrix,
    timeline_for,
)

__all__ = [
    "DEFAULT_RED_MINUTES",
    "STAGES",
    "STAGE_LABELS_ZH",
    "TraceError",
    "build_timeline",
    "candidate_references",
    "card_for_question",
    "comparison_rows",
    "current_stage",
    "find_order_reference",
    "load_snapshots",
    "normalize_reference",
    "render_card_html",
    "render_report_html",
    "resolve_reference",
    "resolve_references",
    "sample_orders",
    "stage_matrix",
    "timeline_for",
    "trace_card",
    "trace_cards",
    "write_comparison_report",
]
