"""Proposed synonyms for a model, written as an overlay file for its owner to review.

Why proposals and not learning: the engine must stay deterministic and explainable, so nothing
it sees at question time changes what it understands. Instead the owner runs
``orderlens model suggest-synonyms`` once, reads the proposals — each with the resource and
score that produced it — deletes what is wrong, adds what is missing, and keeps the file beside
the model (see :mod:`nl2sql.vocabulary.overlay`). Proposals come from the same bridges the
engine uses (name suffixes, descriptions, the business thesaurus, CC-CEDICT), and, when a chat
model is configured, from the LLM too (marked as such).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from nl2sql.vocabulary.bridges import build_bridges
from nl2sql.vocabulary.chinese import word_frequency
from nl2sql.vocabulary.overlay import FORMAT_KEY
from semantic_layer.catalog import Catalog

#: proposals kept per model term and language, best first
PER_LANGUAGE = 15
#: bridges below this score are too weak to be worth a reviewer's time
MIN_SCORE = 0.5
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Proposal:
    """One proposed word for one model term (a value when ``value`` is set)."""

    section: str  # metrics | dimensions | entities | values
    name: str
    value: str | None
    word: str
    source: str
    score: float


def resource_proposals(catalog: Catalog) -> list[Proposal]:
    """Proposals from the vocabulary resources, at most :data:`PER_LANGUAGE` per term+language."""
    section = {"metric": "metrics", "dimension": "dimensions", "entity": "entities"}
    grouped: dict[tuple[str, str, str | None, bool], list[Proposal]] = defaultdict(list)
    for b in build_bridges(catalog):
        if b.score < MIN_SCORE:
            continue
        sec = "values" if b.kind == "value" else section[b.kind]
        key = (sec, b.name, b.value, bool(_CJK.search(b.term)))
        grouped[key].append(Proposal(sec, b.name, b.value, b.term, b.source, b.score))
    out: list[Proposal] = []
    for key in sorted(grouped, key=lambda k: (k[0], k[1], k[2] or "", k[3])):
        # equal scores: the everyday word first (jieba's frequency), so 商店 before 铺户
        ranked = sorted(grouped[key], key=lambda p: (-p.score, -word_frequency(p.word), p.word))
        out.extend(ranked[:PER_LANGUAGE])
    return out


_LLM_PROMPT = (
    "You propose synonyms for the terms of an analytics semantic model, so that business "
    "users can ask questions in everyday English and Chinese. For each term give up to 4 "
    "English and 4 Chinese words or short phrases people really use for it. Only words that "
    "mean exactly the term; no explanations. Answer with one JSON object: "
    '{"metrics": {name: [words]}, "dimensions": {name: [words]}, "entities": {name: [words]}}.'
)


def llm_proposals(catalog: Catalog, chat_model: Any) -> list[Proposal]:
    """Proposals from a chat model (``invoke(messages) -> message with .content``).

    Names the model does not have and non-string words are dropped; a reply that is not JSON
    raises ``ValueError`` naming the problem, so a broken endpoint is never mistaken for "no
    proposals".
    """
    terms = {
        "metrics": {m.name: f"{m.label}: {m.description}".strip(": ") for m in catalog.metrics},
        "dimensions": {
            d.name: f"{d.label}: {d.description}".strip(": ")
            for d in catalog.dimensions
            if d.dim_type != "time"
        },
        "entities": {e.name: f"{e.label}: {e.description}".strip(": ") for e in catalog.entities},
    }
    reply = chat_model.invoke(
        [("system", _LLM_PROMPT), ("human", json.dumps(terms, ensure_ascii=False))]
    )
    text = str(getattr(reply, "content", reply)).strip()
    match = re.search(r"\{.*\}", text, re.S)
    try:
        doc = json.loads(match.group(0) if match else text)
    except ValueError as exc:
        raise ValueError(f"the LLM's synonyms reply is not JSON: {text[:120]!r}") from exc
    out: list[Proposal] = []
    for section, known in terms.items():
        for name, words in (doc.get(section) or {}).items():
            if name not in known or not isinstance(words, list):
                continue
            for w in words:
                if isinstance(w, str) and w.strip():
                    out.append(Proposal(section, name, None, w.strip(), "llm", 1.0))
    return out


def _q(text: str) -> str:
    """A YAML-safe scalar (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def render_overlay(proposals: list[Proposal], model_label: str) -> str:
    """The overlay file text: the proposals grouped per term, each with its source and score."""
    lines = [
        f"# Proposed synonyms for {model_label} (orderlens model suggest-synonyms).",
        "# Review: delete what is wrong, add what is missing, then keep this file where it is.",
        "# OrderLens reads it on every question; the model's own YAML is never changed.",
        f"{FORMAT_KEY}: 1",
    ]
    by_section: dict[str, dict[str, list[Proposal]]] = defaultdict(lambda: defaultdict(list))
    for p in proposals:
        by_section[p.section][p.name].append(p)
    for section in ("metrics", "dimensions", "entities", "values"):
        terms = by_section.get(section)
        if not terms:
            continue
        lines.append(f"{section}:")
        for name in sorted(terms):
            lines.append(f"  {_q(name)}:")
            seen: set[tuple[str | None, str]] = set()
            if section == "values":
                per_value: dict[str, list[Proposal]] = defaultdict(list)
                for p in terms[name]:
                    per_value[p.value or ""].append(p)
                for value in sorted(per_value):
                    lines.append(f"    {_q(value)}:")
                    for p in per_value[value]:
                        if (p.value, p.word) not in seen:
                            seen.add((p.value, p.word))
                            lines.append(f"      - {_q(p.word)}  # {p.source} {p.score:.2f}")
                continue
            for p in terms[name]:
                if (None, p.word) not in seen:
                    seen.add((None, p.word))
                    lines.append(f"    - {_q(p.word)}  # {p.source} {p.score:.2f}")
    return "\n".join(lines) + "\n"
