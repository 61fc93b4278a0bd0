"""Matching money flows (bank lines, settlement bills) to orders, in DuckDB.

Why this order of rules (after Odoo / ERPNext): a reference typed by the payer is the strongest
evidence, so memo references are matched first (exact, then a unique one-character-typo lookup
that must also agree on the payer); a line without a usable reference may only be matched when
the amount equals exactly one open order of the same counterparty inside the date window —
amount and date are hard gates, names are evidence, and two candidates are a near-tie that is
left for a person. Duplicates (same account, amount, counterparty and memo within minutes) are
flagged and never matched, so nothing is counted twice. Platform settlement lumps are matched
to the day's settlement bills of their platform, and each bill to its order.

Everything runs as set-based SQL over temp tables (``_r_*``) of the caller's connection, from
the step files in ``lab/reconciliation/sql/`` listed in ``STEPS``; only memo parsing, the choice
among readings of a memo and the exact cent split run in Python. The output is two temp tables:

* ``_r_parts``: (flow_id, flow_source, order_id, component, expected, matched_amount, rule,
  confidence, evidence) — one row per flow × order × component;
* ``_r_flows``: (flow_id, flow_source, amount, expected_amount, match_status, reason) — one row
  per flow of the period; ``match_status`` is the machine cause (``matched``, ``instalment``,
  ``partial_payment``, ``overpayment``, ``freight_difference``, ``ambiguous``, ``no_reference``,
  ``duplicate``, ``settlement``, ``settlement_difference``, ``unknown_reference``, ...).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from connectors.sources._bank import REVERSAL_MARK
from lab.reconciliation.config import Period, ReconConfig
from lab.reconciliation.fees import expected_bill_fees
from lab.reconciliation.memo import RefPattern, parse_memos
from lab.reconciliation.party_names import customer_name_mask
from lab.reconciliation.pinyin_names import payer_aliases
from lab.reconciliation.rounding import split_exactly
from lab.reconciliation.rules import AllocationRules
from lab.reconciliation.sql_steps import run_step

_PARSED_SCHEMA = pa.schema(
    [
        ("ref_pos", pa.int32()), ("ref", pa.string()), ("kind", pa.string()),
        ("ref_start", pa.int32()), ("ref_end", pa.int32()), ("ref_text", pa.string()),
        ("components", pa.list_(pa.string())), ("instalment", pa.string()),
        ("valid", pa.bool_()), ("component_text", pa.string()), ("text", pa.string()),
    ]
)  # fmt: skip


@dataclass(frozen=True)
class StepContext:
    """What a step needs: the connection, the bound parameters, patterns and rules."""

    con: duckdb.DuckDBPyConnection
    params: dict[str, Any]
    patterns: Sequence[RefPattern]
    rules: AllocationRules | None = None


def step_params(period: Period, cfg: ReconConfig) -> dict[str, Any]:
    """Every ``$parameter`` the step files may use, from the period and the settings."""
    start = pd.Timestamp(period.start)
    return {
        "period": period.label,
        "start": period.start,
        "end": period.end,
        "lookback_start": start - pd.Timedelta(days=max(cfg.instalment_lookback_days, 1)),
        "bill_days_start": start - pd.Timedelta(days=cfg.settlement_days_back + 31),
        "duplicate_minutes": cfg.duplicate_minutes,
        "reversal_mark": REVERSAL_MARK,
        "lookahead_days": cfg.lookahead_days,
        "amount_window_days": cfg.amount_window_days,
        "settlement_days_back": cfg.settlement_days_back,
        "tolerance": cfg.tolerance,
        "cent": cfg.cent_tolerance,
        "service_rate": cfg.service_rate_per_hour,
        "confidence_reference": cfg.confidence_reference,
        "confidence_fuzzy": cfg.confidence_fuzzy,
        "confidence_third_party": cfg.confidence_third_party,
        "confidence_amount": cfg.confidence_amount,
        "confidence_settlement": cfg.confidence_settlement,
    }


def _parse_memos(ctx: StepContext) -> None:
    """Parse every distinct memo / counterparty text once; join the references back to flows."""
    texts = run_step(ctx.con, "02_memo_texts", ctx.params).fetchall()
    mask = customer_name_mask(ctx.con)
    cols = parse_memos(((t, t) for (t,) in texts), ctx.patterns, mask if mask else None)
    cols["text"] = cols.pop("flow_id")
    df = pa.table(cols, schema=_PARSED_SCHEMA)  # typed even when no memo has a reference
    ctx.con.register("_r_parsed_df", df)
    try:
        run_step(ctx.con, "03_refs", ctx.params)
    finally:
        ctx.con.unregister("_r_parsed_df")


def fuzzy_params(ref_length: int) -> dict[str, int]:
    """The join widths of ``05_fuzzy_candidates`` for references of one length.

    >>> fuzzy_params(13)
    {'ref_length': 13, 'edge': 4, 'core': 8, 'tail': 2}
    """
    edge = ref_length // 3
    return {
        "ref_length": ref_length,
        "edge": edge,
        "core": ref_length - edge - 1,
        "tail": edge // 2,
    }


def _fuzzy_candidates(ctx: StepContext) -> None:
    """One-edit candidates for the unresolved references, one pass per reference length."""
    lengths = ctx.con.execute("select distinct n from _r_unresolved order by n").fetchall()
    for (n,) in lengths:
        run_step(ctx.con, "05_fuzzy_candidates", fuzzy_params(n))


def _goods_or_full(ctx: StepContext) -> None:
    """Let the amount decide what the words leave open: ``货款`` and unmentioned service fees.

    People write ``货款`` for goods only and for the whole order alike, and a transfer often
    includes an order's service fee without saying so. For flows whose total does not add up,
    find the unique set of such readings (a goods part read as the whole order: + shipping fee;
    a referenced order's service fee) that explains the gap to the cent; apply exactly those.
    Several sets explain it → nothing is changed (the flow stays yellow for a person).
    """
    rows = run_step(ctx.con, "08_goods_or_full_gaps", ctx.params).fetchall()
    upgrades: list[tuple[str, str, str]] = []
    for flow_id, gap, orders, kinds, fees in rows:
        chosen = _unique_subset([round(float(f) * 100) for f in fees], round(float(gap) * 100))
        if chosen is not None:
            upgrades += [
                (flow_id, o, k)
                for i, (o, k) in enumerate(zip(orders, kinds, strict=True))
                if chosen >> i & 1
            ]
    if not upgrades:
        return
    ctx.con.register(
        "_r_upgrade_df", pd.DataFrame(upgrades, columns=["flow_id", "order_id", "kind"])
    )
    try:
        run_step(ctx.con, "09_goods_or_full_apply", ctx.params)
    finally:
        ctx.con.unregister("_r_upgrade_df")


def _unique_subset(cents: list[int], target: int, max_items: int = 14) -> int | None:
    """The bit mask of the only subset of ``cents`` summing to ``target``, else None.

    >>> _unique_subset([500, 300, 200], 800), _unique_subset([500, 300, 200], 500)
    (3, None)
    """
    if len(cents) > max_items:  # 2**14 subsets at most: beyond that a person decides
        return None
    hits = []
    for mask in range(1, 1 << len(cents)):
        if sum(c for i, c in enumerate(cents) if mask >> i & 1) == target:
            hits.append(mask)
            if len(hits) > 1:
                return None
    return hits[0] if hits else None


def _split_references(ctx: StepContext) -> None:
    """Exact cents for every reference part (largest remainder over the weights)."""
    split_exactly(ctx.con, "_r_ref_split_src", "_r_ref_split")


def _bill_fees(ctx: StepContext) -> None:
    """``_r_bill_fee``: the fee each bill of the period should withhold (rules ``fees:``)."""
    if ctx.rules is not None and ctx.rules.fees:
        expected_bill_fees(ctx.con, ctx.rules, ctx.params["start"], ctx.params["end"])
    else:
        ctx.con.execute(
            "create or replace temp table _r_bill_fee"
            " (bill_id varchar, expected_fee decimal(14, 2), fee_formula varchar)"
        )


def _split_kept(ctx: StepContext) -> None:
    """Exact cents for what overpaid orders keep (the rest of the flow is unallocated)."""
    split_exactly(ctx.con, "_r_keep_src", "_r_keep")


@dataclass(frozen=True)
class Step:
    """One matcher step: a SQL file of ``sql/`` (``name``) or a Python function."""

    name: str
    python: Callable[[StepContext], None] | None = None

    def run(self, ctx: StepContext) -> None:
        """Run the Python function, or every statement of ``sql/<name>.sql``."""
        if self.python is not None:
            self.python(ctx)
        else:
            run_step(ctx.con, self.name, ctx.params)


# The matcher, in order. Python steps read and write the temp tables of the SQL steps around
# them; their SQL lives in the files they name (02/03, 05, 08/09).
STEPS: tuple[Step, ...] = (
    Step("payer_aliases", lambda ctx: payer_aliases(ctx.con)),
    Step("01_load_flows"),
    Step("parse_memos", _parse_memos),
    Step("04_resolve_exact"),
    Step("fuzzy_candidates", _fuzzy_candidates),
    Step("06_resolve_fuzzy"),
    Step("07_reference_parts"),
    Step("goods_or_full", _goods_or_full),
    Step("10_weak_references"),
    Step("11_amount_candidates"),
    Step("12_settlements"),
    Step("13_reference_split_src"),
    Step("split_references", _split_references),
    Step("14_reference_results"),
    Step("15_amount_matches"),
    Step("16_duplicates"),
    Step("17_settlement_lumps"),
    Step("bill_fees", _bill_fees),
    Step("18_bills"),
    Step("19_paid_ceiling"),
    Step("20_overpayment_excess"),
    Step("split_kept", _split_kept),
    Step("21_apply_excess"),
    Step("22_carrier_freight"),
)


def match_flows(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    cfg: ReconConfig,
    patterns: Sequence[RefPattern],
    timings: dict[str, float] | None = None,
    rules: AllocationRules | None = None,
) -> None:
    """Build ``_r_parts`` and ``_r_flows`` for ``period`` (see the module docstring).

    ``timings`` (if given) receives the seconds spent in each step (``match.<step>``);
    ``rules`` gives the platforms' fee formulas (none: bills' fees are not checked).
    """
    ctx = StepContext(con, step_params(period, cfg), patterns, rules)
    for step in STEPS:
        t = time.perf_counter()
        step.run(ctx)
        if timings is not None:
            timings[f"match.{step.name}"] = time.perf_counter() - t
