"""The status trust chain: which system saw which stage of each order, when, and by whom.

Why: ``status_snapshots`` is where "the ERP says shipped but the courier never picked it up"
and "systems disagree for more than 15 minutes" become visible. Every stage an order reached
is recorded by the systems that see it; the first system records it at the stage time and the
others a continuous sync delay later (:func:`connectors.demo.fulfilment.sync_delay`: mostly a
few minutes, sometimes 6–24). Some non-originating records never arrive (a dropped webhook).
Anomalies (a system > 15 minutes late; a system using an id the ``order_id_map`` does not know)
are injected here; ``status_disagreement`` is labelled on every order whose final records are
more than 15 minutes apart, injected or a slow sync that happened to cross the threshold.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from connectors.demo.common import DAY, MINUTE, NAT, Context, add_labels, order_ids, pick
from connectors.demo.fulfilment import Fulfilment, sync_delay

SYSTEMS = ["platform", "erp", "wms", "courier", "crm"]
PLATFORM, ERP, WMS, COURIER, CRM = range(5)
# slot → (stage, system, operator, source); operator "*" = a warehouse clerk chosen in SQL
SLOTS: list[tuple[str, int, str, str]] = [
    ("created", PLATFORM, "system", "api"),  # 0
    ("created", ERP, "erp-sync", "batch"),  # 1
    ("created", CRM, "crm-sync", "api"),  # 2
    ("paid", PLATFORM, "system", "api"),  # 3
    ("paid", ERP, "erp-sync", "api"),  # 4
    ("cancelled", ERP, "auto-cancel-job", "batch"),  # 5
    ("cancelled", PLATFORM, "system", "api"),  # 6
    ("picking", WMS, "wms-scan", "scan"),  # 7
    ("picking", ERP, "erp-sync", "api"),  # 8
    ("outbound", ERP, "*", "manual"),  # 9  first (failed) attempt of a roll-back
    ("outbound", WMS, "wms-scan", "scan"),  # 10
    ("outbound", PLATFORM, "erp-push", "api"),  # 11
    ("awaiting_shipment", ERP, "rollback-job", "api"),  # 12
    ("outbound", ERP, "*", "manual"),  # 13 main shipment
    ("outbound", WMS, "wms-scan", "scan"),  # 14
    ("outbound", PLATFORM, "erp-push", "api"),  # 15
    ("picked_up", COURIER, "courier-push", "webhook"),  # 16
    ("picked_up", ERP, "erp-sync", "api"),  # 17
    ("picked_up", PLATFORM, "erp-push", "api"),  # 18
    ("in_transit", COURIER, "courier-push", "webhook"),  # 19
    ("in_transit", ERP, "erp-sync", "api"),  # 20
    ("out_for_delivery", COURIER, "courier-push", "webhook"),  # 21
    ("out_for_delivery", ERP, "erp-sync", "api"),  # 22
    ("delivered", COURIER, "courier-push", "webhook"),  # 23
    ("delivered", ERP, "erp-sync", "api"),  # 24
    ("delivered", PLATFORM, "erp-push", "api"),  # 25
    ("delivered", CRM, "crm-sync", "api"),  # 26
]
# slots a status-disagreement anomaly may delay (never the slot that defines the stage time)
DELAYABLE = [1, 2, 4, 8, 17, 18, 24, 25, 26]
MISSING_RECORD_SHARE = 0.003  # a non-originating system's record that never arrived
DISAGREEMENT_SECONDS = 15 * MINUTE  # the definition in connectors/demo/anomalies.py


def slot_table() -> pd.DataFrame:
    """The slot lookup joined in SQL (stage, system, operator, source per slot)."""
    return pd.DataFrame(
        {
            "slot": np.arange(len(SLOTS)),
            "status": [s[0] for s in SLOTS],
            "system_code": [s[1] for s in SLOTS],
            "system": [SYSTEMS[s[1]] for s in SLOTS],
            "operator": [s[2] for s in SLOTS],
            "source": [s[3] for s in SLOTS],
        }
    )


def make_snapshots(
    ctx: Context, orders: pd.DataFrame, ful: Fulfilment
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Snapshot times as a (slot, order) matrix (NAT = not recorded), per order the system
    (or −1) that reports an id the ``order_id_map`` does not hold (``inconsistent_ids``), and
    when the WMS first saw each order."""
    rng = ctx.rng
    n = len(orders)
    sh = ful.shipments
    main = sh[sh["attempt"] == 1]
    first = sh[sh["attempt"] == 0]

    def per_order(frame: pd.DataFrame, col: str) -> np.ndarray:
        out = np.full(n, NAT)
        out[frame["order_idx"].to_numpy()] = frame[col].to_numpy()
        return out

    erp_out, wms_out = per_order(main, "erp_shipped_at"), per_order(main, "outbound_scan_at")
    pickup, delivered = per_order(main, "pickup_at"), per_order(main, "delivered_at")
    f_erp, f_wms = per_order(first, "erp_shipped_at"), per_order(first, "outbound_scan_at")
    created = orders["created_at"].to_numpy()
    paid = orders["paid_at"].to_numpy()
    b2b = orders["is_b2b"].to_numpy()
    picking = np.where(
        ful.ready_at != NAT, ful.ready_at - rng.integers(20 * MINUTE, 90 * MINUTE, n), NAT
    )
    picking = np.where((ful.outbound_t != NAT) | (ful.first_outbound_t != NAT), picking, NAT)
    t = np.full((len(SLOTS), n), NAT, dtype=np.int64)

    def stage(slots: list[int], base: np.ndarray, origin: int | np.ndarray = 0) -> None:
        """Stage at ``base``: the origin slot records at once, the others 0–12 min later."""
        for k, s in enumerate(slots):
            lag = np.where(np.asarray(origin) == k, 0, sync_delay(rng, n))
            t[s] = np.where(base != NAT, base + lag, NAT)

    stage([0, 1, 2], created)
    stage([3, 4], paid, np.where(b2b, 1, 0))
    stage([5, 6], orders["cancelled_at"].to_numpy())
    stage([7, 8], picking)
    t[9], t[10] = f_erp, f_wms
    t[11] = np.where(f_erp != NAT, np.minimum(f_erp, f_wms) + sync_delay(rng, n), NAT)
    t[12] = ful.rollback_at
    t[13], t[14] = erp_out, wms_out
    base_out = np.where(wms_out != NAT, np.minimum(erp_out, wms_out), erp_out)
    t[15] = np.where(erp_out != NAT, base_out + sync_delay(rng, n), NAT)
    stage([16, 17, 18], pickup)
    stage([19, 20], ful.first_transit)
    stage([21, 22], ful.out_for_delivery)
    stage([23, 24, 25, 26], delivered)
    pos = orders["is_pos"].to_numpy()
    t[[0, 1, 2, 3, 4]] = np.where(pos, t[[0, 0, 0, 3, 3]], t[[0, 1, 2, 3, 4]])  # POS: one till
    t[7:] = np.where(pos, NAT, t[7:])

    # ---- status_disagreement: one system reports one stage 28–240 minutes late
    normal = ful.first_outbound_t == NAT
    eligible = normal & (delivered != NAT) & (delivered < ctx.as_of - DAY) & ~pos
    chosen = np.flatnonzero(pick(rng, eligible, 0.01))
    slot = rng.choice(DELAYABLE, len(chosen))
    lag = rng.integers(28 * MINUTE, 240 * MINUTE, len(chosen))  # > 15 min even if it was first
    t[slot, chosen] = t[slot, chosen] + lag
    injected = {
        int(
            i
        ): f"{SYSTEMS[SLOTS[s][1]]} recorded '{SLOTS[s][0]}' {lg // 60} min after the other systems"
        for i, s, lg in zip(chosen, slot, lag, strict=True)
    }
    # dropped records: only copies (DELAYABLE slots), never the record that defines the stage
    drop = rng.random((len(DELAYABLE), n)) < MISSING_RECORD_SHARE
    drop[:, chosen] = False  # keep the injected disagreement observable
    t[DELAYABLE] = np.where(drop, NAT, t[DELAYABLE])

    # ---- inconsistent_ids: one system's snapshots carry an id the id map does not know
    bad_system = np.full(n, -1)
    chosen = np.flatnonzero(pick(rng, np.ones(n, dtype=bool) & ~pos, 0.008))
    has_wms = picking[chosen] != NAT
    options = np.where(has_wms[:, None], [ERP, WMS, PLATFORM, CRM], [ERP, PLATFORM, CRM, ERP])
    which = options[np.arange(len(chosen)), rng.integers(0, 4, len(chosen))]
    bad_system[chosen] = which
    why = {
        ERP: "a second ERP number (-1 suffix)",
        WMS: "the ERP number typed with 0 for O",
        PLATFORM: "a one-digit typo of the channel order number",
        CRM: "a one-digit typo of the channel order number",
    }
    add_labels(
        ctx,
        "order",
        order_ids(chosen + 1),
        "inconsistent_ids",
        [f"{SYSTEMS[s]} snapshots use {why[s]}" for s in which],
    )

    t = np.where(t < ctx.as_of, t, NAT)
    _label_disagreements(ctx, t, injected)
    wms_seen = np.where(t[7] != NAT, t[7], t[10])  # picking, else a failed attempt's scan
    return t, bad_system, wms_seen


