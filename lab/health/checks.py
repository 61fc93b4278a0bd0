"""The health checks as named objects: what each finds, how bad it is, and what to do.

Why data, not code: a check is a SQL definition (``lab/health/sql/<name>.sql``) plus words for
people (severity, explanation, action) and typed thresholds with defaults. Keeping them as
plain objects lets the notebook, the CLI, the evaluator and the impact matrix (which parses the
same SQL) share one definition. The SQL is parsed with sqlglot once; thresholds are bound as
DuckDB parameters (``$name``), never pasted into the text.

>>> sorted(CHECKS)[:3]
['autocancel_missed_partial_paid', 'courier_failure_not_rolled_back', 'inconsistent_ids']
>>> CHECKS["status_disagreement"].defaults
{'minutes': 15}
>>> CHECKS["shipped_not_picked_up"].parameters(None)["hours"]
24
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import sqlglot
from sqlglot import exp

from lab.health.errors import HealthError

SQL_DIR = Path(__file__).parent / "sql"
SEVERITIES: tuple[str, ...] = ("critical", "high", "medium", "low")


@dataclass(frozen=True)
class Check:
    """One health check: a named SQL definition with its severity, explanation and action.

    The SQL returns one row per finding with ``entity_id``, ``order_id``, ``summary``,
    ``evidence`` (JSON list of the rows that prove it) and ``detected_at`` (the first moment
    the condition held, so the system could have flagged it: the detection KPI's lead time); ``$as_of`` is always bound, every
    other ``$param`` must have a default in ``defaults``.
    """

    name: str
    title: str
    severity: str
    entity: str
    explanation: str
    action: str
    defaults: dict[str, Any] = field(default_factory=dict)
    reads: tuple[str, ...] = ()
    sql_file: str = ""
    #: the title in Chinese, for the order card when the page is in Chinese
    title_zh: str = ""

    @property
    def sql_path(self) -> Path:
        """Where the SQL definition lives."""
        return SQL_DIR / (self.sql_file or f"{self.name}.sql")

    @cached_property
    def expression(self) -> exp.Expr:
        """The parsed SQL (sqlglot tree), validated against the declared parameters."""
        text = self.sql_path.read_text(encoding="utf-8")
        try:
            tree = sqlglot.parse_one(text, read="duckdb")
        except sqlglot.errors.ParseError as exc:
            raise HealthError(f"{self.sql_path}: cannot parse the check SQL: {exc}") from exc
        tree = with_orders_as_of(tree)
        used = {p.name for p in tree.find_all(exp.Placeholder)}
        declared = {"as_of", *self.defaults}
        if used != declared:
            raise HealthError(
                f"{self.sql_path}: parameters used {sorted(used)} but check {self.name!r} declares "
                f"{sorted(declared)}; add the missing defaults in lab/health/checks.py"
            )
        return tree

    @property
    def sql(self) -> str:
        """The SQL as DuckDB text (rendered from the parsed tree)."""
        return self.expression.sql(dialect="duckdb")

    def parameters(self, overrides: Mapping[str, Any] | None) -> dict[str, Any]:
        """The defaults with the user's overrides for this check; unknown names are errors."""
        values = dict(self.defaults)
        for key, value in (overrides or {}).items():
            if key not in self.defaults:
                raise HealthError(
                    f"unknown threshold {self.name}.{key}; this check takes "
                    f"{sorted(self.defaults) or 'no thresholds'}"
                )
            default = self.defaults[key]
            count = _whole_number(value) if isinstance(default, int) else None
            if count is None:
                raise HealthError(
                    f"threshold {self.name}.{key}={value!r} is not a whole number of at least 0 "
                    f"(default {default!r}); write it as digits, e.g. {default!r}"
                )
            values[key] = count
        return values


def _whole_number(value: Any) -> int | None:
    """``value`` as a count of at least 0, or None when it is not plainly one.

    Why not ``int(value)``: a thresholds file or the notebook's YAML gave ``15.9`` (15
    minutes), ``true`` (1) and ``-100`` (every order flagged) without a word, and ``.inf`` a
    traceback (session 17). ``30.0`` and ``"30"`` are 30; nothing is rounded.

    >>> [_whole_number(v) for v in (30, "30", 30.0, 15.9, True, -1, float("inf"), "1e3")]
    [30, 30, 30, None, None, None, None, None]
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        count = value
    elif isinstance(value, float) and value.is_integer():
        count = int(value)
    elif isinstance(value, str) and value.strip().isdigit() and value.strip().isascii():
        count = int(value.strip())
    else:
        return None
    return count if count >= 0 else None


ORDERS_AS_OF = "orders_as_of"


def with_orders_as_of(tree: exp.Expr) -> exp.Expr:
    """The check with every read of ``orders`` replaced by the orders as they were at $as_of.

    Why a rewrite (not a view): the warehouse may be opened read-only, the checks stay plain
    SQL over the canonical tables, and a replay of a past day (``--as-of``) sees that day's
    ``order_status`` / ``payment_status`` (``sql/orders_as_of.sql``, derived from the ERP's
    ``status_snapshots``) instead of today's.

    >>> t = with_orders_as_of(sqlglot.parse_one("SELECT o.order_id FROM orders AS o"))
    >>> t.find(exp.CTE).alias, t.find(exp.From).this.sql()
    ('orders_as_of', 'orders_as_of AS o')
    """
    tables = [t for t in tree.find_all(exp.Table) if t.name == "orders" and not t.args.get("db")]
    if not tables:
        return tree
    tree = tree.copy()
    for table in [t for t in tree.find_all(exp.Table) if t.name == "orders"]:
        alias = table.alias or "orders"
        table.replace(exp.table_(ORDERS_AS_OF, alias=alias))
    source = sqlglot.parse_one((SQL_DIR / f"{ORDERS_AS_OF}.sql").read_text("utf-8"), read="duckdb")
    cte = exp.CTE(this=source, alias=exp.TableAlias(this=exp.to_identifier(ORDERS_AS_OF)))
    key = "with_" if "with_" in type(tree).arg_types else "with"  # sqlglot renamed the arg
    with_ = tree.args.get(key)
    if with_ is None:
        tree.set(key, exp.With(expressions=[cte]))
    else:
        with_.set("expressions", [cte, *with_.expressions])
    return tree


_CHECK_LIST: list[Check] = [
    Check(
        name="shipped_not_picked_up",
        title="Shipped in the ERP, never scanned out or picked up",
        title_zh="ERP已发货，但无出库扫描或快递揽收",
        severity="critical",
        entity="order",
        explanation=(
            "The ERP marked the order shipped (a person's click) but within the allowed hours "
            "there was no physical outbound scan at the warehouse gate, or no courier pickup. "
            "The customer sees 'shipped' while the parcel is still on a shelf: the single "
            "largest source of 'never got my parcel' complaints."
        ),
        action=(
            "Ask the warehouse to locate the parcel and scan it out; if it cannot be found, "
            "roll the order back to awaiting_shipment and re-ship. Tell the customer the new "
            "date before they ask."
        ),
        defaults={"hours": 24},
        reads=("orders", "shipments", "tracking_events", "status_snapshots"),
    ),
    Check(
        name="courier_failure_not_rolled_back",
        title="Courier failure not rolled back to awaiting shipment",
        title_zh="快递异常后未回滚为待发货",
        severity="critical",
        entity="order",
        explanation=(
            "The courier reported pickup failed, an API timeout or an invalid tracking number "
            "for the order's latest shipment, nothing was picked up afterwards, and the order "
            "still says shipped: the failure was silently ignored instead of rolling the order "
            "back to awaiting_shipment with an alert."
        ),
        action=(
            "Roll the order back to awaiting_shipment, book a new pickup or tracking number with "
            "the courier, and fix the integration so failures trigger the rollback."
        ),
        defaults={"grace_minutes": 0},
        reads=("orders", "shipments", "tracking_events", "status_snapshots"),
    ),
    Check(
        name="status_disagreement",
        title="Systems disagree on the order's status",
        title_zh="各系统的订单状态不一致",
        severity="high",
        entity="order",
        explanation=(
            "Two or more systems (platform, ERP, WMS, courier, CRM) recorded the same stage of "
            "the order more than the allowed minutes apart, so for that window customers, "
            "service agents and the warehouse saw different statuses."
        ),
        action=(
            "Open the status trace of the order to see which system lagged; check that "
            "system's sync job or webhook (queue backlog, retries, clock skew)."
        ),
        defaults={"minutes": 15},
        reads=("status_snapshots",),
    ),
    Check(
        name="inconsistent_ids",
        title="Same order, inconsistent ids across systems",
        title_zh="同一订单在各系统的单号不一致",
        severity="high",
        entity="order",
        explanation=(
            "A system reported the order under an id that the global id map does not hold for "
            "that system and order (a typo, a second ERP number, another order's tracking "
            "number), so joins across systems silently lose or mix up the order."
        ),
        action=(
            "Correct the id in the reporting system or add the verified alias to order_id_map; "
            "then re-run the health check."
        ),
        reads=("status_snapshots", "order_id_map"),
    ),
    Check(
        name="overdue_delivery",
        title="Delivery overdue against the promise",
        title_zh="超过承诺送达时间",
        severity="medium",
        entity="order",
        explanation=(
            "The promised delivery date has passed without a delivery scan (open and overdue), "
            "or the parcel arrived after the promise (late, recent promises only)."
        ),
        action=(
            "For open orders: chase the courier, tell the customer the new date, consider "
            "compensation. For late deliveries: review the lane's transit time and the promise "
            "rule."
        ),
        defaults={"grace_days": 0, "lookback_days": 30},
        reads=("orders", "shipments", "status_snapshots", "returns"),
    ),
    Check(
        name="refund_without_return",
        title="Refund paid without a received return",
        title_zh="已退款但未收到退货",
        severity="high",
        entity="return",
        explanation=(
            "A refund was paid (refund_amount > 0) but the warehouse never received the goods "
            "back, or received them only after the refund."
        ),
        action=(
            "Check with the warehouse whether the goods arrived; if not, contact the customer "
            "or the courier, and review who approved the refund before receipt."
        ),
        reads=("returns",),
    ),
    Check(
        name="autocancel_missed_partial_paid",
        title="Pre-sale order partial_paid past its balance deadline",
        title_zh="预售订单超过尾款期限仍为部分付款",
        severity="high",
        entity="order",
        explanation=(
            "A deposit pre-sale order is still partial_paid after the balance deadline and not "
            "cancelled. Auto-cancel rules written for payment_status = 'unpaid' skip such "
            "orders (the enum-drift case of the impact matrix)."
        ),
        action=(
            "Decide per order (remind the customer, cancel and refund the deposit per the "
            "pre-sale terms) and extend the auto-cancel rule to handle partial_paid "
            "(`orderlens impact payment_status`)."
        ),
        defaults={"balance_due_days": 7},
        reads=("orders", "status_snapshots", "returns"),
    ),
]

CHECKS: dict[str, Check] = {c.name: c for c in _CHECK_LIST}


def get_check(name: str) -> Check:
    """The check called ``name``, or a HealthError listing the valid names."""
    try:
        return CHECKS[name]
    except KeyError:
        raise HealthError(f"unknown health check {name!r}; choose from {sorted(CHECKS)}") from None
