"""``make eval`` line of the held-out reconciliation set: hand-written traps, frozen truth.

Why a second reconciliation evaluation beside ``lab.evals.reconciliation``: that one runs on the
demo generator's statements, whose traps were written with the matcher. This set
(``tests/eval/recon_heldout/``) is a small warehouse and a bank statement written by hand from
the rules as finance states them, with each flow's outcome decided in ``truth.yaml`` before the
engine was ever run on it; the truth file's SHA-256 is pinned in ``tests/eval/frozen.yaml``.
The statement goes through the real ``bank-csv`` ingest (strict amounts, the bank's own keys),
then ``reconcile_period``.

Prints ``recon-heldout: flows=N right=R wrong_green=W missed_green=M`` where a flow is *right*
when its colour is the truth's (``not_green``: yellow or red; ``absent``: no flow at all) and a
green one matched exactly the truth's orders; ``wrong_green`` counts flows that closed green
where the truth says they must not, or closed green on other orders (the bar is 0).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import yaml

from connectors.warehouse import connect, ensure_schema
from lab.evals.heldout.runner import file_sha256
from lab.evals.recon_flows import flow_rows, ingest_as_user
from lab.reconciliation.engine import reconcile_period

SET_DIR = Path(__file__).resolve().parents[2] / "tests" / "eval" / "recon_heldout"
FROZEN = SET_DIR.parent / "frozen.yaml"


class FrozenTruthError(RuntimeError):
    """The truth file changed after it was frozen: the score would no longer be held out."""


@dataclass(frozen=True)
class FlowOutcome:
    """What the engine did with one bank line (``colour`` None: no flow at all)."""

    ref: str
    colour: str | None
    orders: tuple[str, ...]
    reason: str


def check_frozen(set_dir: Path = SET_DIR, frozen: Path = FROZEN) -> dict[str, Any]:
    """The truth, after checking its SHA-256 against the pinned one."""
    path = set_dir / "truth.yaml"
    pinned = yaml.safe_load(frozen.read_text())["reconciliation"][set_dir.name]["truth_sha256"]
    if file_sha256(path) != pinned:
        raise FrozenTruthError(
            f"{path} was edited after it was frozen (SHA-256 differs from "
            f"{frozen}): restore it with git; a new truth needs a new, unrun set"
        )
    truth: dict[str, Any] = yaml.safe_load(path.read_text())
    return truth


def build(con: duckdb.DuckDBPyConnection, set_dir: Path = SET_DIR) -> None:
    """Customers, orders and one line per order from ``warehouse.yaml`` (explicit columns)."""
    ensure_schema(con)
    doc = yaml.safe_load((set_dir / "warehouse.yaml").read_text())
    con.executemany(
        "insert into customers (customer_id, customer_name, is_b2b) values (?, ?, true)",
        doc["customers"],
    )
    for oid, cno, erp, cust, created, goods, ship, paid, status in doc["orders"]:
        con.execute(
            """insert into orders (order_id, channel, channel_order_no, erp_order_no, customer_id,
               created_at, goods_amount, shipping_fee, discount_amount, paid_amount, is_presale,
               deposit_amount, payment_status, order_status)
               values (?, 'jd', ?, ?, ?, ?, ?, ?, 0, ?, false, 0, 'paid', ?)""",
            [oid, cno, erp, cust, created, goods, ship, paid, status],
        )
        con.execute(
            """insert into order_lines (line_id, order_id, line_no, sku, qty, unit_price,
               line_amount, weight_kg, service_hours, custom_packaging_fee)
               values (?, ?, 1, 'SKU', 1, ?, ?, 1.0, 0, 0)""",
            [f"{oid}-1", oid, goods, goods],
        )


def run_engine(set_dir: Path, period: str, work: Path) -> list[FlowOutcome]:
    """Build the warehouse, ingest the statement, reconcile the period; one outcome per line."""
    con = connect(work / "recon_heldout.duckdb")
    try:
        build(con, set_dir)
        ingest_as_user(con, "bank-csv", [set_dir / "statement.csv"], rejects_dir=work / "rejects")
        reconcile_period(con, period)
        rows = flow_rows(con)
    finally:
        con.close()
    return [FlowOutcome(r.ref or "", r.colour, r.orders, r.reason) for r in rows]


def verdict(expected: dict[str, Any], got: FlowOutcome | None) -> str:
    """``right``, ``wrong_green`` (closed where it must not, or on other orders), ``missed_green``
    (a flow that should close did not) or ``wrong`` (another colour, or a flow that should be
    none)."""
    colour = got.colour if got else None
    want = expected["colour"]
    if got is not None and colour == "green":
        if want != "green" or tuple(sorted(expected["orders"])) != tuple(sorted(got.orders)):
            return "wrong_green"
        return "right"
    if want == "green":
        return "missed_green"
    if want == "absent":
        return "right" if colour is None else "wrong"
    if want == "not_green":
        return "right" if colour in ("yellow", "red") else "wrong"
    return "right" if colour == want else "wrong"


def score(truth: dict[str, Any], outcomes: list[FlowOutcome]) -> dict[str, str]:
    """Each truth flow's verdict, keyed by bank reference."""
    by_ref = {o.ref: o for o in outcomes}
    return {ref: verdict(want, by_ref.get(ref)) for ref, want in truth["flows"].items()}


def line(verdicts: dict[str, str]) -> str:
    counts = {
        v: sum(1 for x in verdicts.values() if x == v)
        for v in ("right", "wrong_green", "missed_green", "wrong")
    }
    return (
        f"recon-heldout: flows={len(verdicts)} right={counts['right']} "
        f"wrong_green={counts['wrong_green']} missed_green={counts['missed_green']} "
        f"other_colour={counts['wrong']}"
    )


def run(db: str | Path) -> list[str]:
    """The held-out set's line (``db`` is not used: the set brings its own warehouse)."""
    truth = check_frozen()
    with tempfile.TemporaryDirectory(prefix="orderlens-recon-heldout-") as tmp:
        outcomes = run_engine(SET_DIR, truth["period"], Path(tmp))
    return [line(score(truth, outcomes))]
