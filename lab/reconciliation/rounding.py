"""Splitting an amount over items to the cent, exactly: the largest-remainder method in SQL.

Why: finance rejects allocations that do not add up. Every split (a flow over its orders, an
order component over its lines) floors each share to the cent and hands the missing cents one
by one to the shares with the largest fractional remainders, ties broken by the item key, so
the parts always sum exactly to the whole and a re-run gives the same cents.

>>> import duckdb
>>> con = duckdb.connect()
>>> _ = con.execute("create table src as select 'g' grp, i item, 10.00::decimal(14,2) total, 1.0 weight from (values ('a'),('b'),('c')) t(i)")
>>> split_exactly(con, "src", "out")
>>> con.execute("select item, amount from out order by item").fetchall()
[('a', Decimal('3.34')), ('b', Decimal('3.33')), ('c', Decimal('3.33'))]
"""

from __future__ import annotations

import duckdb

_SPLIT_SQL = """
create or replace temp table {out} as
with s as (
    select *,
        sum(greatest(coalesce(weight, 0), 0)) over (partition by grp) as _wsum,
        count(*) over (partition by grp) as _n,
        cast(round(abs(total) * 100) as bigint) as _tc,
        case when total < 0 then -1 else 1 end as _sg
    from {src}
), t as (
    select *,
        round(case when _wsum > 0 then _tc * greatest(coalesce(weight, 0), 0) / _wsum
                   else _tc / _n end, 6) as _raw
    from s
), f as (
    select *, floor(_raw) as _fl, _raw - floor(_raw) as _frac from t
), r as (
    select *,
        _tc - sum(_fl) over (partition by grp) as _rem,
        row_number() over (partition by grp order by _frac desc, item) as _rk
    from f
)
select * exclude (_wsum, _n, _tc, _sg, _raw, _fl, _frac, _rem, _rk),
    cast(_sg * (_fl + case when _rk <= _rem then 1 else 0 end) / 100 as decimal(14, 2)) as amount
from r
"""


def split_exactly(con: duckdb.DuckDBPyConnection, src: str, out: str) -> None:
    """Create temp table ``out`` = ``src`` + ``amount``, each ``grp``'s ``total`` split by ``weight``.

    ``src`` must have columns ``grp`` (the whole being split), ``item`` (tie-break key, unique
    within grp), ``total`` (the same on every row of a grp) and ``weight`` (negative or NULL
    weights count as 0; all-zero weights split equally). Table names are internal identifiers,
    never user text.
    """
    for name in (src, out):
        if not name.replace("_", "").isalnum():
            raise ValueError(f"internal table name expected, got {name!r}")
    con.execute(_SPLIT_SQL.format(src=src, out=out))
