"""Allocating matched money down to order lines by the rules file, exact to the cent.

Why in SQL: a month of a large shop is millions of lines; the per-component weight expressions
(validated sqlglot trees from :mod:`lab.reconciliation.rules`) are rendered into one CASE
expression and evaluated by DuckDB over a line-context table, and the cents are placed by
:func:`lab.reconciliation.rounding.split_exactly`.

A ``full`` part (a whole-order payment) is first split between goods (goods − discount) and
freight (shipping fee) of its order, then each by its own rule. An order without lines keeps
its amount on a NULL line, so the allocations of a flow always sum exactly to what it matched.
"""

from __future__ import annotations

import duckdb
import sqlglot
from sqlglot import exp

from lab.reconciliation.rounding import split_exactly
from lab.reconciliation.rules import AllocationRules

_LINE_CONTEXT_SQL = """
create or replace temp table {out} as
select l.line_id, l.order_id,
       coalesce(l.line_amount, 0) as line_amount, coalesce(l.qty, 0) as qty,
       coalesce(l.unit_price, 0) as unit_price, coalesce(l.weight_kg, 0) as weight_kg,
       coalesce(l.service_hours, 0) as service_hours,
       coalesce(l.custom_packaging_fee, 0) as custom_packaging_fee,
       coalesce(o.paid_amount * l.line_amount / nullif(o.goods_amount, 0), 0) as paid_amount,
       coalesce(o.tax_rate, 0) as tax_rate,
       coalesce(o.paid_amount, 0) as order_paid_amount,
       coalesce(o.goods_amount, 0) as order_goods_amount,
       coalesce(o.shipping_fee, 0) as order_shipping_fee,
       coalesce(o.discount_amount, 0) as order_discount_amount,
       coalesce(o.deposit_amount, 0) as order_deposit_amount
from order_lines l join orders o using (order_id)
where l.order_id in (select distinct order_id from {orders})
"""


def build_line_context(con: duckdb.DuckDBPyConnection, out: str, orders: str) -> None:
    """Temp table ``out``: the formula columns (:data:`rules.LINE_COLUMNS`) of every line of
    the orders listed in table ``orders`` (column ``order_id``). Both are internal names."""
    for name in (out, orders):
        if not name.replace("_", "").isalnum():
            raise ValueError(f"internal table name expected, got {name!r}")
    con.execute(_LINE_CONTEXT_SQL.format(out=out, orders=orders))


def _weight_case(rules: AllocationRules, components: list[str]) -> str:
    """``CASE component WHEN 'goods' THEN <weight> ... END`` as DuckDB SQL, built as a tree."""
    if not components:
        return "line_amount"
    case = exp.Case(this=exp.column("component"))
    for comp in components:
        weight = rules.rule_for(comp).weight.copy()
        case = case.when(
            exp.Literal.string(comp), exp.Cast(this=weight, to=exp.DataType.build("double"))
        )
    case = case.else_(exp.column("line_amount"))
    return case.sql(dialect="duckdb")


def _with_platform_fees(rules: AllocationRules, case_sql: str, *, text: bool) -> str:
    """A bill's withheld commission is split by its platform's fee formula (``fees:``).

    Why: the fee formula is what each line should be charged, so splitting the withheld fee by
    it gives every line its own expected fee when the bill agrees with the rules (and a share
    in proportion when it does not — the bill is then yellow ``fee_difference``). Other flows
    and platforms without a formula keep the component's rule.
    """
    if not rules.fees:
        return case_sql
    case = exp.Case()
    for platform, fee in sorted(rules.fees.items()):
        cond = exp.and_(
            exp.column("component").eq(exp.Literal.string("commission")),
            exp.column("fee_platform").eq(exp.Literal.string(platform)),
        )
        then = (
            exp.Literal.string(f"fee formula ({platform}): {fee.source}")
            if text
            else exp.Cast(this=fee.amount.copy(), to=exp.DataType.build("double"))
        )
        case = case.when(cond, then)
    return case.else_(sqlglot.parse_one(case_sql, read="duckdb")).sql(dialect="duckdb")


