"""A long-running process keeps a bounded number of catalogs and lexicons alive.

A server builds a new catalog after every ingest (a new warehouse key) and a new model object
after every model edit; each per-object cache entry keeps its object alive. Before
``nl2sql.identity_cache`` the catalog cache and two per-lexicon caches had no cap, so every
catalog and lexicon ever built stayed in memory (a test worker grew to 4-5 GB, and a server
would have grown with every ingest).
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
from pathlib import Path

import duckdb

import nl2sql.ask  # noqa: F401  (the module; its attribute ``ask`` is the function)
from nl2sql.lexicon_base import Lexicon
from semantic_layer import load_model
from semantic_layer.catalog import Catalog
from tests.server_helpers import small_model_dir

ask_module = sys.modules["nl2sql.ask"]
TODAY = dt.date(2026, 3, 1)


def _live(kind: type) -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is kind)


def _warehouse(path: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute(
        "create table orders as select * from (values (1, date '2026-02-01', 'jd'),"
        " (2, date '2026-02-02', 'pos')) t(order_id, created_at, channel)"
    )
    con.close()


def test_catalogs_and_lexicons_stay_bounded_across_many_warehouse_versions(tmp_path) -> None:
    model = load_model(small_model_dir(tmp_path))
    db = tmp_path / "w.duckdb"
    _warehouse(db)
    con = duckdb.connect(str(db), read_only=True)
    before_catalogs, before_lexicons = _live(Catalog), _live(Lexicon)
    try:
        for version in range(40):  # 40 ingests: 40 warehouse keys, one question after each
            answer = ask_module.ask(
                "orders by sales channel",
                model=model,
                con=con,
                today=TODAY,
                chart=False,
                db_key=f"version-{version}",
            )
            assert answer.ok, answer.error
            assert sorted(answer.df.iloc[:, -1]) == [1, 1]
        newest = ask_module.get_catalog(model, con, "version-39")
        assert ask_module.get_catalog(model, con, "version-39") is newest  # still cached
    finally:
        con.close()
    grown_catalogs = _live(Catalog) - before_catalogs
    grown_lexicons = _live(Lexicon) - before_lexicons
    # the caps are 16 catalogs per cache (some caches may hold different ones): well under 40
    assert grown_catalogs <= 24, grown_catalogs
    assert grown_lexicons <= 18, grown_lexicons
