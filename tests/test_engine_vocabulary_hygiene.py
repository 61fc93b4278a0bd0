"""No held-out model's multi-word label or name in the question engine's source.

Why: the engine is judged on models it has never seen. A label of an evaluation model quoted in
``nl2sql/`` or ``semantic_layer/`` — even in a comment, a docstring or a doctest (doctests are
executed code) — is a sign that a rule was shaped on that model, and it invites the next rule to
be. Examples in engine text use invented domains instead (a bakery, a bike rental, a library).

The terms are read from the models under ``tests/eval/*/model/`` (shared by the dev and the test
half of each set; the questions of ``test.yaml`` are never read). A term is two or more words
after splitting on anything that is not a letter or digit, so ``tail_num`` and "Tail Number"
both count; source text is split the same way, so a label wrapped over two docstring lines is
still found.
"""

from __future__ import annotations

import io
import keyword
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
ENGINE_DIRS = ("nl2sql", "semantic_layer")
MODEL_GLOB = "tests/eval/*/model/*.y*ml"

# Generic business or calendar language that every order-operations model uses; these may stay.
# Each entry says why it is not one project's vocabulary.
ALLOWED = {
    "customer id": "the key column of any customer table",
    "customer count": "a count of customers: every order model has one",
    "first name": "a person's name part",
    "last name": "a person's name part",
    "product name": "the name column of any product table",
    "order count": "the product's own core measure (orders are OrderLens's domain)",
    "return count": "the built-in orders model's own measure (returns of orders)",
    "average order value": "the standard e-commerce KPI (AOV), the built-in model's kind",
    "cancellation rate": "a generic order-operations rate, like return rate",
    "ship date": "a generic order-operations date",
    "total sales": "a generic business total",
    "discount amount": "a generic order money column",
    "sales channel": "a generic order attribute",
    "time zone": "calendar language",
    "item id": "the key column of any item table",
}
WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def source_runs(source: str) -> Iterator[list[str]]:
    """Runs of words in Python source, broken at operators and keywords.

    Comments and strings give their words (a docstring is one run, so a label wrapped over two
    lines is found); names give theirs (``plane__tail_number``: plane tail number). A keyword or
    an operator ends a run, so code such as ``return count_metric(...)`` is not "return count".
    """
    run: list[str] = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in (tokenize.COMMENT, tokenize.STRING) or (
            tok.type == tokenize.NAME and not keyword.iskeyword(tok.string)
        ):
            run += _words(tok.string)
        elif tok.type in (tokenize.OP, tokenize.NAME):
            if run:
                yield run
            run = []
    if run:
        yield run


def _labels_and_names(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key in ("label", "name"):
            value = node.get(key)
            if isinstance(value, str):
                yield value
        for value in node.values():
            yield from _labels_and_names(value)
    elif isinstance(node, list):
        for value in node:
            yield from _labels_and_names(value)


def model_terms() -> dict[str, str]:
    """Every multi-word label or name of the held-out models, normalised, with its model file."""
    terms: dict[str, str] = {}
    for path in sorted(ROOT.glob(MODEL_GLOB)):
        for text in _labels_and_names(yaml.safe_load(path.read_text(encoding="utf-8"))):
            words = _words(text)
            if len(words) >= 2:
                terms.setdefault(" ".join(words), str(path.relative_to(ROOT)))
    return terms


def engine_hits(terms: dict[str, str], allowed: dict[str, str]) -> list[str]:
    """``file: term (model file)`` for each engine source file quoting a term not allowed."""
    wanted = {term for term in terms if term not in allowed}
    longest = max((len(term.split()) for term in wanted), default=0)
    hits = []
    for top in ENGINE_DIRS:
        for path in sorted((ROOT / top).rglob("*.py")):
            found = set()
            for words in source_runs(path.read_text(encoding="utf-8")):
                for n in range(2, longest + 1):
                    for i in range(len(words) - n + 1):
                        gram = " ".join(words[i : i + n])
                        if gram in wanted:
                            found.add(gram)
            rel = path.relative_to(ROOT)
            hits += [f"{rel}: {term!r} ({terms[term]})" for term in sorted(found)]
    return hits


def test_the_held_out_models_are_read() -> None:
    """The guard must see real terms, or it would pass on nothing."""
    terms = model_terms()
    assert "tail number" in terms and "net profit" in terms
    assert len(terms) > 50


def test_allow_list_entries_are_model_terms() -> None:
    """An allow-list entry no model uses any more is dead weight: remove it."""
    unused = sorted(set(ALLOWED) - set(model_terms()))
    assert unused == []


def test_guard_finds_labels_in_text_not_in_code() -> None:
    """A label wrapped over two docstring lines or in a name is found; code keywords split."""
    source = 'def f():\n    """the tail\n    Number of a plane"""\n    return count_metric(plane__year_built)\n'
    joined = [" ".join(run) for run in source_runs(source)]
    assert any("tail number" in run for run in joined)
    assert any("plane year built" in run for run in joined)
    assert not any("return count" in run for run in joined)


@pytest.mark.parametrize("top", ENGINE_DIRS)
def test_engine_source_quotes_no_held_out_model_vocabulary(top: str) -> None:
    """Fails naming each file and term; rewrite the example with an invented domain."""
    hits = [hit for hit in engine_hits(model_terms(), ALLOWED) if hit.startswith(top + "/")]
    assert hits == [], (
        "engine source quotes held-out model vocabulary (use an invented example instead):\n"
        + "\n".join(hits)
    )
