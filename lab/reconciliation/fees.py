"""The fee each settlement bill should have withheld, from the rules file's ``fees:`` formulas.

Why: a platform's contract says what it may charge (the article's
``京东平台佣金=订单实付×5%+定制包装费×1.2``). The formula is an amount per order line; summed
over the bill's order it is the fee the bill *should* show, and the matcher compares it with
the fee the bill actually withheld (yellow ``fee_difference`` above the tolerance, both numbers
in the reason). A bill that pays part of an order (pre-sale deposit or balance) is expected to
carry the same share of the order's fee as of its paid amount, so an order's bills add up to
its fee. The formulas are validated sqlglot trees (:mod:`lab.reconciliation.rules`), rendered
into one CASE per platform — nothing from the file reaches SQL as text.
"""

from __future__ import annotations

import duckdb
from sqlglot import exp

from lab.reconciliation.allocation import build_line_context
from lab.reconciliation.rules import AllocationRules


def _platform_case(rules: AllocationRules, *, formula_text: bool) -> exp.Expr:
    case = exp.Case(this=exp.column("platform"))
    for platform, fee in sorted(rules.fees.items()):
        then = (
            exp.Literal.string(fee.source)
            if formula_text
            else exp.Cast(this=fee.amount.copy(), to=exp.DataType.build("double"))
        )
        case = case.when(exp.Literal.string(platform), then)
    return case


def expected_bill_fees(
    con: duckdb.DuckDBPyConnection, rules: AllocationRules, start: object, end: object
) -> None:
    """Temp table ``_r_bill_fee`` (bill_id, expected_fee, fee_formula) for the payment bills
    settled in [start, end) whose platform has a fee formula (no formula → no row)."""
    con.execute(
        """
        create or replace temp table _r_fee_bills as
        select b.bill_id, b.platform, b.gross_amount as bill_gross, o.order_id,
               o.paid_amount as bill_order_paid
        from payment_bills b join orders o on o.channel_order_no = b.channel_order_no
        where b.settled_at >= $s and b.settled_at < $e and b.bill_type <> 'refund'
          and b.platform in (select unnest($platforms::varchar[]))
        """,
        {"s": start, "e": end, "platforms": sorted(rules.fees)},
    )
    build_line_context(con, "_r_fee_lines", "_r_fee_bills")
    per_line = _platform_case(rules, formula_text=False).sql(dialect="duckdb")
    formula = _platform_case(rules, formula_text=True).sql(dialect="duckdb")
    con.execute(
        f"""
        create or replace temp table _r_bill_fee as
        with per_bill as (
            select b.bill_id, any_value(b.bill_gross) as gross,
                   any_value(b.bill_order_paid) as paid, sum({per_line}) as order_fee,
                   any_value({formula}) as fee_formula
            from _r_fee_bills b join _r_fee_lines l using (order_id)
            group by b.bill_id
        )
        select bill_id,
               -- cents, as the platform books them: a rounding cent is no difference
               cast(round(order_fee * case when paid > 0 then gross / paid else 1 end, 2)
                    as decimal(14, 2)) as expected_fee,
               fee_formula
        from per_bill
        """
    )
