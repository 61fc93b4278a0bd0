"""The first ``orderlens ask`` on a model OrderLens has never seen, against ``import duckdb``.

Why: a judge's, or a new user's, first contact is ``orderlens ask "…" --semantic-model
THEIR_PROJECT --db THEIR.duckdb`` with nothing cached. That run loads the model, reads its
values, builds its vocabulary (the Chinese bridges look the model's words up in CC-CEDICT and
ECDICT) and answers. ``bench_cli.py`` times a cold process on the demo with the disk caches
warm; this one empties the cache directory (``ORDERLENS_CACHE_DIR``) before every run, so
every run is a first contact. The model is written here, in another domain than the demo
(insurance policies and claims, English names only, no synonyms, as other people's dbt projects
are written), with a small seeded DuckDB warehouse.

Why a ratio: the machine's load changes seconds several-fold from run to run; Python starting
and importing DuckDB, timed interleaved in the same run, is the floor. Prints ``first-ask:
ask_s=… duckdb_s=… ratio=…`` (medians) and exits 1 when the median misses :data:`TARGET_S`.

Usage: ``python bench/bench_first_ask.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import duckdb
from bench_cli import timed

#: one English and one Chinese question (the Chinese one reads the bridges built from the
#: dictionaries; the vocabulary is built for both)
QUESTIONS = ("earned premium by line of business", "各州的理赔数")
#: seconds: the demo's cold ask with warm caches is ~1 s; a first contact adds the model's
#: load, its values and its vocabulary build from the prebuilt dictionary stores (measured
#: 1.26 s at load 3.4; the dictionaries derived per process, as before the stores, took ~6 s)
TARGET_S = 2.0

MODEL = """
semantic_models:
  - name: premiums
    description: Written and earned premium per policy.
    model: ref('fct_premium')
    defaults: {agg_time_dimension: premium_month}
    entities:
      - {name: policy, type: primary, expr: policy_id}
    dimensions:
      - {name: premium_month, type: time, type_params: {time_granularity: month}}
      - {name: line_of_business, type: categorical}
      - {name: state, type: categorical}
      - {name: channel, type: categorical, description: Distribution channel of the policy.}
    measures:
      - {name: written_premium, agg: sum}
      - {name: earned_premium, agg: sum}
      - {name: underwriting_expense, agg: sum}
      - {name: policies, agg: count_distinct, expr: policy_id}
  - name: claims
    description: Claims filed against policies.
    model: ref('fct_claim')
    defaults: {agg_time_dimension: loss_date}
    entities:
      - {name: claim, type: primary, expr: claim_id}
      - {name: policy, type: foreign, expr: policy_id}
    dimensions:
      - {name: loss_date, type: time, type_params: {time_granularity: day}}
      - {name: peril, type: categorical}
      - {name: claim_status, type: categorical}
    measures:
      - {name: incurred_loss, agg: sum}
      - {name: claim_count, agg: count, expr: claim_id}
metrics:
  - {name: written_premium, label: Written Premium, type: simple,
     type_params: {measure: written_premium}}
  - {name: earned_premium, label: Earned Premium, type: simple,
     type_params: {measure: earned_premium}}
  - {name: incurred_loss, label: Incurred Loss, type: simple, type_params: {measure: incurred_loss}}
  - {name: underwriting_expense, label: Underwriting Expense, type: simple,
     type_params: {measure: underwriting_expense}}
  - {name: claims, label: Claims, type: simple, type_params: {measure: claim_count}}
  - {name: policy_count, label: Policies, type: simple, type_params: {measure: policies}}
  - name: loss_ratio
    label: Loss Ratio
    description: Incurred loss over earned premium.
    type: ratio
    type_params: {numerator: incurred_loss, denominator: earned_premium}
  - name: expense_ratio
    label: Expense Ratio
    type: ratio
    type_params: {numerator: underwriting_expense, denominator: written_premium}
"""

DATA = """
CREATE TABLE fct_premium AS
SELECT i AS policy_id,
       DATE '2024-01-01' + INTERVAL (i % 24) MONTH AS premium_month,
       ['Auto', 'Homeowners', 'Commercial Property', 'Marine'][1 + i % 4] AS line_of_business,
       ['TX', 'CA', 'NY', 'FL', 'IL'][1 + i % 5] AS state,
       ['agency', 'direct', 'broker'][1 + i % 3] AS channel,
       100.0 + (i * 37) % 900 AS written_premium,
       90.0 + (i * 31) % 800 AS earned_premium,
       10.0 + (i * 7) % 90 AS underwriting_expense
FROM range(2000) t(i);
CREATE TABLE fct_claim AS
SELECT i AS claim_id, (i * 13) % 2000 AS policy_id,
       DATE '2024-01-01' + INTERVAL (i % 700) DAY AS loss_date,
       ['Fire', 'Flood', 'Theft', 'Collision', 'Wind'][1 + i % 5] AS peril,
       ['open', 'closed', 'reopened'][1 + i % 3] AS claim_status,
       500.0 + (i * 53) % 9000 AS incurred_loss
FROM range(900) t(i);
"""


def write_project(root: Path) -> tuple[Path, Path]:
    """The benchmark's model directory and DuckDB file under ``root``."""
    model = root / "model"
    model.mkdir(parents=True)
    (model / "insurance.yml").write_text(MODEL)
    db = root / "insurance.duckdb"
    con = duckdb.connect(str(db))
    con.execute(DATA)
    con.close()
    return model, db


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="orderlens-first-ask-"))
    try:
        model, db = write_project(root)
        cli = [sys.executable, "-m", "lab.cli", "ask"]
        where = ["--semantic-model", str(model), "--db", str(db), "--today", "2026-01-31"]
        floor = [sys.executable, "-c", "import duckdb"]
        ask_s: list[float] = []
        duck_s: list[float] = []
        for run in range(args.runs):
            for i, question in enumerate(QUESTIONS):  # interleaved: a load spike hits both
                cache = root / f"cache-{run}-{i}"  # empty: nothing of this model is known
                env = {**os.environ, "ORDERLENS_CACHE_DIR": str(cache)}
                duck_s.append(timed(floor))
                ask_s.append(timed([*cli, question, *where], env))
                shutil.rmtree(cache, ignore_errors=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    ask_med, duck_med = statistics.median(ask_s), statistics.median(duck_s)
    met = ask_med < TARGET_S
    print(
        f"first-ask: ask_s={ask_med:.2f} duckdb_s={duck_med:.2f} ratio={ask_med / duck_med:.1f} "
        f"(median of {len(ask_s)}; max ask_s={max(ask_s):.2f}; target ask_s < {TARGET_S:.0f}; "
        f"load average {os.getloadavg()[0]:.1f}) {'MET' if met else 'MISSED'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
