"""Benchmark of the question engine on a 1,000,000-order warehouse.

Measures (1) understanding time (question -> SemanticQuery, rules engine) p50/p99 over the eval
set, and (2) end-to-end ``ask()`` time per question against running its gold SQL directly on the
same connection in the same run; prints the ratio against the target ``<= 1.3 x gold + 30 ms``.
Reuses ``bench/out/bench-1m.duckdb`` when present. Then (3) the value index on a dimension with
120,000 distinct names (``bench/value_index.py``: build time, memory and understanding p50
against the same model without the index, in the same run).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import value_index
from warehouse_1m import ensure_bench_warehouse


def main() -> int:
    from connectors.warehouse import connect
    from nl2sql.ask import ask, catalog_for, get_model
    from nl2sql.evaluation import EVAL_DIR, load_cases
    from nl2sql.rules import understand

    # optional: another warehouse
    db = Path(sys.argv[1]) if len(sys.argv) > 1 else ensure_bench_warehouse()
    # the sandboxed read connection every query path uses (no file or network access from SQL)
    con = connect(db, read_only=True)
    print(f"warehouse: {db}")
    doc = load_cases(EVAL_DIR / "orders_eval.yaml")
    cases = [c for c in doc["questions"] if not c.get("refuse")]
    model = get_model()
    catalog = catalog_for(model, db, con=con)  # the very catalog ask() looks up
    today = doc["today"]
    understand("warm up", catalog)
    ask(cases[0]["question"], model=model, con=con, today=today)  # imports, Altair schema
    parse_ms = []
    for c in doc["questions"]:
        t = time.perf_counter()
        understand(c["question"], catalog, __import__("datetime").date.fromisoformat(today))
        parse_ms.append((time.perf_counter() - t) * 1000)
    parse_ms.sort()
    p50 = statistics.median(parse_ms)
    p99 = parse_ms[int(0.99 * (len(parse_ms) - 1))]
    # issue #12: understanding p50 under 5 ms; p99 under 100 ms (a refusal builds suggestions)
    understood_in_time = p50 < 5 and p99 < 100
    print(
        f"understanding: n={len(parse_ms)} p50={p50:.2f} ms p99={p99:.2f} ms (targets 5 / 100 ms)"
        f" {'MET' if understood_in_time else 'MISSED'}"
    )
    within, ratios, worst = 0, [], (0.0, "")
    for c in cases:
        con.execute(c["gold_sql"]).fetchall()  # warm both paths equally
        t = time.perf_counter()
        con.execute(c["gold_sql"]).fetchall()
        gold = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        a = ask(c["question"], model=model, con=con, today=today, engine="rules", chart=True)
        e2e = (time.perf_counter() - t) * 1000
        ok = e2e <= 1.3 * gold + 30
        within += ok
        ratios.append(e2e / gold if gold else 0)
        if e2e - (1.3 * gold + 30) > worst[0]:
            worst = (
                e2e - (1.3 * gold + 30),
                f"{c['question']} ({e2e:.0f} ms vs gold {gold:.0f} ms)",
            )
        if not a.ok:
            print(f"  not answered: {c['question']}: {a.error}")
    print(
        f"end-to-end vs gold SQL: {within}/{len(cases)} within 1.3x + 30 ms; "
        f"median ratio {statistics.median(ratios):.2f}x"
    )
    if worst[1]:
        print(f"  worst overshoot: {worst[1]}")
    con.close()
    # every target decides the exit status (make bench's summary reads it), not only the last
    index_status = value_index.run()
    return index_status if understood_in_time else 1


if __name__ == "__main__":
    sys.exit(main())
