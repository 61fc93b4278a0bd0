"""Benchmark of the value index on a dimension with 120,000 distinct names (issue 12).

Builds an in-memory warehouse with one ``stores`` table (120,000 store names: English
"Acme 000123 Trading" style and Chinese "上海徐汇000123店" style, plus a region column) and a
two-model semantic model, then measures in one run, against the same model without the value
index as the baseline:

- building the catalog + lexicon (cold: value index read from DuckDB; warm: from the disk cache),
- the memory the lexicon holds (tracemalloc, with vs without the index),
- understanding time p50/p99 of questions that name a store exactly or partly, and of the same
  questions' structure without a store (the baseline's p50).

One-time costs (imports, jieba's dictionary, the model's vocabulary bridges) are paid by a
warm-up build first, so the ratios compare the value index alone.

Run: ``python bench/value_index.py`` (about a minute on 2 idle cores).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

N_STORES = 120_000
MODEL_YAML = """
semantic_models:
  - name: stores
    model: ref('stores')
    entities: [{name: store, type: primary, expr: store_id}]
    dimensions:
      - {name: store_name, type: categorical, label: Store Name}
      - {name: region, type: categorical}
  - name: sales
    model: ref('sales')
    defaults: {agg_time_dimension: sold_at}
    entities:
      - {name: sale, type: primary, expr: sale_id}
      - {name: store, type: foreign, expr: store_id}
    dimensions:
      - {name: sold_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: amount, agg: sum}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: amount}}
"""
CITIES = ["上海", "北京", "广州", "深圳", "成都", "杭州", "武汉", "南京"]


def store_name(i: int) -> str:
    """The i-th synthetic store name (half English, half Chinese)."""
    if i % 2:
        return f"Acme {i:06d} Trading"
    return f"{CITIES[i % len(CITIES)]}徐汇{i:06d}店"


def _warehouse():
    import duckdb

    con = duckdb.connect()
    con.execute(
        f"create table stores as select i as store_id, "
        f"case when i % 2 = 1 then 'Acme ' || lpad(i::varchar, 6, '0') || ' Trading' "
        f"else (['上海','北京','广州','深圳','成都','杭州','武汉','南京'])[i % 8 + 1] || '徐汇' "
        f"|| lpad(i::varchar, 6, '0') || '店' end as store_name, "
        f"(['East','West','North','South'])[i % 4 + 1] as region from range({N_STORES}) t(i)"
    )
    con.execute(
        f"create table sales as select i as sale_id, i % {N_STORES} as store_id, "
        "(i % 97)::double as amount, date '2026-01-01' + (i % 300)::int as sold_at "
        "from range(200000) t(i)"
    )
    return con


def _build(model, con, with_index: bool, db_key: str, measure_memory: bool = False):
    """(catalog, lexicon, seconds, bytes held) for one fresh build (bytes only when asked:
    tracemalloc slows allocation-heavy code, so time and memory come from separate builds)."""
    from nl2sql import lexicon
    from nl2sql.vocabulary import values
    from semantic_layer import build_catalog

    gc.collect()
    if measure_memory:
        tracemalloc.start()
    t = time.perf_counter()
    catalog = build_catalog(model, con)
    if with_index:
        values.attach_values(catalog, values.read_value_index(model, con, catalog, db_key))
    lex = lexicon.build_lexicon(catalog)
    seconds = time.perf_counter() - t
    held = 0
    if measure_memory:
        held, _peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return catalog, lex, seconds, held


def _understanding_ms(questions: list[str], catalog, lex) -> list[float]:
    from nl2sql import lexicon
    from nl2sql.rules import understand

    lexicon.adopt_lexicon(lex)
    out = []
    for _ in range(3):
        for q in questions:
            t = time.perf_counter()
            understand(q, catalog, dt.date(2026, 11, 20))
            out.append((time.perf_counter() - t) * 1000)
    return sorted(out)


def run() -> int:
    """Print the value-index figures; returns a non-zero exit status when a target is missed."""
    saved = os.environ.get("ORDERLENS_CACHE_DIR")
    try:
        return _run()
    finally:
        if saved is None:
            os.environ.pop("ORDERLENS_CACHE_DIR", None)
        else:
            os.environ["ORDERLENS_CACHE_DIR"] = saved


def _run() -> int:
    from semantic_layer import load_model

    with tempfile.TemporaryDirectory() as tmp:
        # a private cache: the figures must include building the index, not reading a stale one
        os.environ["ORDERLENS_CACHE_DIR"] = str(Path(tmp) / "cache")
        (Path(tmp) / "model").mkdir()
        (Path(tmp) / "model" / "shop.yml").write_text(MODEL_YAML, encoding="utf-8")
        model = load_model(Path(tmp) / "model")
        con = _warehouse()
        db_key = f"{tmp}/bench.duckdb:1"  # a stable key: the second build reads the disk cache
        _build(model, con, False, db_key)  # warm-up: imports, jieba, the model's bridges
        base_cat, base_lex, base_s, _ = _build(model, con, False, db_key)
        cat, lex, cold_s, _ = _build(model, con, True, db_key)
        _, _, warm_s, _ = _build(model, con, True, db_key)
        *_, base_mem = _build(model, con, False, db_key, measure_memory=True)
        *_, mem = _build(model, con, True, db_key, measure_memory=True)
        named = [
            f"revenue of {store_name(1001)}",
            f"{store_name(2000)}的收入",
            "revenue of Acme 004321",
            f"revenue by region for {store_name(77777)}",
        ]
        plain = ["revenue", "revenue by region", "revenue by store", "revenue last month"]
        base_ms = _understanding_ms(plain, base_cat, base_lex)
        with_ms = _understanding_ms(plain + named, cat, lex)
        p50, p99 = statistics.median(with_ms), with_ms[int(0.99 * (len(with_ms) - 1))]
        base_p50 = statistics.median(base_ms)
        values = sum(1 for k in lex.terms if any(s.kind == "value" for s in lex.terms[k]))
        print(f"value index: {N_STORES:,} distinct store names, {values:,} value terms")
        print(
            f"  build catalog+lexicon: baseline {base_s:.2f} s, with index cold {cold_s:.2f} s "
            f"(x{cold_s / base_s:.1f}), warm from disk cache {warm_s:.2f} s (x{warm_s / base_s:.1f})"
        )
        print(
            f"  lexicon memory: baseline {base_mem / 1e6:.1f} MB, with index {mem / 1e6:.1f} MB "
            f"(x{mem / max(base_mem, 1):.1f})"
        )
        print(
            f"  understanding: p50 {p50:.2f} ms p99 {p99:.2f} ms with index "
            f"(baseline p50 {base_p50:.2f} ms, x{p50 / base_p50:.2f}); target p50 < 5 ms"
        )
        return 0 if p50 < 5 else 1


if __name__ == "__main__":
    sys.exit(run())
