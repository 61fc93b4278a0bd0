"""``orderlens ask "QUESTION"``: the question engine on the command line.

Contract (others depend on it exactly): ``--json`` prints ONE JSON object
``{"sql","columns","rows","interpretation","chart"}``; when the question cannot be answered the
exit status is 2 and the object is ``{"error","reason","suggestions"}``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from lab.commands._options import parquet_dir_option, spark_master_option
from nl2sql.options import ENGINES


def register(group: click.Group) -> None:
    """Add ``ask`` to the ``orderlens`` command group."""
    group.add_command(ask_command)


@click.command("ask")
@click.argument("question")
@click.option(
    "--semantic-model",
    "semantic_model",
    type=click.Path(path_type=Path),
    default=None,
    help="Semantic model directory (default: the built-in model).",
)
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    default=None,
    help="Warehouse file (default: $ORDERLENS_DB or .orderlens/demo.duckdb).",
)
@click.option(
    "--engine",
    type=click.Choice([*ENGINES, "spark"]),
    default="auto",
    show_default=True,
    help="rules = offline; llm needs OPENAI_API_KEY; spark = auto understanding with "
    "the SQL run on Spark (shorthand for --sql-engine spark).",
)
@click.option(
    "--sql-engine",
    "sql_engine",
    type=click.Choice(["duckdb", "spark"]),
    default=None,
    help="Where the SQL runs [default: duckdb].",
)
@spark_master_option
@parquet_dir_option
@click.option(
    "--today",
    default=None,
    metavar="YYYY-MM-DD",
    callback=lambda _ctx, _param, value: _checked_today(value),
    help="Reference date for relative time (default: today).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option(
    "--chart",
    "chart_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write the chart to .png, .svg or .html.",
)
def ask_command(
    question: str,
    semantic_model: Path | None,
    db: Path | None,
    engine: str,
    sql_engine: str | None,
    spark_master: str,
    parquet_dir: Path | None,
    today: str | None,
    as_json: bool,
    chart_path: Path | None,
) -> None:
    """Answer QUESTION (Chinese or English) from the warehouse."""
    # the question engine loads on use (``--help`` does not need it); charts only with --chart
    from nl2sql import NL2SQLError, ask

    if chart_path is not None:  # a file name we cannot write fails before any work is done
        from nl2sql.charts import check_chart_path

        try:
            check_chart_path(chart_path)
        except NL2SQLError as exc:
            # exit 1 (a usage problem), not 2 (the contract's "cannot answer this question")
            raise click.ClickException(str(exc)) from exc

    if engine == "spark":  # the issue's `ask --engine spark`: understanding stays automatic
        if sql_engine == "duckdb":
            raise click.UsageError("--engine spark runs the SQL on Spark; drop --sql-engine duckdb")
        engine, sql_engine = "auto", "spark"
    try:
        answer = ask(
            question,
            model=semantic_model,
            db=db,
            engine=engine,
            today=today,
            sql_engine=sql_engine or "duckdb",
            spark_master=spark_master,
            parquet_dir=parquet_dir,
            # the chart is built only when it is printed (--json) or written (--chart)
            chart=as_json or chart_path is not None,
        )
    except Exception as exc:  # configuration problems: one clear message, status 2
        message = str(exc) if isinstance(exc, NL2SQLError) else f"{type(exc).__name__}: {exc}"
        _fail(message, [], as_json)
        return
    if not answer.ok:
        _fail(answer.error or "cannot answer", answer.suggestions, as_json, answer.reason)
        return
    if chart_path is not None:
        if answer.chart is None:
            click.echo(
                f"note: nothing written to {chart_path}: {_no_chart_reason(answer)}", err=True
            )
        else:
            from nl2sql.charts import save_chart

            try:
                save_chart(answer.chart, chart_path)
            except NL2SQLError as exc:
                _fail(str(exc), [], as_json)
                return
    if as_json:
        click.echo(answer.to_json_str())
    else:
        click.echo(str(answer))
        if chart_path is not None and answer.chart is not None:
            click.echo(f"chart: {chart_path}")


def _checked_today(value: str | None) -> str | None:
    """``--today`` by the server's rule (a date between 1900 and 2999): before, 0001-01-01
    failed deep in the date arithmetic as "ValueError: year -9 is out of range"."""
    if value is None:
        return None
    from lab.server.errors import BadRequest
    from lab.server.payload import date_field

    try:
        return date_field({"today": value}, "today")
    except BadRequest as exc:
        raise click.BadParameter(str(exc).replace('"today"', "--today")) from None


def _no_chart_reason(answer: object) -> str:
    """Why an answered question has no chart, in words a user can act on."""
    if getattr(answer, "card", None) is not None:
        return "an order question is answered with its status trace card, not a chart"
    df = getattr(answer, "df", None)
    if df is not None and df.empty:
        return "the result has no rows"
    query = getattr(answer, "query", None)
    if query is not None and not query.metrics:
        return "the result is a list without a metric to plot"
    return "no chart fits this result's shape (more than two groupings)"


def _fail(error: str, suggestions: list[str], as_json: bool, reason: str = "") -> None:
    """Exit 2 with ``{"error","reason","suggestions"}`` (``reason`` in the question's
    language, ``suggestions`` runnable questions)."""
    if as_json:
        doc = {"error": error, "reason": reason or error, "suggestions": suggestions}
        click.echo(json.dumps(doc, ensure_ascii=False))
    else:
        click.echo(f"Cannot answer: {reason or error}", err=True)
        if suggestions:
            click.echo("Did you mean: " + "; ".join(suggestions), err=True)
    sys.exit(2)