def _rule_case(rules: AllocationRules, components: list[str]) -> str:
    if not components:
        return "'none'"
    case = exp.Case(this=exp.column("component"))
    for comp in components:
        case = case.when(exp.Literal.string(comp), exp.Literal.string(rules.rule_for(comp).source))
    return case.else_(exp.Literal.string("basis: amount (default)")).sql(dialect="duckdb")


def allocate(con: duckdb.DuckDBPyConnection, rules: AllocationRules) -> None:
    """Build temp table ``_r_alloc`` from ``_r_alloc_parts`` (flow_id, order_id, component,
    matched_amount): one row per flow × order × line × component, summing exactly per part."""
    # 1. whole-order parts -> goods + freight of that order
    con.execute(
        """
        create or replace temp table _r_full_src as
        select p.flow_id || '|' || p.order_id as grp, c.component as item,
               p.matched_amount as total, c.w as weight, p.flow_id, p.order_id,
               c.component
        from _r_alloc_parts p join orders o using (order_id),
        lateral (select * from (values
            ('goods', greatest(coalesce(o.goods_amount, 0) - coalesce(o.discount_amount, 0), 0)),
            ('freight', greatest(coalesce(o.shipping_fee, 0), 0))) v(component, w)) c
        where p.component = 'full'
        """
    )
    split_exactly(con, "_r_full_src", "_r_full_split")
    con.execute(
        """
        create or replace temp table _r_comp_parts as
        select flow_id, order_id, component, amount from _r_full_split where amount <> 0
        union all
        select p.flow_id, p.order_id, p.component, p.matched_amount
        from _r_alloc_parts p where p.component <> 'full'
          and p.order_id in (select order_id from orders)
        union all  -- an unknown order (should not happen) keeps its whole amount on no line
        select p.flow_id, p.order_id, p.component, p.matched_amount
        from _r_alloc_parts p where p.order_id not in (select order_id from orders)
        """
    )
    # an overpayment's excess belongs to no order: it stays on one unallocated row
    con.execute(
        """
        create or replace temp table _r_unallocated as
        select flow_id, null::varchar as order_id, null::varchar as line_id, component,
               matched_amount as amount, 'excess over what the orders are due' as rule
        from _r_alloc_parts where component = 'unallocated'
        """
    )
    build_line_context(con, "_r_line_ctx", "_r_alloc_parts")
    comps = [r[0] for r in con.execute("select distinct component from _r_comp_parts").fetchall()]
    weight_sql = _with_platform_fees(rules, _weight_case(rules, comps), text=False)
    rule_sql = _with_platform_fees(rules, _rule_case(rules, comps), text=True)
    con.execute(
        f"""
        create or replace temp table _r_line_src as
        with w as (
            select p.flow_id, p.order_id, p.component, p.amount as total, l.line_id,
                   l.line_amount, {weight_sql} as w0, {rule_sql} as rule
            from _r_comp_parts p join _r_line_ctx l using (order_id)
            left join (select bill_id, platform as fee_platform from payment_bills) fb
                on fb.bill_id = p.flow_id
        ), z as (
            select *, sum(greatest(coalesce(w0, 0), 0)) over (partition by flow_id, order_id, component) as ws
            from w
        )
        select flow_id || '|' || order_id || '|' || component as grp, line_id as item, total,
               case when ws > 0 then w0 else line_amount end as weight,
               flow_id, order_id, component, line_id,
               rule || case when ws > 0 then '' else ' (all weights 0: by amount)' end as rule
        from z
        """
    )
    split_exactly(con, "_r_line_src", "_r_line_split")
    con.execute(
        """
        create or replace temp table _r_alloc as
        select flow_id, order_id, line_id, component, amount, rule from _r_line_split
        union all
        select p.flow_id, p.order_id, null, p.component, p.amount, 'no order lines'
        from _r_comp_parts p
        where not exists (select 1 from _r_line_ctx l where l.order_id = p.order_id)
        union all
        select * from _r_unallocated
        """
    )
