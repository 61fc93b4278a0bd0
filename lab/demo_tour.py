"""The end of ``make demo``: answer five sample questions (Chinese and English) on the demo.

Why a module rather than shell lines in the Makefile: the same tour is what the README shows
and what a test runs, and it prints a readable table plus the interpretation for each answer.
"""

from __future__ import annotations

import argparse
import sys

from nl2sql import ask

SAMPLE_QUESTIONS: tuple[str, ...] = (
    "最近30天各渠道退货率",
    "revenue by channel last month",
    "找出最近30天退货率>15%且复购率<5%的SKU",
    "top 5 SKUs by units sold this year",  # GMV is order-level: SKUs rank by units
    "按月的订单数",
)


def main(argv: list[str] | None = None) -> int:
    """Ask each sample question against ``--db`` and print the answers; 1 if any failed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=None, help="warehouse file (default: $ORDERLENS_DB)")
    parser.add_argument("--today", default=None, help="reference date for relative time")
    args = parser.parse_args(argv)

    failures = 0
    for question in SAMPLE_QUESTIONS:
        answer = ask(question, db=args.db, today=args.today)
        print(f"\n❯ {question}")
        if answer.refused or answer.error:
            failures += 1
            print(f"  could not answer: {answer.error}")
            if answer.suggestions:
                print("  did you mean: " + ", ".join(answer.suggestions[:5]))
            continue
        print(f"  {answer.interpretation}")
        if answer.df is not None:  # an answer without error always carries its table
            print(answer.df.head(10).to_string(index=False))
    print(
        '\nNext: `.venv/bin/orderlens ask "各渠道的GMV"`, `.venv/bin/orderlens serve`, '
        "`.venv/bin/orderlens run getting_started` — see README.md."
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
