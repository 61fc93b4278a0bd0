"""The one-edit lookups of the matcher find exactly what comparing every pair would find.

Steps 05 (typo candidates of unresolved references) and 10 (near-ties: a foreign order number
one edit from one of the payer's own numbers) do not compare every reference with every order
number: they equi-join on the parts one edit leaves intact (prefixes and suffixes). These
tests check that shortcut against the brute force — Levenshtein over the full cross product —
on order numbers shaped like real ones (date prefixes shared by a whole day, long numeric ids,
very short codes) with every substitution, deletion and insertion of every position, plus
two-edit near misses that must not be found. Step 10 also counts two adjacent characters
swapped as one edit (Damerau): its brute force uses ``damerau_levenshtein``, and the orders
include swaps at every position, so the blocking is checked for them too.
"""

from __future__ import annotations

import random

import duckdb
import pytest

from lab.reconciliation.matching import fuzzy_params
from lab.reconciliation.sql_steps import load_step, run_step

ALPHABET = "0123456789JDSOX"


def _order_numbers(rng: random.Random) -> list[str]:
    day = [f"SO2502160{seq:04d}" for seq in rng.sample(range(10_000), 60)]  # one day's orders
    long_ids = ["".join(rng.choice("0123456789") for _ in range(19)) for _ in range(20)]
    short = ["A", "B7", "JD1", "X12", "SO9", "0000"]
    base = day + long_ids + short
    # orders whose numbers are one edit from another order's: the near-ties of step 10
    twins = [sorted(_one_edit_variants(key, rng) - {key})[0] for key in rng.sample(base, 30)]
    # orders whose numbers are another's with two adjacent characters swapped, at the start,
    # in the middle and at the end: near-ties of step 10, never typo candidates of step 05
    swaps = [_swap(key, i) for key in rng.sample(base, 30) for i in (0, len(key) // 2, -2)]
    return sorted(set(base + twins + [s for s in swaps if s]))


def _swap(key: str, i: int) -> str | None:
    """``key`` with the characters at ``i`` and ``i + 1`` swapped (None when too short)."""
    if len(key) < 2:
        return None
    i = min(len(key) + i if i < 0 else i, len(key) - 2)
    return key[:i] + key[i + 1] + key[i] + key[i + 2 :]


def _one_edit_variants(key: str, rng: random.Random) -> set[str]:
    out = {key}
    for i in range(len(key) + 1):
        if i < len(key):
            out.add(key[:i] + rng.choice(ALPHABET.replace(key[i], "")) + key[i + 1 :])
            out.add(key[:i] + key[i + 1 :])  # deletion
        out.add(key[:i] + rng.choice(ALPHABET) + key[i:])  # insertion
    if len(key) >= 2:  # a transposition is two edits: must not be found
        out.add(key[1] + key[0] + key[2:])
    return {v for v in out if v}


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    rng = random.Random(20261204)
    keys = _order_numbers(rng)
    con = duckdb.connect()
    orders = [
        (f"O{i}", f"C{i % 7}", key, keys[(i * 7 + 3) % len(keys)] if i % 4 == 0 else None)
        for i, key in enumerate(keys)
    ]
    con.execute(
        "create table orders (order_id varchar, customer_id varchar,"
        " channel_order_no varchar, erp_order_no varchar)"
    )
    con.executemany("insert into orders values (?, ?, ?, ?)", orders)
    # customers C0..C6; C0 and C1 share a name (one payer key, as people with the same name do)
    names = ["王芳", " 王芳", "李强", "Li Qiang", "张伟", "陈静", "刘洋"]
    con.execute("create table customers (customer_id varchar, customer_name varchar)")
    con.executemany(
        "insert into customers values (?, ?)", [(f"C{i}", n) for i, n in enumerate(names)]
    )
    refs = sorted({v for key in rng.sample(keys, 40) for v in _one_edit_variants(key, rng)})
    con.execute("create table refs as select unnest($r) as ref", {"r": refs})
    return con


def test_typo_candidates_are_every_order_number_one_edit_away(con) -> None:
    con.execute(
        "create or replace temp table _r_unresolved as select ref, length(ref) as n from refs"
    )
    con.execute(
        "create or replace temp table _r_fuzzy (ref varchar, order_id varchar, key varchar)"
    )
    for (n,) in con.execute("select distinct n from _r_unresolved order by n").fetchall():
        run_step(con, "05_fuzzy_candidates", fuzzy_params(n))
    found = set(con.execute("select ref, order_id, key from _r_fuzzy").fetchall())
    brute = set(
        con.execute(
            """select r.ref, o.order_id, k.key from refs r, orders o,
               lateral (select unnest([o.channel_order_no, o.erp_order_no]) as key) k
               where k.key is not null and levenshtein(r.ref, k.key) <= 1"""
        ).fetchall()
    )
    assert len(brute) > 1000  # every shape above is exercised, not an empty agreement
    assert found == brute


# what 10_weak_references computed before its equi-joins: every foreign reference against
# every number of the payer's own orders
BRUTE_NEAR_TIES = """
with foreign_refs as (
    select distinct p.flow_id, p.ref_text, p.key, p.order_id, p.cp_key
    from _r_refparts p
    where p.accepted and not p.name_match and p.how = 'exact'
      and p.flow_id not in (select flow_id from _r_blocked)
), own as (
    select lower(trim(c.customer_name)) as cp_key, k.key, o.order_id
    from orders o join customers c using (customer_id)
    cross join lateral (select unnest([o.channel_order_no, o.erp_order_no]) as key) k
    where lower(trim(c.customer_name)) in (select cp_key from foreign_refs)
      and k.key is not null
)
select f.flow_id,
    string_agg(distinct f.ref_text || ' = ' || f.order_id || ' of another customer, one typo'
               || ' from ' || own.order_id || ' (' || own.key || ') of the payer', '; '
               order by f.ref_text || ' = ' || f.order_id || ' of another customer, one typo'
               || ' from ' || own.order_id || ' (' || own.key || ') of the payer') as why
from foreign_refs f join own on own.cp_key = f.cp_key
     and abs(length(own.key) - length(f.key)) <= 1 and own.order_id <> f.order_id
     and damerau_levenshtein(own.key, f.key) <= 1
group by f.flow_id
"""


def test_near_ties_are_every_own_number_one_edit_from_a_foreign_one(con) -> None:
    # every order number, paid by every payer name: the foreign references of the step
    con.execute(
        """create or replace temp table _r_refparts as
           select 'F' || row_number() over (order by o.order_id, c.cp_key) as flow_id,
                  'memo ' || o.channel_order_no as ref_text, o.channel_order_no as key,
                  o.order_id, c.cp_key, true as accepted, false as name_match, 'exact' as how
           from orders o,
                (select distinct lower(trim(customer_name)) as cp_key from customers) c"""
    )
    con.execute(
        "create or replace temp table _r_blocked as select flow_id from _r_refparts"
        " where flow_id like '%7'"
    )
    # the step compares names with step 01's _r_name macro (full-width brackets half-width)
    con.execute(next(s.text for s in load_step("01_load_flows") if "macro _r_name" in s.text))
    near = load_step("10_weak_references")[0]  # the near-tie table; the rest needs the matcher
    assert "create or replace temp table _r_weak_near as" in near.text
    con.execute(near.text)
    found = con.execute("select flow_id, why from _r_weak_near order by all").fetchall()
    brute = con.execute(BRUTE_NEAR_TIES + " order by all").fetchall()
    assert len(brute) > 50
    assert found == brute
