"""One evaluation module per capability, each with ``run(db_path) -> list[str]`` (``make eval``).

The seeded warehouse every evaluation runs on is defined here, beside the evaluations, so that
the runner (``lab.evaluate``) and the held-out harness that rebuilds it share one definition.
"""

EVAL_ORDERS = 20_000
EVAL_SEED = 7
EVAL_END_DATE = "2026-11-20"
