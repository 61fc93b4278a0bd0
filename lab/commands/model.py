"""``orderlens model suggest-synonyms``: proposed synonyms as an overlay file to review.

Why thin: proposals come from :mod:`nl2sql.vocabulary.suggest`; this command loads the model,
picks where the overlay goes, refuses to overwrite a file the owner may have edited, and says
what it wrote. The model's own YAML is only read.
"""

from __future__ import annotations

from pathlib import Path

import click

from connectors.warehouse import connect
from lab.commands._options import db_option


def register(group: click.Group) -> None:
    """Add the ``model`` command group to ``orderlens``."""
    group.add_command(model_group)


@click.group("model")
def model_group() -> None:
    """Work on a semantic model's vocabulary (never rewriting its YAML)."""


@model_group.command("suggest-synonyms")
@click.option(
    "--semantic-model",
    "semantic_model",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Model directory, dbt project or semantic_manifest.json (default: the built-in model).",
)
@db_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Overlay file to write [default: <model>/.orderlens/synonyms.yml, read by ask].",
)
@click.option("--force", is_flag=True, help="Overwrite an existing overlay file.")
@click.option(
    "--llm/--no-llm",
    "use_llm",
    default=None,
    help="Also ask the configured LLM [default: when OPENAI_API_KEY is set].",
)
def suggest_synonyms_command(
    semantic_model: Path | None, db: Path | None, out: Path | None, force: bool, use_llm: bool
) -> None:
    """Write proposed English and Chinese synonyms for every metric, dimension and entity."""
    # the question engine (pandas, sqlglot) loads for this command only (not at start-up)
    from nl2sql.ask import get_model, llm_configured
    from nl2sql.errors import NL2SQLError
    from nl2sql.vocabulary.overlay import default_overlay_path
    from nl2sql.vocabulary.suggest import llm_proposals, render_overlay, resource_proposals
    from semantic_layer import SemanticLayerError, build_catalog

    target = out or default_overlay_path(semantic_model)
    if target is None:
        raise click.UsageError("the built-in model already has synonyms: pass --out FILE")
    if target.exists() and not force:
        raise click.ClickException(
            f"{target} exists (it may hold reviewed synonyms): pass --force to overwrite it "
            "or --out to write elsewhere"
        )
    try:
        model = get_model(semantic_model)
    except SemanticLayerError as exc:
        raise click.ClickException(str(exc)) from exc
    con = None
    if db is not None:
        con = connect(db, read_only=True)
    try:
        catalog = build_catalog(model, con)
    finally:
        if con is not None:
            con.close()
    proposals = resource_proposals(catalog)
    if use_llm or (use_llm is None and llm_configured()):
        # the LLM client loads only when an LLM proposes synonyms
        from nl2sql.llm_engine import make_chat_model

        try:
            proposals += llm_proposals(catalog, make_chat_model())
        except (NL2SQLError, ValueError) as exc:
            raise click.ClickException(f"LLM proposals failed: {exc}") from exc
    target.parent.mkdir(parents=True, exist_ok=True)
    label = str(semantic_model) if semantic_model else "the built-in model"
    target.write_text(render_overlay(proposals, label), encoding="utf-8")
    terms = len({(p.section, p.name) for p in proposals})
    click.echo(f"wrote {len(proposals)} proposed synonyms for {terms} terms to {target}")
    click.echo("review and edit it; `orderlens ask` reads it from there (the model is unchanged)")
