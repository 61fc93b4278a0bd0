"""The offline, deterministic rules engine: question -> ``SemanticQuery`` or a refusal.

The pipeline: normalize -> find time expressions -> split the rest into items
(:mod:`~nl2sql.rules.tokenize`) -> an explicit list of passes over the items
(:mod:`~nl2sql.rules.parser`, one module per pass in :mod:`nl2sql.rules.passes`) -> validation
against the catalog. :func:`understand` is the entry point.
"""

from __future__ import annotations

from nl2sql.options import MAX_QUESTION_CHARS
from nl2sql.rules.engine import length_refusal, understand
from nl2sql.rules.items import Item, Refusal, Understanding, detect_lang, target_plural
from nl2sql.rules.passes.top_n import DEFAULT_TOP_N

__all__ = [
    "DEFAULT_TOP_N",
    "MAX_QUESTION_CHARS",
    "Item",
    "Refusal",
    "Understanding",
    "detect_lang",
    "length_refusal",
    "target_plural",
    "understand",
]
