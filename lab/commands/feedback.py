"""``orderlens feedback export``: thumbs up / down from the Ask page as evaluation items.

Why: the questions people really ask, with their verdict, are the best new evaluation items.
The export writes the repo's question-set YAML (``today``, ``model``, ``questions`` as in
``tests/eval/orders_eval.yaml``): thumbs-up answers with their SQL as ``gold_sql``, thumbs-up
refusals as ``refuse: true``, thumbs-down ones with ``review: true`` and no ``gold_sql`` — a
person writes the right SQL before the item joins a set (see :mod:`lab.server.feedback`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import click
import yaml

from lab.server.feedback import default_feedback_file, evaluation_document, read_feedback


def _since(value: str | None) -> datetime | None:
    """``YYYY-MM-DD`` (from that day's start, UTC) or an ISO date-time; None when absent."""
    if not value:
        return None
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), datetime.min.time(), tzinfo=UTC)
        at = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; write e.g. 2026-11-20 or 2026-11-20T08:00",
            param_hint="--since",
        ) from None
    return at if at.tzinfo else at.replace(tzinfo=UTC)


@click.group("feedback")
def feedback_group() -> None:
    """Thumbs up / down given on the Ask page."""


@feedback_group.command("export")
@click.option("--since", default=None, help="Only votes given on or after this date (YYYY-MM-DD).")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the YAML here [default: print it].",
)
@click.option(
    "--feedback-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Votes file [default: $ORDERLENS_FEEDBACK_FILE or orderlens-feedback.jsonl in "
    "Jupyter's data directory, where `orderlens serve` writes them].",
)
def export_command(since: str | None, out: Path | None, feedback_file: Path | None) -> None:
    """Write the votes as evaluation items (thumbs-down ones marked `review: true`)."""
    path = feedback_file or default_feedback_file()
    if not path.exists():
        raise click.ClickException(
            f"no feedback file at {path}: nobody has voted on this server yet, or the server "
            "writes elsewhere (pass --feedback-file or set $ORDERLENS_FEEDBACK_FILE)"
        )
    votes = read_feedback(path, since=_since(since))
    doc = evaluation_document(votes)
    items = doc["questions"]
    review = sum(1 for i in items if i.get("review"))
    header = (
        f"# OrderLens feedback from {path}"
        + (f" since {since}" if since else "")
        + f": {len(items)} items ({len(items) - review} confirmed, {review} for review).\n"
        "# Items with `review: true` have no gold_sql: the evaluation loaders skip them (with a\n"
        "# count) until a person writes the right SQL (or `refuse: true`) and drops `review`.\n"
    )
    text = header + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
    if out is None:
        click.echo(text, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    click.echo(f"OrderLens: {len(items)} items ({review} for review) written to {out}", err=True)


def register(cli: click.Group) -> None:
    """Add ``orderlens feedback`` to the CLI."""
    cli.add_command(feedback_group)