def stage_spreads(t: np.ndarray) -> tuple[list[str], np.ndarray]:
    """Per stage and order: seconds between the systems' FIRST records (0 if < 2 systems).

    Mirrors the ``status_disagreement`` definition: each system's first record of a stage, the
    spread is the latest minus the earliest of those (a rolled-back order's second ``outbound``
    by the same system does not count).

    >>> t = np.full((len(SLOTS), 1), NAT)
    >>> t[0, 0], t[1, 0], t[2, 0] = 0, 901, 30
    >>> stages, spread = stage_spreads(t)
    >>> int(spread[stages.index("created"), 0])
    901
    """
    stages = list(dict.fromkeys(s[0] for s in SLOTS))
    out = np.zeros((len(stages), t.shape[1]), dtype=np.int64)
    big = np.iinfo(np.int64).max
    for k, stage in enumerate(stages):
        firsts = []
        for system in range(len(SYSTEMS)):
            rows = [i for i, s in enumerate(SLOTS) if s[0] == stage and s[1] == system]
            if rows:
                times = np.where(t[rows] == NAT, big, t[rows]).min(axis=0)
                firsts.append(times)
        f = np.vstack(firsts)
        seen = f != big
        hi = np.where(seen, f, np.iinfo(np.int64).min).max(axis=0)
        lo = np.where(seen, f, big).min(axis=0)
        out[k] = np.where(seen.sum(axis=0) >= 2, hi - lo, 0)
    return stages, out


def _label_disagreements(ctx: Context, t: np.ndarray, injected: dict[int, str]) -> None:
    """Label every order with a stage whose systems' first records are > 15 minutes apart."""
    stages, spread = stage_spreads(t)
    worst = spread.argmax(axis=0)
    late = np.flatnonzero(spread.max(axis=0) > DISAGREEMENT_SECONDS)
    detail = [
        injected.get(
            int(i),
            f"slow sync: systems recorded '{stages[worst[i]]}' "
            f"{spread[worst[i], i] / 60:.1f} min apart",
        )
        for i in late
    ]
    add_labels(ctx, "order", order_ids(late + 1), "status_disagreement", detail)
