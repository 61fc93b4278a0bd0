"""Red team, session 16: reading a model's dimension values has a time limit.

Before: building the catalog (the values of every categorical dimension, read before the first
question is answered) ran its queries without the guard's time limit, so a slow but bounded
dimension expression over a large table held the first question for as long as it took
(session 15's known limit; here ~25 s at load ~8 for one dimension over 1M rows, minutes on
larger tables). Now every read stops at its share of ``ORDERLENS_CATALOG_READ_S``: the slow
dimension is listed without values, the catalog says which (``unread_values``), answers say
so, and the other dimensions keep theirs.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pytest

from nl2sql import ask, catalog_for

MODEL = """
semantic_models:
  - name: events
    model: ref('events')
    defaults: {agg_time_dimension: happened_on}
    entities:
      - {name: event, type: primary, expr: event_id}
    dimensions:
      - {name: happened_on, type: time, type_params: {time_granularity: day}}
      - {name: kind, type: categorical}
      - {name: digest_letter, label: Digest letter, type: categorical,
         expr: "left(md5(repeat(CAST(event_id % 3 AS VARCHAR), 2000)), 1)"}
    measures:
      - {name: events, agg: count, expr: event_id}
metrics:
  - name: event_count
    label: Events
    type: simple
    type_params: {measure: events}
"""


@pytest.fixture(scope="module")
def slow_setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A 1M-row warehouse and a model whose ``digest_letter`` hashes 2,000 characters a row."""
    root = tmp_path_factory.mktemp("slow_catalog")
    db = root / "events.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        "CREATE TABLE events AS SELECT range AS event_id, "
        "DATE '2026-01-01' + CAST(range % 300 AS INTEGER) AS happened_on, "
        "['alpha', 'beta', 'gamma'][1 + range % 3] AS kind FROM range(1000000)"
    )
    con.close()
    model = root / "model"
    model.mkdir()
    (model / "events.yml").write_text(MODEL, encoding="utf-8")
    return db, model


def test_a_slow_dimension_is_listed_without_values_in_bounded_time(
    slow_setup: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, model = slow_setup
    monkeypatch.setenv("ORDERLENS_CATALOG_READ_S", "1")
    started = time.monotonic()
    catalog = catalog_for(str(model), db)
    elapsed = time.monotonic() - started
    assert elapsed < 10, f"the catalog took {elapsed:.1f} s with a 1 s budget"
    assert catalog.unread_values == ("event__digest_letter",)
    slow = catalog.dimension("event__digest_letter")
    assert slow is not None and slow.values == ()
    kind = catalog.dimension("event__kind")
    assert kind is not None and kind.values == ("alpha", "beta", "gamma")

    answer = ask("events by kind", model=str(model), db=db, today="2026-11-20")
    assert not answer.refused, answer.reason
    rows = sorted(answer.df.itertuples(index=False, name=None))
    assert rows == [("alpha", 333334), ("beta", 333333), ("gamma", 333333)]
    assert "the values of Digest letter were not read" in (answer.interpretation or "")
